/**
 * Regressions for the failures found when the platform was attacked (issue 10): each case here
 * passed on the code before the records kernel and must fail now.
 */
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";

const WHY = encodeURIComponent("preparing the joint briefing");

describe.each(engines)("trust on $name", ({ create }) => {
  let f: Fixture;
  const c: Record<string, Client> = {};
  const W = () => `/api/v1/watch/workspaces/${f.ids.ws}`;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    f = await platformFixture(create);
    for (const who of ["alice", "bob", "carol", "dave", "olga", "mallory"]) c[who] = await f.as(who);
    const post = async (url: string, body: unknown) => {
      const r = await c.alice.post(url, body);
      if (r.status !== 201) throw new Error(`${url}: ${r.text}`);
      return r.body.id as string;
    };
    id.greenSource = await post(`${W()}/sources`, { name: "Open press review", marking: "GREEN", body: { type: "media", reliability: "C" } });
    id.redSource = await post(`${W()}/sources`, { name: "Covert informant K7", marking: "RED", recipients: [f.ids.bob], body: { type: "human", reliability: "B" } });
    id.area = await post(`${W()}/areas`, { name: "Open market town", marking: "GREEN", body: { country: "NE" } });
    id.redGroup = await post(`${W()}/groups`, { name: "Crimson cell", marking: "RED", recipients: [f.ids.bob], body: { type: "terrorist", areas: [id.area], motivations: [{ from: "2015-01-01", kind: "economic" }, { from: "2020-01-01", kind: "ideological" }], notes: "zealot-motive-xyz" } });
    id.greenGroup = await post(`${W()}/groups`, { name: "Harbour traders", marking: "GREEN", body: { type: "criminal", areas: [id.area], motivations: [{ from: "2020-01-01", kind: "economic" }] } });
    const obs = await c.alice.post(`/api/v1/watch/subjects/${id.area}/observations`, { indicator: "org-leadership.factions-forming", state: "present", observed_at: "2026-09-01", sources: [id.greenSource], credibility: 2 });
    expect(obs.status).toBe(201);
  });
  afterAll(async () => { await f?.close(); });

  it("1. a RED group never reaches a reader of a GREEN area: analysis, stored reading, assessment and its DOCX", async () => {
    const seen = await c.mallory.get(`/api/v1/watch/subjects/${id.area}`);
    expect(seen.status).toBe(200);
    expect(seen.text).not.toContain("Crimson cell");
    expect(seen.text).not.toContain(id.redGroup);
    expect(seen.body.analysis.withheld).toBe(true);
    // The recipient sees it when they say why.
    const bob = await c.bob.request("GET", `/api/v1/watch/subjects/${id.area}`, undefined, { headers: { "x-access-reason": WHY } });
    expect(bob.text).toContain("Crimson cell");
    expect(bob.body.analysis.withheld).toBe(false);
    // A GREEN assessment is read by everyone: its snapshot leaves the RED group out, whoever made it.
    const a = await c.bob.request("POST", `/api/v1/watch/subjects/${id.area}/assessments`, { marking: "GREEN" }, { headers: { "x-access-reason": WHY } });
    expect(a.status).toBe(201);
    expect(a.text).not.toContain("Crimson cell");
    expect(a.body.body.analysis.withheld).toBe(true);
    const docx = await c.mallory.get(`/api/v1/watch/assessments/${a.body.id}/report.docx`);
    expect(docx.status).toBe(200);
    const xml = await (await JSZip.loadAsync(docx.raw)).file("word/document.xml")!.async("string");
    expect(xml).toContain("Open market town");
    expect(xml).not.toContain("Crimson cell");
    expect(xml).not.toContain("Covert informant");
  });

  it("2. a derived record is never marked wider than what it cites, naming the cited record", async () => {
    const red2 = await c.alice.post(`${W()}/groups`, { name: "Scarlet crew", marking: "RED", recipients: [f.ids.bob], body: { type: "criminal", areas: [], motivations: [] } });
    const rel = await c.alice.post(`${W()}/relationships`, { marking: "GREEN", body: { from: id.redGroup, to: red2.body.id, kind: "alliance", sources: [id.redSource], credibility: 2 } });
    expect(rel.status).toBe(400);
    expect(rel.body.errors[0].param).toBe("body.from");
    expect(rel.body.errors[0].message).toContain("RED");
    const obs = await c.alice.post(`/api/v1/watch/subjects/${id.area}/observations`, { indicator: "org-leadership.factions-forming", state: "present", observed_at: "2026-09-02", sources: [id.redSource], credibility: 2, note: "informant-note-xyz" });
    expect(obs.status).toBe(400);
    expect(obs.body.errors[0].param).toBe("body.sources");
    expect((await c.mallory.get(`/api/v1/watch/subjects/${id.area}/observations`)).text).not.toContain("informant-note-xyz");
    const ok = await c.alice.post(`${W()}/relationships`, { marking: "RED", recipients: [f.ids.bob], body: { from: id.redGroup, to: red2.body.id, kind: "alliance", sources: [id.redSource], credibility: 2 } });
    expect(ok.status).toBe(201);
  });

  it("4. a non-member of another organisation cannot publish an assessment in review", async () => {
    const a = await c.alice.post(`/api/v1/watch/subjects/${id.area}/assessments`, { marking: "GREEN", judgement: { manifestation: "hybrid", reason: "both groups operate in the market" } });
    expect(a.status).toBe(201);
    expect((await c.alice.patch(`/api/v1/watch/assessments/${a.body.id}`, { status: "review" })).status).toBe(200);
    const r = await c.mallory.patch(`/api/v1/watch/assessments/${a.body.id}`, { status: "published" });
    expect(r.status).toBe(404);
    expect((await c.alice.get(`/api/v1/watch/assessments/${a.body.id}`)).body.body.status).toBe("review");
  });

  it("5. a derived record cannot leave its parent's workspace", async () => {
    const wb = await c.carol.post("/api/v1/workspaces", { name: "FIU cell" });
    expect((await c.carol.post(`/api/v1/workspaces/${wb.body.id}/members`, { user_id: f.ids.alice })).status).toBe(200);
    const parent = await c.alice.post(`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "note", title: "amber-parent", body: {}, marking: "AMBER" });
    const child = await c.alice.post(`/api/v1/workspaces/${wb.body.id}/records`, { kind: "note", title: "child", body: {}, marking: "AMBER", derived_from: [parent.body.id] });
    expect(child.status).toBe(400);
    expect(child.body.errors[0]).toMatchObject({ param: "derived_from.0" });
    expect(child.body.errors[0].message).toContain("another workspace");
  });

  it("6. AMBER+STRICT and RED content needs a reason in lists, search, subjects and self-assessments", async () => {
    const strict = await c.alice.post(`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "note", title: "strict-title-xyz", body: { text: "strict-body-xyz" }, marking: "AMBER+STRICT" });
    expect(strict.status).toBe(201);
    for (const url of ["/api/v1/records?q=strict", `/api/v1/workspaces/${f.ids.ws}/records`, `/api/v1/workspaces/${f.ids.ws}/records?q=xyz`]) {
      const r = await c.bob.get(url);
      expect(r.status, url).toBe(200);
      expect(r.text, url).not.toContain("strict-title-xyz");
      expect(r.text, url).not.toContain("strict-body-xyz");
    }
    const listed = (await c.bob.get(`/api/v1/workspaces/${f.ids.ws}/records`)).body.items.find((i: { id: string }) => i.id === strict.body.id);
    expect(listed).toMatchObject({ marking: "AMBER+STRICT", access: { level: "metadata" } });
    expect((await c.bob.get(`/api/v1/records?q=strict&reason=.`)).status).toBe(400);
    const withReason = await c.bob.get(`/api/v1/records?q=strict&reason=${WHY}`);
    expect(withReason.text).toContain("strict-title-xyz");

    const subject = await c.alice.post(`${W()}/areas`, { name: "strict-area-xyz", marking: "AMBER+STRICT", body: { country: "ML" } });
    expect((await c.bob.get(`/api/v1/watch/subjects/${subject.body.id}`)).status).toBe(400);
    const sa = await c.alice.post(`/api/v1/plans/workspaces/${f.ids.ws}/self-assessments`, { name: "strict-plan-xyz", country: "NE", framework: "hague", marking: "AMBER+STRICT" });
    expect(sa.status).toBe(201);
    const noReason = await c.bob.get(`/api/v1/plans/self-assessments/${sa.body.id}`);
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].param).toBe("reason");
    expect((await c.bob.request("GET", `/api/v1/plans/self-assessments/${sa.body.id}`, undefined, { headers: { "x-access-reason": WHY } })).status).toBe(200);
    expect((await c.bob.request("GET", `/api/v1/watch/subjects/${subject.body.id}`, undefined, { headers: { "x-access-reason": WHY } })).status).toBe(200);
    const { rows } = await f.t.db.query<{ target_id: string; reason: string }>("select target_id, reason from audit_log where action = 'record.read' and actor_id = $1", [f.ids.bob]);
    expect(rows).toContainEqual({ target_id: sa.body.id, reason: "preparing the joint briefing" });
    expect(rows).toContainEqual({ target_id: subject.body.id, reason: "preparing the joint briefing" });
  });

  it("7. oversight cannot be made a member, and only owners change membership", async () => {
    const r = await c.alice.post(`/api/v1/workspaces/${f.ids.ws}/members`, { user_id: f.ids.olga });
    expect(r.status).toBe(400);
    expect(r.body.errors[0].param).toBe("user_id");
    expect((await c.bob.post(`/api/v1/workspaces/${f.ids.ws}/members`, { user_id: f.ids.dave })).status).toBe(403);
    // An administrator whose roles read no records would be a member in name only: refused, saying why (issue 14).
    const admin = await c.alice.request("POST", `/api/v1/workspaces/${f.ids.ws}/members`, { user_id: f.ids.adam }, { headers: { "accept-language": "fr" } });
    expect(admin.status).toBe(400);
    expect(admin.body.errors[0]).toEqual({ param: "user_id", message: expect.stringMatching(/rôle d'analyste ou de lecteur/) });
    const amber = await c.alice.post(`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "note", title: "amber-for-olga", body: {}, marking: "AMBER" });
    expect((await c.olga.get(`/api/v1/records/${amber.body.id}`)).text).not.toContain("amber-for-olga");
  });

  it("13. only oversight lifts the protection of a record about a minor, with a real reason", async () => {
    const minor = await c.alice.post(`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "note", title: "child case", body: {}, marking: "AMBER", concerns_minor: true });
    const lift = await c.alice.patch(`/api/v1/records/${minor.body.id}`, { concerns_minor: false });
    expect(lift.status).toBe(403);
    expect((await c.alice.patch(`/api/v1/records/${minor.body.id}`, { concerns_minor: false, marking: "GREEN", reason: "no longer about a child" })).status).toBe(403);
    expect((await c.olga.post(`/api/v1/records/${minor.body.id}/lift-minor`, { reason: "." })).status).toBe(400);
    expect((await c.alice.post(`/api/v1/records/${minor.body.id}/lift-minor`, { reason: "the person turned out to be an adult" })).status).toBe(403);
    const ok = await c.olga.post(`/api/v1/records/${minor.body.id}/lift-minor`, { reason: "the person turned out to be an adult (ID checked)" });
    expect(ok.status).toBe(200);
    expect((await c.alice.get(`/api/v1/records/${minor.body.id}`)).body.concerns_minor).toBe(false);
  });

  it("14. profiling fields are refused at any depth and in any spelling", async () => {
    for (const [body, param] of [[{ person: { religion: "x" } }, "body.person.religion"], [{ person_religion: "x" }, "body.person_religion"], [{ items: [{ ethnicGroup: "x" }] }, "body.items.0.ethnicGroup"]] as const) {
      const r = await c.alice.post(`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "note", title: "x", body, marking: "AMBER" });
      expect(r.status).toBe(400);
      expect(r.body.errors[0].param).toBe(param);
    }
    const g = await c.alice.post(`${W()}/groups`, { name: "g", marking: "AMBER", body: { type: "criminal", notes: "religion is free text here, which is allowed" } });
    expect(g.status).toBe(201);
  });

  it("17. an author cannot publish alone through a consensus of their own draft", async () => {
    const judgement = { manifestation: "hybrid", reason: "agreed after discussion" };
    const own = await c.alice.post(`/api/v1/watch/subjects/${id.area}/assessments`, { marking: "GREEN", judgement });
    const consensus = await c.alice.post(`/api/v1/watch/subjects/${id.area}/assessments`, { marking: "GREEN", judgement, consensus_of: [own.body.id] });
    expect(consensus.status).toBe(201);
    await c.alice.patch(`/api/v1/watch/assessments/${consensus.body.id}`, { status: "review" });
    expect((await c.alice.patch(`/api/v1/watch/assessments/${consensus.body.id}`, { status: "published" })).status).toBe(403);
    const bobs = await c.bob.post(`/api/v1/watch/subjects/${id.area}/assessments`, { marking: "GREEN", judgement });
    const real = await c.alice.post(`/api/v1/watch/subjects/${id.area}/assessments`, { marking: "GREEN", judgement, consensus_of: [own.body.id, bobs.body.id] });
    await c.alice.patch(`/api/v1/watch/assessments/${real.body.id}`, { status: "review" });
    expect((await c.alice.patch(`/api/v1/watch/assessments/${real.body.id}`, { status: "published" })).status).toBe(200);
  });

  it("reasons must be real sentences, and record content is never cached", async () => {
    const red = await c.alice.post(`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "note", title: "red-note", body: {}, marking: "RED", recipients: [f.ids.bob] });
    for (const bad of [".", "xxxxxxxx", "a"]) expect((await c.bob.get(`/api/v1/records/${red.body.id}?reason=${encodeURIComponent(bad)}`)).status, bad).toBe(400);
    const ok = await c.bob.get(`/api/v1/records/${red.body.id}?reason=${WHY}`);
    expect(ok.status).toBe(200);
    expect(ok.headers["cache-control"]).toBe("no-store");
  });

  it("lists cost the same number of queries however many records there are", async () => {
    const count = async () => {
      let n = 0;
      const original = f.t.db.query.bind(f.t.db);
      f.t.db.query = ((sql: string, params?: unknown[]) => { n++; return original(sql, params); }) as typeof f.t.db.query;
      try {
        const r = await c.bob.get(`/api/v1/workspaces/${f.ids.ws}/records`);
        expect(r.status).toBe(200);
        const w = await c.bob.get(`${W()}/records`);
        expect(w.status).toBe(200);
      } finally { f.t.db.query = original; }
      return n;
    };
    const before = await count();
    for (let i = 0; i < 25; i++) await c.alice.post(`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "note", title: `bulk ${i}`, body: {}, marking: i % 2 ? "AMBER" : "RED", ...(i % 2 ? {} : { recipients: [f.ids.bob] }) });
    expect(await count()).toBe(before);
  });
});
