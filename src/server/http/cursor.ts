/**
 * Opaque cursors for keyset-paged lists: a list answers `next_cursor` when more records follow,
 * and the client sends it back as `cursor` for the next page. The cursor is the position of the
 * page's last record in the list's order (created_at to the microsecond, then id), base64url
 * encoded; clients must not build or read it. A cursor names no content: it only says where to
 * continue, and every page is read through the access rule again.
 */
import { z } from "zod";
import type { ListPosition } from "../records/kernel.js";

/** PostgreSQL's text of a timestamptz (DateStyle ISO), as the kernel reads it. */
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;

export const encodeCursor = (p: ListPosition): string => Buffer.from(JSON.stringify([p.at, p.id]), "utf8").toString("base64url");

/** The position a cursor names, or null for anything this server did not give out. */
export function decodeCursor(cursor: string): ListPosition | null {
  if (!/^[A-Za-z0-9_-]{1,400}$/.test(cursor)) return null;
  let v: unknown;
  try { v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")); } catch { return null; }
  if (!Array.isArray(v) || v.length !== 2) return null;
  const [at, id] = v;
  if (typeof at !== "string" || !PG_TIMESTAMP.test(at) || Number.isNaN(Date.parse(at.replace(" ", "T").replace(/([+-]\d{2})$/, "$1:00")))) return null;
  if (typeof id !== "string" || !id || id.length > 100 || /[\u0000-\u001f]/.test(id)) return null;
  return { at, id };
}

/** Largest and default page of a paged list. */
export const PAGE_MAX = 200;
export const PAGE_DEFAULT = 50;

/** The `limit` and `cursor` query parameters of a paged list (a bad one answers 400 naming it). */
export const pageQuery = {
  limit: z.coerce.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(PAGE_MAX, `must be at most ${PAGE_MAX}`)
    .default(PAGE_DEFAULT).describe(`records per page, 1 to ${PAGE_MAX} (default ${PAGE_DEFAULT})`),
  cursor: z.string().max(400).refine((c) => decodeCursor(c) !== null, "is not a cursor this list gave out; start again without it").optional()
    .describe("the next_cursor of the previous page; absent for the first page"),
};
