import { createHash, generateKeyPairSync, sign, verify } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, checkpointStatement, entryHash, GENESIS_HASH, verifyChain, verifyCheckpoints, type AuditEntry, type AuditFields, type Checkpoint } from "./auditChain.js";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields: AuditFields = { seq, at: `2026-01-0${seq}T00:00:00.000Z`, actor_id: "u1", actor_org: "o1", action: "record.read", target_kind: "record", target_id: `r${seq}`, ip: "127.0.0.1", reason: null, details: { b: 1, a: [2] } };
    const hash = entryHash(fields, prev, sha256);
    out.push({ ...fields, prev_hash: prev, hash });
    prev = hash;
  }
  return out;
}

describe("audit hash chain", () => {
  it("verifies an untouched chain", () => {
    expect(verifyChain(chain(5), sha256)).toEqual({ ok: true, count: 5 });
  });
  it("names the edited entry", () => {
    const c = chain(5);
    c[2] = { ...c[2], action: "record.delete" };
    expect(verifyChain(c, sha256)).toEqual({ ok: false, first: { seq: 3, problem: "edited" } });
  });
  it("names the entry after a deleted one", () => {
    const c = chain(5);
    c.splice(1, 1);
    expect(verifyChain(c, sha256)).toMatchObject({ ok: false, first: { seq: 3 } });
  });
  it("names the first of two swapped entries", () => {
    const c = chain(5);
    [c[1], c[2]] = [c[2], c[1]];
    expect(verifyChain(c, sha256)).toMatchObject({ ok: false, first: { seq: 3 } });
  });
  it("detects a swap even when sequence numbers are swapped back", () => {
    const c = chain(5);
    const a = { ...c[1], seq: 3 };
    const b = { ...c[2], seq: 2 };
    c[1] = b; c[2] = a;
    expect(verifyChain(c, sha256)).toMatchObject({ ok: false, first: { seq: 2 } });
  });
  it("hashes objects independently of key order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
  });
});

describe("signed checkpoints of the chain head", () => {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  const signed = (e: AuditEntry, count = e.seq): Checkpoint => {
    const c = { seq: e.seq, hash: e.hash, at: "2026-02-01T00:00:00.000Z", count, key_id: "k1" };
    return { ...c, signature: sign(null, Buffer.from(checkpointStatement(c)), privateKey).toString("base64") };
  };
  const valid = (c: Checkpoint) => verify(null, Buffer.from(checkpointStatement(c)), publicKey, Buffer.from(c.signature, "base64"));
  /** What an attacker with the database can do: rewrite entry `from` and recompute every hash after it. */
  const rehash = (c: AuditEntry[], from: number, change: Partial<AuditFields>) => {
    let prev = from > 1 ? c[from - 2].hash : GENESIS_HASH;
    return c.map((e) => {
      if (e.seq < from) return e;
      const { prev_hash: _p, hash: _h, ...fields } = e.seq === from ? { ...e, ...change } : e;
      const hash = entryHash(fields, prev, sha256);
      const out = { ...fields, prev_hash: prev, hash };
      prev = hash;
      return out;
    });
  };

  it("passes when every checkpoint is signed and still matches the chain", () => {
    const c = chain(6);
    const cps = [signed(c[1]), signed(c[5])];
    expect(verifyCheckpoints(c, cps, cps, valid)).toEqual([]);
  });
  it("names a cut tail, which the chain alone cannot see", () => {
    const c = chain(6);
    const cps = [signed(c[1]), signed(c[3]), signed(c[5])];
    const cut = c.slice(0, 4);
    expect(verifyChain(cut, sha256)).toEqual({ ok: true, count: 4 });
    expect(verifyCheckpoints(cut, cps, cps, valid)).toEqual([{ seq: 6, problem: "truncated", head: 4 }]);
    expect(verifyCheckpoints([], cps, cps, valid)).toEqual([{ seq: 6, problem: "truncated", head: 0 }]);
  });
  it("names a rewrite with every later hash recomputed, after the last checkpoint that still agrees", () => {
    const c = chain(6);
    const cps = [signed(c[1]), signed(c[3]), signed(c[5])];
    const rewritten = rehash(c, 3, { reason: "nothing to see" });
    expect(verifyChain(rewritten, sha256)).toEqual({ ok: true, count: 6 });
    expect(verifyCheckpoints(rewritten, cps, cps, valid)).toEqual([{ seq: 4, problem: "checkpoint-mismatch", after: 2 }]);
  });
  it("names a checkpoint whose count no longer fits (entries dropped before it, the rest renumbered)", () => {
    const c = chain(4);
    expect(verifyCheckpoints(c, [signed(c[3], 5)], [], valid)).toEqual([{ seq: 4, problem: "checkpoint-mismatch", after: 0 }]);
  });
  it("names an altered or forged checkpoint and does not trust it", () => {
    const c = chain(4);
    const good = signed(c[3]);
    const altered = { ...good, hash: c[2].hash, seq: 3 };
    expect(verifyCheckpoints(c, [altered], [], valid)).toEqual([{ seq: 3, problem: "bad-signature", key_id: "k1" }]);
    const forged = { ...good, seq: 9, signature: sign(null, Buffer.from(checkpointStatement({ ...good, seq: 9 })), generateKeyPairSync("ed25519").privateKey).toString("base64") };
    expect(verifyCheckpoints(c, [forged], [], valid)).toEqual([{ seq: 9, problem: "bad-signature", key_id: "k1" }]);
  });
  it("names checkpoints deleted from the table that the file still holds", () => {
    const c = chain(4);
    const cps = [signed(c[1]), signed(c[3])];
    expect(verifyCheckpoints(c, [cps[0]], cps, valid)).toEqual([{ seq: 4, problem: "checkpoint-missing" }]);
    expect(verifyCheckpoints(c.slice(0, 2), [cps[0]], cps, valid)).toEqual([{ seq: 4, problem: "truncated", head: 2 }, { seq: 4, problem: "checkpoint-missing" }]);
  });
});
