import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/readContent.js";
import { entryHash, GENESIS_HASH } from "../../src/core/platform/auditChain.js";
import { openDatabase, type Db } from "../../src/db/connection.js";
import { StartupError } from "../../src/db/dataFolder.js";
import { checkIntegrity } from "../../src/db/integrity.js";
import { migrate, migrationChecksum, migrationFiles, releasedChecksums } from "../../src/db/migrate.js";
import { buildAppWithServices } from "../../src/server/app.js";
import { loadKnowledge } from "../../src/server/knowledge/knowledge.repository.js";
import { verifyAudit } from "../../src/server/platform/audit.repository.js";
import { hashPassword } from "../../src/server/platform/auth.service.js";
import { sha256 } from "../../src/server/platform/crypto.js";
import { engines, type TestDatabase } from "../support/databases.js";
import { Client, PASSWORD } from "../support/platform.js";
import { startServer } from "./startServer.js";

/**
 * Migrations carry checksums, and every released schema upgrades with its data (docs/decisions/0018).
 * The released migration sets are copied from git into test/fixtures/schemas/<release>/ (COMMIT names
 * the commit), so this test needs no git history.
 */
const schemasDir = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/schemas");
const releases = readdirSync(schemasDir).sort();
const content = loadContent();

/**
 * A new, empty database per test. PGlite takes seconds to start on a busy machine, so on PGlite one
 * instance is emptied instead (the schema holds everything the migrations make: no extensions, no other schemas).
 */
function freshDatabases(engine: (typeof engines)[number]) {
  let shared: TestDatabase | undefined;
  afterAll(async () => { await shared?.drop(); });
  return async (): Promise<TestDatabase> => {
    if (engine.name !== "pglite") return engine.create();
    shared ??= await engine.create();
    await shared.db.exec("drop schema public cascade; create schema public");
    return { db: shared.db, drop: async () => {} };
  };
}

/** Builds the database a release built: its files in order, recorded the way its migrate.ts did (no checksum column). */
async function buildRelease(db: Db, release: string) {
  const dir = join(schemasDir, release);
  await db.transaction(async (tx) => {
    await tx.exec("create table if not exists schema_migration (id text primary key, applied_at timestamptz not null default now())");
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".sql")).sort()) {
      await tx.exec(readFileSync(join(dir, file), "utf8"));
      await tx.query("insert into schema_migration (id) values ($1)", [file]);
    }
  });
}

const hasColumn = async (db: Db, table: string, column: string) =>
  (await db.query("select 1 from information_schema.columns where table_schema = current_schema() and table_name = $1 and column_name = $2", [table, column])).rows.length > 0;

/** Representative data in plain SQL, in the columns every platform release has; audit entries chained by hand. */
async function seed(db: Db) {
  const hash = await hashPassword(PASSWORD);
  await db.exec("insert into organisation (id, name) values ('police', 'Police'), ('ombudsman', 'Ombudsman')");
  await db.query(
    `insert into app_user (id, email, name, organisation_id, roles, password_hash) values
     ('u-alice', 'alice@example.org', 'Alice', 'police', '{analyst}', $1), ('u-olga', 'olga@example.org', 'Olga', 'ombudsman', '{oversight}', $1)`,
    [hash],
  );
  await db.exec("insert into workspace (id, name, created_by) values ('ws-1', 'Joint task force', 'u-alice')");
  await db.exec("insert into workspace_member (workspace_id, user_id, added_by) values ('ws-1', 'u-alice', 'u-alice')");
  await db.exec(`insert into record (id, workspace_id, kind, title, body, marking, created_by, organisation_id) values
    ('r-1', 'ws-1', 'note', 'Harbour shipment notes', '{"text": "synthetic case one"}', 'AMBER', 'u-alice', 'police'),
    ('r-2', 'ws-1', 'note', 'Transfer pattern', '{"text": "synthetic case two"}', 'GREEN', 'u-alice', 'police')`);
  // The 9892d43 text of 0002 demands record_title; the released server never wrote it.
  const withTitle = await hasColumn(db, "removal_request", "record_title");
  await db.query(
    `insert into removal_request (id, record_id, requested_by, reason, status${withTitle ? ", record_title" : ""})
     values ('rr-1', 'r-2', 'u-alice', 'Collected without a legal basis', 'pending'${withTitle ? ", 'Transfer pattern'" : ""})`,
  );
  let prev = GENESIS_HASH;
  const events = [["workspace.create", "workspace", "ws-1"], ["record.create", "record", "r-1"], ["record.create", "record", "r-2"]];
  for (const [i, [action, kind, id]] of events.entries()) {
    const fields = { seq: i + 1, at: new Date(Date.UTC(2026, 10, 22, 1, i)).toISOString(), actor_id: "u-alice", actor_org: "police", action, target_kind: kind, target_id: id, ip: "203.0.113.7", reason: null, details: {} };
    const h = entryHash(fields, prev, sha256);
    await db.query(
      "insert into audit_log (seq, at, actor_id, actor_org, action, target_kind, target_id, ip, reason, details, prev_hash, hash) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, '{}', $10, $11)",
      [fields.seq, fields.at, fields.actor_id, fields.actor_org, action, kind, id, fields.ip, null, prev, h],
    );
    prev = h;
  }
}

