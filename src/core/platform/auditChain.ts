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
