/**
 * What the kernel needs to know about the request it serves, without threading it through
 * every service: the reader's reason for opening AMBER+STRICT or RED content (the `reason`
 * query parameter, or the `x-access-reason` header, percent-encoded, which the web client
 * sends once the reader has given one) and who is acting, for the audit entry of that read.
 */
import type { Language } from "./language.js";
import { AsyncLocalStorage } from "node:async_hooks";
import type { FastifyRequest } from "fastify";
import type { AuditActor } from "../platform/audit.repository.js";

/** `language`: the reader's language (Accept-Language), for texts the server builds from content. */
export interface RequestContext { reason?: string; actor?: AuditActor; language?: Language }
const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = (): RequestContext => storage.getStore() ?? {};
export const withRequestContext = <T>(ctx: RequestContext, fn: () => T): T => storage.run(ctx, fn);

/** The reason the request carries, if any (a malformed header counts as none). */
export function reasonOf(req: FastifyRequest): string | undefined {
  const q = (req.query as Record<string, unknown> | undefined)?.reason;
  if (typeof q === "string" && q.trim()) return q.trim();
  const h = req.headers["x-access-reason"];
  if (typeof h !== "string" || !h.trim()) return undefined;
  try { return decodeURIComponent(h).trim() || undefined; } catch { return undefined; }
}
