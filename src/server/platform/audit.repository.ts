import type { Queryable } from "../../db/connection.js";
import { entryHash, GENESIS_HASH, verifyChain, verifyCheckpoints, type AnchorProblem, type AuditEntry, type ChainProblem } from "../../core/platform/auditChain.js";
import type { AuditAnchor } from "./auditAnchor.js";
import { sha256 } from "./crypto.js";

/** Who did it, from where, and why: attached to every audited action. */
export interface AuditActor {
  userId: string | null;
  organisationId: string | null;
  ip: string | null;
}

export interface AuditEvent {
  action: string;
  targetKind?: string;
  targetId?: string;
  reason?: string | null;
  /** ids, field names and counts only: never the content of a record */
  details?: Record<string, unknown>;
}

/** Orders audit appends, and checkpoints of the head after them. */
export const AUDIT_LOCK = 724_003;

/**
 * Appends one entry to the chain inside the caller's transaction, so the audited change and
 * its audit entry land together or not at all. A transaction-scoped advisory lock orders
 * concurrent appends, also across several app instances on one PostgreSQL.
 */
export async function appendAudit(tx: Queryable, actor: AuditActor, event: AuditEvent): Promise<number> {
  await tx.query("select pg_advisory_xact_lock($1)", [AUDIT_LOCK]);
  const last = await tx.query<{ seq: string; hash: string }>("select seq, hash from audit_log order by seq desc limit 1");
  const seq = last.rows.length ? Number(last.rows[0].seq) + 1 : 1;
  const prev = last.rows[0]?.hash ?? GENESIS_HASH;
  const fields = {
    seq, at: new Date().toISOString(), actor_id: actor.userId, actor_org: actor.organisationId, action: event.action,
    target_kind: event.targetKind ?? null, target_id: event.targetId ?? null, ip: actor.ip, reason: event.reason ?? null,
    details: event.details ?? {},
  };
  const hash = entryHash(fields, prev, sha256);
  await tx.query(
    `insert into audit_log (seq, at, actor_id, actor_org, action, target_kind, target_id, ip, reason, details, prev_hash, hash)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12)`,
    [seq, fields.at, fields.actor_id, fields.actor_org, fields.action, fields.target_kind, fields.target_id, fields.ip, fields.reason, JSON.stringify(fields.details), prev, hash],
  );
  return seq;
}

function toEntry(r: Record<string, unknown>): AuditEntry {
  return {
    seq: Number(r.seq), at: new Date(r.at as string).toISOString(), actor_id: r.actor_id as string | null, actor_org: r.actor_org as string | null,
    action: r.action as string, target_kind: r.target_kind as string | null, target_id: r.target_id as string | null,
    ip: r.ip as string | null, reason: r.reason as string | null, details: r.details, prev_hash: r.prev_hash as string, hash: r.hash as string,
  };
}

/** There are signed checkpoints to check, but no key to check them with. */
export class MissingAnchorKey extends Error {}

export type AuditProblem = ChainProblem | AnchorProblem | { line: number; problem: "unreadable-checkpoint-line" };
export type AuditVerification =
  | { ok: true; count: number; checkpoints: number; last_checkpoint: { seq: number; at: string } | null }
  | { ok: false; first: AuditProblem; problems: AuditProblem[] };

/** Checks the whole chain; names the first entry that was edited, deleted or moved. */
export async function verifyAudit(db: Queryable): Promise<ReturnType<typeof verifyChain>>;
/**
 * With the deployment's anchor, also checks its signed checkpoints (docs/decisions/0012): a cut
 * tail, an entry rewritten with every later hash recomputed, a forged or altered checkpoint, a
 * checkpoint deleted from the table. Read in this order: the file, the table, then the chain,
 * so a checkpoint written meanwhile never looks like it is past the head.
 */
export async function verifyAudit(db: Queryable, anchor: AuditAnchor): Promise<AuditVerification>;
export async function verifyAudit(db: Queryable, anchor?: AuditAnchor): Promise<ReturnType<typeof verifyChain> | AuditVerification> {
  if (!anchor) {
    const { rows } = await db.query("select * from audit_log order by seq");
    return verifyChain(rows.map(toEntry), sha256);
  }
  const file = anchor.fileCheckpoints();
  const table = await anchor.tableCheckpoints(db);
  if (!anchor.keyId && (table.length || file.checkpoints.length)) {
    throw new MissingAnchorKey(`there are signed audit checkpoints but no key at ${anchor.paths.keyFile} to check them: point AUDIT_SIGNING_KEY_FILE at the deployment's key (its public half is enough)`);
  }
  const entries = (await db.query("select * from audit_log order by seq")).rows.map(toEntry);
  const chain = verifyChain(entries, sha256);
  const problems: AuditProblem[] = [
    ...(chain.ok ? [] : [chain.first]),
    ...verifyCheckpoints(entries, table, file.checkpoints, (c) => anchor.verifySignature(c)),
    ...file.unreadable.map((u) => ({ line: u.line, problem: "unreadable-checkpoint-line" as const })),
  ];
  if (problems.length) return { ok: false, first: problems[0], problems };
  const last = table.at(-1);
  return { ok: true, count: entries.length, checkpoints: table.length, last_checkpoint: last ? { seq: last.seq, at: last.at } : null };
}

export interface AuditFilter {
  actor?: string;
  organisation?: string;
  action?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export async function listAudit(db: Queryable, f: AuditFilter): Promise<{ total: number; entries: AuditEntry[] }> {
  const { rows } = await db.query(
    `select *, count(*) over () as total from audit_log
     where ($1::text is null or actor_id = $1) and ($2::text is null or actor_org = $2)
       and ($3::text is null or action = $3 or action like $3 || '.%')
       and ($4::timestamptz is null or at >= $4) and ($5::timestamptz is null or at < $5)
     order by seq desc limit $6 offset $7`,
    [f.actor ?? null, f.organisation ?? null, f.action ?? null, f.from ?? null, f.to ?? null, f.limit, f.offset],
  );
  return { total: rows.length ? Number(rows[0].total) : 0, entries: rows.map(toEntry) };
}