async function signIn(app: Awaited<ReturnType<typeof buildAppWithServices>>["app"], email: string) {
  const r = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { email, password: PASSWORD } });
  expect(r.statusCode, r.body).toBe(200);
  return new Client(app, String(r.headers["set-cookie"]).split(";")[0], r.json().csrf_token);
}

describe.each(engines)("upgrades from every released schema on $name", (engine) => {
  const create = freshDatabases(engine);
  it.each(releases)("upgrades %s with its data and serves it", async (release) => {
    const t = await create();
    try {
      await buildRelease(t.db, release);
      const platform = await hasColumn(t.db, "app_user", "id");
      if (platform) await seed(t.db);

      const applied = await migrate(t.db);
      const released = readdirSync(join(schemasDir, release)).filter((f) => f.endsWith(".sql"));
      expect(applied).toEqual(migrationFiles().map((f) => f.id).filter((id) => !released.includes(id)));
      expect(applied).toContain("0011_removal_request_history.sql");
      const recorded = (await t.db.query<{ id: string; checksum: string }>("select id, checksum from schema_migration order by id")).rows;
      expect(recorded).toEqual(migrationFiles().map((f) => ({ id: f.id, checksum: f.checksum })));
      expect(await migrate(t.db)).toEqual([]); // a second start applies nothing and accepts the filled checksums
      expect(await hasColumn(t.db, "removal_request", "record_title")).toBe(false);
      if (!platform) await seed(t.db); // the knowledge-only release had no platform tables: the app gets them now

      // The data is intact.
      const records = (await t.db.query<{ id: string; title: string; marking: string }>("select id, title, marking from record order by id")).rows;
      expect(records).toEqual([{ id: "r-1", title: "Harbour shipment notes", marking: "AMBER" }, { id: "r-2", title: "Transfer pattern", marking: "GREEN" }]);
      // 0007 made workspace creators owners; a release that already had 0007 keeps what its rows say.
      const ownerByUpgrade = platform && !released.includes("0007_records_kernel.sql");
      expect((await t.db.query("select user_id, role from workspace_member")).rows).toEqual([{ user_id: "u-alice", role: ownerByUpgrade ? "owner" : "member" }]);
      const chain = await verifyAudit(t.db);
      expect(chain.ok).toBe(true);
      const firstThree = (await t.db.query<{ action: string; target_id: string }>("select action, target_id from audit_log where seq <= 3 order by seq")).rows;
      expect(firstThree.map((r) => r.target_id)).toEqual(["ws-1", "r-1", "r-2"]);
      expect((await checkIntegrity(t.db, "test")).tables).toBeGreaterThan(10);

      // The app works on it: sign in, read a record, file a removal request (500 on a 9892d43 database before 0011).
      await loadKnowledge(t.db, content.kb, content.version);
      const { app } = await buildAppWithServices({ db: t.db, kb: content.kb, webDir: "/nonexistent/", trustProxy: true });
      try {
        const alice = await signIn(app, "alice@example.org");
        const read = await alice.get("/api/v1/records/r-1");
        expect(read.status, read.text).toBe(200);
        expect(read.body.title).toBe("Harbour shipment notes");
        const filed = await alice.post("/api/v1/records/r-1/removal-requests", { reason: "Kept longer than the retention period allows" });
        expect(filed.status, filed.text).toBeLessThan(300);
        const olga = await signIn(app, "olga@example.org");
        const listed = await olga.get("/api/v1/removal-requests");
        expect(listed.status).toBe(200);
        expect(listed.body.items.map((r: { record_id: string }) => r.record_id).sort()).toEqual(["r-1", "r-2"]);
        expect((await verifyAudit(t.db)).ok).toBe(true);
      } finally {
        await app.close();
      }
    } finally {
      await t.drop();
    }
  }, 60_000);
});

