import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { openDatabase, type Queryable } from "../../src/db/connection.js";
import { migrate } from "../../src/db/migrate.js";
import { appendAudit, verifyAudit } from "../../src/server/platform/audit.repository.js";
import { engines } from "../support/databases.js";
import { platformFixture, type Fixture } from "../support/platform.js";

async function cli(argv: string[], env: Record<string, string | undefined>) {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, DATA_DIR: process.env.DATA_DIR };
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
    expect(ok).toMatchObject({ code: 0, out: "audit chain ok: 5 entries" });

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
    expect((await cli(["audit", "verify"], { DATABASE_URL: t.url })).code).toBe(0);
    await t.db.query("delete from audit_log where seq = 2");
    const bad = await cli(["audit", "verify"], { DATABASE_URL: t.url });
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("entry 3");
    await t.drop();
  });
});
