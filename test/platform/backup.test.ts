import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { openDatabase } from "../../src/db/connection.js";
import { migrate } from "../../src/db/migrate.js";
import { verifyAudit } from "../../src/server/platform/audit.repository.js";
import { backupTables, createBackup, restoreBackup } from "../../src/server/platform/backup.js";
import { engines } from "../support/databases.js";
import { platformFixture } from "../support/platform.js";

const counts = async (db: { query: (s: string) => Promise<{ rows: unknown[] }> }) =>
  Object.fromEntries(await Promise.all(backupTables.map(async (t) => [t, (await db.query(`select * from ${t}`)).rows.length] as const)));

describe.each(engines)("backup and restore on $name", ({ create }) => {
  it("round-trips users, workspaces, records and the audit chain, and the restored deployment works", async () => {
    const f = await platformFixture(create);
    const alice = await f.as("alice");
    const rec = await alice.post(`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "note", title: "kept across restore", body: { n: 1 }, marking: "RED", recipients: [f.ids.bob] });
    const sa = (await alice.post(`/api/v1/plans/workspaces/${f.ids.ws}/self-assessments`, { name: "Review kept", country: "KE", framework: "icct", marking: "AMBER" })).body.id;
    await alice.request("PUT", `/api/v1/plans/self-assessments/${sa}/ratings/icct-1`, { institution: "Ministry of Justice", in_place: "PC", steps: { "1": "done" } });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255, 7]);
    const ev = (await alice.post(`/api/v1/plans/self-assessments/${sa}/evidence/icct-1`, { kind: "file", filename: "chart.png", content_type: "image/png", data: png.toString("base64") })).body.id;
    await alice.post(`/api/v1/plans/self-assessments/${sa}/actions`, { practice: "icct-1", title: "Dated action", start: "2027-01-01", due: "2027-12-31", milestones: [{ title: "half way", due: "2027-06-30" }] });
    const backup = await createBackup(f.t.db);
    const before = await counts(f.t.db);
    expect(before.plan_evidence).toBe(1);
    await f.close();

    const target = await create();
    await migrate(target.db);
    expect(await restoreBackup(target.db, JSON.parse(JSON.stringify(backup)))).toMatchObject({ rows: expect.any(Number) });
    expect(await counts(target.db)).toEqual(before);
    expect(await verifyAudit(target.db)).toMatchObject({ ok: true });
    const r = await target.db.query<{ title: string; recipients: string[]; marking: string }>("select title, recipients, marking from record where id = $1", [rec.body.id]);
    expect(r.rows[0]).toEqual({ title: "kept across restore", recipients: [f.ids.bob], marking: "RED" });
    const file = await target.db.query<{ data_base64: string }>("select data_base64 from plan_evidence where id = $1", [ev]);
    expect(Buffer.from(file.rows[0].data_base64, "base64").equals(png)).toBe(true);
    const act = await target.db.query<{ start_date: string; due_date: string; milestones: unknown }>("select start_date, due_date, milestones from plan_action");
    expect(act.rows[0]).toEqual({ start_date: "2027-01-01", due_date: "2027-12-31", milestones: [{ title: "half way", due: "2027-06-30", done: false }] });
    await expect(restoreBackup(target.db, backup)).rejects.toThrow("already holds users");
    await target.drop();
  });

  it("restores nothing from a damaged backup", async () => {
    const f = await platformFixture(create);
    const backup = await createBackup(f.t.db);
    await f.close();
    (backup.tables.audit_log[2] as { action: string }).action = "forged";
    const target = await create();
    await migrate(target.db);
    await expect(restoreBackup(target.db, backup)).rejects.toThrow("audit chain is broken at entry 3");
    expect((await target.db.query("select 1 from app_user")).rows).toHaveLength(0);
    await expect(restoreBackup(target.db, { format: "other" } as never)).rejects.toThrow("not a Nexus Toolkit backup");
    await target.drop();
  });
});

describe("nexus backup / nexus restore", () => {
  const dir = mkdtempSync(join(tmpdir(), "nexus-backup-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = async (argv: string[], dataDir: string) => {
    process.env.DATA_DIR = dataDir;
    delete process.env.DATABASE_URL;
    const out: string[] = [];
    const err: string[] = [];
    try {
      return { code: await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }), out: out.join("\n"), err: err.join("\n") };
    } finally {
      delete process.env.DATA_DIR;
    }
  };

  it("round-trips a PGlite deployment through a file, and audit verify passes after restore", async () => {
    const source = join(dir, "source");
    const db = await openDatabase({ dataDir: source });
    await db.close();
    const created = await (async () => {
      process.env.NEXUS_PASSWORD = "tidal-ember-quarry-42";
      try { return await run(["admin", "create-user", "--email", "amina@example.org", "--name", "Amina", "--organisation", "Ministry of Interior"], source); }
      finally { delete process.env.NEXUS_PASSWORD; }
    })();
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/^created admin amina@example.org/);
    const file = join(dir, "deployment.json");
    const b = await run(["backup", file], source);
    expect(b.code).toBe(0);
    expect(b.out).toContain("app_user 1");
    const restored = await run(["restore", file], join(dir, "target"));
    expect(restored).toMatchObject({ code: 0 });
    expect((await run(["audit", "verify"], join(dir, "target"))).out).toMatch(/^audit chain ok: \d+ entries/);
    const twice = await run(["restore", file], join(dir, "target"));
    expect(twice.code).toBe(1);
    expect(twice.err).toContain("already holds users");
  });

  it("refuses bad input with a clear message and exit 2", async () => {
    expect((await run(["restore", join(dir, "missing.json")], join(dir, "x"))).err).toContain("does not exist");
    writeFileSync(join(dir, "junk.json"), "{not json");
    const junk = await run(["restore", join(dir, "junk.json")], join(dir, "x"));
    expect(junk.code).toBe(2);
    expect(junk.err).toContain("is not JSON");
    expect((await run(["backup"], join(dir, "x"))).code).toBe(2);
    const noEmail = await run(["admin", "create-user", "--name", "X", "--organisation", "Y"], join(dir, "x"));
    expect(noEmail).toMatchObject({ code: 2, err: expect.stringContaining("--email is required") });
    process.env.NEXUS_PASSWORD = "short";
    try {
      const weak = await run(["admin", "create-user", "--email", "a@example.org", "--name", "A", "--organisation", "Y"], join(dir, "x"));
      expect(weak).toMatchObject({ code: 2, err: expect.stringContaining("password: must be at least 12 characters") });
    } finally { delete process.env.NEXUS_PASSWORD; }
  });
});
