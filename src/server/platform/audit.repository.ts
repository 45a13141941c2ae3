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
  const details = event.targetKind === "record" && event.targetId
    ? { ...event.details, record_hashes: await recordHashes(tx, [event.targetId]) }
    : event.details ?? {};
  const fields = {
    seq, at: new Date().toISOString(), actor_id: actor.userId, actor_org: actor.organisationId, action: event.action,
    target_kind: event.targetKind ?? null, target_id: event.targetId ?? null, ip: actor.ip, reason: event.reason ?? null,
    details,
  };
  const hash = entryHash(fields, prev, sha256);
  await tx.query(
    `insert into audit_log (seq, at, actor_id, actor_org, action, target_kind, target_id, ip, reason, details, prev_hash, hash)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12)`,
    [seq, fields.at, fields.actor_id, fields.actor_org, fields.action, fields.target_kind, fields.target_id, fields.ip, fields.reason, JSON.stringify(fields.details), prev, hash],
  );
  return seq;
}

/**
 * The content hash of each record's row as stored now (SQL function record_hash, migration 0013),
 * null for a row that is gone. Every entry about a record carries it, so the chain holds the
 * latest state of every record (docs/decisions/0019).
 */
export async function recordHashes(db: Queryable, ids: string[]): Promise<Record<string, string | null>> {
  const { rows } = await db.query<{ id: string; hash: string }>("select r.id, record_hash(r) as hash from record r where r.id = any($1::text[])", [ids]);
  const found = new Map(rows.map((r) => [r.id, r.hash]));
  return Object.fromEntries(ids.map((id) => [id, found.get(id) ?? null]));
}

/** A record whose row no longer matches the chain: changed, deleted or added outside the app. */
export type RecordProblem =
  /** its row differs from the hash of the latest entry about it (or the chain says it was deleted) */
  | { record: string; problem: "record-changed"; seq: number }
  /** the chain holds a hash for it but the row is gone */
  | { record: string; problem: "record-missing"; seq: number }
  /** no audit entry covers it: written outside the app */
  | { record: string; problem: "record-unchained" };

/**
 * Checks every record against the chain in one query: the database hashes each row and compares
 * it with the latest hash the chain holds for it. Returns how many records it checked and the
 * problems, at most `limit` of them.
 */
export async function verifyRecords(db: Queryable, limit = 1000): Promise<{ records: number; problems: RecordProblem[] }> {
  const { rows } = await db.query<{ id: string; chain_hash: string | null; row_hash: string | null; seq: string | null; chained: boolean }>(
    `with chain as (
       select distinct on (k.key) k.key as id, k.value #>> '{}' as hash, a.seq
       from audit_log a cross join lateral jsonb_each(a.details->'record_hashes') k
       where jsonb_typeof(a.details->'record_hashes') = 'object'
       order by k.key, a.seq desc
     ), cur as (select r.id, record_hash(r) as hash from record r)
     select coalesce(c.id, cur.id) as id, c.hash as chain_hash, cur.hash as row_hash, c.seq, c.id is not null as chained
     from chain c full join cur on cur.id = c.id
     where c.hash is distinct from cur.hash
     order by 1 limit $1`, [limit]);
  const count = await db.query<{ n: string }>("select count(*) as n from record");
  const problems = rows.map((r): RecordProblem => !r.chained ? { record: r.id, problem: "record-unchained" }
    : r.row_hash === null ? { record: r.id, problem: "record-missing", seq: Number(r.seq) }
    : { record: r.id, problem: "record-changed", seq: Number(r.seq) });
  return { records: Number(count.rows[0].n), problems };
}