describe.each(engines)("0017 on $name", (engine) => {
  const create = freshDatabases(engine);
  it("gives sessions played before it their status, participants and last seq from their logs", async () => {
    const t = await create();
    try {
      const files = migrationFiles();
      await migrate(t.db, files.filter((f) => f.id < "0017"));
      await seed(t.db);
      // r-1: running, paused, resumed (back to running); r-2: paused while in the briefing.
      for (const [i, id] of ["r-1", "r-2"].entries()) {
        await t.db.query("insert into exercise_session (id, scenario, scenario_version, join_code, evaluator_code, projector_key_hash, max_participants) values ($1, 'sc', 1, $2, $3, 'h', 10)", [id, `JOIN${i}`, `EVAL${i}`]);
      }
      await t.db.exec(`insert into exercise_member (id, session_id, kind, pseudonym, language, consent_at, token_hash, ballot) values
        ('m-1', 'r-1', 'participant', 'Heron', 'en', now(), 't1', 'b1'), ('m-2', 'r-1', 'participant', 'Otter', 'en', now(), 't2', 'b2'), ('m-3', 'r-1', 'evaluator', 'Lynx', 'en', now(), 't3', 'b3')`);
      const log = { "r-1": ["member-joined", "member-joined", "member-joined", "briefing-started", "phase-entered", "paused", "resumed", "inject-released"], "r-2": ["briefing-started", "paused"] };
      for (const [session, types] of Object.entries(log)) {
        for (const [i, type] of types.entries()) await t.db.query("insert into exercise_event (session_id, seq, type, data, at) values ($1, $2, $3, '{}', now())", [session, i + 1, type]);
      }
      await migrate(t.db);
      const rows = (await t.db.query("select id, status, participants, last_seq from exercise_session order by id")).rows;
      expect(rows).toEqual([{ id: "r-1", status: "running", participants: 2, last_seq: 8 }, { id: "r-2", status: "paused", participants: 0, last_seq: 2 }]);
    } finally {
      await t.drop();
    }
  });
});

