import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";

const system = { userId: null, organisationId: null, ip: null };
// The app's clock, moved by the tests; the guards are relaxed here (test/ops/time.test.ts tests them).
let offsetDays = 0;
const clock = () => new Date(Date.now() + offsetDays * 86400_000);

describe.each(engines)("retention and removal on $name", ({ create }) => {
  let f: Fixture;
  let alice: Client;
  let olga: Client;
  let adam: Client;
  const newRecord = async (title: string, extra: Record<string, unknown> = {}) =>
    (await alice.post(`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "note", title, body: { text: title }, marking: "AMBER", ...extra })).body.id as string;

  beforeAll(async () => {
    f = await platformFixture(create, { clock, retentionGuards: { maxShare: 1, maxGapDays: 36500 } });
    [alice, olga, adam] = await Promise.all([f.as("alice"), f.as("olga"), f.as("adam")]);
  });
  afterAll(async () => { await f?.close(); });
  /** One retention run with the clock moved forward; signed-in clients then act at the real time again. */
  const runAt = async (days: number) => {
    offsetDays = days;
    try { return await f.services.retention.run(system); } finally { offsetDays = 0; }
  };

  it("lets the deployment set each kind's retention period with its legal basis", async () => {
    const bad = await adam.request("PUT", "/api/v1/retention/note", { retention_days: 100, minor_retention_days: 200, grace_days: 10, minor_review_days: 30, legal_basis: "Data Protection Act 2019, s. 12" });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].param).toBe("minor_retention_days");
    const noBasis = await adam.request("PUT", "/api/v1/retention/note", { retention_days: 100, minor_retention_days: 50, grace_days: 10, minor_review_days: 30, legal_basis: "" });
    expect(noBasis.body.errors[0].param).toBe("legal_basis");
    const ok = await adam.request("PUT", "/api/v1/retention/note", { retention_days: 100, minor_retention_days: 50, grace_days: 10, minor_review_days: 30, legal_basis: "Data Protection Act 2019, s. 12" });
    expect(ok.status).toBe(200);
    const state = await olga.get("/api/v1/retention");
    expect(state.body.policies).toContainEqual(expect.objectContaining({ kind: "note", retention_days: 100, legal_basis: "Data Protection Act 2019, s. 12" }));
  });

  it("soft-deletes a due record, then purges it after the grace period, keeping only the fact in the audit", async () => {
    const id = await newRecord("due-for-deletion");
    const early = await runAt(99);
    expect(early.softDeleted).toBe(0);
    const soft = await runAt(101);
    expect(soft.softDeleted).toBeGreaterThanOrEqual(1);
    expect((await alice.get(`/api/v1/records/${id}`)).status).toBe(404);
    const meta = await olga.get(`/api/v1/records/${id}`);
    expect(meta.body).toMatchObject({ access: { level: "metadata" }, deleted_at: expect.any(String) });
    expect(meta.text).not.toContain("due-for-deletion");
    const state = await olga.get("/api/v1/retention");
    expect(state.body.kinds.find((k: { kind: string }) => k.kind === "note").soft_deleted).toBeGreaterThanOrEqual(1);
    const purged = await runAt(112);
    expect(purged.purged).toBeGreaterThanOrEqual(1);
    expect((await f.t.db.query("select 1 from record where id = $1", [id])).rows).toHaveLength(0);
    const audit = await f.t.db.query<{ action: string }>("select action from audit_log where target_id = $1 and action <> 'record.read' order by seq", [id]);
    expect(audit.rows.map((r) => r.action)).toEqual(["record.create", "retention.soft-delete", "retention.purge"]);
    const leaked = await f.t.db.query("select 1 from audit_log where details::text like '%due-for-deletion%' or coalesce(reason, '') like '%due-for-deletion%'");
    expect(leaked.rows).toHaveLength(0);
  });

  it("keeps records about minors for less time and flags overdue reviews", async () => {
    // Later than the runs above: a clock earlier than the last run would stop the job.
    await adam.request("PUT", "/api/v1/retention/note", { retention_days: 300, minor_retention_days: 150, grace_days: 10, minor_review_days: 30, legal_basis: "Data Protection Act 2019, s. 12" });
    const minor = await newRecord("minor-case", { concerns_minor: true });
    const adult = await newRecord("adult-case");
    await runAt(163);
    const rows = (await f.t.db.query<{ id: string; deleted: boolean }>("select id, deleted_at is not null as deleted from record where id = any($1::text[])", [[minor, adult]])).rows;
    expect(Object.fromEntries(rows.map((r) => [r.id, r.deleted]))).toEqual({ [minor]: true, [adult]: false });
    const other = await newRecord("minor-review", { concerns_minor: true });
    offsetDays = 31;
    const state = await f.services.retention.state().finally(() => { offsetDays = 0; });
    expect(state.kinds.find((k) => k.kind === "note")!.reviews_overdue).toBeGreaterThanOrEqual(1);
    expect(other).toBeTruthy();
  });

  it("removes a record only after oversight approves, and the audit keeps the fact, not the content", async () => {
    const id = await newRecord("remove-me-please");
    const filed = await alice.post(`/api/v1/records/${id}/removal-requests`, { reason: "entered in the wrong workspace" });
    expect(filed.status).toBe(201);
    expect((await alice.post(`/api/v1/removal-requests/${filed.body.id}/decision`, { approve: true, reason: "self approval" })).status).toBe(403);
    expect((await olga.post(`/api/v1/removal-requests/${filed.body.id}/execute`)).status).toBe(409);
    const approved = await olga.post(`/api/v1/removal-requests/${filed.body.id}/decision`, { approve: true, reason: "grounds are valid" });
    expect(approved.body.status).toBe("approved");
    expect((await alice.get(`/api/v1/records/${id}`)).status).toBe(200);
    const executed = await olga.post(`/api/v1/removal-requests/${filed.body.id}/execute`);
    expect(executed.body.status).toBe("executed");
    expect((await alice.get(`/api/v1/records/${id}`)).status).toBe(404);
    const audit = await f.t.db.query<{ action: string }>("select action from audit_log where target_id = $1 and action <> 'record.read' order by seq", [id]);
    expect(audit.rows.map((r) => r.action)).toEqual(["record.create", "removal.request", "removal.approve", "removal.execute"]);
    const leaked = await f.t.db.query("select 1 from audit_log where details::text like '%remove-me-please%'");
    expect(leaked.rows).toHaveLength(0);
  });

  it("keeps a refused record and refuses to execute the request", async () => {
    const id = await newRecord("keep-me");
    const filed = await alice.post(`/api/v1/records/${id}/removal-requests`, { reason: "no longer relevant to us" });
    const refused = await olga.post(`/api/v1/removal-requests/${filed.body.id}/decision`, { approve: false, reason: "still evidence in case 7" });
    expect(refused.body.status).toBe("refused");
    expect((await olga.post(`/api/v1/removal-requests/${filed.body.id}/execute`)).status).toBe(409);
    expect((await alice.get(`/api/v1/records/${id}`)).status).toBe(200);
    const mine = await alice.get("/api/v1/removal-requests");
    expect(mine.body.items.every((r: { requested_by: string }) => r.requested_by === f.ids.alice)).toBe(true);
  });

  it("lets oversight filter the audit trail and export it as CSV, and audits that too", async () => {
    const filtered = await olga.get(`/api/v1/audit?actor=${f.ids.alice}&action=record`);
    expect(filtered.body.entries.length).toBeGreaterThan(0);
    for (const e of filtered.body.entries) {
      expect(e.actor_id).toBe(f.ids.alice);
      expect(e.action.startsWith("record.")).toBe(true);
    }
    const byOrg = await olga.get("/api/v1/audit?organisation=police&from=2020-01-01&to=2100-01-01");
    expect(byOrg.body.entries.every((e: { actor_org: string }) => e.actor_org === "police")).toBe(true);
    expect((await olga.get("/api/v1/audit?from=yesterday")).body.errors[0].param).toBe("from");
    const csv = await olga.get("/api/v1/audit?format=csv&action=removal");
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.text.split("\r\n")[0]).toBe("seq,at,actor_id,actor_org,action,target_kind,target_id,ip,reason,details,hash");
    expect(csv.text).toContain("removal.execute");
    const { rows } = await f.t.db.query<{ action: string }>("select action from audit_log where actor_id = $1 and action like 'audit.%'", [f.ids.olga]);
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(["audit.read", "audit.export"]));
    expect((await alice.get("/api/v1/audit")).status).toBe(403);
    expect((await olga.get("/api/v1/audit/verify")).body.ok).toBe(true);
  });
});
