import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";

describe.each(engines)("Nexus Watch API on $name", ({ create }) => {
  let f: Fixture;
  let alice: Client, bob: Client, carol: Client, mallory: Client, dave: Client;
  const id: Record<string, string> = {};
  const W = () => `/api/v1/watch/workspaces/${f.ids.ws}`;

  beforeAll(async () => {
    f = await platformFixture(create);
    [alice, bob, carol, mallory, dave] = await Promise.all(["alice", "bob", "carol", "mallory", "dave"].map((w) => f.as(w)));
    const src = async (name: string, reliability: string) => (await alice.post(`${W()}/sources`, { name, marking: "AMBER", body: { type: "partner-agency", reliability } })).body.id;
    id.s1 = await src("Border police liaison", "B");
    id.s2 = await src("UN panel of experts", "A");
    const area = await alice.post(`${W()}/areas`, { name: "Liptako-Gourma border zone", marking: "AMBER", body: { country: "ML", subnational: "Ménaka", point: { lat: 15.9, lon: 2.4 }, context: "post-conflict" } });
    expect(area.status).toBe(201);
    id.area = area.body.id;
    id.crime = (await alice.post(`${W()}/groups`, { name: "Desert transport network", marking: "AMBER", body: { type: "criminal", areas: [id.area], motivations: [{ from: "2015-01-01", kind: "economic" }] } })).body.id;
    id.terror = (await alice.post(`${W()}/groups`, { name: "Northern armed faction", marking: "AMBER", body: { type: "terrorist", aliases: ["NAF"], areas: [id.area], motivations: [{ from: "2012-01-01", kind: "ideological" }] } })).body.id;
  });
  afterAll(async () => { await f?.close(); });

  it("records observations and reads the analysis with explanations", async () => {
    for (const [indicator, source] of [["env-geography.ungoverned-territory", id.s1], ["env-governance.eroding-state-institutions", id.s2], ["env-economic.illicit-economy-dominance", id.s1]]) {
      const r = await alice.post(`/api/v1/watch/subjects/${id.area}/observations`, { indicator, state: "present", trend: "rising", observed_at: "2026-09-15", sources: [source], credibility: 2 });
      expect(r.status).toBe(201);
    }
    const s = await alice.get(`/api/v1/watch/subjects/${id.area}`);
    expect(s.body.analysis.ranking[0].id).toBe("black-hole");
    expect(s.body.analysis.ranking[0].explanation[0].points).toBeGreaterThan(0);
    expect(s.body.analysis.ranking[0].explanation[0].reason.key).toMatch(/^watch\.msg\./);
    expect(s.body.analysis.context.id).toBe("post-conflict");
    expect(s.body.body.latest).toMatchObject({ leader: "black-hole", present: 3 });
  });

  it("counts a documented alliance between the groups as direct evidence", async () => {
    const r = await alice.post(`${W()}/relationships`, { marking: "AMBER", body: { from: id.crime, to: id.terror, kind: "service-provision", service: "smuggling access", start: "2025-03-01", sources: [id.s2], credibility: 2 } });
    expect(r.status).toBe(201);
    const s = await alice.get(`/api/v1/watch/subjects/${id.crime}`);
    expect(s.body.analysis.ranking[0].id).toBe("alliance");
  });

  it("rejects bad observations with the field and the reason, writing nothing", async () => {
    const before = (await alice.get(`/api/v1/watch/subjects/${id.area}/observations`)).body.items.length;
    const cases: [Record<string, unknown>, string][] = [
      [{ indicator: "env-weather.rain", state: "present", observed_at: "2026-01-01", sources: [id.s1], credibility: 2 }, "body.indicator"],
      [{ indicator: "env-economic.poverty", state: "maybe", observed_at: "2026-01-01", sources: [id.s1], credibility: 2 }, "body.state"],
      [{ indicator: "env-economic.poverty", state: "present", observed_at: "2099-01-01", sources: [id.s1], credibility: 2 }, "body.observed_at"],
      [{ indicator: "env-economic.poverty", state: "present", observed_at: "last week", sources: [id.s1], credibility: 2 }, "body.observed_at"],
      [{ indicator: "env-economic.poverty", state: "present", observed_at: "2026-01-01", sources: ["nope"], credibility: 2 }, "body.sources"],
      [{ indicator: "env-economic.poverty", state: "present", observed_at: "2026-01-01", sources: [id.s1], credibility: 9 }, "body.credibility"],
      [{ indicator: "env-economic.poverty", state: "present", observed_at: "2026-01-01", reported_at: "2025-01-01", sources: [id.s1], credibility: 2 }, "body.reported_at"],
    ];
    for (const [body, param] of cases) {
      const r = await alice.post(`/api/v1/watch/subjects/${id.area}/observations`, body);
      expect(r.status, param).toBe(400);
      expect(r.body.errors[0].param, JSON.stringify(body)).toBe(param);
    }
    expect((await alice.get(`/api/v1/watch/subjects/${id.area}/observations`)).body.items.length).toBe(before);
    const badArea = await alice.post(`${W()}/areas`, { name: "X", marking: "AMBER", body: { country: "Mali" } });
    expect(badArea.body.errors[0].param).toBe("body.country");
  });

  it("imports CSV all or nothing, naming each rejected row", async () => {
    const header = "subject,indicator,state,trend,observed_at,reported_at,sources,credibility,note";
    const good = `${id.area},org-recruitment.economic-incentives,present,rising,2026-08-01,,UN panel of experts,2,paid recruits`;
    const bad1 = `Liptako-Gourma border zone,org-leadership.factions-forming,present,,2026-08-02,,Nobody,2,`;
    const bad2 = `${id.area},env-economic.poverty,present,,2026-08-03,,${id.s1},7,`;
    const before = (await alice.get(`/api/v1/watch/subjects/${id.area}/observations`)).body.items.length;
    const rejected = await alice.request("POST", `${W()}/observations/import`, [header, good, bad1, bad2].join("\n"), { headers: { "content-type": "text/csv" } });
    expect(rejected.status).toBe(422);
    expect(rejected.body).toMatchObject({ imported: 0, rejected: 2 });
    expect(rejected.body.errors).toEqual([
      { row: 2, line: 3, field: "sources", message: 'no source "Nobody" in this workspace' },
      { row: 3, line: 4, field: "credibility", message: "must be an information credibility grade 1-6" },
    ]);
    expect((await alice.get(`/api/v1/watch/subjects/${id.area}/observations`)).body.items.length).toBe(before);
    const ok = await alice.request("POST", `${W()}/observations/import`, [header, good, `Liptako-Gourma border zone,org-leadership.factions-forming,present,,2026-08-02,,border police liaison;${id.s2},3,"quoted, note"`].join("\r\n"), { headers: { "content-type": "text/csv" } });
    expect(ok.status).toBe(200);
    expect(ok.body.imported).toBe(2);
    const missingColumn = await alice.request("POST", `${W()}/observations/import`, "subject,indicator\nx,y", { headers: { "content-type": "text/csv" } });
    expect(missingColumn.body.errors[0]).toMatchObject({ param: "csv" });
    const csv = await alice.get(`/api/v1/watch/subjects/${id.area}/observations.csv`);
    expect(csv.text.split("\r\n")[0]).toBe(header);
    expect(csv.text).toContain('"quoted, note"');
  });

  it("runs, reviews, publishes and compares assessments; published ones are immutable and superseded", async () => {
    // On 31 August only the August observations existed; the service tie recorded since March 2025 is direct
    // evidence of an alliance, and transformation cannot lead: both groups' aims are recorded and neither crossed.
    const then = await alice.get(`/api/v1/watch/subjects/${id.area}?as_of=2026-08-31`);
    expect(then.body.analysis.ranking[0].id).toBe("alliance");
    expect(then.body.analysis.ranking.find((h: { id: string }) => h.id === "transformation").held.key).toBe("watch.msg.gate.transformation");
    const first = await alice.post(`/api/v1/watch/subjects/${id.area}/assessments`, { as_of: "2026-08-31", judgement: { manifestation: "alliance" } });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.body.status).toBe("draft");
    const differs = await alice.patch(`/api/v1/watch/assessments/${first.body.id}`, { judgement: { manifestation: "black-hole" } });
    expect(differs.body.errors[0].param).toBe("judgement.reason");
    expect((await alice.patch(`/api/v1/watch/assessments/${first.body.id}`, { status: "published" })).body.errors[0].param).toBe("status");
    expect((await alice.patch(`/api/v1/watch/assessments/${first.body.id}`, { status: "review" })).body.body.status).toBe("review");
    expect((await alice.patch(`/api/v1/watch/assessments/${first.body.id}`, { status: "published" })).status).toBe(403);
    const published = await bob.patch(`/api/v1/watch/assessments/${first.body.id}`, { status: "published" });
    expect(published.body.body.status).toBe("published");
    expect((await alice.patch(`/api/v1/watch/assessments/${first.body.id}`, { judgement: { manifestation: "hybrid", reason: "x" } })).status).toBe(409);
    expect((await alice.patch(`/api/v1/records/${first.body.id}`, { title: "rewritten" })).status).toBe(409);

    await alice.post(`/api/v1/watch/subjects/${id.area}/observations`, { indicator: "org-leadership.factions-forming", state: "absent", observed_at: "2026-10-01", sources: [id.s2], credibility: 1 });
    const second = await alice.post(`/api/v1/watch/subjects/${id.area}/assessments`, { judgement: { manifestation: "black-hole", reason: "the state has all but left the border zone" } });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    await alice.patch(`/api/v1/watch/assessments/${second.body.id}`, { status: "review" });
    await bob.patch(`/api/v1/watch/assessments/${second.body.id}`, { status: "published" });
    expect((await alice.get(`/api/v1/watch/assessments/${first.body.id}`)).body.superseded_by).toBe(second.body.id);
    const cmp = await alice.get(`/api/v1/watch/compare?a=${first.body.id}&b=${second.body.id}`);
    expect(cmp.body.indicator_changes).toContainEqual(expect.objectContaining({ indicator: "org-leadership.factions-forming", from: "present", to: "absent" }));
  });

  it("shows where two analysts disagree, and records a consensus with its reason", async () => {
    const a = await alice.post(`/api/v1/watch/subjects/${id.crime}/assessments`, { judgement: { manifestation: "alliance" } });
    const b = await bob.post(`/api/v1/watch/subjects/${id.crime}/assessments`, { judgement: { manifestation: "hybrid", reason: "the network also moves fighters, not only goods" } });
    const d = await alice.get(`/api/v1/watch/subjects/${id.crime}/disagreement`);
    expect(d.body.agree).toBe(false);
    expect(d.body.differences.map((x: { judgement: string }) => x.judgement).sort()).toEqual(["alliance", "hybrid"]);
    const noReason = await alice.post(`/api/v1/watch/subjects/${id.crime}/assessments`, { judgement: { manifestation: "alliance" }, consensus_of: [a.body.id, b.body.id] });
    expect(noReason.body.errors[0].param).toBe("judgement.reason");
    const consensus = await alice.post(`/api/v1/watch/subjects/${id.crime}/assessments`, { judgement: { manifestation: "alliance", reason: "agreed at the 12 November review" }, consensus_of: [a.body.id, b.body.id] });
    expect(consensus.body.body.consensus_of).toHaveLength(2);
  });

  it("raises an alert when a new observation triggers a watch rule, only for readers of the subject", async () => {
    const rule = await bob.post(`${W()}/rules`, { marking: "AMBER", body: { rule: "indicator-present", indicator: "org-recruitment.recruitment-venue-shift" } });
    expect(rule.status).toBe(201);
    expect((await bob.post(`${W()}/rules`, { marking: "AMBER", body: { rule: "indicator-present", indicator: "nope.nope" } })).body.errors[0].param).toBe("body.indicator");
    await bob.post(`${W()}/rules`, { marking: "AMBER", body: { rule: "leader-changed" } });
    await alice.post(`/api/v1/watch/subjects/${id.area}/observations`, { indicator: "org-recruitment.recruitment-venue-shift", state: "present", observed_at: "2026-10-20", sources: [id.s1], credibility: 2 });
    const inbox = await bob.get("/api/v1/watch/alerts");
    expect(inbox.body.items.some((a: { message: string }) => /observed present in Liptako-Gourma/.test(a.message))).toBe(true);
    expect((await bob.post(`/api/v1/watch/alerts/${inbox.body.items[0].id}/read`)).status).toBe(200);
  });

  it("gives a timeline and an overview of areas for the map", async () => {
    const t = await alice.get(`/api/v1/watch/subjects/${id.area}/timeline`);
    expect(t.body.points.length).toBeGreaterThanOrEqual(2);
    expect(t.body.points.at(-1).states["env-geography.ungoverned-territory"]).toBe("present");
    const o = await alice.get(`/api/v1/watch/overview?workspace=${f.ids.ws}`);
    expect(o.body.items).toContainEqual(expect.objectContaining({ id: id.area, country: "ML", point: { lat: 15.9, lon: 2.4 }, latest: expect.objectContaining({ leader: expect.any(String) }) }));
  });

  it("shows nothing of it to users outside the workspace: API, search, exports, map, alerts", async () => {
    for (const who of [mallory, dave]) {
      expect((await who.get(`/api/v1/watch/subjects/${id.area}`)).status).toBe(404);
      expect((await who.get(`/api/v1/watch/subjects/${id.area}/observations.csv`)).status).toBe(404);
      expect((await who.get(`/api/v1/watch/subjects/${id.area}/timeline`)).status).toBe(404);
      expect((await who.get(`${W()}/records`)).status).toBe(404);
      const overview = await who.get("/api/v1/watch/overview");
      expect(overview.text).not.toContain("Liptako");
      expect((await who.get("/api/v1/records?q=Liptako")).text).not.toContain("Liptako");
      expect((await who.get("/api/v1/records/export.csv")).text).not.toContain("Liptako");
      expect((await who.get("/api/v1/watch/alerts")).text).not.toContain("Liptako");
      expect((await who.post(`/api/v1/watch/subjects/${id.area}/observations`, { indicator: "env-economic.poverty", state: "present", observed_at: "2026-01-01", sources: [id.s1], credibility: 2 })).status).toBe(404);
    }
    // carol (FIU) is a member: she reads AMBER subjects.
    expect((await carol.get(`/api/v1/watch/subjects/${id.area}`)).status).toBe(200);
    // After her membership is revoked her alerts and reads go too.
    await alice.del(`/api/v1/workspaces/${f.ids.ws}/members/${f.ids.carol}`);
    expect((await carol.get(`/api/v1/watch/subjects/${id.area}`)).status).toBe(404);
  });
});