describe.each(engines)("0020 on $name", (engine) => {
  const create = freshDatabases(engine);
  it("makes institutions of self-assessment units and organisation sources, points them there and keeps the chain whole", async () => {
    const t = await create();
    try {
      await migrate(t.db, migrationFiles().filter((f) => f.id < "0020"));
      await seed(t.db);
      // Two self-assessments of Niger name the same unit (one institution, both actors); a deleted one's unit stays as it was.
      await t.db.exec(`insert into record (id, workspace_id, kind, title, body, marking, created_by, organisation_id, deleted_at) values
        ('sa-1', 'ws-1', 'self-assessment', 'Niger 2025', '{"country": "NE", "practices": ["hague-8"]}', 'AMBER', 'u-alice', 'police', null),
        ('sa-2', 'ws-1', 'self-assessment', 'Niger 2026', '{"country": "NE", "practices": ["hague-8"]}', 'AMBER', 'u-alice', 'police', null),
        ('sa-3', 'ws-1', 'self-assessment', 'Old', '{"country": "NE", "practices": []}', 'AMBER', 'u-alice', 'police', now()),
        ('src-1', 'ws-1', 'source', 'Partner FIU bulletin', '{"type": "partner-agency", "reliability": "B"}', 'GREEN', 'u-alice', 'police', null),
        ('src-2', 'ws-1', 'source', 'Informant K', '{"type": "human", "reliability": "C"}', 'RED', 'u-alice', 'police', null)`);
      await t.db.exec(`insert into plan_unit (self_assessment_id, id, name, actor) values
        ('sa-1', 'cellule', 'Cellule nationale de traitement des informations financières', 'fiu'),
        ('sa-2', 'centif', ' cellule nationale de traitement des informations financières', 'financial-investigators'),
        ('sa-2', 'douanes', 'Direction générale des douanes', 'customs'),
        ('sa-3', 'gone', 'Unit of a deleted assessment', 'police')`);
      await t.db.exec("select audit_record_baseline('test: records of the earlier version')");
      expect((await verifyAudit(t.db)).ok).toBe(true);

      await migrate(t.db);
      const inst = (await t.db.query<{ id: string; title: string; body: { kind: string; country?: string; actors: string[]; migrated_from: { kind: string } }; marking: string }>(
        "select id, title, body, marking from record where kind = 'institution' order by title")).rows;
      expect(inst.map((i) => [i.title, i.body.kind, i.body.country ?? null, [...i.body.actors].sort(), i.body.migrated_from.kind, i.marking])).toEqual([
        ["Cellule nationale de traitement des informations financières", "fiu", "NE", ["financial-investigators", "fiu"], "plan-unit", "AMBER"],
        ["Direction générale des douanes", "customs-border", "NE", ["customs"], "plan-unit", "AMBER"],
        ["Partner FIU bulletin", "other", null, ["law-enforcement"], "source", "GREEN"],
      ]);
      const units = (await t.db.query<{ id: string; institution_id: string | null }>("select id, institution_id from plan_unit order by id")).rows;
      const byTitle = new Map(inst.map((i) => [i.title, i.id]));
      expect(units).toEqual([
        { id: "cellule", institution_id: byTitle.get("Cellule nationale de traitement des informations financières") },
        { id: "centif", institution_id: byTitle.get("Cellule nationale de traitement des informations financières") },
        { id: "douanes", institution_id: byTitle.get("Direction générale des douanes") },
        { id: "gone", institution_id: null },
      ]);
      const sources = (await t.db.query<{ id: string; body: { institution?: string } }>("select id, body from record where kind = 'source' order by id")).rows;
      expect(sources.map((x) => x.body.institution ?? null)).toEqual([byTitle.get("Partner FIU bulletin"), null]);
      // Every new and changed record is in the chain with its current hash.
      const chain = await verifyAudit(t.db);
      expect(chain.ok, JSON.stringify(chain)).toBe(true);
      const covered = (await t.db.query<{ n: number }>(
        "select count(distinct k)::int as n from audit_log a, jsonb_object_keys(a.details->'record_hashes') k where k = any($1::text[])", [[...byTitle.values(), "src-1"]])).rows[0].n;
      expect(covered).toBe(4);

      // The app reads them through the records kernel: Alice, a member, sees the directory.
      await loadKnowledge(t.db, content.kb, content.version);
      const { app } = await buildAppWithServices({ db: t.db, kb: content.kb, webDir: "/nonexistent/", trustProxy: true });
      try {
        const alice = await signIn(app, "alice@example.org");
        const dir = await alice.get("/api/v1/network/workspaces/ws-1");
        expect(dir.status, dir.text).toBe(200);
        expect(dir.body.institutions.map((i: { name: string }) => i.name).sort()).toEqual([...byTitle.keys()].sort());
        expect((await verifyAudit(t.db)).ok).toBe(true);
      } finally {
        await app.close();
      }
    } finally {
      await t.drop();
    }
  }, 60_000);
});

