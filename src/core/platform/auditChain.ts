/**
 * The audit log is a hash chain: each entry's hash covers its own fields and the hash of the
 * entry before it, so editing, deleting or reordering any entry breaks the chain from there on.
 * Pure: the caller supplies the hash function (SHA-256 in the server).
 */
export interface AuditFields {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_org: string | null;
  action: string;
  target_kind: string | null;
  target_id: string | null;
  ip: string | null;
  reason: string | null;
  details: unknown;
}
export interface AuditEntry extends AuditFields {
  prev_hash: string;
  hash: string;
}

export const GENESIS_HASH = "0".repeat(64);

/** Stable JSON: object keys sorted at every level, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

export function entryHash(fields: AuditFields, prevHash: string, sha256: (s: string) => string): string {
  return sha256(`${prevHash}\n${canonicalJson(fields)}`);
}

export type ChainProblem = { seq: number; problem: "edited" | "deleted-or-reordered" | "sequence-gap" };

/**
 * Walks the chain in seq order and names the first entry that does not fit: its hash does not
 * match its content (edited), or it does not point at the entry before it (deleted or reordered).
 */
export function verifyChain(entries: AuditEntry[], sha256: (s: string) => string): { ok: true; count: number } | { ok: false; first: ChainProblem } {
  let prev = GENESIS_HASH;
  let expectedSeq = entries[0]?.seq ?? 1;
  for (const e of entries) {
    if (e.seq !== expectedSeq) return { ok: false, first: { seq: e.seq, problem: "sequence-gap" } };
    if (e.prev_hash !== prev) return { ok: false, first: { seq: e.seq, problem: "deleted-or-reordered" } };
    const { prev_hash: _p, hash, ...fields } = e;
    if (entryHash(fields, e.prev_hash, sha256) !== hash) return { ok: false, first: { seq: e.seq, problem: "edited" } };
    prev = hash;
    expectedSeq++;
  }
  return { ok: true, count: entries.length };
}

/**
 * A signed statement of the chain head: the last entry's seq and hash and how many entries the
 * chain held, at a time, signed with a key kept outside the database. A checkpoint cannot be
 * rewritten with the chain, so it catches what the chain alone cannot: a cut tail, or an entry
 * edited with every later hash recomputed.
 */
export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  count: number;
  /** the first 16 hex digits of the SHA-256 of the signing public key (SPKI DER) */
  key_id: string;
  /** Ed25519 over checkpointStatement(), base64 */
  signature: string;
}

/** The exact bytes a checkpoint's signature covers. */
export function checkpointStatement(c: Omit<Checkpoint, "signature">): string {
  return canonicalJson({ statement: "nexus-audit-checkpoint/1", seq: c.seq, hash: c.hash, at: c.at, count: c.count, key_id: c.key_id });
}

export type AnchorProblem =
  /** the checkpoint's signature does not verify with the deployment's key: forged or altered */
  | { seq: number; problem: "bad-signature"; key_id: string }
  /** a signed checkpoint covers entry seq, but the chain ends at head: the tail was deleted */
  | { seq: number; problem: "truncated"; head: number }
  /** entry seq no longer has the signed hash (or the chain up to it another count): rewritten after entry `after` */
  | { seq: number; problem: "checkpoint-mismatch"; after: number }
  /** a checkpoint in the file outside the database is missing from the database's table */
  | { seq: number; problem: "checkpoint-missing" };

/**
 * Checks the signed checkpoints against the chain. `table` holds the database's checkpoints,
 * `file` those appended to the file outside it (each instance writes its own, so the file may
 * hold fewer). Every signature must verify; every checkpointed entry must still exist with the
 * signed hash and count; every checkpoint in the file must still be in the table. Of a rewrite,
 * the first checkpoint that disagrees is named; of a cut tail, the highest checkpoint past the head.
 * Problems come most telling first: rewrite, cut tail, bad signatures, missing rows.
 */
export function verifyCheckpoints(
  entries: AuditEntry[], table: Checkpoint[], file: Checkpoint[], verifySignature: (c: Checkpoint) => boolean,
): AnchorProblem[] {
  const position = new Map(entries.map((e, i) => [e.seq, { hash: e.hash, count: i + 1 }]));
  const head = entries.at(-1)?.seq ?? 0;
  const inTable = new Set(table.map((c) => c.seq));
  const seen = new Set<string>();
  const all = [...table, ...file].filter((c) => {
    const key = `${c.seq}|${c.hash}|${c.signature}`;
    return seen.has(key) ? false : (seen.add(key), true);
  }).sort((a, b) => a.seq - b.seq);

  const badSignatures: AnchorProblem[] = [];
  const missing: AnchorProblem[] = [];
  let lastGood = 0;
  let mismatch: AnchorProblem | null = null;
  let truncated: AnchorProblem | null = null;
  for (const c of all) {
    if (!verifySignature(c)) { badSignatures.push({ seq: c.seq, problem: "bad-signature", key_id: c.key_id }); continue; }
    if (!inTable.has(c.seq)) missing.push({ seq: c.seq, problem: "checkpoint-missing" });
    if (c.seq > head) { truncated = { seq: c.seq, problem: "truncated", head }; continue; }
    const at = position.get(c.seq);
    if (at && at.hash === c.hash && at.count === c.count) { if (!mismatch) lastGood = c.seq; }
    else mismatch ??= { seq: c.seq, problem: "checkpoint-mismatch", after: lastGood };
  }
  return [...(mismatch ? [mismatch] : []), ...(truncated ? [truncated] : []), ...badSignatures, ...missing];
}
