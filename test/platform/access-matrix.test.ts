/**
 * The access matrix, generated (issue 10): every declared record kind × every marking gets one
 * record whose title and body carry a unique marker; every GET route of the route registry is
 * called by every kind of viewer (own and other organisation, member, non-member, revoked
 * member, oversight with and without a grant, admin), without a reason and, for viewers who may
 * read some AMBER+STRICT or RED record, again with one, with ids
 * substituted from the records the route is about. Report files (PDF via pdftotext, DOCX/XLSX
 * unzipped), CSV, search (`q=` matching every marker), listings, analyses, alerts, the overview
 * and the regional view are all just responses here.
 *
 * The rule checked: a marker appears in a response only if `recordAccess` (the pure function in
 * src/core/platform/access.ts) gives that viewer the record's content, and, for AMBER+STRICT
 * and RED, only when the request carries a reason. The test fails when a kind has no factory,
 * when a GET route is neither exercised nor listed below as carrying no record content, and
 * when some record's marker was never seen by anyone allowed to read it (a vacuous matrix).
 *
 * Scope: GET routes (what reads); writes are covered by routes.test.ts (deny by default,
 * other organisations) and fuzz.test.ts. PGlite only: the matrix is several thousand requests;
 * the SQL rule itself is compared on both engines by access-property.test.ts.
 */
import { execFileSync } from "node:child_process";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAccess } from "../../src/core/platform/access.js";
import { markings, reasonRequired, type Marking } from "../../src/core/platform/markings.js";
import type { User } from "../../src/server/platform/auth.service.js";
import { factsOf, type RecordRow } from "../../src/server/platform/records.repository.js";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture, type Response } from "../support/platform.js";
import { refOf, stixTypeOf } from "../../src/core/stix/export.js";
import { tlpMarkingId } from "../../src/core/stix/vocabulary.js";
import { collectionIdOf } from "../../src/server/stix/taxii.js";

const WHY = encodeURIComponent("preparing the joint briefing");
const VIEWERS = ["alice", "bob", "carol", "dave", "erin", "olga", "adam", "mallory"];
/** Markers are `Zq<kind><marking>Xv`: fixed width, so none is a prefix of another; `q=Zq` finds them all. */
const marker = (k: number, m: number) => `Zq${String(k).padStart(2, "0")}${m}Xv`;
const MARKERS = /Zq(\d\d)(\d)Xv/g;

/**
 * GET routes that carry no user record content: the public knowledge base and service routes,
 * the shared scenario library, accounts and administration, and the websocket upgrade (its
 * messages are the live channel's, see exercises-hardening.test.ts). Anything else must be
 * exercised below.
 */
const NO_RECORD_CONTENT = new Set([
  ...["practices", "manifestations", "contexts", "watchpoints", "indicators", "actors", "instruments", "initiatives", "themes", "research-priorities"]
    .flatMap((c) => [`GET /api/v1/${c}`, `GET /api/v1/${c}/:id`]),
  "GET /api/v1/crosswalk", "GET /api/v1/crosswalk/instruments",
  "GET /api/v1/training/paths", "GET /api/v1/training/paths/:audience", "GET /api/v1/training/paths/:audience/modules/:module", "GET /api/v1/training/paths/:audience/modules/:module/kit/:file", "GET /api/v1/training/paths/:audience/scorm.zip",
  "GET /api/v1/search", "GET /api/v1/rating-guidance/:practice", "GET /healthz", "GET /api/v1/content-version", "GET /api/v1/bundle", "GET /api/v1/bundle/languages", "GET /api/v1/openapi.json",
  "GET /api/v1/exercises/scenarios", "GET /api/v1/exercises/scenarios/:id", "GET /api/v1/exercises/scenarios/:id/:document",
  "GET /api/v1/auth/me", "GET /api/v1/auth/session", "GET /api/v1/tokens", "GET /api/v1/organisations", "GET /api/v1/directory", "GET /api/v1/users",
  "GET /api/v1/exercises/live",
]);

/**
 * Kinds whose AMBER+STRICT or RED content a permitted reader sees without a reason (gaps this
 * matrix found and that are not fixed yet). None: exercise sessions were the last, closed by
 * decision 0020. The test fails when this list no longer matches what happens.
 */
