import { createPublicKey, generateKeyPairSync, sign } from "node:crypto";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { checkpointStatement, entryHash } from "../../src/core/platform/auditChain.js";
import { openDatabase, type Queryable } from "../../src/db/connection.js";
import { migrate } from "../../src/db/migrate.js";
import { appendAudit, verifyAudit } from "../../src/server/platform/audit.repository.js";
import { anchorPaths, AuditAnchor } from "../../src/server/platform/auditAnchor.js";
import { sha256 } from "../../src/server/platform/crypto.js";
import { engines } from "../support/databases.js";
import { PASSWORD, platformFixture, type Fixture } from "../support/platform.js";

async function cli(argv: string[], env: Record<string, string | undefined>) {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR, AUDIT_SIGNING_KEY_FILE: process.env.AUDIT_SIGNING_KEY_FILE };
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
}

/** Tampering helpers: what an attacker with database access could do directly in SQL. */
const row = async (db: Queryable, seq: number) => (await db.query("select * from audit_log where seq = $1", [seq])).rows[0];
async function putRow(db: Queryable, seq: number, r: Record<string, unknown>) {
  await db.query(
    `update audit_log set at = $2, actor_id = $3, actor_org = $4, action = $5, target_kind = $6, target_id = $7, ip = $8, reason = $9, details = $10::jsonb, prev_hash = $11, hash = $12 where seq = $1`,
    [seq, r.at, r.actor_id, r.actor_org, r.action, r.target_kind, r.target_id, r.ip, r.reason, JSON.stringify(r.details), r.prev_hash, r.hash]);
}