describe.each(engines)("migration checksums on $name", (engine) => {
  const create = freshDatabases(engine);
  const edited = (id: string) => migrationFiles().map((f) => (f.id === id ? { ...f, sql: `${f.sql}\n-- edited`, checksum: migrationChecksum(`${f.sql}\n-- edited`) } : f));

  it("stops at a changed, already-applied migration, naming it, and applies nothing after it", async () => {
    const t = await create();
    try {
      const current = migrationFiles();
      await migrate(t.db, current.slice(0, -1));
      const err = await migrate(t.db, edited("0003_watch.sql")).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StartupError);
      expect((err as Error).message).toMatch(/^migration 0003_watch\.sql was changed after it was applied to this database \(applied sha256 [0-9a-f]{12}, src\/db\/migrations\/0003_watch\.sql now [0-9a-f]{12}\); put the applied text back/);
      expect((err as Error).message).not.toContain("\n");
      const last = current.at(-1)!.id;
      expect((await t.db.query("select 1 from schema_migration where id = $1", [last])).rows).toHaveLength(0);
    } finally {
      await t.drop();
    }
  });

  it("fills in the checksums of a pre-checksum database only when its files are released texts", async () => {
    const t = await create();
    try {
      await buildRelease(t.db, "4-session-3");
      const err = await migrate(t.db, edited("0004_plans.sql")).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StartupError);
      expect((err as Error).message).toMatch(/^migration 0004_plans\.sql was applied before migrations had checksums and src\/db\/migrations\/0004_plans\.sql is not a released text of it/);
      // The refused start changed nothing: not even the checksum column was added.
      expect(await hasColumn(t.db, "schema_migration", "checksum")).toBe(false);
      expect(await hasColumn(t.db, "removal_request", "record_title")).toBe(false);
      await migrate(t.db);
      expect((await t.db.query("select count(*)::int as n from schema_migration where checksum is null")).rows[0]).toEqual({ n: 0 });
    } finally {
      await t.drop();
    }
  });

  it("refuses a database that has a migration this version does not", async () => {
    const t = await create();
    try {
      await migrate(t.db);
      await t.db.query("insert into schema_migration (id, checksum) values ('9999_from_the_future.sql', 'x')");
      await expect(migrate(t.db)).rejects.toThrow(/^migration 9999_from_the_future\.sql is applied to this database but this version of Nexus does not have src\/db\/migrations\/9999_from_the_future\.sql; run the newer version/);
    } finally {
      await t.drop();
    }
  });
});

describe("migration checksums", () => {
  it("are the same for a checkout with CRLF line endings", () => {
    const f = migrationFiles()[0];
    expect(migrationChecksum(f.sql.replace(/\n/g, "\r\n"))).toBe(f.checksum);
  });

  it("know every released text of 0001-0010, both of 0002, and today's files are among them", () => {
    const released = releases.flatMap((r) => readdirSync(join(schemasDir, r)).filter((f) => f.endsWith(".sql")).map((f) => [f, migrationChecksum(readFileSync(join(schemasDir, r, f), "utf8"))] as const));
    for (const [file, sum] of released) expect(releasedChecksums[file], file).toContain(sum);
    expect(new Set(released.filter(([f]) => f === "0002_platform.sql").map(([, s]) => s)).size).toBe(2);
    for (const f of migrationFiles().filter((m) => releasedChecksums[m.id])) expect(releasedChecksums[f.id]).toContain(f.checksum);
  });
});

describe("the server with a changed, already-applied migration", () => {
  const dir = mkdtempSync(join(tmpdir(), "nexus-migrations-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("stops with one line naming the migration and does not serve", async () => {
    const dataDir = join(dir, "data");
    const db = await openDatabase({ dataDir });
    await migrate(db);
    // As if 0003 had been applied with another text than the file has now.
    await db.query("update schema_migration set checksum = $1 where id = '0003_watch.sql'", [migrationChecksum("-- another text")]);
    await db.close();
    const r = await startServer({ DATA_DIR: dataDir });
    expect(r.stdout).not.toMatch(/Nexus Toolkit on|First run/);
    expect(r.status).not.toBe(0);
    expect(r.status).not.toBeNull();
    expect(r.stderr).toMatch(/migration 0003_watch\.sql was changed after it was applied to this database/);
  }, 90_000);
});
