/**
 * STIX 2.1 export (issue 13, decision 0032): bundles valid against the OASIS STIX 2.1 JSON schemas
 * and the nexus extension's schema, the mapping object by object, closed references, deterministic
 * ids, TLP 2.0 markings, RED never leaving, and only what the reader may read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";
import { validateStixBundle } from "../../src/server/stix/validate.js";
import { NEXUS_EXTENSION_ID, tlpMarkingId } from "../../src/core/stix/vocabulary.js";

type Obj = Record<string, any> & { type: string; id: string };
const ext = (o: Obj) => o.extensions?.[NEXUS_EXTENSION_ID];

/** Every *_ref and *_refs value anywhere in an object (extensions included). */
function refsIn(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => refsIn(x, out));
  else if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      if (k.endsWith("_ref") && typeof x === "string") out.push(x);
      else if (k.endsWith("_refs") && Array.isArray(x)) out.push(...x.filter((s): s is string => typeof s === "string"));
      else refsIn(x, out);
    }
  }
  return out;
}

describe.each(engines)("STIX 2.1 export on $name", ({ create }) => {
  let f: Fixture;
  let alice: Client, bob: Client, mallory: Client;
  const id: Record<string, string> = {};
  const W = () => `/api/v1/watch/workspaces/${f.ids.ws}`;
  const bundle = async (c: Client, url: string, headers: Record<string, string> = {}) => {
    const r = await c.request("GET", url, undefined, { headers });
    expect(r.status, r.text.slice(0, 300)).toBe(200);
    expect(String(r.headers["content-type"])).toBe("application/stix+json;version=2.1");
    return JSON.parse(r.text) as { type: string; id: string; objects: Obj[] };
  };
  const byName = (b: { objects: Obj[] }, name: string) => b.objects.find((o) => o.name === name)!;

  beforeAll(async () => {
    f = await platformFixture(create);
    [alice, bob, mallory] = await Promise.all(["alice", "bob", "mallory"].map((w) => f.as(w)));
    const src = async (name: string, marking: string, type: string, reliability: string) => (await alice.post(`${W()}/sources`, { name, marking, body: { type, reliability } })).body.id as string;
    id.s1 = await src("[Synthetic] Border police liaison", "AMBER", "partner-agency", "B");
    id.s2 = await src("[Synthetic] Panel report", "GREEN", "official", "A");
    id.strict = await src("[Synthetic] Protected informant", "AMBER+STRICT", "human", "C");
    id.area = (await alice.post(`${W()}/areas`, { name: "[Synthetic] Border zone", marking: "AMBER", body: { country: "ML", subnational: "Ménaka", point: { lat: 15.9, lon: 2.4 }, context: "post-conflict" } })).body.id;
    id.crime = (await alice.post(`${W()}/groups`, { name: "[Synthetic] Transport network", marking: "AMBER", body: { type: "criminal", aliases: ["TN"], areas: [id.area], motivations: [{ from: "2015-01-01", kind: "economic", sources: [id.s1], credibility: 2 }] } })).body.id;
    id.terror = (await alice.post(`${W()}/groups`, { name: "[Synthetic] Armed faction", marking: "AMBER", body: { type: "terrorist", areas: [id.area], motivations: [{ from: "2012-01-01", kind: "ideological" }, { from: "2020-01-01", kind: "economic", aim: "secondary" }] } })).body.id;
    const red = await alice.post(`${W()}/groups`, { name: "[Synthetic] Red cell", marking: "RED", body: { type: "terrorist", areas: [id.area] } });
    expect(red.status).toBe(201);
    id.red = red.body.id;
    expect((await alice.post(`${W()}/relationships`, { marking: "AMBER", body: { from: id.crime, to: id.terror, kind: "service-provision", service: "smuggling access", start: "2025-03-01", sources: [id.s2], credibility: 2 } })).status).toBe(201);
    id.strictArea = (await alice.post(`${W()}/areas`, { name: "[Synthetic] Protected corridor", marking: "AMBER+STRICT", body: { country: "NE" } })).body.id;
    for (const [subject, indicator, source, credibility] of [[id.area, "env-geography.ungoverned-territory", id.s1, 2], [id.area, "env-governance.eroding-state-institutions", id.s2, 1], [id.strictArea, "env-economic.illicit-economy-dominance", id.strict, 3]] as const) {
      const r = await alice.post(`/api/v1/watch/subjects/${subject}/observations`, { indicator, state: "present", trend: "rising", observed_at: "2026-09-15", sources: [source], credibility });
      expect(r.status, r.text).toBe(201);
    }
    const a = await alice.post(`/api/v1/watch/subjects/${id.area}/assessments`, { as_of: "2026-09-30", judgement: { manifestation: "black-hole", reason: "The state has all but left the border zone." } });
    expect(a.status).toBe(201);
    id.assessment = a.body.id;
  });
  afterAll(async () => { await f?.close(); });

  it("exports a workspace as a bundle whose every object passes the OASIS schemas and the extension's schema, with references that all resolve", async () => {
    const b = await bundle(alice, `/api/v1/stix/workspaces/${f.ids.ws}/bundle`);
    expect(b.type).toBe("bundle");
    expect(validateStixBundle(b)).toEqual([]);
    const ids = new Set(b.objects.map((o) => o.id));
    expect(ids.size, "no object twice").toBe(b.objects.length);
    const dangling = b.objects.flatMap((o) => refsIn(o).filter((r) => !ids.has(r)).map((r) => `${o.type} → ${r}`));
    expect(dangling).toEqual([]);
    const count = (t: string) => b.objects.filter((o) => o.type === t).length;
    expect(count("location")).toBe(1);
    expect(count("threat-actor")).toBe(2);
    expect(count("nexus-observation"), "the AMBER+STRICT area's observation needs a reason").toBe(2);
    expect(count("nexus-analysis"), "the area and both groups").toBe(3);
    expect(count("report")).toBe(1);
    expect(count("note")).toBe(1);
    expect(count("extension-definition")).toBe(1);
    expect(b.objects.filter((o) => o.type === "relationship").map((o) => o.relationship_type).sort()).toEqual(["located-at", "located-at", "service-provision"]);
  });

  it("maps each record on STIX properties and vocabularies, the rest in the nexus extension", async () => {
    const b = await bundle(alice, `/api/v1/stix/workspaces/${f.ids.ws}/bundle`);
    const area = byName(b, "[Synthetic] Border zone");
    expect(area).toMatchObject({ type: "location", country: "ML", administrative_area: "Ménaka", latitude: 15.9, longitude: 2.4, object_marking_refs: [tlpMarkingId.AMBER] });
    expect(ext(area)).toEqual({ extension_type: "property-extension", nexus_kind: "area", context: "post-conflict" });
    const crime = byName(b, "[Synthetic] Transport network");
    expect(crime).toMatchObject({ type: "threat-actor", threat_actor_types: ["crime-syndicate"], aliases: ["TN"], primary_motivation: "organizational-gain" });
    expect(ext(crime).motivations[0]).toMatchObject({ from: "2015-01-01", kind: "economic", credibility: 2, source_refs: [byName(b, "[Synthetic] Border police liaison").id] });
    expect(ext(crime).area_refs).toEqual([area.id]);
    const terror = byName(b, "[Synthetic] Armed faction");
    expect(terror).toMatchObject({ threat_actor_types: ["terrorist"], primary_motivation: "ideology", secondary_motivations: ["organizational-gain"] });
    const s1 = byName(b, "[Synthetic] Border police liaison");
    expect(s1).toMatchObject({ type: "identity", identity_class: "organization" });
    expect(ext(s1)).toMatchObject({ nexus_kind: "source", source_type: "partner-agency", reliability: "B" });
    const rel = b.objects.find((o) => o.relationship_type === "service-provision")!;
    expect(rel).toMatchObject({ source_ref: crime.id, target_ref: terror.id, start_time: "2025-03-01T00:00:00.000Z", confidence: 70 });
    expect(ext(rel)).toMatchObject({ service: "smuggling access", credibility: 2 });
    // Admiralty credibility → STIX confidence (appendix B): 2 → 70, 1 → 90; the marking is the narrowest of subject and sources.
    const obs = b.objects.filter((o) => o.type === "nexus-observation").sort((x, y) => x.credibility - y.credibility);
    expect(obs.map((o) => [o.credibility, o.confidence, o.object_marking_refs[0]])).toEqual([[1, 90, tlpMarkingId.AMBER], [2, 70, tlpMarkingId.AMBER]]);
    expect(obs[0]).toMatchObject({ subject_ref: area.id, indicator: "env-governance.eroding-state-institutions", state: "present", trend: "rising", observed_at: "2026-09-15T00:00:00.000Z" });
    expect(obs[0].extensions).toEqual({ [NEXUS_EXTENSION_ID]: { extension_type: "new-sdo" } });
    const analysis = b.objects.find((o) => o.type === "nexus-analysis" && o.subject_ref === area.id)!;
    expect(analysis.ranking.length).toBeGreaterThan(1);
    expect(analysis.evidence_count).toBeGreaterThanOrEqual(2);
    const report = b.objects.find((o) => o.type === "report")!;
    expect(report.object_refs[0]).toBe(area.id);
    expect(ext(report)).toMatchObject({ nexus_kind: "assessment", status: "draft", as_of: "2026-09-30", judgement: { manifestation: "black-hole" } });
    const note = b.objects.find((o) => o.type === "note")!;
    expect(note).toMatchObject({ content: "The state has all but left the border zone.", object_refs: [report.id] });
    expect(note.abstract, "named, not by its id").not.toBe("black-hole");
    // TLP 2.0 marking definitions as OASIS publishes them, one per level used.
    const markings = b.objects.filter((o) => o.type === "marking-definition");
    expect(markings.map((m) => m.name).sort()).toEqual(["TLP:AMBER", "TLP:GREEN"]);
    expect(markings.find((m) => m.name === "TLP:AMBER")!.id).toBe("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421");
  });

  it("never exports RED, and gives AMBER+STRICT content only with the reader's reason", async () => {
    const b = await bundle(alice, `/api/v1/stix/workspaces/${f.ids.ws}/bundle`);
    const text = JSON.stringify(b);
    expect(text).not.toContain("Red cell");
    expect(text).not.toContain(tlpMarkingId.RED);
    expect(text).not.toContain("Protected informant");
    expect(text).not.toContain("Protected corridor");
    const withReason = await bundle(alice, `/api/v1/stix/workspaces/${f.ids.ws}/bundle`, { "x-access-reason": encodeURIComponent("Preparing the regional exchange with the hub") });
    expect(validateStixBundle(withReason)).toEqual([]);
    expect(JSON.stringify(withReason)).toContain("Protected informant");
    expect(withReason.objects.filter((o) => o.type === "location")).toHaveLength(2);
    expect(withReason.objects.filter((o) => o.type === "nexus-observation").map((o) => o.object_marking_refs[0])).toContain(tlpMarkingId["AMBER+STRICT"]);
    expect(JSON.stringify(withReason)).not.toContain("Red cell");
  });

  it("gives the same ids on a second export, and a later modified when a record changes", async () => {
    const first = await bundle(alice, `/api/v1/stix/workspaces/${f.ids.ws}/bundle`);
    const again = await bundle(bob, `/api/v1/stix/workspaces/${f.ids.ws}/bundle`);
    const key = (b: typeof first) => b.objects.filter((o) => o.type !== "nexus-analysis").map((o) => `${o.id}@${o.modified ?? o.created}`).sort();
    expect(key(again)).toEqual(key(first));
    const report = first.objects.find((o) => o.type === "report")!;
    expect((await alice.patch(`/api/v1/watch/assessments/${id.assessment}`, { status: "review" })).status).toBe(200);
    const second = await bundle(alice, `/api/v1/stix/workspaces/${f.ids.ws}/bundle`);
    const later = second.objects.find((o) => o.type === "report")!;
    expect(later.id).toBe(report.id);
    expect(later.modified > report.modified, `${later.modified} after ${report.modified}`).toBe(true);
    expect(later.extensions[NEXUS_EXTENSION_ID].status).toBe("review");
    expect(second.id, "a bundle's id follows what it holds").not.toBe(first.id);
  });

  it("exports a subject with what it draws on, and an assessment as a report", async () => {
    const s = await bundle(alice, `/api/v1/stix/subjects/${id.crime}/bundle`);
    expect(validateStixBundle(s)).toEqual([]);
    const names = s.objects.filter((o) => ["location", "threat-actor", "identity"].includes(o.type) && o.identity_class !== "system").map((o) => o.name).sort();
    expect(names).toEqual(["Joint task force", "[Synthetic] Armed faction", "[Synthetic] Border police liaison", "[Synthetic] Border zone", "[Synthetic] Panel report", "[Synthetic] Transport network"]);
    const r = await bundle(alice, `/api/v1/stix/assessments/${id.assessment}/bundle`);
    expect(validateStixBundle(r)).toEqual([]);
    expect(r.objects.filter((o) => o.type === "report")).toHaveLength(1);
    expect(r.objects.some((o) => o.type === "location")).toBe(true);
  });

  it("refuses those who may not read, names a bad id, and audits every export", async () => {
    expect((await mallory.get(`/api/v1/stix/workspaces/${f.ids.ws}/bundle`)).status).toBe(404);
    expect((await mallory.get(`/api/v1/stix/subjects/${id.area}/bundle`)).status).toBe(404);
    expect((await f.anonymous.get(`/api/v1/stix/workspaces/${f.ids.ws}/bundle`)).status).toBe(401);
    const reason = { "x-access-reason": encodeURIComponent("Checking what the regional exchange would carry") };
    expect((await alice.get(`/api/v1/stix/subjects/${id.red}/bundle`)).body.errors[0].param, "RED is read only with a reason").toBe("reason");
    const red = await alice.request("GET", `/api/v1/stix/subjects/${id.red}/bundle`, undefined, { headers: reason });
    expect(red.status, "a RED subject is not exported, even to its author").toBe(400);
    expect(red.body.errors[0]).toMatchObject({ param: "id", code: "validation.msg.redStays" });
    const redFr = await alice.request("GET", `/api/v1/stix/subjects/${id.red}/bundle`, undefined, { headers: { ...reason, "accept-language": "fr" } });
    expect(redFr.body.errors[0].message).toContain("ne quitte jamais");
    expect((await alice.get(`/api/v1/stix/subjects/no-such-subject/bundle`)).status).toBe(404);
    expect((await alice.get(`/api/v1/stix/assessments/${id.area}/bundle`)).status, "an area is not an assessment").toBe(404);
    expect((await alice.get(`/api/v1/stix/workspaces/${f.ids.ws}/bundle?extra=1`)).body.errors[0].param).toBe("extra");
    const { rows } = await f.t.db.query<{ n: number }>("select count(*)::int as n from audit_log where action = 'watch.stix-export'");
    expect(rows[0].n).toBeGreaterThanOrEqual(8);
    const schema = await f.anonymous.get("/api/v1/stix/extension-schema");
    expect(schema.status).toBe(200);
    expect(JSON.parse(schema.text).$defs["nexus-observation"].required).toContain("indicator");
  });
});
