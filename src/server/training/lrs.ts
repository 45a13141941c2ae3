/**
 * xAPI statements to a Learning Record Store (docs/decisions/0041). Every statement is kept in
 * xapi_statement (migration 0023); when XAPI_LRS_URL is set (with XAPI_LRS_AUTH, the whole
 * Authorization header, e.g. "Basic …") they are also POSTed to `${url}/statements` as xAPI 1.0.3
 * and marked sent. Without an LRS, or when it fails (network, timeout, a status other than 2xx),
 * they stay unsent for `flushStatements` to send later; recording never fails because the LRS did.
 */
import { createHmac } from "node:crypto";
import type { Db, Queryable } from "../../db/connection.js";
import { isUuidV4, XAPI_VERSION, type Statement } from "../../core/training/xapi.js";

export interface LrsConfig {
  /** the LRS's xAPI endpoint, without /statements */
  url: string;
  /** the Authorization header's value ("Basic …"), when the LRS needs one */
  auth?: string;
}

const REQUEST_TIMEOUT_MS = 10_000;
/** How many unsent statements one flush sends in one request. */
const FLUSH_BATCH = 100;

/** The LRS from the environment, or null when none is set; a malformed address is an error at start-up, naming the variable. */
export function lrsConfigFromEnv(env: NodeJS.ProcessEnv = process.env): LrsConfig | null {
  const raw = env.XAPI_LRS_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try { url = new URL(raw); } catch { throw new Error(`XAPI_LRS_URL must be an absolute http(s) address such as https://lrs.example.org/xapi, got "${raw}"`); }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`XAPI_LRS_URL must start with https:// or http://, got "${raw}"`);
  const auth = env.XAPI_LRS_AUTH?.trim();
  return { url: url.toString().replace(/\/+$/, ""), ...(auth ? { auth } : {}) };
}

/**
 * An opaque, stable pseudonym for a learner in xAPI statements: an HMAC of their id under a secret
 * the deployment keeps, so the LRS can follow one learner without learning who they are.
 */
export const xapiPseudonym = (secret: string, learnerId: string) => createHmac("sha256", secret).update(`xapi:${learnerId}`).digest("base64url").slice(0, 32);

export interface RecordOptions {
  /** the LRS; by default from the environment (lrsConfigFromEnv) */
  lrs?: LrsConfig | null;
  cohortId?: string;
  participantId?: string;
}
export interface RecordOutcome {
  /** statements newly kept (a statement whose id is already kept is not kept again) */
  stored: number;
  /** statements the LRS accepted in this call */
  sent: number;
  /** why sending failed, when it did (they wait unsent) */
  error?: string;
}

/** POSTs statements to the LRS; resolves to an error text when it did not take them. */
async function post(lrs: LrsConfig, statements: unknown[]): Promise<string | null> {
  try {
    const res = await fetch(`${lrs.url}/statements`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-experience-api-version": XAPI_VERSION, ...(lrs.auth ? { authorization: lrs.auth } : {}) },
      body: JSON.stringify(statements),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      redirect: "error",
    });
    await res.arrayBuffer().catch(() => undefined);
    return res.ok ? null : `the LRS answered ${res.status}`;
  } catch (e) {
    return `the LRS could not be reached (${(e as Error).message})`;
  }
}

async function mark(db: Queryable, ids: string[], sent: boolean) {
  await db.query(`update xapi_statement set attempts = attempts + 1${sent ? ", sent_at = now()" : ""} where id = any($1::uuid[])`, [ids]);
}

/**
 * Keeps the statements (in one statement: all or none) and, when an LRS is configured, sends
 * the ones newly kept. A statement without a UUID v4 id is refused before anything is written.
 */
export async function recordStatements(db: Db, statements: Statement[], options: RecordOptions = {}): Promise<RecordOutcome> {
  const bad = statements.findIndex((s) => !isUuidV4(s.id));
  if (bad >= 0) throw new Error(`statements[${bad}].id: must be a UUID v4`);
  const lrs = options.lrs === undefined ? lrsConfigFromEnv() : options.lrs;
  // One statement for all of them: all kept or none, and cheap when a whole room answers at once.
  const stored = statements.length ? (await db.query<{ id: string }>(
    `insert into xapi_statement (id, statement, cohort_id, participant_id)
     select (s->>'id')::uuid, s, $2, $3 from jsonb_array_elements($1::jsonb) as s on conflict (id) do nothing returning id`,
    [JSON.stringify(statements), options.cohortId ?? null, options.participantId ?? null],
  )).rows.map((x) => x.id) : [];
  if (!lrs || !stored.length) return { stored: stored.length, sent: 0 };
  const fresh = statements.filter((s) => stored.includes(s.id));
  const error = await post(lrs, fresh);
  await mark(db, stored, !error);
  return { stored: stored.length, sent: error ? 0 : stored.length, ...(error ? { error } : {}) };
}

/** Sends the statements still unsent, oldest first, in batches; stops at the first failure. */
export async function flushStatements(db: Db, lrs: LrsConfig | null = lrsConfigFromEnv()): Promise<{ sent: number; error?: string }> {
  if (!lrs) return { sent: 0 };
  let sent = 0;
  for (;;) {
    const rows = (await db.query<{ id: string; statement: unknown }>("select id, statement from xapi_statement where sent_at is null order by created_at, id limit $1", [FLUSH_BATCH])).rows;
    if (!rows.length) return { sent };
    const stmts = rows.map((r) => (typeof r.statement === "string" ? JSON.parse(r.statement) : r.statement));
    const error = await post(lrs, stmts);
    await mark(db, rows.map((r) => r.id), !error);
    if (error) return { sent, error };
    sent += rows.length;
  }
}