const KNOWN_REASON_GAPS: string[] = [];

/** Which record kinds a route's `:id` names, by the path it sits under. */
const idKinds: [RegExp, string[] | "all"][] = [
  [/^\/api\/v1\/records\/:id/, "all"],
  [/^\/api\/v1\/watch\/subjects\/:id/, ["area", "group", "source"]],
  [/^\/api\/v1\/watch\/assessments\/:id/, ["assessment"]],
  [/^\/api\/v1\/stix\/subjects\/:id/, ["area", "group"]],
  [/^\/api\/v1\/stix\/assessments\/:id/, ["assessment"]],
  [/^\/api\/v1\/plans\/self-assessments\/:id/, ["self-assessment"]],
  [/^\/api\/v1\/exercises\/sessions\/:id/, ["exercise-session"]],
  [/^\/api\/v1\/training\/cohorts\/:id/, ["training-cohort"]],
];

/** Text of a response as a reader would see it: PDFs through pdftotext, DOCX/XLSX unzipped. */
async function textOf(r: Response): Promise<string> {
  const type = String(r.headers["content-type"] ?? "");
  if (type.includes("pdf")) return execFileSync("pdftotext", ["-q", "-", "-"], { input: r.raw }).toString();
  if (type.includes("officedocument")) {
    const zip = await JSZip.loadAsync(r.raw);
    const parts = await Promise.all(Object.values(zip.files).filter((e) => e.name.endsWith(".xml")).map((e) => e.async("string")));
    return parts.join("\n");
  }
  return r.text;
}