describe.each(engines)("tamper-evident audit on $name", ({ create }) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await platformFixture(create);
    const alice = await f.as("alice");
    for (let i = 0; i < 3; i++) await alice.post(`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "note", title: `n${i}`, body: {}, marking: "AMBER" });
  });
  afterAll(async () => { await f?.close(); });

  it("records logins, creations, membership changes and administrative actions with who, when, what and where", async () => {
    const { rows } = await f.t.db.query<{ action: string }>("select distinct action from audit_log");
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(["auth.login", "record.create", "permission.member-add", "permission.member-revoke", "admin.user-create", "workspace.create"]));
    const login = (await f.t.db.query("select * from audit_log where action = 'auth.login' limit 1")).rows[0];
    expect(login).toMatchObject({ actor_id: f.ids.alice, actor_org: "police", ip: expect.any(String) });
  });

  it("verifies a clean log", async () => {
    expect(await verifyAudit(f.t.db)).toMatchObject({ ok: true });
  });

  it("names the entry after a row is edited, deleted, or two rows are swapped, directly in the database", async () => {
    const original5 = await row(f.t.db, 5);
    await f.t.db.query("update audit_log set reason = 'nothing to see' where seq = 5");
    expect(await verifyAudit(f.t.db)).toEqual({ ok: false, first: { seq: 5, problem: "edited" } });
    await putRow(f.t.db, 5, original5);
    expect((await verifyAudit(f.t.db)).ok).toBe(true);

    const r3 = await row(f.t.db, 3);
    const r4 = await row(f.t.db, 4);
    await putRow(f.t.db, 3, r4);
    await putRow(f.t.db, 4, r3);
    expect(await verifyAudit(f.t.db)).toMatchObject({ ok: false, first: { seq: 3 } });
    await putRow(f.t.db, 3, r3);
    await putRow(f.t.db, 4, r4);

    await f.t.db.query("delete from audit_log where seq = 6");
    expect(await verifyAudit(f.t.db)).toMatchObject({ ok: false, first: { seq: 7 } });
  });
});

describe("nexus audit verify", () => {
  const dir = mkdtempSync(join(tmpdir(), "nexus-audit-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("exits 0 on a clean chain and 1 naming the first bad entry, on PGlite", async () => {
    const db = await openDatabase({ dataDir: dir });
    await migrate(db);
    for (let i = 0; i < 5; i++) await db.transaction((tx) => appendAudit(tx, { userId: "u", organisationId: "o", ip: "1.2.3.4" }, { action: "record.read", targetKind: "record", targetId: `r${i}` }));
    await db.close();
    const ok = await cli(["audit", "verify"], { DATA_DIR: dir, DATABASE_URL: undefined });
    expect(ok).toMatchObject({ code: 0, out: "audit chain ok: 5 entries; no signed checkpoint yet (the server writes them); 0 records match it" });

    const again = await openDatabase({ dataDir: dir });
    await again.query("update audit_log set target_id = 'r99' where seq = 2");
    await again.close();
    const bad = await cli(["audit", "verify"], { DATA_DIR: dir, DATABASE_URL: undefined });
    expect(bad.code).toBe(1);
    expect(bad.err).toBe("audit chain broken at entry 2: it was edited");
  });

  it("works against PostgreSQL through DATABASE_URL", async () => {
    const t = await engines[1].create();
    await migrate(t.db);
    for (let i = 0; i < 3; i++) await t.db.transaction((tx) => appendAudit(tx, { userId: "u", organisationId: "o", ip: null }, { action: "auth.login" }));
    expect((await cli(["audit", "verify"], { DATABASE_URL: t.url, DATA_DIR: dir })).code).toBe(0);
    await t.db.query("delete from audit_log where seq = 2");
    const bad = await cli(["audit", "verify"], { DATABASE_URL: t.url, DATA_DIR: dir });
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("entry 3");
    await t.drop();
  });
});

/** Recomputes every hash from entry `from` on, as an attacker who edited that entry would. */
async function rehashFrom(db: Queryable, from: number) {
  const { rows } = await db.query("select * from audit_log where seq >= $1 order by seq", [from - 1]);
  let prev = rows[0].hash as string;
  for (const r of rows.slice(1)) {
    const fields = {
      seq: Number(r.seq), at: new Date(r.at as string).toISOString(), actor_id: r.actor_id, actor_org: r.actor_org, action: r.action,
      target_kind: r.target_kind, target_id: r.target_id, ip: r.ip, reason: r.reason, details: r.details,
    } as Parameters<typeof entryHash>[0];
    const hash = entryHash(fields, prev, sha256);
    await db.query("update audit_log set prev_hash = $2, hash = $3 where seq = $1", [fields.seq, prev, hash]);
    prev = hash;
  }
}

describe.each(engines)("signed checkpoints of the audit chain on $name", ({ create }) => {
  let f: Fixture;
  let dir: string;
  let anchor: AuditAnchor;
  let saved: Record<string, unknown>[];
  const head = async () => Number((await f.t.db.query<{ seq: string }>("select max(seq) as seq from audit_log")).rows[0].seq);
  beforeAll(async () => {
    f = await platformFixture(create);
    const alice = await f.as("alice");
    for (let i = 0; i < 3; i++) await alice.post(`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "note", title: `n${i}`, body: {}, marking: "AMBER" });
    dir = mkdtempSync(join(tmpdir(), "nexus-anchor-"));
    anchor = await AuditAnchor.open(f.t.db, anchorPaths(dir)!);
    await anchor.checkpoint(f.t.db);
    saved = (await f.t.db.query("select * from audit_log order by seq")).rows;
  });
  afterAll(async () => { await f?.close(); rmSync(dir, { recursive: true, force: true }); });
  // Each test tampers; put the chain back as it was (the checkpoints stay).
  beforeEach(async () => {
    await f.t.db.query("delete from audit_log");
    await f.t.db.query("insert into audit_log select * from jsonb_populate_recordset(null::audit_log, $1::jsonb)", [JSON.stringify(saved)]);
  });

  it("keeps the key outside the database, readable only by the server's user, and checkpoints the head in the table and the file", async () => {
    expect(statSync(join(dir, "audit-signing-key.pem")).mode & 0o777).toBe(0o600);
    const n = await head();
    const table = await anchor.tableCheckpoints(f.t.db);
    expect(table.at(-1)).toMatchObject({ seq: n, count: n, key_id: anchor.keyId });
    expect(anchor.fileCheckpoints().checkpoints.at(-1)).toEqual(table.at(-1));
    expect(await anchor.checkpoint(f.t.db)).toBeNull(); // the head did not move
    expect(await verifyAudit(f.t.db, anchor)).toMatchObject({ ok: true, count: n, last_checkpoint: { seq: n } });
    // The same key reopened (a restart) signs on; verification needs only the public half.
    const reopened = await AuditAnchor.open(f.t.db, anchorPaths(dir)!);
    expect(reopened.keyId).toBe(anchor.keyId);
    const pub = join(dir, "public.pem");
    writeFileSync(pub, createPublicKey(readFileSync(join(dir, "audit-signing-key.pem"))).export({ type: "spki", format: "pem" }));
    expect((await verifyAudit(f.t.db, AuditAnchor.forVerification({ keyFile: pub, logFile: anchor.paths.logFile }))).ok).toBe(true);
  });

  it("reports a truncated tail when the last rows are deleted, which the chain alone does not see", async () => {
    const n = await head();
    await f.t.db.query("delete from audit_log where seq > $1", [n - 2]);
    // The chain alone is still whole; the records its cut entries wrote no longer match it (0019).
    expect(await verifyAudit(f.t.db)).toMatchObject({ ok: false, first: { problem: expect.stringMatching(/^record-/) } });
    expect(await verifyAudit(f.t.db, anchor)).toMatchObject({ ok: false, first: { seq: n, problem: "truncated", head: n - 2 }, problems: expect.arrayContaining([{ seq: n, problem: "truncated", head: n - 2 }]) });
    // Deleting the checkpoint rows too does not help: the file outside the database still has them.
    await f.t.db.query("delete from audit_checkpoint where seq > $1", [n - 2]);
    const r = await verifyAudit(f.t.db, anchor);
    expect(r).toMatchObject({ ok: false, first: { seq: n, problem: "truncated" }, problems: expect.arrayContaining([{ seq: n, problem: "checkpoint-missing" }]) });
    await f.t.db.query("insert into audit_checkpoint select * from jsonb_populate_recordset(null::audit_checkpoint, $1::jsonb)", [JSON.stringify(anchor.fileCheckpoints().checkpoints.filter((c) => c.seq > n - 2))]);
  });

  it("reports a mismatch with the signed checkpoint when a row is edited and every later hash recomputed", async () => {
    await f.t.db.query("update audit_log set reason = 'nothing to see' where seq = 5");
    await rehashFrom(f.t.db, 5);
    expect(await verifyAudit(f.t.db)).toMatchObject({ ok: true }); // what today's check says
    const r = await verifyAudit(f.t.db, anchor);
    expect(r).toMatchObject({ ok: false, first: { seq: await head(), problem: "checkpoint-mismatch", after: 0 } });
  });

  it("reports a tampered or forged checkpoint", async () => {
    const n = await head();
    const [row] = (await f.t.db.query<{ signature: string }>("select signature from audit_checkpoint where seq = $1", [n])).rows;
    const flipped = Buffer.from(row.signature, "base64");
    flipped[0] ^= 1;
    await f.t.db.query("update audit_checkpoint set signature = $2 where seq = $1", [n, flipped.toString("base64")]);
    expect(await verifyAudit(f.t.db, anchor)).toMatchObject({ ok: false, first: { seq: n, problem: "bad-signature", key_id: anchor.keyId } });
    await f.t.db.query("update audit_checkpoint set signature = $2 where seq = $1", [n, row.signature]);

    // An attacker's own key cannot vouch for a shortened chain either.
    const forged = { seq: n - 3, hash: saved[n - 4].hash as string, at: new Date().toISOString(), count: n - 3, key_id: anchor.keyId! };
    const signature = sign(null, Buffer.from(checkpointStatement(forged)), generateKeyPairSync("ed25519").privateKey).toString("base64");
    await f.t.db.query("insert into audit_checkpoint (seq, hash, at, count, key_id, signature) values ($1, $2, $3, $4, $5, $6)", [forged.seq, forged.hash, forged.at, forged.count, forged.key_id, signature]);
    expect(await verifyAudit(f.t.db, anchor)).toMatchObject({ ok: false, first: { seq: n - 3, problem: "bad-signature" } });
    await f.t.db.query("delete from audit_checkpoint where seq = $1", [n - 3]);
    expect((await verifyAudit(f.t.db, anchor)).ok).toBe(true);
  });

  it("names a damaged line of the checkpoint file", async () => {
    const file = anchor.paths.logFile;
    const before = readFileSync(file, "utf8");
    appendFileSync(file, "{not a checkpoint\n");
    expect(await verifyAudit(f.t.db, anchor)).toMatchObject({ ok: false, first: { line: before.split("\n").length, problem: "unreadable-checkpoint-line" } });
    writeFileSync(file, before);
  });

  it("refuses to replace a lost key while the database holds checkpoints signed with it", async () => {
    await expect(AuditAnchor.open(f.t.db, { keyFile: join(dir, "elsewhere", "key.pem"), logFile: join(dir, "other.jsonl") })).rejects.toThrow(/no signing key at/);
  });
});

