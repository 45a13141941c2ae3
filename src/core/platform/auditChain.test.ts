import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, entryHash, GENESIS_HASH, verifyChain, type AuditEntry, type AuditFields } from "./auditChain.js";

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
