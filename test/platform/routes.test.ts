import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";
import { refOf } from "../../src/core/stix/export.js";
import { collectionIdOf } from "../../src/server/stix/taxii.js";

/**
 * Deny by default, proven over the whole route inventory. Every non-public route needs a
 * sample input here; a new route without one fails this test until someone decides what it
 * should refuse.
 */
const samples: Record<string, { body?: unknown; query?: string }> = {
  "POST /api/v1/auth/logout": {},
  "GET /api/v1/auth/me": {},
  "POST /api/v1/auth/password": { body: { current_password: "not-the-password", new_password: "probe-lantern-orchid-77" } },
  "POST /api/v1/auth/totp": {},
  "POST /api/v1/auth/totp/confirm": { body: { code: "000000" } },
  "POST /api/v1/auth/totp/disable": { body: { current_password: "not-the-password", code: "000000" } },
  "GET /api/v1/directory": {},
  "GET /api/v1/tokens": {},
  "POST /api/v1/tokens": { body: { name: "t", scopes: ["records.read"] } },
  "DELETE /api/v1/tokens/:id": {},
  "GET /api/v1/organisations": {},
  "POST /api/v1/organisations": { body: { name: "Probe Agency" } },
  "GET /api/v1/users": {},
  "POST /api/v1/users": { body: { email: "probe@example.org", name: "Probe", organisation: "police", roles: ["viewer"], password: "tidal-ember-quarry-42" } },
  "PATCH /api/v1/users/:id": { body: { roles: ["viewer"] } },
  "GET /api/v1/workspaces": {},
  "POST /api/v1/workspaces": { body: { name: "Probe" } },
  "GET /api/v1/workspaces/:id": {},
  "GET /api/v1/workspaces/:id/members/preview": { query: "user_id=USER" },
  "POST /api/v1/workspaces/:id/members": { body: { user_id: "USER" } },
  "DELETE /api/v1/workspaces/:id/members/:userId": {},
  "GET /api/v1/workspaces/:id/records": {},
  "POST /api/v1/workspaces/:id/records": { body: { kind: "note", title: "probe", body: {}, marking: "AMBER" } },
  "GET /api/v1/records": { query: "q=MARKER" },
  "GET /api/v1/records/export.csv": {},
  "GET /api/v1/records/:id": { query: "reason=probing" },
  "PATCH /api/v1/records/:id": { body: { title: "changed" } },
  "GET /api/v1/records/:id/visibility": {},
  "POST /api/v1/records/:id/oversight-grants": { body: { user_id: "OVERSIGHT", reason: "probing access" } },
  "POST /api/v1/records/:id/reviews": { body: { note: "probing review" } },
  "DELETE /api/v1/records/:id/oversight-grants/:userId": {},
  "POST /api/v1/records/:id/lift-minor": { body: { reason: "probing the lifting of protection" } },
  "GET /api/v1/audit": {},
  "GET /api/v1/audit/verify": {},
  "GET /api/v1/retention": {},
  "PUT /api/v1/retention/:kind": { body: { retention_days: 10, minor_retention_days: 5, grace_days: 1, minor_review_days: 5, legal_basis: "Probe legal basis text" } },
  "POST /api/v1/retention/run": {},
  "POST /api/v1/retention/runs/:id/confirm": { body: { reason: "probing a retention confirmation" } },
  "POST /api/v1/records/:id/restore": { body: { reason: "probing the restore of a record" } },
  "POST /api/v1/records/:id/removal-requests": { body: { reason: "probing removal grounds" } },
  "GET /api/v1/removal-requests": {},
  "POST /api/v1/removal-requests/:id/decision": { body: { approve: true, reason: "probing decision" } },
  "POST /api/v1/removal-requests/:id/execute": {},
  "POST /api/v1/watch/workspaces/:workspace/areas": { body: { name: "Probe area", marking: "AMBER", body: { country: "ML" } } },
  "POST /api/v1/watch/workspaces/:workspace/groups": { body: { name: "Probe group", marking: "AMBER", body: { type: "criminal" } } },
  "POST /api/v1/watch/workspaces/:workspace/sources": { body: { name: "Probe source", marking: "AMBER", body: { type: "media", reliability: "C" } } },
  "POST /api/v1/watch/workspaces/:workspace/relationships": { body: { marking: "AMBER", body: { from: "SUBJECT", to: "SUBJECT", kind: "alliance", sources: ["SOURCE"], credibility: 2 } } },
  "GET /api/v1/watch/workspaces/:workspace/records": {},
  "GET /api/v1/watch/workspaces/:workspace/gap-map": {},
  "POST /api/v1/watch/workspaces/:workspace/observations/import": { body: "subject,indicator,state,observed_at,sources,credibility\nSUBJECT,env-economic.poverty,present,2026-01-01,SOURCE,2\n" },
  "GET /api/v1/watch/subjects/:id": {},
  "GET /api/v1/watch/subjects/:id/observations": {},
  "GET /api/v1/watch/subjects/:id/observations.csv": {},
  "POST /api/v1/watch/subjects/:id/observations": { body: { indicator: "env-economic.poverty", state: "present", observed_at: "2026-01-01", sources: ["SOURCE"], credibility: 2 } },
  "GET /api/v1/watch/subjects/:id/timeline": {},
  "GET /api/v1/watch/subjects/:id/assessments": {},
  "POST /api/v1/watch/subjects/:id/assessments": { body: {} },
  "GET /api/v1/watch/subjects/:id/disagreement": {},
  "GET /api/v1/watch/assessments/:id": {},
  "GET /api/v1/watch/assessments/:id/report.pdf": {},
  "GET /api/v1/watch/assessments/:id/report.docx": {},
  "GET /api/v1/network/workspaces/:workspace": {},
  "POST /api/v1/network/workspaces/:workspace/institutions": { body: { name: "Probe", marking: "GREEN", body: { kind: "fiu", actors: ["fiu"] } } },
  "POST /api/v1/network/workspaces/:workspace/partnerships": { body: { marking: "GREEN", body: { kind: "network", network: "egmont", members: ["probe"] } } },
  "PATCH /api/v1/network/entries/:id": { body: { name: "Probe" } },
  "GET /api/v1/network/workspaces/:workspace/graph": {},
  "GET /api/v1/network/workspaces/:workspace/gaps": {},
  "GET /api/v1/network/workspaces/:workspace/table": { query: "actors=fiu" },
  "GET /api/v1/network/workspaces/:workspace/institutions.csv": {},
  "GET /api/v1/network/workspaces/:workspace/partnerships.csv": {},
  "POST /api/v1/network/workspaces/:workspace/institutions/import": { body: { csv: "name,kind,actors\nProbe,fiu,fiu\n", marking: "GREEN" } },
  "POST /api/v1/network/workspaces/:workspace/partnerships/import": { body: { csv: "kind,members\nmou,a;b\n", marking: "GREEN" } },
  "GET /api/v1/exercises/sessions/:id/agencies": {},
  "PUT /api/v1/exercises/sessions/:id/agencies": { body: { agencies: [] } },
  "GET /api/v1/stix/workspaces/:workspace/bundle": {},
  "GET /api/v1/stix/subjects/:id/bundle": {},
  "GET /api/v1/stix/assessments/:id/bundle": {},
  "GET /api/v1/stix/extension-schema": {},
  "POST /api/v1/stix/workspaces/:workspace/import": { body: { type: "bundle", id: "bundle--5d0092c5-5f74-4287-9642-33f4c354e56d", objects: [] } },
  "GET /api/v1/stix/workspaces/:workspace/imports": {},
  "GET /api/v1/stix/workspaces/:workspace/subscriptions": {},
  "POST /api/v1/stix/workspaces/:workspace/subscriptions": { body: { title: "probe", collection_url: "http://127.0.0.1:9/taxii2/api/collections/x/" } },
  "POST /api/v1/stix/subscriptions/:id/pull": {},
  "DELETE /api/v1/stix/subscriptions/:id": {},
  "POST /api/v1/stix/assessments/:id/push": { body: { subscription: "none" } },
  "GET /taxii2/": {},
  "GET /taxii2/api/": {},
  "GET /taxii2/api/collections/": {},
  "GET /taxii2/api/collections/:collection/": {},
  "GET /taxii2/api/collections/:collection/objects/": {},
  "POST /taxii2/api/collections/:collection/objects/": { body: { objects: [] } },
  "GET /taxii2/api/collections/:collection/manifest/": {},
  "GET /taxii2/api/collections/:collection/objects/:object/": {},
  "GET /taxii2/api/collections/:collection/objects/:object/versions/": {},
  "GET /taxii2/api/status/:status/": {},
  "PATCH /api/v1/watch/assessments/:id": { body: { status: "review" } },
  "GET /api/v1/watch/compare": { query: "a=ASSESSMENT&b=ASSESSMENT" },
  "POST /api/v1/watch/workspaces/:workspace/rules": { body: { marking: "AMBER", body: { rule: "leader-changed" } } },
  "GET /api/v1/watch/alerts": {},
  "POST /api/v1/watch/alerts/:id/read": {},
  "GET /api/v1/watch/overview": {},
  "POST /api/v1/plans/workspaces/:workspace/self-assessments": { body: { name: "Probe", country: "KE", marking: "AMBER" } },
  "GET /api/v1/plans/self-assessments/:id": {},
  "PUT /api/v1/plans/self-assessments/:id/ratings/:practice": { body: { institution: "Probe ministry", in_place: "C" } },
  "POST /api/v1/plans/self-assessments/:id/agreed/:practice": { body: { in_place: "C", reason: "probing agreement" } },
  "GET /api/v1/plans/self-assessments/:id/history/:practice": {},
  "POST /api/v1/plans/self-assessments/:id/action-plan/draft": { body: { units: [] } },
  "GET /api/v1/plans/workspaces/:workspace/self-assessments": {},
  "PUT /api/v1/plans/self-assessments/:id/practices/:practice": { body: { actors: ["prosecutors"], assistance_requested: true } },
  "POST /api/v1/plans/self-assessments/:id/evidence/:practice": { body: { kind: "link", label: "Probe", url: "https://example.org/probe" } },
  "GET /api/v1/plans/self-assessments/:id/evidence/:evidence/file": {},
  "DELETE /api/v1/plans/self-assessments/:id/evidence/:evidence": {},
  "POST /api/v1/plans/self-assessments/:id/reviews": { body: { name: "Probe review" } },
  "GET /api/v1/plans/self-assessments/:id/history": {},
  "PUT /api/v1/plans/self-assessments/:id/units": { body: { units: [] } },
  "POST /api/v1/plans/self-assessments/:id/actions/from-draft": { body: {} },
  "GET /api/v1/plans/self-assessments/:id/actions": {},
  "POST /api/v1/plans/self-assessments/:id/actions": { body: { practice: "hague-1", title: "Probe action" } },
  "PATCH /api/v1/plans/self-assessments/:id/actions/:action": { body: { status: "done" } },
  "DELETE /api/v1/plans/self-assessments/:id/actions/:action": {},
  "PUT /api/v1/plans/self-assessments/:id/share": { body: { region: "probe-region", consent: "full" } },
  "GET /api/v1/plans/regions/:workspace": {},
  "GET /api/v1/plans/self-assessments/:id/assistance": {},
  "GET /api/v1/plans/self-assessments/:id/export/:file": {},
  "GET /api/v1/exercises/scenarios": {},
  "GET /api/v1/exercises/scenarios/:id": {},
  "POST /api/v1/exercises/scenarios/validate": { body: { text: "id: probe" } },
  "GET /api/v1/exercises/scenarios/:id/:document": {},
  "GET /api/v1/exercises/workspaces/:workspace/sessions": {},
  "POST /api/v1/exercises/workspaces/:workspace/sessions": { body: { scenario: "SCENARIO" } },
  "GET /api/v1/exercises/sessions/:id": {},
  "GET /api/v1/exercises/sessions/:id/qr.svg": {},
  "POST /api/v1/exercises/sessions/:id/joining": { body: { open: false } },
  "GET /api/v1/exercises/sessions/:id/report": {},
  "PUT /api/v1/exercises/sessions/:id/report": { body: { improvements: [] } },
  "GET /api/v1/exercises/sessions/:id/export/:file": {},
  "POST /api/v1/exercises/sessions/:id/improvements/to-plan": { body: { self_assessment: "SELFASSESSMENT", items: [0] } },
  "GET /api/v1/training/workspaces/:workspace/cohorts": {},
  "POST /api/v1/training/workspaces/:workspace/cohorts": { body: { name: "probe", audience: "prosecutors" } },
  "GET /api/v1/training/cohorts/:id": {},
  "PATCH /api/v1/training/cohorts/:id": { body: { joining_open: false } },
  "GET /api/v1/training/cohorts/:id/qr.svg": {},
  "GET /api/v1/training/cohorts/:id/gains": {},
  "GET /api/v1/training/cohorts/:id/report/:file": {},
  "POST /api/v1/training/cohorts/:id/certificates": {},
  "GET /api/v1/training/cohorts/:id/participants/:participant/certificate.pdf": {},
  "DELETE /api/v1/training/cohorts/:id/participants/:participant": {},
  "POST /api/v1/training/cohorts/:id/to-plan": { body: { self_assessment: "SELFASSESSMENT", practices: ["hague-1"] } },
};