describe.each(engines)("oversight's view of the audit on $name", ({ create }) => {
  let f: Fixture;
  beforeAll(async () => {
    f = await platformFixture(create);
    // otto oversees the police only: the default for oversight.
    await f.services.admin.createUser(null, { email: "otto@example.org", name: "Otto", organisation: "police", roles: ["oversight"], password: PASSWORD }, { userId: null, organisationId: null, ip: "test" });
    for (const who of ["alice", "carol"]) await f.as(who); // sign-ins: entries of police and of the FIU
  });
  afterAll(async () => { await f?.close(); });

  it("shows oversight of one organisation only its own organisation's entries, also in CSV", async () => {
    const otto = await f.as("otto");
    const all = await otto.get("/api/v1/audit?limit=10000");
    expect(all.status).toBe(200);
    const orgs = new Set(all.body.entries.map((e: { actor_org: string }) => e.actor_org));
    expect([...orgs]).toEqual(["police"]);
    expect(all.body.entries.some((e: { actor_id: string }) => e.actor_id === f.ids.alice)).toBe(true);
    expect((await otto.get(`/api/v1/audit?actor=${f.ids.carol}`)).body.entries).toEqual([]);
    const refused = await otto.get("/api/v1/audit?organisation=fiu");
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].param).toBe("organisation");
    expect((await otto.get("/api/v1/audit?format=csv&limit=10000")).text).not.toContain(",fiu,");
    expect((await otto.get("/api/v1/audit/verify")).body.ok).toBe(true);
  });

  it("shows deployment-wide oversight every organisation's entries", async () => {
    const olga = await f.as("olga");
    const fiu = await olga.get("/api/v1/audit?organisation=fiu");
    expect(fiu.body.entries.length).toBeGreaterThan(0);
    expect(fiu.body.entries.every((e: { actor_org: string }) => e.actor_org === "fiu")).toBe(true);
  });
});

