/**
 * Issue 17, point 4: a clock jump forward deleted everything, and locks and sessions made during
 * the jump lasted until the jumped date. The app's clock (buildAppWithServices `clock`) is moved
 * here; PGlite and PostgreSQL keep their own, real clocks, as in production.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/readContent.js";
import { retentionGuardsFromEnv } from "../../src/server/platform/retention.service.js";
import { loadDemo } from "../../src/server/demo.js";
import { engines } from "../support/databases.js";
import { PASSWORD, platformFixture, type Client, type Fixture } from "../support/platform.js";

const DAY = 86_400_000;
const MINUTE = 60_000;
const system = { userId: null, organisationId: null, ip: null };
const content = loadContent();

let offset = 0;
const clock = () => new Date(Date.now() + offset);
/** Runs fn with the app's clock moved by ms, then puts it back. */
async function at<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  offset = ms;
  try { return await fn(); } finally { offset = 0; }
}

describe.each(engines)("time guards on $name", ({ create }) => {
  let f: Fixture;
  let olga: Client;
  let count: (sql: string, params?: unknown[]) => Promise<number>;
  let areas: string[];

  const login = (email: string, password: string) => f.anonymous.post("/api/v1/auth/login", { email, password });

  beforeAll(async () => {
    f = await platformFixture(create, { clock });
    count = async (sql, params = []) => Number((await f.t.db.query<{ n: string }>(sql, params)).rows[0].n);
    // Demo-like data: the synthetic Nexus Watch workspace with its records and observations (four areas: more than RETENTION_MAX_SHARE of its records, the directory included).
    await loadDemo(f.t.db, content.kb, { areas: 4, months: 3, password: PASSWORD });
    areas = (await f.t.db.query<{ id: string }>("select id from record where kind = 'area' order by id")).rows.map((r) => r.id);
    olga = await f.as("olga");
    // The hourly job ran at the real time: nothing was due.
    expect(await f.services.retention.run(system)).toMatchObject({ status: "done", softDeleted: 0, purged: 0 });
  });
  afterAll(async () => { await f?.close(); });

  it("refuses to run 800 and 831 days ahead of the last run, deletes nothing, and shows oversight why", async () => {
    const before = { records: await count("select count(*) as n from record"), observations: await count("select count(*) as n from watch_observation") };
    expect(before.records).toBeGreaterThan(10);
    expect(before.observations).toBeGreaterThan(10);
    const r = await at(800 * DAY, () => f.services.retention.run(system));
    expect(r.status).toBe("awaiting-confirmation");
    if (r.status === "done") return;
    expect(r.problems.map((p) => p.code)).toEqual(["retention.clock_jumped", "retention.share_exceeded"]);
    expect(r.problems[0].params).toMatchObject({ days: 800, max_days: 7 });
    // The next hourly run, and the one a month later, are refused too, under the same record.
    const again = await at(800 * DAY + 3_600_000, () => f.services.retention.run(system));
    expect(again.run).toBe(r.run);
    expect((await at(831 * DAY, () => f.services.retention.run(system))).status).toBe("awaiting-confirmation");
    expect(await count("select count(*) as n from record")).toBe(before.records);
    expect(await count("select count(*) as n from record where deleted_at is not null")).toBe(0);
    expect(await count("select count(*) as n from watch_observation")).toBe(before.observations);
    const audit = await f.t.db.query<{ details: { problems: { code: string }[] } }>("select details from audit_log where action = 'retention.refused' and target_id = $1", [r.run]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].details.problems.map((p) => p.code)).toEqual(["retention.clock_jumped", "retention.share_exceeded"]);
    const state = await olga.get("/api/v1/retention");
    expect(state.body.pending_run).toMatchObject({ status: "awaiting-confirmation", problems: [{ code: "retention.clock_jumped" }, { code: "retention.share_exceeded" }] });
    expect(state.body.guards).toEqual({ max_share: 0.1, max_gap_days: 7 });
  });

  it("refuses to run when the clock is earlier than the data already held", async () => {
    const r = await at(-DAY, () => f.services.retention.run(system));
    expect(r.status).toBe("awaiting-confirmation");
    if (r.status === "done") return;
    expect(r.problems.map((p) => p.code)).toEqual(["retention.clock_behind_data"]);
    expect(new Date(String(r.problems[0].params.newest)).getTime()).toBeGreaterThan(Date.now() - DAY);
    // Back at the real time the job runs again, and the refused runs are moot.
    expect((await f.services.retention.run(system)).status).toBe("done");
    expect((await olga.get("/api/v1/retention")).body.pending_run).toBeNull();
  });

  it("a lock made while the clock was 800 days ahead lasts its real 15 minutes once the clock is back, and says how long is left", async () => {
    const carol = await f.as("carol");
    await at(800 * DAY, async () => {
      for (let i = 0; i < 5; i++) expect((await login("carol@example.org", "not-the-password-at-all")).status).toBe(401);
    });
    const { rows } = await f.t.db.query<{ locked_until: Date }>("select locked_until from app_user where id = $1", [f.ids.carol]);
    expect(new Date(rows[0].locked_until).getTime()).toBeGreaterThan(Date.now() + 799 * DAY); // made at the jumped time
    // The clock is back: the lock holds, counted from now, not until the jumped date.
    expect((await login("carol@example.org", PASSWORD)).status).toBe(401);
    const locked = await carol.post("/api/v1/auth/password", { current_password: "still-not-the-password", new_password: "another-long-passphrase-77" });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ code: "auth.account_locked", params: { minutes: 15 } });
    const later = await at(10 * MINUTE, () => carol.post("/api/v1/auth/password", { current_password: "still-not-the-password", new_password: "another-long-passphrase-77" }));
    expect(later.body.params).toEqual({ minutes: 5 });
    expect(later.body.detail).toContain("Try again in 5 minutes");
    expect((await at(14 * MINUTE, () => login("carol@example.org", PASSWORD))).status).toBe(401);
    expect((await at(16 * MINUTE, () => login("carol@example.org", PASSWORD))).status).toBe(200);
  });

  it("a session made while the clock was 800 days ahead ends when the clock comes back", async () => {
    const alice = await f.as("alice");
    const jumped = await at(800 * DAY, () => f.as("dave"));
    expect((await at(800 * DAY, () => jumped.get("/api/v1/auth/me"))).status).toBe(200);
    expect((await jumped.get("/api/v1/auth/me")).status).toBe(401);
    expect((await alice.get("/api/v1/auth/me")).status).toBe(200);
    // A session made at the real time still ends after its lifetime.
    expect((await at(25 * 3_600_000, () => alice.get("/api/v1/auth/me"))).status).toBe(401);
  });

  it("a run deleting more than RETENTION_MAX_SHARE waits for oversight to confirm it with a reason, then proceeds", async () => {
    const adam = await f.as("adam");
    expect((await adam.request("PUT", "/api/v1/retention/area", { retention_days: 1, minor_retention_days: 1, grace_days: 30, minor_review_days: 30, legal_basis: "Synthetic test policy for areas" })).status).toBe(200);
    const total = await count("select count(*) as n from record");
    expect(areas.length / total).toBeGreaterThan(0.1); // more than the default share
    await at(2 * DAY, async () => {
      const [admin, overseer, alice] = [await f.as("adam"), await f.as("olga"), await f.as("alice")];
      const refused = await admin.post("/api/v1/retention/run");
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: "retention.share_exceeded", params: { deletes: areas.length, total } });
      expect(await count("select count(*) as n from record where deleted_at is not null")).toBe(0);
      const run = refused.body.params.run as string;
      expect((await alice.post(`/api/v1/retention/runs/${run}/confirm`, { reason: "I think this is fine to delete" })).status).toBe(403);
      expect((await admin.post(`/api/v1/retention/runs/${run}/confirm`, { reason: "I think this is fine to delete" })).status).toBe(403);
      expect((await overseer.post(`/api/v1/retention/runs/${run}/confirm`, { reason: "." })).body.errors[0].param).toBe("reason");
      const ok = await overseer.post(`/api/v1/retention/runs/${run}/confirm`, { reason: "The area policy was shortened on purpose by the board" });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: "done", softDeleted: areas.length, purged: 0 });
      expect((await overseer.post(`/api/v1/retention/runs/${run}/confirm`, { reason: "The area policy was shortened on purpose by the board" })).body.code).toBe("retention.not_pending");
    });
    expect(await count("select count(*) as n from record where deleted_at is not null")).toBe(areas.length);
    // Oversight sees which records await purge (to restore them); the administrator sees counts only.
    expect((await olga.get("/api/v1/retention")).body.soft_deleted.map((r: { id: string }) => r.id).sort()).toEqual([...areas].sort());
    expect((await adam.get("/api/v1/retention")).body.soft_deleted).toEqual([]);
    const confirm = await f.t.db.query<{ actor_id: string; reason: string }>("select actor_id, reason from audit_log where action = 'retention.confirm'");
    expect(confirm.rows).toEqual([{ actor_id: f.ids.olga, reason: "The area policy was shortened on purpose by the board" }]);
  });

  it("oversight restores a soft-deleted record with its observations until purge; nobody else can", async () => {
    const [area] = areas;
    const reason = { reason: "Deleted by a retention policy set by mistake" };
    const observations = `/api/v1/watch/subjects/${area}/observations`;
    // Still two days on, the day of the confirmed run.
    await at(2 * DAY, async () => {
      const [analyst, overseer] = [await f.as("demo-analyst"), await f.as("olga")];
      expect((await analyst.get(`/api/v1/records/${area}`)).status).toBe(404);
      expect((await analyst.get(observations)).status).toBe(404);
      for (const who of ["alice", "adam", "demo-analyst"]) expect((await (await f.as(who)).post(`/api/v1/records/${area}/restore`, reason)).status).toBe(403);
      expect((await overseer.post(`/api/v1/records/${area}/restore`, { reason: "." })).status).toBe(400);
      const restored = await overseer.post(`/api/v1/records/${area}/restore`, reason);
      expect(restored.status).toBe(200);
      expect((await overseer.post(`/api/v1/records/${area}/restore`, reason)).body.code).toBe("retention.not_deleted");
      expect((await overseer.post("/api/v1/records/no-such-record/restore", reason)).status).toBe(404);
      expect((await analyst.get(`/api/v1/records/${area}`)).status).toBe(200);
      const obs = await analyst.get(observations);
      expect(obs.status).toBe(200);
      expect(JSON.stringify(obs.body)).toContain("synthetic");
    });
    const audit = await f.t.db.query<{ actor_id: string; reason: string }>("select actor_id, reason from audit_log where action = 'record.restore' and target_id = $1", [area]);
    expect(audit.rows).toEqual([{ actor_id: f.ids.olga, reason: reason.reason }]);
    // Its retention period starts again from the restoration: the next hourly run leaves it alone.
    expect(await at(2 * DAY + 3_600_000, () => f.services.retention.run(system))).toMatchObject({ status: "done", softDeleted: 0 });
    expect(await count("select count(*) as n from record where id = $1 and deleted_at is null", [area])).toBe(1);
    expect(await count("select count(*) as n from record where kind = 'area' and deleted_at is not null")).toBe(areas.length - 1);
  });
});

describe("retention guard settings", () => {
  it("are read from the environment, and a bad value names the setting and the fix", () => {
    expect(retentionGuardsFromEnv({})).toEqual({ maxShare: 0.1, maxGapDays: 7 });
    expect(retentionGuardsFromEnv({ RETENTION_MAX_SHARE: "0.25", RETENTION_MAX_GAP_DAYS: "30" })).toEqual({ maxShare: 0.25, maxGapDays: 30 });
    expect(() => retentionGuardsFromEnv({ RETENTION_MAX_SHARE: "10%" })).toThrow(/^RETENTION_MAX_SHARE="10%" must be a share between 0 and 1.*default 0\.1$/);
    expect(() => retentionGuardsFromEnv({ RETENTION_MAX_GAP_DAYS: "-1" })).toThrow(/^RETENTION_MAX_GAP_DAYS="-1" must be a number of days/);
  });
});