/** Every entry of the chain, in order. */
export async function auditEntries(db: Queryable): Promise<AuditEntry[]> {
  return (await db.query("select * from audit_log order by seq")).rows.map(toEntry);
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

export type AuditProblem = ChainProblem | AnchorProblem | RecordProblem | { line: number; problem: "unreadable-checkpoint-line" };
export type AuditVerification =
  | { ok: true; count: number; records: number; checkpoints: number; last_checkpoint: { seq: number; at: string } | null }
  | { ok: false; first: AuditProblem; problems: AuditProblem[] };
export type ChainVerification =
  | { ok: true; count: number; records: number }
  | { ok: false; first: ChainProblem | RecordProblem; problems?: RecordProblem[] };

/**
 * Checks the whole chain, then every record against it; names the first entry that was edited,
 * deleted or moved, else the records changed, lost or added outside the app.
 */
export async function verifyAudit(db: Queryable): Promise<ChainVerification>;
/**
 * With the deployment's anchor, also checks its signed checkpoints (docs/decisions/0012): a cut
 * tail, an entry rewritten with every later hash recomputed, a forged or altered checkpoint, a
 * checkpoint deleted from the table. Read in this order: the file, the table, then the chain,
 * so a checkpoint written meanwhile never looks like it is past the head.
 */
export async function verifyAudit(db: Queryable, anchor: AuditAnchor): Promise<AuditVerification>;
export async function verifyAudit(db: Queryable, anchor?: AuditAnchor): Promise<ChainVerification | AuditVerification> {
  if (!anchor) {
    const chain = verifyChain(await auditEntries(db), sha256);
    if (!chain.ok) return chain;
    const records = await verifyRecords(db);
    if (records.problems.length) return { ok: false, first: records.problems[0], problems: records.problems };
    return { ok: true, count: chain.count, records: records.records };
  }
  const file = anchor.fileCheckpoints();
  const table = await anchor.tableCheckpoints(db);
  if (!anchor.keyId && (table.length || file.checkpoints.length)) {
    throw new MissingAnchorKey(`there are signed audit checkpoints but no key at ${anchor.paths.keyFile} to check them: point AUDIT_SIGNING_KEY_FILE at the deployment's key (its public half is enough)`);
  }
  const entries = await auditEntries(db);
  const chain = verifyChain(entries, sha256);
  const records = await verifyRecords(db);
  const problems: AuditProblem[] = [
    ...(chain.ok ? [] : [chain.first]),
    ...verifyCheckpoints(entries, table, file.checkpoints, (c) => anchor.verifySignature(c)),
    ...file.unreadable.map((u) => ({ line: u.line, problem: "unreadable-checkpoint-line" as const })),
    ...records.problems,
  ];
  if (problems.length) return { ok: false, first: problems[0], problems };
  const last = table.at(-1);
  return { ok: true, count: entries.length, records: records.records, checkpoints: table.length, last_checkpoint: last ? { seq: last.seq, at: last.at } : null };
}

/** One line naming a problem of the chain or of its signed checkpoints. */
export function describeAuditProblem(p: AuditProblem): string {
  switch (p.problem) {
    case "edited": return `audit chain broken at entry ${p.seq}: it was edited`;
    case "deleted-or-reordered": return `audit chain broken at entry ${p.seq}: it does not follow the entry before it (an entry was deleted or the order changed)`;
    case "sequence-gap": return `audit chain broken at entry ${p.seq}: it breaks the sequence (an entry is missing or moved)`;
    case "truncated": return `audit chain truncated: it ends at entry ${p.head} but a signed checkpoint covers entry ${p.seq}; entries ${p.head + 1} to ${p.seq} at least were deleted`;
    case "checkpoint-mismatch": return `audit chain rewritten: entry ${p.seq} no longer has the hash its signed checkpoint holds; an entry after ${p.after} was edited and the later hashes recomputed`;
    case "bad-signature": return `audit checkpoint for entry ${p.seq} does not verify with this deployment's key (signed as ${p.key_id}): it was forged or altered`;
    case "checkpoint-missing": return `audit checkpoint for entry ${p.seq} is in the checkpoint file but not in the database: checkpoint rows were deleted`;
    case "unreadable-checkpoint-line": return `audit checkpoint file, line ${p.line}: not a checkpoint (damaged or edited)`;
    case "record-changed": return `record ${p.record} does not match its latest audit entry (${p.seq}): it was changed outside the app`;
    case "record-missing": return `record ${p.record} is gone, but its latest audit entry (${p.seq}) says it exists: it was deleted outside the app (or its table damaged)`;
    case "record-unchained": return `record ${p.record} has no audit entry: it was written outside the app`;
  }
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

/** Audit entries, newest first, each with the name of the person who acted (people read the trail; ids are for machines). */
export async function listAudit(db: Queryable, f: AuditFilter): Promise<{ total: number; entries: (AuditEntry & { actor_name: string | null })[] }> {
  const { rows } = await db.query(
    `select a.*, u.name as actor_name, count(*) over () as total from audit_log a left join app_user u on u.id = a.actor_id
     where ($1::text is null or a.actor_id = $1) and ($2::text is null or a.actor_org = $2)
       and ($3::text is null or a.action = $3 or a.action like $3 || '.%')
       and ($4::timestamptz is null or a.at >= $4) and ($5::timestamptz is null or a.at < $5)
     order by a.seq desc limit $6 offset $7`,
    [f.actor ?? null, f.organisation ?? null, f.action ?? null, f.from ?? null, f.to ?? null, f.limit, f.offset],
  );
  return { total: rows.length ? Number(rows[0].total) : 0, entries: rows.map((r) => ({ ...toEntry(r), actor_name: (r.actor_name as string | null) ?? null })) };
}
