import { cpSync, mkdtempSync, rmSync, statSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/connection.js";
import { StartupError } from "../../src/db/dataFolder.js";
import { checkIntegrity } from "../../src/db/integrity.js";
import { migrate } from "../../src/db/migrate.js";
import { engines } from "../support/databases.js";
import { platformFixture } from "../support/platform.js";
import { startServer } from "./startServer.js";

/**
 * The integrity check at start (docs/decisions/0018): table files truncated on disk, as the issue
 * did, must make the server refuse with one line naming the table, never offer first-run setup.
 */
describe("integrity check on a PGlite folder whose table files were truncated", () => {
  const dir = mkdtempSync(join(tmpdir(), "nexus-integrity-"));
  const template = join(dir, "template");
  const files: Record<string, string> = {};
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    const f = await platformFixture(async () => {
      const db = await openDatabase({ dataDir: template });
      return { db, drop: () => db.close() };
    });
    const alice = await f.as("alice");
    // Enough records, with bodies of some size, to fill several pages of the record table.
    for (let i = 0; i < 42; i++) {
      const r = await alice.post(`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "note", title: `Synthetic note ${i}`, body: { text: "x".repeat(1500) }, marking: "GREEN" });
      expect(r.status, r.text).toBeLessThan(300);
    }
    for (const t of ["app_user", "record"]) files[t] = (await f.t.db.query<{ p: string }>("select pg_relation_filepath($1) as p", [t])).rows[0].p;
    await f.close();
  }, 240_000);

  /** A copy of the deployment with one table's file cut to `bytes`. */
  function damaged(name: string, table: string, bytes: number) {
    const copy = join(dir, name);
    cpSync(template, copy, { recursive: true });
    const file = join(copy, files[table]);
    expect(statSync(file).size).toBeGreaterThan(bytes);
    truncateSync(file, bytes);
    return copy;
  }

  async function check(dataDir: string) {
    const db = await openDatabase({ dataDir });
    try {
      await migrate(db);
      return await checkIntegrity(db, `DATA_DIR=${dataDir}`);
    } finally {
      await db.close();
    }
  }

  it("passes on the undamaged folder and counts its tables", async () => {
    const copy = join(dir, "whole");
    cpSync(template, copy, { recursive: true });
    const report = await check(copy);
    expect(report.tables).toBeGreaterThan(30);
    expect(report.rows).toBeGreaterThan(50);
  }, 120_000);

  it("refuses an emptied app_user file: the server exits with one line and offers no first-run setup", async () => {
    const copy = damaged("no-users", "app_user", 0);
    const err = await check(copy).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StartupError);
    expect((err as Error).message).toMatch(new RegExp(`^DATA_DIR=${copy}: table app_user is damaged \\(`));
    expect((err as Error).message).toMatch(/restore the latest backup into a new folder .*npx nexus audit verify$/);

    const r = await startServer({ DATA_DIR: copy });
    expect(r.stdout).not.toMatch(/First run|setup\?token|Nexus Toolkit on/);
    expect(r.status).not.toBeNull();
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`DATA_DIR=${copy}: table app_user is damaged`);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  }, 120_000);

  it("refuses a record file cut to its first page: the server names the record table", async () => {
    const copy = damaged("few-records", "record", 8192);
    const r = await startServer({ DATA_DIR: copy });
    expect(r.stdout).not.toMatch(/Nexus Toolkit on/);
    expect(r.status).not.toBeNull();
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(`DATA_DIR=${copy}: table record is damaged`);
  }, 120_000);
});

describe.each(engines)("integrity check on $name", ({ create }) => {
  it("passes on a working deployment and refuses one whose users are gone while the audit names them", async () => {
    const f = await platformFixture(create);
    try {
      await f.as("alice"); // a sign-in: an audit entry that names alice
      expect((await f.t.db.query("select 1 from audit_log where actor_id = $1", [f.ids.alice])).rows.length).toBeGreaterThan(0);
      expect((await checkIntegrity(f.t.db, "test")).rows).toBeGreaterThan(0);
      // Users deleted behind the database's back (foreign keys off): both scans agree, the audit does not.
      await f.t.db.transaction(async (tx) => {
        await tx.exec("set local session_replication_role = replica");
        await tx.exec("delete from user_session; delete from app_user");
      });
      await expect(checkIntegrity(f.t.db, "DATABASE_URL")).rejects.toThrow(/^DATABASE_URL: table app_user is damaged \(the audit log names users that are not in it\)/);
    } finally {
      await f.close();
    }
  }, 120_000);
});