describe.each(engines.filter((e) => e.name === "pglite"))("access matrix on $name", ({ create }) => {
  let f: Fixture;
  const c: Record<string, Client> = {};
  const users: Record<string, User> = {};
  /** marker -> the record carrying it */
  const byMarker = new Map<string, RecordRow>();
  const ofKind = new Map<string, RecordRow[]>();
  const evidenceOf = new Map<string, string>();
  const base: Record<string, string> = {};
  let kinds: string[] = [];

  const ok = async (r: Promise<Response>, what: string) => {
    const res = await r;
    if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text}`);
    return res.body;
  };

  beforeAll(async () => {
    f = await platformFixture(create);
    for (const who of VIEWERS) c[who] = await f.as(who);
    const { rows } = await f.t.db.query<{ id: string; email: string; name: string; organisation_id: string; roles: User["roles"] }>("select id, email, name, organisation_id, roles from app_user");
    for (const u of rows) users[u.email.split("@")[0]] = { id: u.id, email: u.email, name: u.name, organisationId: u.organisation_id, roles: u.roles };
    const ws = f.ids.ws;
    const W = `/api/v1/watch/workspaces/${ws}`;
    // The author creates with a reason: creating a restricted record also shows it back.
    const a = { post: (url: string, body: unknown) => c.alice.request("POST", url, body, { headers: { "x-access-reason": WHY } }), get: c.alice.get };
    // CLEAR parents, readable by all, so derived records of any marking may cite them.
    base.area = (await ok(a.post(`${W}/areas`, { name: "Base town", marking: "CLEAR", body: { country: "NE" } }), "base area")).id;
    base.source = (await ok(a.post(`${W}/sources`, { name: "Base press", marking: "CLEAR", body: { type: "media", reliability: "C" } }), "base source")).id;
    base.groupA = (await ok(a.post(`${W}/groups`, { name: "Base traders", marking: "CLEAR", body: { type: "criminal", areas: [base.area] } }), "base group")).id;
    base.groupB = (await ok(a.post(`${W}/groups`, { name: "Base smugglers", marking: "CLEAR", body: { type: "criminal", areas: [base.area] } }), "base group")).id;
    await ok(a.post(`${W}/rules`, { marking: "CLEAR", body: { rule: "indicator-present", indicator: "env-economic.poverty" } }), "rule");
    base.assessment = (await ok(a.post(`/api/v1/watch/subjects/${base.area}/assessments`, { marking: "CLEAR" }), "base assessment")).id;
    base.scenario = (await ok(a.get("/api/v1/exercises/scenarios"), "scenarios")).items[0].id;
    const N = `/api/v1/network/workspaces/${ws}`;
    base.instA = (await ok(a.post(`${N}/institutions`, { name: "Base police", marking: "CLEAR", body: { kind: "police", country: "NE", actors: ["police"] } }), "base institution")).id;
    base.instB = (await ok(a.post(`${N}/institutions`, { name: "Base prosecutors", marking: "CLEAR", body: { kind: "prosecution", country: "NE", actors: ["prosecutors"] } }), "base institution")).id;

    /**
     * One factory per declared kind: creates a record of that marking carrying the marker in its
     * title and body, through the capability's own API. `null`: the kind has no free text to
     * carry a marker (its content is an enumerated rule), so it cannot leak one.
     */
    const red = (m: Marking) => (m === "RED" ? { recipients: [f.ids.bob] } : {});
    const factories: Record<string, ((m: Marking, mk: string) => Promise<string>) | null> = {
      note: async (m, mk) => (await ok(a.post(`/api/v1/workspaces/${ws}/records`, { kind: "note", title: mk, body: { text: mk }, marking: m, ...red(m) }), "note")).id,
      area: async (m, mk) => {
        const id = (await ok(a.post(`${W}/areas`, { name: mk, marking: m, ...red(m), body: { country: "ML", notes: mk } }), "area")).id;
        // An observation the rule watches, so the area shows up in alerts and the overview.
        await ok(a.post(`/api/v1/watch/subjects/${id}/observations`, { indicator: "env-economic.poverty", state: "present", observed_at: "2026-03-01", sources: [base.source], credibility: 2, note: mk }), "observation");
        return id;
      },
      group: async (m, mk) => (await ok(a.post(`${W}/groups`, { name: mk, marking: m, ...red(m), body: { type: "terrorist", areas: [base.area], motivations: [{ from: "2020-01-01", kind: "ideological" }], notes: mk } }), "group")).id,
      source: async (m, mk) => (await ok(a.post(`${W}/sources`, { name: mk, marking: m, ...red(m), body: { type: "human", reliability: "B", notes: mk } }), "source")).id,
      relationship: async (m, mk) => (await ok(a.post(`${W}/relationships`, { marking: m, ...red(m), body: { from: base.groupA, to: base.groupB, kind: "service-provision", service: mk, sources: [base.source], credibility: 2 } }), "relationship")).id,
      "watch-rule": null,
      assessment: async (m, mk) => (await ok(a.post(`/api/v1/watch/subjects/${base.area}/assessments`, { marking: m, judgement: { manifestation: "hybrid", reason: mk } }), "assessment")).id,
      "self-assessment": async (m, mk) => {
        const id = (await ok(a.post(`/api/v1/plans/workspaces/${ws}/self-assessments`, { name: mk, country: "KE", marking: m }), "self-assessment")).id;
        const SA = `/api/v1/plans/self-assessments/${id}`;
        evidenceOf.set(id, (await ok(a.post(`${SA}/evidence/hague-1`, { kind: "file", filename: `${mk}.txt`, content_type: "text/plain", data: Buffer.from(mk).toString("base64") }), "evidence")).id);
        await ok(a.post(`${SA}/actions`, { practice: "hague-1", title: mk }), "action");
        return id;
      },
      "exercise-session": async (m, mk) => (await ok(a.post(`/api/v1/exercises/workspaces/${ws}/sessions`, { scenario: base.scenario, name: mk, marking: m }), "session")).id,
      // The directory (decision 0035): the marker in an institution's name and mandate, and in a partnership's name and notes.
      institution: async (m, mk) => (await ok(a.post(`${N}/institutions`, { name: mk, marking: m, ...red(m), body: { kind: "fiu", country: "NE", actors: ["fiu", "prosecutors"], mandate: mk } }), "institution")).id,
      partnership: async (m, mk) => (await ok(a.post(`${N}/partnerships`, { name: mk, marking: m, ...red(m), body: { kind: "joint-task-force", members: [base.instA, base.instB], practices: ["addendum-13"], notes: mk } }), "partnership")).id,
      // A training cohort (decision 0039): the marker in its name; only its trainers read it through the training routes.
      "training-cohort": async (m, mk) => (await ok(a.post(`/api/v1/training/workspaces/${ws}/cohorts`, { name: mk, marking: m, audience: "prosecutors", test_size: 3, schedule: [{ module: "nexus" }] }), "cohort")).id,
      // A STIX object an import keeps as it came, with the marking it came with.
      "stix-object": async (m, mk) => {
        const n = String(markings.indexOf(m)).padStart(12, "0");
        const object = { type: "malware", spec_version: "2.1", id: `malware--3c1d2e4f-5a6b-4c7d-8e9f-${n}`, created: "2026-01-01T00:00:00.000Z", modified: "2026-01-01T00:00:00.000Z", name: mk, is_family: false, description: mk, object_marking_refs: [tlpMarkingId[m]] };
        const r = await ok(a.post(`/api/v1/stix/workspaces/${ws}/import`, { type: "bundle", id: `bundle--3c1d2e4f-5a6b-4c7d-8e9f-${n}`, objects: [object] }), "stix import");
        return r.items[0].record_id;
      },
    };
    kinds = [...f.services.records.kernel.kinds.declared, "note"];
    const missing = kinds.filter((k) => !(k in factories));
    if (missing.length) throw new Error(`no factory for record kind(s) ${missing.join(", ")}: add one so the access matrix covers them`);
    for (const [k, kind] of kinds.entries()) {
      const make = factories[kind];
      if (!make) continue;
      for (const [m, marking] of markings.entries()) {
        const id = await make(marking, marker(k, m));
        const row = (await f.t.db.query<RecordRow>("select * from record where id = $1", [id])).rows[0];
        byMarker.set(marker(k, m), row);
        ofKind.set(kind, [...(ofKind.get(kind) ?? []), row]);
        // Oversight with a grant on the AMBER and RED records, without one on the rest.
        if (marking === "AMBER" || marking === "RED") await ok(a.post(`/api/v1/records/${id}/oversight-grants`, { user_id: f.ids.olga, reason: "checking the handling of this case" }), "grant");
      }
    }
  }, 120_000);
  afterAll(async () => { await f?.close(); });

  it("has a factory for every declared record kind", () => {
    expect(kinds.length).toBeGreaterThan(5);
    for (const k of kinds) expect(ofKind.has(k) || k === "watch-rule", k).toBe(true);
  });

  /** Every URL a route is called with: ids substituted from the records it is about; throws for a parameter nobody knows. */
  function urlsFor(o: { url: string; params?: unknown; query?: unknown }): string[] {
    let urls: { path: string; record?: RecordRow }[] = [{ path: o.url }];
    if (o.url.includes(":object")) {
      // A TAXII object by its STIX id: one URL per record of each exported kind.
      urls = [...byMarker.values()].filter((r) => stixTypeOf[r.kind]).map((r) => ({ path: o.url.replace(":object", refOf(r.kind, r.id)), record: r }));
    }
    if (o.url.includes(":id") && !/\/workspaces\/:id/.test(o.url)) {
      const rule = idKinds.find(([re]) => re.test(o.url));
      if (!rule) throw new Error(`${o.url}: no rule for which records :id names`);
      const rows = rule[1] === "all" ? [...byMarker.values()] : rule[1].flatMap((k) => ofKind.get(k) ?? []);
      urls = rows.map((r) => ({ path: o.url.replace(":id", r.id), record: r }));
    }
    const shape = (o.params as { shape?: Record<string, { options?: string[] }> } | undefined)?.shape ?? {};
    urls = urls.flatMap((u) => {
      const p = u.path.replace(":workspace", f.ids.ws).replace(":collection", collectionIdOf(f.ids.ws)).replace(":status", "no-such-status").replace(/\/workspaces\/:id/, `/workspaces/${f.ids.ws}`).replace(":practice", "hague-1").replace(":participant", "none").replace(":phase", "pre").replace(":code", "ABCDEFGHJKMNP")
        .replace(":evidence", u.record ? evidenceOf.get(u.record.id) ?? "none" : "none");
      if (p.includes(":file")) return (shape.file?.options ?? []).map((file) => ({ ...u, path: p.replace(":file", file) }));
      return [{ ...u, path: p }];
    });
    const left = urls.find((u) => /\/:/.test(u.path));
    if (left) throw new Error(`${o.url}: no substitution for a parameter in ${left.path}`);
    const keys = Object.keys((o.query as { shape?: object } | undefined)?.shape ?? {});
    const query = keys.flatMap((k) => ({ q: ["q=Zq"], workspace: [`workspace=${f.ids.ws}`], user_id: [`user_id=${f.ids.dave}`], b: [`b=${base.assessment}`] } as Record<string, string[]>)[k] ?? []);
    return urls.flatMap((u) => {
      if (keys.includes("a")) return (ofKind.get("assessment") ?? []).map((r) => `${u.path}?${[...query, `a=${r.id}`].join("&")}`);
      // A route that answers in several formats (the evidence-gap map) is read in each.
      if (keys.includes("format")) return ["json", "csv", "pdf"].map((format) => `${u.path}?${[...query, `format=${format}`].join("&")}`);
      return [query.length ? `${u.path}?${query.join("&")}` : u.path];
    });
  }

  it("shows each record's marker only to viewers recordAccess lets read it, restricted ones only with a reason", async () => {
    const gets = f.routes.operations.filter((o) => o.method === "GET");
    const unlisted = gets.map((o) => `GET ${o.url}`).filter((k) => !NO_RECORD_CONTENT.has(k));
    const exercised = new Set<string>();
    const violations: string[] = [];
    const seenByReader = new Set<string>();
    const seenBy = new Set<string>();
    const reasonGaps = new Set<string>();
    let requests = 0;
    for (const who of VIEWERS) {
      const viewer = await f.services.records.viewerOf(users[who]);
      const may = new Map([...byMarker].map(([mk, row]) => [mk, recordAccess(viewer, factsOf(row)).level === "content"]));
      // A reason only ever unlocks AMBER+STRICT and RED content the viewer may read (the SQL rule with and
      // without one is compared by access-property.test.ts), so the with-reason pass runs for those viewers.
      const reasonMatters = [...byMarker].some(([mk, row]) => may.get(mk) && reasonRequired(row.marking));
      for (const withReason of reasonMatters ? [false, true] : [false]) {
        for (const o of gets.filter((x) => !NO_RECORD_CONTENT.has(`GET ${x.url}`))) {
          for (const url of urlsFor(o)) {
            const r = await c[who].request("GET", url, undefined, withReason ? { headers: { "x-access-reason": WHY } } : {});
            requests++;
            exercised.add(`GET ${o.url}`);
            if (r.status >= 500) violations.push(`${who} ${url}: ${r.status}`);
            if (r.status >= 300) continue;
            for (const [mk, k, m] of (await textOf(r)).matchAll(MARKERS)) {
              const row = byMarker.get(mk);
              if (!row) continue;
              const allowed = may.get(mk)! && (withReason || !reasonRequired(row.marking));
              const line = `${who}${withReason ? " (with reason)" : ""} ${o.url}: saw ${kinds[Number(k)]} ${markings[Number(m)]} (${url})`;
              if (allowed) { seenByReader.add(mk); seenBy.add(`${who} ${mk}`); }
              else if (may.get(mk) && KNOWN_REASON_GAPS.includes(row.kind)) reasonGaps.add(row.kind);
              else violations.push(line);
            }
          }
        }
      }
    }
    expect([...new Set(violations)]).toEqual([]);
    expect(unlisted.filter((k) => !exercised.has(k)), "GET routes neither exercised nor listed as carrying no record content").toEqual([]);
    expect([...byMarker.keys()].filter((mk) => !seenByReader.has(mk)), "markers no allowed reader ever saw (a vacuous matrix)").toEqual([]);
    expect([...reasonGaps], "known reason gaps (remove fixed ones from KNOWN_REASON_GAPS)").toEqual(KNOWN_REASON_GAPS);
    // Oversight reads what it was granted (AMBER, RED with a reason), and nothing else.
    for (const [mk, row] of byMarker) if (row.marking === "AMBER") expect(seenBy.has(`olga ${mk}`), `olga, granted ${row.kind} ${mk}`).toBe(true);
    expect(requests).toBeGreaterThan(1000);
  }, 600_000);
});
