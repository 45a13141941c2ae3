/**
 * Records are covered by the audit chain (issue 17, point 5; docs/decisions/0019): every entry
 * about a record carries the hash of its row as written, and verify checks every record against
 * the latest hash the chain holds. Before this, a record changed, deleted or added outside the
 * app left the audit "ok".
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { verifyAudit } from "../../src/server/platform/audit.repository.js";
import { engines } from "../support/databases.js";
import { platformFixture, type Fixture } from "../support/platform.js";

describe.each(engines)("records in the audit chain on $name", ({ name, create }) => {
  let f: Fixture;
  const ids: string[] = [];
  beforeAll(async () => {
    f = await platformFixture(create);
    const alice = await f.as("alice");
    for (const title of ["Port visit", "Money trail", "Shell company"]) {
      const r = await alice.post(`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "note", title, body: { text: `${title} notes` }, marking: "AMBER" });
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    expect((await alice.patch(`/api/v1/records/${ids[0]}`, { title: "Port visit (revised)" })).status).toBe(200);
  });
  afterAll(() => f.close());

  it("covers every record the app writes, and the entry holds the hash of the row as written", async () => {
    expect(await verifyAudit(f.t.db)).toMatchObject({ ok: true, records: 3 });
    const last = await f.t.db.query<{ details: { record_hashes: Record<string, string> }; h: string }>(
      "select a.details, (select record_hash(r) from record r where r.id = $1) as h from audit_log a where a.target_id = $1 and a.action = 'record.update'", [ids[0]]);
    expect(last.rows[0].details.record_hashes[ids[0]]).toBe(last.rows[0].h);
  });

  it("names a record whose title was changed outside the app, and is ok again once it is put back", async () => {
    await f.t.db.query("update record set title = 'Quietly edited' where id = $1", [ids[1]]);
    expect(await verifyAudit(f.t.db)).toMatchObject({ ok: false, first: { record: ids[1], problem: "record-changed" } });
    await f.t.db.query("update record set title = 'Money trail' where id = $1", [ids[1]]);
    expect(await verifyAudit(f.t.db)).toMatchObject({ ok: true });
  });

  it("names records lost outside the app (deleted rows, a truncated table) and one added outside it", async () => {
    const saved = (await f.t.db.query("select to_jsonb(r) as r from record r")).rows.map((x) => (x as { r: unknown }).r);
    await f.t.db.query("delete from record where id = any($1::text[])", [[ids[0], ids[2]]]);
    await f.t.db.query(`insert into record (id, workspace_id, kind, title, body, marking, created_by, organisation_id)
      values ('smuggled', $1, 'note', 'Smuggled in', '{}'::jsonb, 'GREEN', $2, 'police')`, [f.ids.ws, f.ids.alice]);
    const r = await verifyAudit(f.t.db);
    expect(r.ok).toBe(false);
    const problems = (r as { problems: unknown[] }).problems;
    expect(problems).toEqual(expect.arrayContaining([
      { record: ids[0], problem: "record-missing", seq: expect.any(Number) },
      { record: ids[2], problem: "record-missing", seq: expect.any(Number) },
      { record: "smuggled", problem: "record-unchained" },
    ]));
    expect(problems).toHaveLength(3);
    await f.t.db.query("delete from record where id = 'smuggled'");
    await f.t.db.query("insert into record select * from jsonb_populate_recordset(null::public.record, $1::jsonb) where id = any($2::text[])", [JSON.stringify(saved), [ids[0], ids[2]]]);
    expect(await verifyAudit(f.t.db)).toMatchObject({ ok: true, records: 3 });
  });

  it("a record removed by the app stays covered: the chain says it is gone, and a row brought back is named", async () => {
    const { retention } = f.services;
    const saved = (await f.t.db.query("select to_jsonb(r) as r from record r where id = $1", [ids[2]])).rows;
    const system = { userId: null, organisationId: null, ip: "test" };
    const req = await retention.fileRemoval(f.ids.alice, ids[2], "Filed in error, holds nothing of use", system);
    await retention.decideRemoval(f.ids.olga, req.id, true, "Agreed, nothing of use is lost", system);
    await retention.executeRemoval(req.id, system);
    expect(await verifyAudit(f.t.db)).toMatchObject({ ok: true, records: 2 });
    await f.t.db.query("insert into record select * from jsonb_populate_recordset(null::public.record, $1::jsonb)", [JSON.stringify(saved.map((x) => (x as { r: unknown }).r))]);
    expect(await verifyAudit(f.t.db)).toMatchObject({ ok: false, first: { record: ids[2], problem: "record-changed" } });
    await f.t.db.query("delete from record where id = $1", [ids[2]]);
  });

  it.runIf(name === "postgres")("nexus audit verify says what it checked and names the changed record", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nexus-chain-"));
    const run = async () => {
      process.env.DATA_DIR = dir;
      process.env.DATABASE_URL = f.t.url!;
      const out: string[] = [];
      const err: string[] = [];
      try {
        return { code: await main(["audit", "verify"], { out: (l) => out.push(l), err: (l) => err.push(l) }), out: out.join("\n"), err: err.join("\n") };
      } finally { delete process.env.DATA_DIR; delete process.env.DATABASE_URL; }
    };
    try {
      const ok = await run();
      expect(ok.code).toBe(0);
      expect(ok.out).toMatch(/^audit chain ok: \d+ entries; .*; 2 records match it$/);
      await f.t.db.query("update record set body = '{\"text\": \"rewritten\"}'::jsonb where id = $1", [ids[1]]);
      const bad = await run();
      expect(bad.code).toBe(1);
      expect(bad.err).toContain(`record ${ids[1]} does not match its latest audit entry`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