describe("nexus audit verify with signed checkpoints, and nexus audit scope, on PostgreSQL", () => {
  const dir = mkdtempSync(join(tmpdir(), "nexus-audit-anchor-"));
  let t: Awaited<ReturnType<(typeof engines)[1]["create"]>>;
  let env: Record<string, string | undefined>;
  beforeAll(async () => {
    t = await engines[1].create();
    await migrate(t.db);
    env = { DATA_DIR: dir, DATABASE_URL: t.url, AUDIT_SIGNING_KEY_FILE: undefined };
  });
  afterAll(async () => { await t?.drop(); rmSync(dir, { recursive: true, force: true }); });

  it("exits 1 naming a cut tail and a rewrite, 2 without the key to check them", async () => {
    for (let i = 0; i < 6; i++) await t.db.transaction((tx) => appendAudit(tx, { userId: "u", organisationId: "o", ip: null }, { action: "record.read", targetId: `r${i}` }));
    await (await AuditAnchor.open(t.db, anchorPaths(dir)!)).checkpoint(t.db);
    const ok = await cli(["audit", "verify"], env);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/^audit chain ok: 6 entries; 1 signed checkpoints, the last at entry 6 \(/);

    const [last] = (await t.db.query("select * from audit_log where seq = 6")).rows;
    await t.db.query("delete from audit_log where seq = 6");
    expect(await cli(["audit", "verify"], env)).toMatchObject({ code: 1, err: "audit chain truncated: it ends at entry 5 but a signed checkpoint covers entry 6; entries 6 to 6 at least were deleted" });

    await t.db.query("insert into audit_log select * from jsonb_populate_record(null::audit_log, $1::jsonb)", [JSON.stringify(last)]);
    await t.db.query("update audit_log set target_id = 'r99' where seq = 2");
    await rehashFrom(t.db, 2);
    expect(await cli(["audit", "verify"], env)).toMatchObject({ code: 1, err: expect.stringMatching(/^audit chain rewritten: entry 6 no longer has the hash/) });

    const noKey = await cli(["audit", "verify"], { ...env, AUDIT_SIGNING_KEY_FILE: join(dir, "missing.pem") });
    expect(noKey.code).toBe(2);
    expect(noKey.err).toContain("no key at");
  });

  it("gives an oversight user the whole deployment's audit and takes it back, audited", async () => {
    await t.db.query("insert into organisation (id, name) values ('ombudsman', 'Ombudsman') on conflict do nothing");
    await t.db.query("insert into app_user (id, email, name, organisation_id, roles, password_hash) values ('o1', 'o@example.org', 'O', 'ombudsman', '{oversight}', 'x'), ('a1', 'a@example.org', 'A', 'ombudsman', '{analyst}', 'x')");
    // The entries of the test above name the actor "u": the start-up integrity check wants every audited user to exist.
    await t.db.query("insert into app_user (id, email, name, organisation_id, roles, password_hash) values ('u', 'u@example.org', 'U', 'ombudsman', '{analyst}', 'x')");
    const scope = async () => (await t.db.query("select deployment_oversight_at from app_user where id = 'o1'")).rows[0].deployment_oversight_at;
    expect(await cli(["audit", "scope", "--email", "O@example.org", "--deployment"], env)).toMatchObject({ code: 0, out: "O@example.org now oversees the audit of the whole deployment" });
    expect(await scope()).not.toBeNull();
    expect((await cli(["audit", "scope", "--email", "a@example.org", "--deployment"], env)).err).toBe("nexus audit scope: a@example.org does not hold the oversight role");
    expect((await cli(["audit", "scope", "--email", "o@example.org"], env)).code).toBe(2);
    expect((await cli(["audit", "scope", "--email", "o@example.org", "--organisation"], env)).code).toBe(0);
    expect(await scope()).toBeNull();
    expect((await t.db.query<{ details: unknown }>("select details from audit_log where action = 'admin.audit-scope' order by seq")).rows.map((r) => r.details))
      .toEqual([{ scope: "deployment", organisation: "ombudsman", via: "cli" }, { scope: "organisation", organisation: "ombudsman", via: "cli" }]);
  });
});