describe.each(engines)("route inventory on $name", ({ create }) => {
  let f: Fixture;
  let alice: Client;
  let mallory: Client;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    f = await platformFixture(create);
    alice = await f.as("alice");
    mallory = await f.as("mallory");
    const rec = await alice.post(`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "note", title: "MARKER amber note", body: { text: "MARKER" }, marking: "AMBER" });
    ids.record = rec.body.id;
    ids.token = (await alice.post("/api/v1/tokens", { name: "mine", scopes: ["records.read"] })).body.id;
    ids.removal = (await alice.post(`/api/v1/records/${ids.record}/removal-requests`, { reason: "duplicate of another note" })).body.id;
    const W = `/api/v1/watch/workspaces/${f.ids.ws}`;
    ids.source = (await alice.post(`${W}/sources`, { name: "MARKER source", marking: "AMBER", body: { type: "media", reliability: "B" } })).body.id;
    ids.subject = (await alice.post(`${W}/areas`, { name: "MARKER area", marking: "AMBER", body: { country: "NE" } })).body.id;
    await alice.post(`/api/v1/watch/subjects/${ids.subject}/observations`, { indicator: "org-leadership.factions-forming", state: "present", observed_at: "2026-01-02", sources: [ids.source], credibility: 2 });
    ids.assessment = (await alice.post(`/api/v1/watch/subjects/${ids.subject}/assessments`, {})).body.id;
    await alice.post(`${W}/rules`, { marking: "AMBER", body: { rule: "indicator-present", indicator: "env-economic.poverty" } });
    await alice.post(`/api/v1/watch/subjects/${ids.subject}/observations`, { indicator: "env-economic.poverty", state: "present", observed_at: "2026-01-03", sources: [ids.source], credibility: 2 });
    ids.alert = (await alice.get("/api/v1/watch/alerts")).body.items[0].id;
    ids.selfAssessment = (await alice.post(`/api/v1/plans/workspaces/${f.ids.ws}/self-assessments`, { name: "MARKER review", country: "KE", marking: "AMBER" })).body.id;
    const SA = `/api/v1/plans/self-assessments/${ids.selfAssessment}`;
    ids.evidence = (await alice.post(`${SA}/evidence/hague-1`, { kind: "file", filename: "MARKER.txt", content_type: "text/plain", data: Buffer.from("MARKER evidence").toString("base64") })).body.id;
    ids.action = (await alice.post(`${SA}/actions`, { practice: "hague-1", title: "MARKER action" })).body.id;
    ids.scenario = (await alice.get("/api/v1/exercises/scenarios")).body.items[0].id;
    ids.session = (await alice.post(`/api/v1/exercises/workspaces/${f.ids.ws}/sessions`, { scenario: ids.scenario, name: "MARKER exercise" })).body.id;
    ids.cohort = (await alice.post(`/api/v1/training/workspaces/${f.ids.ws}/cohorts`, { name: "MARKER course", audience: "prosecutors", test_size: 3 })).body.id;
  });
  afterAll(async () => { await f?.close(); });

  const urlFor = (url: string, query?: string) => {
    const path = url
      .replace(":workspace", f.ids.ws)
      .replace(/\/subjects\/:id/, `/subjects/${ids.subject}`)
      .replace(/\/self-assessments\/:id/, `/self-assessments/${ids.selfAssessment}`)
      .replace(":practice", "hague-1")
      .replace(":evidence", ids.evidence)
      .replace(":action", ids.action)
      .replace(/\/plans\/(.*)\/export\/:file/, "/plans/$1/export/ratings.csv")
      .replace(/\/sessions\/:id\/export\/:file/, `/sessions/${ids.session}/export/improvements.csv`)
      .replace(/\/sessions\/:id/, `/sessions/${ids.session}`)
      .replace(/\/cohorts\/:id\/report\/:file/, `/cohorts/${ids.cohort}/report/gains.csv`)
      .replace(/\/cohorts\/:id/, `/cohorts/${ids.cohort}`)
      .replace(":participant", "none")
      .replace(/\/scenarios\/:id/, `/scenarios/${ids.scenario}`)
      .replace(":document", "manual.pdf")
      .replace(/\/assessments\/:id/, `/assessments/${ids.assessment}`)
      .replace(/\/alerts\/:id/, `/alerts/${ids.alert}`)
      .replace(":userId", f.ids.bob)
      .replace(":kind", "note")
      .replace(/\/users\/:id/, `/users/${f.ids.alice}`)
      .replace(/\/tokens\/:id/, `/tokens/${ids.token}`)
      .replace(/\/workspaces\/:id/, `/workspaces/${f.ids.ws}`)
      .replace(/\/records\/:id/, `/records/${ids.record}`)
      .replace(/\/removal-requests\/:id/, `/removal-requests/${ids.removal}`)
      .replace(":collection", collectionIdOf(f.ids.ws))
      .replace(":object", refOf("area", ids.subject))
      .replace(":status", "no-such-status");
    const q = query?.replace("USER", f.ids.dave).replace("OVERSIGHT", f.ids.olga).replaceAll("ASSESSMENT", ids.assessment);
    return q ? `${path}?${q}` : path;
  };
  const fill = (text: string) => text.replace("USER", f.ids.dave).replace("OVERSIGHT", f.ids.olga).replaceAll("SUBJECT", ids.subject).replaceAll("SOURCE", ids.source).replaceAll("SCENARIO", ids.scenario).replaceAll("SELFASSESSMENT", ids.selfAssessment);
  const bodyFor = (b: unknown) => (b === undefined ? undefined : typeof b === "string" ? fill(b) : JSON.parse(fill(JSON.stringify(b))));

  it("registers every route through the registry, with an access rule", () => {
    const declared = new Set(f.routes.operations.map((o) => `${o.method} ${o.url}`));
    const bypassing = f.registered.filter((r) => r.method !== "HEAD" && !declared.has(`${r.method} ${r.url}`));
    expect(bypassing).toEqual([]);
    for (const o of f.routes.operations) expect(o.access, `${o.method} ${o.url}`).toBeTruthy();
  });

  it("has a sample input for every non-public route", () => {
    const missing = f.routes.operations.filter((o) => o.access !== "public" && !samples[`${o.method} ${o.url}`]).map((o) => `${o.method} ${o.url}`);
    expect(missing).toEqual([]);
  });

  it("refuses anonymous callers on every non-public route", async () => {
    for (const o of f.routes.operations.filter((x) => x.access !== "public")) {
      const s = samples[`${o.method} ${o.url}`];
      const r = await f.anonymous.request(o.method, urlFor(o.url, s.query), bodyFor(s.body), typeof s.body === "string" ? { headers: { "content-type": "text/csv" } } : {});
      expect(r.status, `${o.method} ${o.url}`).toBe(401);
      // TAXII clients get TAXII error messages.
      expect(r.headers["content-type"]).toMatch(o.url.startsWith("/taxii2/") ? /^application\/taxii\+json;version=2\.1$/ : /^application\/problem\+json/);
    }
  });

  it("refuses another organisation's user on every route that names a resource, and leaks nothing elsewhere", async () => {
    // Signing out ends mallory's session, so it goes last.
    const ops = f.routes.operations.filter((x) => x.access !== "public").sort((a, b) => Number(a.url.endsWith("/logout")) - Number(b.url.endsWith("/logout")));
    for (const o of ops) {
      const key = `${o.method} ${o.url}`;
      const s = samples[key];
      const r = await mallory.request(o.method, urlFor(o.url, s.query), bodyFor(s.body), typeof s.body === "string" ? { headers: { "content-type": "text/csv" } } : {});
      // The scenario library is shared content for every signed-in trainer, not an organisation's resource.
      const library = o.url.startsWith("/api/v1/exercises/scenarios/");
      const namesResource = !library && (/:(id|userId|workspace|collection|status)/.test(o.url) || /[?&](a|b)=/.test(s.query ?? ""));
      if (namesResource) expect([403, 404], key).toContain(r.status);
      expect(r.text, key).not.toContain("MARKER");
    }
  });

  it("guessed ids get the same answer as ids that do not exist", async () => {
    mallory = await f.as("mallory");
    const real = await mallory.get(`/api/v1/records/${ids.record}`);
    const fake = await mallory.get("/api/v1/records/00000000-0000-0000-0000-000000000000");
    expect([real.status, fake.status]).toEqual([404, 404]);
    expect(real.body.title).toBe(fake.body.title);
  });

  it("sets the security headers on API and page responses", async () => {
    const r = await f.anonymous.get("/api/v1/practices?limit=1");
    expect(r.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(r.headers["content-security-policy"]).not.toContain("unsafe-inline");
    expect(r.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
  });
});
