/**
 * STIX 2.1 import (issue 13, decision 0032): a workspace exported and imported into an empty one
 * gives back the same subjects, observations, relationships and analysis; a second import creates
 * nothing; a preview writes nothing; a bad object refuses the whole bundle with a report naming the
 * object and the property; markings are kept; third-party objects are kept raw and listed; limits.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";
import { tlpMarkingId } from "../../src/core/stix/vocabulary.js";

type Obj = Record<string, any> & { type: string; id: string };
type Bundle = { type: "bundle"; id: string; objects: Obj[] };
const poisonIvy = JSON.parse(readFileSync(new URL("../../vendor/stix2.1-json-schemas/examples/threat-reports/poisonivy.json", import.meta.url), "utf8")) as Bundle;
const T = "2026-01-10T08:00:00.000Z";
const uuid = (n: number) => `5d0092c5-5f74-4287-9642-${String(n).padStart(12, "0")}`;

describe.each(engines)("STIX 2.1 import on $name", ({ create }) => {
  let f: Fixture;
  let alice: Client, bob: Client, mallory: Client;
  let hub: string;
  const W = () => `/api/v1/watch/workspaces/${f.ids.ws}`;
  const id: Record<string, string> = {};
  const importInto = (c: Client, ws: string, bundle: unknown, query = "") => c.post(`/api/v1/stix/workspaces/${ws}/import${query}`, bundle);
  const count = async (ws: string) => (await f.t.db.query<{ n: number }>("select count(*)::int as n from record where workspace_id = $1", [ws])).rows[0].n;
  const records = async (ws: string, kind: string) => (await f.t.db.query<{ id: string; title: string; body: any; marking: string; recipients: string[] }>("select id, title, body, marking, recipients from record where workspace_id = $1 and kind = $2 order by title", [ws, kind])).rows;

  beforeAll(async () => {
    f = await platformFixture(create);
    [alice, bob, mallory] = await Promise.all(["alice", "bob", "mallory"].map((w) => f.as(w)));
    const src = async (name: string, marking: string, reliability: string) => (await alice.post(`${W()}/sources`, { name, marking, body: { type: "partner-agency", reliability } })).body.id as string;
    id.s1 = await src("[Synthetic] Border police liaison", "AMBER", "B");
    id.s2 = await src("[Synthetic] Panel report", "GREEN", "A");
    id.area = (await alice.post(`${W()}/areas`, { name: "[Synthetic] Border zone", marking: "AMBER", body: { country: "ML", subnational: "Ménaka", point: { lat: 15.9, lon: 2.4 }, context: "post-conflict" } })).body.id;
    id.crime = (await alice.post(`${W()}/groups`, { name: "[Synthetic] Transport network", marking: "AMBER", body: { type: "criminal", aliases: ["TN"], areas: [id.area], types: [{ from: "2010-01-01", type: "other-armed" }], motivations: [{ from: "2015-01-01", kind: "economic", sources: [id.s1], credibility: 2 }] } })).body.id;
    id.terror = (await alice.post(`${W()}/groups`, { name: "[Synthetic] Armed faction", marking: "GREEN", body: { type: "terrorist", areas: [], motivations: [{ from: "2012-01-01", kind: "ideological" }] } })).body.id;
    expect((await alice.post(`${W()}/relationships`, { marking: "AMBER", body: { from: id.crime, to: id.terror, kind: "service-provision", service: "smuggling access", start: "2025-03-01", end: null, sources: [id.s2], credibility: 2 } })).status).toBe(201);
    for (const [indicator, source, credibility, state] of [["env-geography.ungoverned-territory", id.s1, 2, "present"], ["env-governance.eroding-state-institutions", id.s2, 1, "present"], ["env-economic.poverty", id.s2, 3, "absent"]] as const) {
      expect((await alice.post(`/api/v1/watch/subjects/${id.area}/observations`, { indicator, state, trend: "rising", observed_at: "2026-09-15", reported_at: "2026-09-20", sources: [source], credibility, note: "[Synthetic] field note" })).status).toBe(201);
    }
    const ws = await alice.post("/api/v1/workspaces", { name: "Regional hub" });
    expect(ws.status).toBe(201);
    hub = ws.body.id;
    expect((await alice.post(`/api/v1/workspaces/${hub}/members`, { user_id: f.ids.bob })).status).toBe(200);
  });
  afterAll(async () => { await f?.close(); });

  it("imports an exported workspace into an empty one: the same subjects, observations, relationships and analysis", async () => {
    const exported = JSON.parse((await alice.get(`/api/v1/stix/workspaces/${f.ids.ws}/bundle`)).text) as Bundle;
    const preview = await importInto(alice, hub, exported, "?preview=true");
    expect(preview.status, preview.text.slice(0, 400)).toBe(200);
    expect(preview.body.preview).toBe(true);
    expect(preview.body.items.filter((i: any) => i.outcome === "create").map((i: any) => i.stix_type).sort()).toEqual(
      ["identity", "identity", "location", "nexus-observation", "nexus-observation", "nexus-observation", "relationship", "threat-actor", "threat-actor"]);
    expect(preview.body.counts).toMatchObject({ create: 2 + 1 + 2 + 1 + 3, refused: 0 });
    expect(await count(hub), "a preview writes nothing").toBe(0);

    const r = await importInto(alice, hub, exported);
    expect(r.status, r.text.slice(0, 400)).toBe(201);
    expect(r.body.import_id).toBeTruthy();
    const outcome = (t: string) => r.body.items.filter((i: { stix_type: string }) => i.stix_type === t).map((i: { outcome: string }) => i.outcome);
    expect(outcome("nexus-analysis")).toEqual(expect.arrayContaining(["recompute"]));
    expect(outcome("marking-definition").every((o: string) => o === "definition")).toBe(true);

    // Subjects and sources with their bodies; relationships and observations point at the new records.
    const [areaA, areaB] = [await records(f.ids.ws, "area"), await records(hub, "area")];
    expect(areaB.map((a) => [a.title, a.marking])).toEqual(areaA.map((a) => [a.title, a.marking]));
    expect(areaB[0].body).toMatchObject({ country: "ML", subnational: "Ménaka", point: { lat: 15.9, lon: 2.4 }, context: "post-conflict" });
    const groupsB = await records(hub, "group");
    expect(groupsB.map((g) => [g.title, g.marking, g.body.type])).toEqual([["[Synthetic] Armed faction", "GREEN", "terrorist"], ["[Synthetic] Transport network", "AMBER", "criminal"]]);
    const crimeB = groupsB[1];
    const sourcesB = await records(hub, "source");
    expect(sourcesB.map((s) => [s.title, s.body.reliability, s.marking])).toEqual([["[Synthetic] Border police liaison", "B", "AMBER"], ["[Synthetic] Panel report", "A", "GREEN"]]);
    expect(crimeB.body).toMatchObject({ aliases: ["TN"], areas: [areaB[0].id], types: [{ from: "2010-01-01", type: "other-armed" }], motivations: [{ from: "2015-01-01", kind: "economic", sources: [sourcesB[0].id], credibility: 2 }] });
    const relB = (await records(hub, "relationship"))[0];
    expect(relB.body).toMatchObject({ from: crimeB.id, to: groupsB[0].id, kind: "service-provision", service: "smuggling access", start: "2025-03-01", end: null, sources: [sourcesB[1].id], credibility: 2 });
    const obs = async (subject: string) => (await alice.get(`/api/v1/watch/subjects/${subject}/observations`)).body.items.map((o: any) => [o.indicator, o.state, o.trend, o.observed_at, o.reported_at, o.credibility, o.note]).sort();
    expect(await obs(areaB[0].id)).toEqual(await obs(id.area));
    // The analysis, computed in the hub from the imported evidence, reads the same.
    const reading = async (subject: string) => (await alice.get(`/api/v1/watch/subjects/${subject}`)).body.analysis.ranking.map((h: any) => [h.id, h.score]);
    expect(await reading(areaB[0].id)).toEqual(await reading(id.area));
    expect(await reading(crimeB.id)).toEqual(await reading(id.crime));

    // A second import of the same bundle creates nothing.
    const before = await count(hub);
    const again = await importInto(bob, hub, exported);
    expect(again.status).toBe(201);
    expect(again.body.counts.create).toBe(0);
    expect(again.body.items.filter((i: any) => i.outcome === "skip").every((i: any) => i.why === "already")).toBe(true);
    expect(await count(hub)).toBe(before);
    const list = await alice.get(`/api/v1/stix/workspaces/${hub}/imports`);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items[0]).toMatchObject({ origin: "upload", created_by_name: expect.any(String) });
  });

  it("keeps what it cannot map, marked as it came, and lists it; a second import skips it", async () => {
    const ws = (await alice.post("/api/v1/workspaces", { name: "Partner feed" })).body.id as string;
    const r = await importInto(alice, ws, poisonIvy, "?marking=GREEN");
    expect(r.status, r.text.slice(0, 400)).toBe(201);
    const kept = r.body.items.filter((i: any) => i.outcome === "keep");
    expect(kept.length).toBeGreaterThan(100);
    expect(new Set(kept.map((i: any) => i.stix_type))).toEqual(new Set(["malware", "indicator", "vulnerability", "campaign", "attack-pattern", "course-of-action", "report", "relationship"]));
    expect(r.body.items.find((i: any) => i.stix_type === "identity")).toMatchObject({ outcome: "definition", why: "provenance" });
    const raw = await records(ws, "stix-object");
    expect(raw).toHaveLength(kept.length);
    const malware = raw.find((x) => x.body.stix_type === "malware")!;
    expect(malware.body.object.id).toBe(malware.body.stix_id);
    expect(new Set(raw.map((x) => x.marking)), "unmarked objects take the import's marking").toEqual(new Set(["GREEN"]));
    const again = await importInto(alice, ws, poisonIvy);
    expect(again.body.counts.create + again.body.counts.keep).toBe(0);
    expect(await records(ws, "stix-object")).toHaveLength(kept.length);
  });

  it("maps a threat actor, a location and an organisation as MISP or OpenCTI give them, and keeps the TLP of each", async () => {
    const ws = (await alice.post("/api/v1/workspaces", { name: "National node feed" })).body.id as string;
    const common = { spec_version: "2.1", created: T, modified: T };
    const org = { type: "identity", id: `identity--${uuid(1)}`, ...common, name: "[Synthetic] National CT unit", identity_class: "organization", x_opencti_reliability: "B - Usually reliable" };
    const bundle = { type: "bundle", id: `bundle--${uuid(0)}`, objects: [
      org,
      { type: "location", id: `location--${uuid(2)}`, ...common, name: "[Synthetic] Northern district", country: "ne", administrative_area: "Tillabéri", object_marking_refs: [tlpMarkingId.GREEN] },
      { type: "location", id: `location--${uuid(3)}`, ...common, name: "West Africa", region: "western-africa" },
      { type: "threat-actor", id: `threat-actor--${uuid(4)}`, ...common, created_by_ref: org.id, name: "[Synthetic] Fuel smuggling ring", threat_actor_types: ["crime-syndicate"], aliases: ["FSR"], primary_motivation: "organizational-gain", secondary_motivations: ["ideology"], object_marking_refs: [tlpMarkingId.AMBER] },
      { type: "intrusion-set", id: `intrusion-set--${uuid(5)}`, ...common, name: "[Synthetic] Cell network", object_marking_refs: ["marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"] },
      { type: "relationship", id: `relationship--${uuid(6)}`, ...common, relationship_type: "located-at", source_ref: `threat-actor--${uuid(4)}`, target_ref: `location--${uuid(2)}` },
      { type: "relationship", id: `relationship--${uuid(7)}`, ...common, created_by_ref: org.id, relationship_type: "financing", source_ref: `threat-actor--${uuid(4)}`, target_ref: `intrusion-set--${uuid(5)}`, confidence: 65, object_marking_refs: [tlpMarkingId.AMBER] },
      { type: "relationship", id: `relationship--${uuid(8)}`, ...common, relationship_type: "related-to", source_ref: `threat-actor--${uuid(4)}`, target_ref: `intrusion-set--${uuid(5)}` },
      { type: "threat-actor", id: `threat-actor--${uuid(9)}`, ...common, name: "[Synthetic] Restricted cell", threat_actor_types: ["terrorist"], object_marking_refs: [tlpMarkingId.RED] },
    ] };
    const r = await importInto(alice, ws, bundle);
    expect(r.status, r.text.slice(0, 600)).toBe(201);
    const areas = await records(ws, "area");
    expect(areas.map((a) => [a.title, a.marking, a.body.country, a.body.subnational])).toEqual([["[Synthetic] Northern district", "GREEN", "NE", "Tillabéri"]]);
    expect(r.body.items.find((i: any) => i.name === "West Africa")).toMatchObject({ outcome: "keep", why: "no-country" });
    const groups = await records(ws, "group");
    const ring = groups.find((g) => g.title === "[Synthetic] Fuel smuggling ring")!;
    expect(ring).toMatchObject({ marking: "AMBER" });
    expect(ring.body).toMatchObject({ type: "criminal", aliases: ["FSR"], areas: [areas[0].id] });
    expect(ring.body.motivations.map((m: any) => [m.kind, m.aim])).toEqual([["economic", "primary"], ["ideological", "secondary"]]);
    const cell = groups.find((g) => g.title === "[Synthetic] Cell network")!;
    expect(cell, "TLP 1.0 AMBER is read as TLP 2.0 AMBER").toMatchObject({ marking: "AMBER" });
    expect(cell.body.type).toBe("unknown");
    const red = groups.find((g) => g.title === "[Synthetic] Restricted cell")!;
    expect(red).toMatchObject({ marking: "RED", recipients: [f.ids.alice] });
    const [source] = await records(ws, "source");
    expect(source).toMatchObject({ title: "[Synthetic] National CT unit" });
    expect(source.body).toMatchObject({ type: "partner-agency", reliability: "B" });
    const [rel] = await records(ws, "relationship");
    // Confidence 65 is credibility 2 on the STIX appendix B table.
    expect(rel.body).toMatchObject({ kind: "financing", from: ring.id, to: cell.id, sources: [source.id], credibility: 2 });
    expect(r.body.items.find((i: any) => i.stix_id === `relationship--${uuid(8)}`)).toMatchObject({ outcome: "keep", why: "relationship-type" });
    expect(r.body.items.find((i: any) => i.stix_id === `relationship--${uuid(6)}`)).toMatchObject({ outcome: "merge", why: "located-at" });
    // bob reads the RED group only if he is a recipient: he is not.
    const bobReads = await bob.get(`/api/v1/watch/workspaces/${ws}/records?kind=group`);
    expect(JSON.stringify(bobReads.body)).not.toContain("Restricted cell");
  });

  it("refuses a bundle with a bad object as a whole, naming the object and the property", async () => {
    const ws = (await alice.post("/api/v1/workspaces", { name: "Checks" })).body.id as string;
    const common = { spec_version: "2.1", created: T, modified: T };
    const good = { type: "threat-actor", id: `threat-actor--${uuid(20)}`, ...common, name: "[Synthetic] Valid group", threat_actor_types: ["criminal"] };
    const cases: [unknown[], string, string][] = [
      [[good, { type: "threat-actor", id: `threat-actor--${uuid(21)}`, ...common }], "objects.1.name", "validation.msg.required"],
      [[good, { ...good, id: "threat-actor--nope" }], "objects.1.id", "validation.msg.format.other"],
      [[good, { type: "location", id: `location--${uuid(22)}`, ...common, country: "ML", latitude: 95, longitude: 2 }], "objects.1.latitude", "validation.msg.tooBig"],
      [[good, { type: "nexus-observation", id: `nexus-observation--${uuid(23)}`, ...common, subject_ref: good.id, indicator: "env-weather.rain", state: "present", observed_at: T, source_refs: [`identity--${uuid(24)}`], credibility: 2, extensions: { "extension-definition--b1c6f2a8-3d4e-4f5a-9b7c-8d2e1f0a3c4b": { extension_type: "new-sdo" } } }], "objects.1.indicator", "validation.msg.notAnIndicator"],
      [[good, { type: "nexus-observation", id: `nexus-observation--${uuid(25)}`, ...common, subject_ref: good.id, indicator: "env-economic.poverty", state: "maybe", observed_at: T, source_refs: [`identity--${uuid(24)}`], credibility: 2, extensions: { "extension-definition--b1c6f2a8-3d4e-4f5a-9b7c-8d2e1f0a3c4b": { extension_type: "new-sdo" } } }], "objects.1.state", "validation.msg.oneOf"],
      [[good, { type: "identity", id: `identity--${uuid(24)}`, ...common, name: "[Synthetic] Desk", identity_class: "organization" }, { type: "nexus-observation", id: `nexus-observation--${uuid(26)}`, ...common, subject_ref: good.id, indicator: "env-economic.poverty", state: "present", observed_at: "2099-01-01T00:00:00.000Z", source_refs: [`identity--${uuid(24)}`], credibility: 2, extensions: { "extension-definition--b1c6f2a8-3d4e-4f5a-9b7c-8d2e1f0a3c4b": { extension_type: "new-sdo" } } }], "objects.2.observed_at", ""],
      [[good, { type: "relationship", id: `relationship--${uuid(27)}`, ...common, relationship_type: "alliance", source_ref: good.id, target_ref: `threat-actor--${uuid(28)}`, created_by_ref: `identity--${uuid(24)}` }], "", ""],
      [[good, { ...good }], "objects.1.id", "validation.msg.stixDuplicate"],
    ];
    for (const [objects, param, code] of cases) {
      const r = await importInto(alice, ws, { type: "bundle", id: `bundle--${uuid(29)}`, objects });
      if (!param) { expect(r.status, "an alliance with an unknown group is kept raw, not refused").toBe(201); continue; }
      expect(r.status, `${param}: ${r.text.slice(0, 300)}`).toBe(422);
      expect(r.body.errors[0].param).toBe(param);
      if (code) expect(r.body.errors[0].code).toBe(code);
      expect(r.body.import_id).toBeNull();
    }
    const kept = await count(ws);
    expect(kept, "only the bundle with the unknown-group alliance landed: the valid group and the kept relationship").toBe(2);
    // Refusals come in the reader's language.
    const fr = await alice.request("POST", `/api/v1/stix/workspaces/${ws}/import`, { type: "bundle", id: `bundle--${uuid(29)}`, objects: [cases[0][0][1]] }, { headers: { "accept-language": "fr" } });
    expect(fr.status).toBe(422);
    expect(fr.body.errors[0].message).not.toBe("is required");
  });

  it("refuses what is not a bundle, too deep or too large, and those who may not write", async () => {
    const ws = (await alice.post("/api/v1/workspaces", { name: "Limits" })).body.id as string;
    const notBundle = await importInto(alice, ws, { type: "report", id: `bundle--${uuid(30)}` });
    expect(notBundle.status).toBe(400);
    expect(notBundle.body.errors[0].param).toBe("type");
    let deep: unknown = "x";
    for (let i = 0; i < 40; i++) deep = { deep };
    const tooDeep = await importInto(alice, ws, { type: "bundle", id: `bundle--${uuid(31)}`, objects: [{ type: "note", deep }] });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.errors[0]).toMatchObject({ param: "bundle", code: "validation.msg.stixTooDeep" });
    const many = await importInto(alice, ws, { type: "bundle", id: `bundle--${uuid(32)}`, objects: Array.from({ length: 10_001 }, () => ({})) });
    expect(many.status).toBe(400);
    expect(many.body.errors[0]).toMatchObject({ param: "objects", code: "validation.msg.tooMany" });
    const broken = await alice.request("POST", `/api/v1/stix/workspaces/${ws}/import`, undefined, { headers: { "content-type": "application/stix+json" } });
    expect(broken.status).toBe(400);
    expect((await importInto(alice, ws, poisonIvy, "?marking=PURPLE")).body.errors[0].param).toBe("marking");
    expect((await importInto(mallory, ws, poisonIvy)).status).toBe(404);
    expect((await importInto(f.anonymous, ws, poisonIvy)).status).toBe(401);
    expect(await count(ws)).toBe(0);
  });
});
