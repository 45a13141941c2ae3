import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";
import { parseCsv, toCsv } from "../../src/core/csv.js";

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
    expect(csv.text.split("\r\n")[0]).toBe("subject,subject_name,indicator,indicator_statement,state,trend,observed_at,reported_at,sources,source_names,credibility,note");
    expect(csv.text).toContain('"quoted, note"');
  });

  it("takes the new group, relationship, area and source fields and reads them back", async () => {
    const before = await alice.get(`${W()}/records`);
    const area = await alice.post(`${W()}/areas`, { name: "Coastal delta", marking: "AMBER", body: { country: "NG", notes: "Creeks and export terminals." } });
    expect(area.status).toBe(201);
    const source = await alice.post(`${W()}/sources`, { name: "Delta monitoring report", marking: "AMBER", body: { type: "ngo", reliability: "C", notes: "Annual, field interviews." } });
    expect(source.status).toBe(201);
    id.delta = area.body.id;
    id.deltaSource = source.body.id;
    const group = await alice.post(`${W()}/groups`, {
      name: "Delta liberation front", marking: "AMBER",
      body: {
        type: "criminal", types: [{ from: "1998-01-01", type: "other-armed" }], areas: [id.delta], notes: "Turned to bunkering after the amnesty.",
        motivations: [
          { from: "1998-01-01", kind: "political", sources: [id.deltaSource, id.s1], credibility: 3 },
          { from: "2010-01-01", kind: "economic", aim: "primary", sources: [id.deltaSource], credibility: 2 },
          { from: "2010-01-01", kind: "political", aim: "secondary" },
        ],
      },
    });
    expect(group.status, JSON.stringify(group.body)).toBe(201);
    const buyer = await alice.post(`${W()}/groups`, { name: "Creek buyers", marking: "AMBER", body: { type: "criminal" } });
    const spin = await alice.post(`${W()}/groups`, { name: "Delta splinter cell", marking: "AMBER", body: { type: "terrorist" } });
    for (const [kind, to] of [["transaction", buyer.body.id], ["splinter", spin.body.id], ["successor", spin.body.id]]) {
      const r = await alice.post(`${W()}/relationships`, { marking: "AMBER", body: { from: group.body.id, to, kind, start: "2012-05-01", end: "2012-06-01", sources: [id.deltaSource], credibility: 3, notes: `${kind} noted in the 2012 report` } });
      expect(r.status, `${kind}: ${JSON.stringify(r.body)}`).toBe(201);
    }
    const after = (await alice.get(`${W()}/records`)).body.items as { id: string; kind: string; body: Record<string, unknown> }[];
    expect(after.length - before.body.items.length).toBe(8);
    const read = (rid: string) => after.find((r) => r.id === rid)!.body;
    expect(read(id.delta)).toMatchObject({ notes: "Creeks and export terminals." });
    expect(read(id.deltaSource)).toMatchObject({ notes: "Annual, field interviews." });
    expect(read(group.body.id)).toMatchObject({
      types: [{ from: "1998-01-01", type: "other-armed" }], notes: "Turned to bunkering after the amnesty.",
      motivations: [
        { from: "1998-01-01", kind: "political", sources: [id.deltaSource, id.s1], credibility: 3 },
        { from: "2010-01-01", kind: "economic", aim: "primary", sources: [id.deltaSource], credibility: 2 },
        { from: "2010-01-01", kind: "political", aim: "secondary", sources: [] },
      ],
    });
    const rels = after.filter((r) => r.kind === "relationship" && r.body.from === group.body.id).map((r) => [r.body.kind, r.body.notes]);
    expect(rels.sort()).toEqual([["splinter", "splinter noted in the 2012 report"], ["successor", "successor noted in the 2012 report"], ["transaction", "transaction noted in the 2012 report"]]);
    id.deltaGroup = group.body.id;
  });

  it("refuses bad group, relationship and source bodies with 400 naming the nested field, writing nothing", async () => {
    const count = async () => (await alice.get(`${W()}/records`)).body.items.length;
    const before = await count();
    const mot = (m: Record<string, unknown>) => ({ name: "Bad group", marking: "AMBER", body: { type: "criminal", motivations: [{ from: "2010-01-01", kind: "economic", sources: [id.s1], ...m }] } });
    const groups: [unknown, string][] = [
      [mot({ sources: [id.s1, "no-such-source"] }), "body.motivations.0.sources.1"],
      [mot({ sources: [id.s1, 7] }), "body.motivations.0.sources.1"],
      [mot({ aim: "tertiary" }), "body.motivations.0.aim"],
      [mot({ kind: "religious" }), "body.motivations.0.kind"],
      [mot({ credibility: 7 }), "body.motivations.0.credibility"],
      [mot({ from: "2010" }), "body.motivations.0.from"],
      [mot({ leader: "A. N. Other" }), "body.motivations.0.leader"],
      [{ name: "Bad group", marking: "AMBER", body: { type: "criminal", types: [{ from: "2001-01-01", type: "militia" }] } }, "body.types.0.type"],
      [{ name: "Bad group", marking: "AMBER", body: { type: "criminal", notes: "x".repeat(5001) } }, "body.notes"],
    ];
    for (const [body, param] of groups) {
      const r = await alice.post(`${W()}/groups`, body);
      expect([r.status, r.body.errors?.[0]?.param], param).toEqual([400, param]);
    }
    const rel = (b: Record<string, unknown>) => ({ marking: "AMBER", body: { from: id.crime, to: id.terror, kind: "transaction", sources: [id.s1], credibility: 2, ...b } });
    for (const [body, param] of [[rel({ kind: "friendship" }), "body.kind"], [rel({ notes: "x".repeat(5001) }), "body.notes"], [rel({ end: "soon" }), "body.end"]] as [unknown, string][]) {
      const r = await alice.post(`${W()}/relationships`, body);
      expect([r.status, r.body.errors?.[0]?.param], param).toEqual([400, param]);
    }
    const src = await alice.post(`${W()}/sources`, { name: "Bad source", marking: "AMBER", body: { type: "media", reliability: "B", notes: "x".repeat(5001) } });
    expect([src.status, src.body.errors?.[0]?.param]).toEqual([400, "body.notes"]);
    const area = await alice.post(`${W()}/areas`, { name: "Bad area", marking: "AMBER", body: { country: "NG", notes: 5 } });
    expect([area.status, area.body.errors?.[0]?.param]).toEqual([400, "body.notes"]);
    expect(await count()).toBe(before);
  });

  it("exports observations with names beside the ids, and imports source names containing a semicolon", async () => {
    const semi = (await alice.post(`${W()}/sources`, { name: "Reuters; Africa desk", marking: "AMBER", body: { type: "media", reliability: "B" } })).body.id;
    const quote = (await alice.post(`${W()}/sources`, { name: 'The "Delta" bulletin', marking: "AMBER", body: { type: "media", reliability: "C" } })).body.id;
    const header = "subject,indicator,state,trend,observed_at,reported_at,sources,credibility,note";
    const csv = [
      header,
      // a quoted list: the name with ";" in quotes, then a second source by name
      `Delta liberation front,org-recruitment.economic-incentives,present,,2026-05-01,,"""Reuters; Africa desk""; Delta monitoring report",2,`,
      // the name alone, as a spreadsheet writes it: the whole cell is one source
      `Delta liberation front,org-leadership.factions-forming,present,,2026-05-02,,"Reuters; Africa desk",3,`,
      // ids, and a name with quotes in it
      `${id.deltaGroup},env-economic.poverty,present,,2026-05-03,,"${semi};""The """"Delta"""" bulletin""",3,`,
    ].join("\n");
    const ok = await alice.request("POST", `${W()}/observations/import`, csv, { headers: { "content-type": "text/csv" } });
    expect([ok.status, ok.body]).toEqual([200, { imported: 3, rejected: 0, errors: [] }]);
    const items = (await alice.get(`/api/v1/watch/subjects/${id.deltaGroup}/observations`)).body.items as { indicator: string; source_ids: string[] }[];
    const cited = Object.fromEntries(items.map((o) => [o.indicator, o.source_ids]));
    expect(cited).toEqual({
      "org-recruitment.economic-incentives": [semi, id.deltaSource],
      "org-leadership.factions-forming": [semi],
      "env-economic.poverty": [semi, quote],
    });

    const bad = [
      header,
      `Delta liberation front,env-economic.poverty,present,,2026-05-04,,"""Reuters; Africa desk; Nobody",2,`,
      `Delta liberation front,env-economic.poverty,present,,2026-05-04,,"Reuters; Nobody",2,`,
    ].join("\n");
    const rejected = await alice.request("POST", `${W()}/observations/import`, bad, { headers: { "content-type": "text/csv" } });
    expect(rejected.status).toBe(422);
    expect(rejected.body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([[1, "sources"], [2, "sources"]]);
    expect(rejected.body.errors[0].message).toMatch(/quote in the list of sources is not closed/);
    expect(rejected.body.errors[1].message).toBe('no source "Reuters" in this workspace');
    expect((await alice.get(`/api/v1/watch/subjects/${id.deltaGroup}/observations`)).body.items).toHaveLength(3);

    // The export names the subject, the indicator and the sources, in a list the import reads back.
    const exported = await alice.get(`/api/v1/watch/subjects/${id.deltaGroup}/observations.csv`);
    expect(exported.status).toBe(200);
    const [head, ...rows] = parseCsv(exported.text).rows;
    const row = (indicator: string) => Object.fromEntries(head.map((h, n) => [h, rows.find((r) => r[head.indexOf("indicator")] === indicator)![n]]));
    expect(row("env-economic.poverty")).toMatchObject({
      subject: id.deltaGroup, subject_name: "Delta liberation front", indicator_statement: "Poverty is widespread in the area where the group mainly operates.",
      sources: `${semi};${quote}`, source_names: '"Reuters; Africa desk"; "The ""Delta"" bulletin"',
    });
    expect(row("org-recruitment.economic-incentives").source_names).toBe('"Reuters; Africa desk"; Delta monitoring report');
    // Read back with the id columns emptied, the name columns give the same subject, indicator and sources.
    const names = toCsv([head, ...rows.map((r) => head.map((h, n) => (["subject", "indicator", "sources"].includes(h) ? "" : r[n])))]);
    const again = await alice.request("POST", `${W()}/observations/import`, names, { headers: { "content-type": "text/csv" } });
    expect([again.status, again.body.imported]).toEqual([200, 3]);
    const twice = (await alice.get(`/api/v1/watch/subjects/${id.deltaGroup}/observations`)).body.items as { indicator: string; source_ids: string[] }[];
    expect(twice.filter((o) => o.indicator === "env-economic.poverty").map((o) => o.source_ids)).toEqual([[semi, quote], [semi, quote]]);
  });

  it("documents the request body of every Nexus Watch route that takes one", async () => {
    const doc = (await alice.get("/api/v1/openapi.json")).body;
    const watchOps = Object.entries(doc.paths as Record<string, Record<string, { requestBody?: { content: Record<string, { schema: any }> } }>>)
      .filter(([path]) => path.startsWith("/api/v1/watch/"))
      .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })));
    const writes = watchOps.filter((o) => ["POST", "PATCH"].includes(o.route.split(" ")[0]) && !o.route.endsWith("/read"));
    expect(writes.length).toBeGreaterThanOrEqual(9);
    for (const { route, op } of writes) expect(op.requestBody, route).toBeDefined();
    const json = (route: string) => watchOps.find((o) => o.route === route)!.op.requestBody!.content["application/json"].schema;
    const motivation = json("POST /api/v1/watch/workspaces/{workspace}/groups").properties.body.properties.motivations.items;
    expect(Object.keys(motivation.properties).sort()).toEqual(["aim", "credibility", "from", "kind", "sources"]);
    expect(motivation.properties.kind.enum).toEqual(["ideological", "political", "economic", "both"]);
    expect(json("POST /api/v1/watch/workspaces/{workspace}/relationships").properties.body.properties.kind.enum).toEqual(expect.arrayContaining(["transaction", "successor", "splinter"]));
    expect(json("POST /api/v1/watch/workspaces/{workspace}/sources").properties.body.properties).toHaveProperty("notes");
    expect(json("POST /api/v1/watch/subjects/{id}/observations").required).toEqual(expect.arrayContaining(["indicator", "state", "observed_at", "sources", "credibility"]));
    expect(json("POST /api/v1/watch/workspaces/{workspace}/rules").properties.body.oneOf ?? json("POST /api/v1/watch/workspaces/{workspace}/rules").properties.body.anyOf).toHaveLength(2);
    const csvImport = watchOps.find((o) => o.route === "POST /api/v1/watch/workspaces/{workspace}/observations/import")!.op.requestBody!;
    expect(Object.keys(csvImport.content)).toEqual(["text/csv"]);
    expect(watchOps.find((o) => o.route === "POST /api/v1/watch/alerts/{id}/read")!.op.requestBody).toBeUndefined();
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
    expect(differs.body.errors[0].message).toBe("your judgement differs from the computed leader (Alliance); say why");
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
    const alert = inbox.body.items.find((a: { message: string }) => /observed present in Liptako-Gourma/.test(a.message));
    expect(alert).toMatchObject({ language: "en" });
    // Named by its statement, never by its id, and dated in words.
    expect(alert.message).toContain("20 October 2026");
    expect(alert.message).not.toContain("org-recruitment.");
    // Read in French: the French template, the date in French; the subject as the analyst named it.
    const inFrench = await bob.request("GET", "/api/v1/watch/alerts", undefined, { headers: { "accept-language": "fr" } });
    const fr = inFrench.body.items.find((a: { id: string }) => a.id === alert.id);
    expect(fr).toMatchObject({ language: "fr" });
    expect(fr.message).toMatch(/observé comme présent dans « Liptako-Gourma[^»]*» le 20 octobre 2026/);
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
