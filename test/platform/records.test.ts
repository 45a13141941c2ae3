import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Marking } from "../../src/core/platform/markings.js";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";

describe.each(engines)("marked records on $name", ({ create }) => {
  let f: Fixture;
  const c: Record<string, Client> = {};
  const rec: Record<string, string> = {};

  beforeAll(async () => {
    f = await platformFixture(create);
    for (const who of ["alice", "bob", "carol", "dave", "erin", "olga", "mallory"]) c[who] = await f.as(who);
    for (const m of ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"] as Marking[]) {
      const r = await c.alice.post(`/api/v1/workspaces/${f.ids.ws}/records`, {
        kind: "note", title: `secret-${m}`, body: { text: `body-${m}` }, marking: m, ...(m === "RED" ? { recipients: [f.ids.bob] } : {}),
      });
      expect(r.status, m).toBe(201);
      rec[m] = r.body.id;
    }
  });
  afterAll(async () => { await f?.close(); });

  // Who sees which title through the API, read with a reason where one is asked.
  const expected: Record<string, Marking[]> = {
    alice: ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"],
    bob: ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"],
    carol: ["CLEAR", "GREEN", "AMBER"],
    dave: ["CLEAR", "GREEN"],
    erin: ["CLEAR", "GREEN"],
    mallory: ["CLEAR", "GREEN"],
    olga: ["CLEAR", "GREEN"],
  };
  it.each(Object.keys(expected))("%s reads exactly the records the access function allows", async (who) => {
    for (const m of Object.keys(rec) as Marking[]) {
      const r = await c[who].get(`/api/v1/records/${rec[m]}?reason=${encodeURIComponent("case review 12")}`);
      const readable = r.status === 200 && r.body.title === `secret-${m}`;
      expect(readable, `${who} ${m}`).toBe(expected[who].includes(m));
      if (!readable && who !== "olga") expect(r.status, `${who} ${m}`).toBe(404);
    }
  });

  it("gives oversight metadata without content", async () => {
    const r = await c.olga.get(`/api/v1/records/${rec.RED}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: rec.RED, marking: "RED", access: { level: "metadata" } });
    expect(r.text).not.toContain("secret-RED");
    expect(r.text).not.toContain("body-RED");
  });

  it("shows oversight who can see a record without showing its content", async () => {
    const r = await c.olga.get(`/api/v1/records/${rec.RED}/visibility`);
    expect(r.status).toBe(200);
    expect(r.body.people.map((p: { name: string }) => p.name).sort()).toEqual(["Alice", "Bob"]);
    expect(r.text).not.toContain("secret-RED");
    expect((await c.dave.get(`/api/v1/records/${rec.RED}/visibility`)).status).toBe(404);
  });

  it("lets a member grant oversight the content, with a reason", async () => {
    expect((await c.alice.post(`/api/v1/records/${rec.AMBER}/oversight-grants`, { user_id: f.ids.olga, reason: "complaint 2026-14" })).status).toBe(201);
    const r = await c.olga.get(`/api/v1/records/${rec.AMBER}`);
    expect(r.body.title).toBe("secret-AMBER");
    expect((await c.alice.post(`/api/v1/records/${rec.AMBER}/oversight-grants`, { user_id: f.ids.bob, reason: "not oversight" })).body.errors[0].param).toBe("user_id");
  });

  it("asks for a reason to read AMBER+STRICT and RED, and audits it", async () => {
    const r = await c.bob.get(`/api/v1/records/${rec.RED}`);
    expect(r.status).toBe(400);
    expect(r.body.errors[0]).toMatchObject({ param: "reason" });
    expect((await c.bob.get(`/api/v1/records/${rec.RED}?reason=${encodeURIComponent("briefing the prosecutor")}`)).status).toBe(200);
    const { rows } = await f.t.db.query<{ reason: string; actor_id: string }>("select reason, actor_id from audit_log where action = 'record.read' and target_id = $1", [rec.RED]);
    expect(rows).toContainEqual({ reason: "briefing the prosecutor", actor_id: f.ids.bob });
    expect((await c.carol.get(`/api/v1/records/${rec.AMBER}`)).status).toBe(200);
  });

  it.each(["carol", "dave", "mallory", "olga"])("search and export leak nothing to %s that the access function denies", async (who) => {
    const search = await c[who].get("/api/v1/records?q=secret");
    const titles = search.body.items.map((i: { title?: string }) => i.title).filter(Boolean);
    const allowed = expected[who].map((m) => `secret-${m}`).concat(who === "olga" ? ["secret-AMBER"] : []);
    for (const t of titles) expect(allowed).toContain(t);
    const bodySearch = await c[who].get("/api/v1/records?q=body-RED");
    expect(bodySearch.text).not.toContain("secret-RED");
    const csv = await c[who].get("/api/v1/records/export.csv");
    expect(csv.status).toBe(200);
    for (const m of ["AMBER", "AMBER+STRICT", "RED"] as Marking[]) {
      if (!allowed.includes(`secret-${m}`)) expect(csv.text, `${who} ${m}`).not.toContain(`secret-${m}`);
    }
  });

  it("audits searches and exports", async () => {
    const { rows } = await f.t.db.query<{ action: string }>("select distinct action from audit_log where action in ('record.search', 'record.export')");
    expect(rows.map((r) => r.action).sort()).toEqual(["record.export", "record.search"]);
  });

  it("previews who can see a record before widening it, and widening needs a reason", async () => {
    const now = await c.alice.get(`/api/v1/records/${rec["AMBER+STRICT"]}/visibility`);
    expect(now.body.people.map((p: { name: string }) => p.name).sort()).toEqual(["Alice", "Bob"]);
    expect(now.body.organisations).toEqual(["Police"]);
    const wider = await c.alice.get(`/api/v1/records/${rec["AMBER+STRICT"]}/visibility?marking=AMBER`);
    expect(wider.body.people.map((p: { name: string }) => p.name).sort()).toEqual(["Alice", "Bob", "Carol"]);
    expect(wider.body.organisations.sort()).toEqual(["FIU", "Police"]);
    const noReason = await c.alice.patch(`/api/v1/records/${rec["AMBER+STRICT"]}`, { marking: "AMBER" });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].param).toBe("reason");
    const ok = await c.alice.patch(`/api/v1/records/${rec["AMBER+STRICT"]}`, { marking: "AMBER", reason: "FIU needs it for the joint analysis" });
    expect(ok.status).toBe(200);
    expect((await c.carol.get(`/api/v1/records/${rec["AMBER+STRICT"]}`)).body.title).toBe("secret-AMBER+STRICT");
    const audit = await f.t.db.query<{ action: string; reason: string }>("select action, reason from audit_log where target_id = $1 and action like 'record.share%'", [rec["AMBER+STRICT"]]);
    expect(audit.rows).toEqual([{ action: "record.share-widened", reason: "FIU needs it for the joint analysis" }]);
  });

  it("never lets a derived record be wider than what it derives from", async () => {
    const wide = await c.bob.post(`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "note", title: "summary", body: {}, marking: "GREEN", derived_from: [rec.RED] });
    expect(wide.status).toBe(400);
    expect(wide.body.errors[0]).toMatchObject({ param: "derived_from.0" });
    expect(wide.body.errors[0].message).toContain("must be marked RED or narrower");
    const otherRecipient = await c.bob.post(`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "note", title: "summary", body: {}, marking: "RED", recipients: [f.ids.carol], derived_from: [rec.RED] });
    expect(otherRecipient.body.errors[0]).toMatchObject({ param: "derived_from.0" });
    expect(otherRecipient.body.errors[0].message).toContain("only its recipients");
    const narrow = await c.bob.post(`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "note", title: "summary", body: {}, marking: "RED", recipients: [f.ids.alice], derived_from: [rec.RED] });
    expect(narrow.status).toBe(201);
    const unreadable = await c.carol.post(`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "note", title: "x", body: {}, marking: "RED", derived_from: [rec.RED] });
    expect(unreadable.body.errors[0].param).toBe("derived_from.0");
  });

  it("requires at least AMBER and sets a review date for records concerning a minor", async () => {
    const green = await c.alice.post(`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "note", title: "child", body: {}, marking: "GREEN", concerns_minor: true });
    expect(green.status).toBe(400);
    expect(green.body.errors[0]).toMatchObject({ param: "marking" });
    const amber = await c.alice.post(`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "note", title: "child", body: {}, marking: "AMBER", concerns_minor: true });
    expect(amber.status).toBe(201);
    expect(new Date(amber.body.review_due_at).getTime()).toBeGreaterThan(Date.now() + 80 * 86400_000);
    const widen = await c.alice.patch(`/api/v1/records/${amber.body.id}`, { marking: "GREEN", reason: "try" });
    expect(widen.status).toBe(400);
    expect((await c.alice.post(`/api/v1/records/${amber.body.id}/reviews`, { note: "still needed for the case" })).status).toBe(200);
  });

  it("refuses fields that invite profiling, naming the field", async () => {
    const r = await c.alice.post(`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "note", title: "x", body: { ethnicity: "x" }, marking: "AMBER" });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].param).toBe("body.ethnicity");
    expect(r.body.errors[0].message).toContain("no profiling");
  });

  it("rejects bad record input with the field and nothing written", async () => {
    const before = await f.t.db.query<{ n: string }>("select count(*) as n from record");
    const cases: [unknown, string][] = [
      [{ kind: "note", title: "", body: {}, marking: "AMBER" }, "title"],
      [{ kind: "note", title: "x", body: {}, marking: "PURPLE" }, "marking"],
      [{ kind: "Bad Kind", title: "x", body: {}, marking: "AMBER" }, "kind"],
      [{ kind: "note", title: "x", body: {}, marking: "AMBER", recipients: [f.ids.bob] }, "recipients"],
      [{ kind: "note", title: "x", body: {}, marking: "RED", recipients: [f.ids.dave] }, "recipients"],
      [{ kind: "note", title: "x", body: {}, marking: "AMBER", colour: "red" }, "colour"],
    ];
    for (const [input, param] of cases) {
      const r = await c.alice.post(`/api/v1/workspaces/${f.ids.ws}/records`, input);
      expect(r.status, param).toBe(400);
      expect(r.body.errors[0].param, JSON.stringify(input)).toBe(param);
    }
    const after = await f.t.db.query<{ n: string }>("select count(*) as n from record");
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it("ends access at once when a membership is revoked, and previews what a new member gains", async () => {
    const preview = await c.alice.get(`/api/v1/workspaces/${f.ids.ws}/members/preview?user_id=${f.ids.dave}`);
    expect(preview.body.records_visible).toBeGreaterThan(0);
    expect(preview.body.by_marking.AMBER).toBeGreaterThan(0);
    await c.alice.del(`/api/v1/workspaces/${f.ids.ws}/members/${f.ids.carol}`);
    expect((await c.carol.get(`/api/v1/records/${rec.AMBER}`)).status).toBe(404);
  });
});
