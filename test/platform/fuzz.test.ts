import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { can, type Role } from "../../src/core/platform/roles.js";
import { engines } from "../support/databases.js";
import { PASSWORD, platformFixture, type Client, type Fixture, type Response } from "../support/platform.js";

/**
 * A fuzz run over every route that takes a body, and over the CSV importer (issue 10): hostile
 * bodies (deep nesting, NUL, huge strings, wrong types, __proto__ keys, arrays for objects,
 * broken and oversized JSON) sent by a signed-in member who holds every role (oversight routes
 * by the oversight user). Never a 500; the bodies that cannot be valid always get a 4xx as
 * problem+json; and whenever the answer is a 4xx, no row was added or removed.
 * Routes and their body schemas come from the route registry, so a new route is fuzzed too.
 * PGlite only: the point is the application's answers, not the engine.
 */
const pglite = engines.filter((e) => e.name === "pglite");

/**
 * Tables whose row counts must not move on a refused request: records and the audit (every
 * write the platform makes appends to the audit in the same transaction), and the tables of
 * capability data that are not records.
 */
const TABLES = ["record", "audit_log", "watch_observation", "plan_rating", "plan_action", "plan_evidence", "exercise_report", "workspace_member", "api_token", "removal_request"];

/** A plausible value for a JSON schema (from zod's toJSONSchema): required properties only, the first option of a union. */
function example(s: any): unknown {
  if (!s || typeof s !== "object") return {};
  if ("default" in s) return s.default;
  if ("const" in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  const options = s.oneOf ?? s.anyOf;
  if (Array.isArray(options)) return example(options[0]);
  switch (s.type) {
    case "object": return Object.fromEntries(Object.entries(s.properties ?? {}).filter(([k]) => (s.required ?? []).includes(k)).map(([k, v]) => [k, example(v)]));
    case "array": return Array.from({ length: s.minItems ?? 0 }, () => example(s.items));
    case "integer": case "number": return s.minimum ?? (typeof s.exclusiveMinimum === "number" ? s.exclusiveMinimum + 1 : 1);
    case "boolean": return false;
    case "null": return null;
    case "string": {
      const byFormat: Record<string, string> = { date: "2026-01-15", "date-time": "2026-01-15T10:00:00Z", email: "probe@example.org", uri: "https://example.org/probe", uuid: "00000000-0000-4000-8000-000000000000" };
      return byFormat[s.format] ?? "probe text value".padEnd(s.minLength ?? 0, "x");
    }
  }
  return {};
}

const nested = (depth: number, leaf: unknown = 1): unknown => { let v = leaf; for (let i = 0; i < depth; i++) v = [v]; return v; };

/** Values put in one field of an otherwise plausible body: most are wrong, some may be accepted; none may give a 500. */
const FIELD_VALUES: unknown[] = [
  null, true, -1, 1e308, 2 ** 53 + 2, "", "x".repeat(100_000), "\ud800", "' OR 1=1; --", "<script>alert(1)</script>", "-1+1+cmd|' /C calc'!A0",
  "0x3", "2026-02-30", [], [null], ["x"], {}, { a: { b: {} } }, nested(60), { toString: "x", valueOf: 1 },
];

/** Whole bodies that no route accepts: each must get a 4xx. `raw` is sent as is, with a JSON content type. */
function hostileBodies(baseline: Record<string, unknown>): { name: string; raw: string }[] {
  const first = Object.keys(baseline)[0] ?? "field";
  return [
    { name: "arrays nested 5,000 deep", raw: `${"[".repeat(5000)}${"]".repeat(5000)}` },
    { name: "objects nested 5,000 deep", raw: `${'{"a":'.repeat(5000)}1${"}".repeat(5000)}` },
    { name: "a field nested 5,000 deep", raw: JSON.stringify({ ...baseline, [first]: "@" }).replace('"@"', `${"[".repeat(5000)}${"]".repeat(5000)}`) },
    { name: "NUL in a field", raw: JSON.stringify({ ...baseline, [first]: "a\u0000b" }) },
    { name: "NUL in a key", raw: JSON.stringify({ ...baseline, ["k\u0000"]: 1 }) },
    { name: "NUL deep inside", raw: JSON.stringify({ ...baseline, [first]: { x: [{ y: "\u0000" }] } }) },
    { name: "an array instead of an object", raw: JSON.stringify([baseline]) },
    { name: "a string instead of an object", raw: JSON.stringify("body") },
    { name: "a number instead of an object", raw: "42" },
    { name: "__proto__ key", raw: JSON.stringify(baseline).replace(/^\{/, '{"__proto__":{"admin":true},').replace(",}", "}") },
    { name: "constructor.prototype key", raw: JSON.stringify(baseline).replace(/^\{/, '{"constructor":{"prototype":{"admin":true}},').replace(",}", "}") },
    { name: "broken JSON", raw: `${JSON.stringify(baseline).slice(0, -1)},"x":` },
    { name: "a 4 MB string", raw: JSON.stringify({ ...baseline, [first]: "A".repeat(4 * 1024 * 1024) }) },
  ];
}

/** CSV texts the observations importer must refuse (400, 413 or 422), with nothing written. */
function hostileCsv(subject: string, source: string): { name: string; text: string }[] {
  const header = "subject,indicator,state,trend,observed_at,reported_at,sources,credibility,note";
  const row = (note: string, credibility = "2") => `${subject},env-economic.poverty,present,,2026-02-01,,${source},${credibility},${note}`;
  return [
    { name: "unterminated quote", text: [header, row('"open'), row("next")].join("\n") },
    { name: "stray quote", text: [header, row('a"b')].join("\n") },
    { name: "text after a closing quote", text: [header, row('"a"b')].join("\n") },
    { name: "NUL in a cell", text: [header, row("a\u0000b")].join("\n") },
    { name: "NUL in the header", text: [`${header}\u0000`, row("x")].join("\n") },
    { name: "more cells than the header", text: [header, `${row("x")},extra,more`].join("\n") },
    { name: "duplicate header", text: [`${header},note`, `${row("x")},y`].join("\n") },
    { name: "empty header name", text: [`${header},`, `${row("x")},`].join("\n") },
    { name: "unknown column", text: [`${header},__proto__`, `${row("x")},1`].join("\n") },
    { name: "header only", text: header },
    { name: "a byte-order mark only", text: "\uFEFF" },
    { name: "line ends only", text: "\r\n\r\n\n\r" },
    { name: "binary noise", text: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString("latin1") },
    { name: "hex, exponent and empty credibility", text: [header, row("a", "0x3"), row("b", "3e0"), row("c", "")].join("\n") },
    { name: "a 6,000 character note", text: [header, row("n".repeat(6000))].join("\n") },
    { name: "10,000 columns", text: [header, row(",".repeat(10_000))].join("\n") },
    { name: "a 33 MB upload", text: `${header}\n${row("z".repeat(33 * 1024 * 1024))}` },
  ];
}

describe.each(pglite)("fuzzing every body on $name", ({ create }) => {
  let f: Fixture;
  let fuzz: Client;
  let olga: Client;
  const roles: Role[] = ["viewer", "analyst", "coordinator", "trainer", "admin"];
  const ids: Record<string, string> = {};
  const seen: { route: string; case: string; status: number }[] = [];

  const counts = async () => {
    const sql = `select ${TABLES.map((t) => `(select count(*) from ${t})::int as ${t}`).join(", ")}`;
    return (await f.t.db.query<Record<string, number>>(sql)).rows[0];
  };
  const clientFor = (access: string) => (access === "public" || access === "authenticated" || can(roles, access as never) ? fuzz : olga);

  beforeAll(async () => {
    f = await platformFixture(create);
    const system = { userId: null, organisationId: null, ip: "test" };
    const u = await f.services.admin.createUser(null, { email: "fuzz@example.org", name: "Fuzz", organisation: "police", roles, password: PASSWORD }, system);
    ids.fuzz = (u as { id: string }).id;
    const alice = await f.as("alice");
    expect((await alice.post(`/api/v1/workspaces/${f.ids.ws}/members`, { user_id: ids.fuzz })).status).toBeLessThan(300);
    fuzz = await f.as("fuzz");
    olga = await f.as("olga");
    const W = `/api/v1/watch/workspaces/${f.ids.ws}`;
    const made = async (r: Promise<Response>) => { const res = await r; expect(res.status, res.text).toBeLessThan(300); return res.body.id as string; };
    ids.record = await made(fuzz.post(`/api/v1/workspaces/${f.ids.ws}/records`, { kind: "note", title: "fuzz note", body: { text: "x" }, marking: "AMBER" }));
    ids.removal = await made(fuzz.post(`/api/v1/records/${ids.record}/removal-requests`, { reason: "a duplicate of another note" }));
    ids.token = await made(fuzz.post("/api/v1/tokens", { name: "mine", scopes: ["records.read"] }));
    ids.source = await made(fuzz.post(`${W}/sources`, { name: "fuzz source", marking: "AMBER", body: { type: "media", reliability: "B" } }));
    ids.subject = await made(fuzz.post(`${W}/areas`, { name: "fuzz area", marking: "AMBER", body: { country: "NE" } }));
    await made(fuzz.post(`/api/v1/watch/subjects/${ids.subject}/observations`, { indicator: "org-leadership.factions-forming", state: "present", observed_at: "2026-01-02", sources: [ids.source], credibility: 2 }));
    ids.assessment = await made(fuzz.post(`/api/v1/watch/subjects/${ids.subject}/assessments`, {}));
    ids.sa = await made(fuzz.post(`/api/v1/plans/workspaces/${f.ids.ws}/self-assessments`, { name: "fuzz review", country: "KE", marking: "AMBER" }));
    ids.action = await made(fuzz.post(`/api/v1/plans/self-assessments/${ids.sa}/actions`, { practice: "hague-1", title: "fuzz action" }));
    ids.scenario = (await fuzz.get("/api/v1/exercises/scenarios")).body.items[0].id;
    ids.session = await made(fuzz.post(`/api/v1/exercises/workspaces/${f.ids.ws}/sessions`, { scenario: ids.scenario, name: "fuzz exercise" }));
  });
  afterAll(async () => { await f?.close(); });

  /** A route's URL with real ids, so requests get past "not found" to the body; users/:id is dave, never the fuzzer. */
  const urlFor = (url: string) => url
    .replace(":workspace", f.ids.ws)
    .replace(/\/subjects\/:id/, `/subjects/${ids.subject}`)
    .replace(/\/self-assessments\/:id/, `/self-assessments/${ids.sa}`)
    .replace(":practice", "hague-1")
    .replace(":action", ids.action)
    .replace(/\/sessions\/:id/, `/sessions/${ids.session}`)
    .replace(/\/assessments\/:id/, `/assessments/${ids.assessment}`)
    .replace(/\/users\/:id/, `/users/${f.ids.dave}`)
    .replace(/\/tokens\/:id/, `/tokens/${ids.token}`)
    .replace(/\/workspaces\/:id/, `/workspaces/${f.ids.ws}`)
    .replace(/\/records\/:id/, `/records/${ids.record}`)
    .replace(/\/removal-requests\/:id/, `/removal-requests/${ids.removal}`)
    .replace(":kind", "note")
    .replace(/:[a-zA-Z]+/g, "probe");

  /** Sends, then checks: no 5xx; a 4xx is problem+json and changed no row count. */
  /** Row counts as of the last request (each answer's counts are the next request's "before"). */
  let known: Record<string, number> | null = null;
  async function probe(route: string, client: Client, method: string, url: string, payload: string, contentType: string, mustRefuse: boolean, name: string) {
    const before = known ?? await counts();
    const r = await client.request(method, url, payload, { headers: { "content-type": contentType } });
    seen.push({ route, case: name, status: r.status });
    const what = `${route} with ${name}: ${r.status} ${r.text.slice(0, 300)}`;
    expect(r.status, what).toBeLessThan(500);
    if (mustRefuse) expect(r.status, what).toBeGreaterThanOrEqual(400);
    if (r.status >= 400) {
      if (r.status === 422 && route.endsWith("observations/import")) {
        // The import's own report of rejected rows (all or nothing).
        expect(r.body, what).toMatchObject({ imported: 0, rejected: expect.any(Number), errors: expect.any(Array) });
      } else if (r.status === 422 && route.endsWith("/stix/workspaces/:workspace/import")) {
        // The STIX import's report: every refused object and property, nothing imported.
        expect(r.body, what).toMatchObject({ import_id: null, errors: expect.any(Array) });
        expect(r.body.errors[0].param, what).toEqual(expect.any(String));
      } else if (route.includes(" /taxii2/")) {
        // TAXII clients get TAXII error messages, refused parameters in `details`.
        expect(r.headers["content-type"], what).toBe("application/taxii+json;version=2.1");
        expect(r.body, what).toMatchObject({ http_status: String(r.status), title: expect.any(String), description: expect.any(String) });
      } else {
        expect(r.headers["content-type"], what).toMatch(/^application\/problem\+json/);
        expect(r.body, what).toMatchObject({ status: r.status, title: expect.any(String), detail: expect.any(String) });
        if (r.status === 400) expect(r.body.errors?.[0]?.param ?? r.body.detail, what).toEqual(expect.any(String));
      }
    }
    const after = await counts();
    known = after;
    if (r.status >= 400) {
      // A failed sign-in is itself audited, by design; nothing else is written.
      const audited = route === "POST /api/v1/auth/login" && (r.status === 401 || r.status === 429);
      expect({ ...after, audit_log: audited ? before.audit_log : after.audit_log }, what).toEqual(before);
    }
    return r;
  }

  it("never answers a hostile JSON body with a 500, and refuses without writing", { timeout: 120_000 }, async () => {
    const started = Date.now();
    const ops = f.routes.operations.filter((o) => o.body && !o.url.endsWith("/logout") && !o.url.endsWith("/observations/import"));
    expect(ops.length).toBeGreaterThan(30);
    for (const o of ops) {
      const route = `${o.method} ${o.url}`;
      const schema = z.toJSONSchema(o.body!, { io: "input", unrepresentable: "any" }) as { properties?: Record<string, unknown> };
      const base = example(schema);
      const baseline = base && typeof base === "object" && !Array.isArray(base) ? (base as Record<string, unknown>) : {};
      const client = clientFor(o.access);
      const url = urlFor(o.url);
      for (const h of hostileBodies(baseline)) await probe(route, client, o.method, url, h.raw, "application/json", true, h.name);
      const fields = Object.keys(schema.properties ?? {});
      for (const field of fields.length ? fields : ["field"]) {
        for (const value of FIELD_VALUES) {
          await probe(route, client, o.method, url, JSON.stringify({ ...baseline, [field]: value }), "application/json", false, `${field} = ${JSON.stringify(value)?.slice(0, 40)}`);
        }
      }
    }
    console.log(`fuzzed ${ops.length} routes with ${seen.length} bodies in ${Date.now() - started} ms; ${seen.filter((x) => x.status < 300).length} accepted, the rest refused`);
    // The fuzzer was not signed out or stripped of rights along the way. A training participant's
    // routes answer a well-formed body without a participant key with 401: the fuzzer holds none.
    expect(seen.filter((s) => s.status === 401 && !s.route.includes("/auth/") && !s.route.includes("/setup") && !s.route.includes(" /api/v1/training/me"))).toEqual([]);
  });

  it("never answers a hostile CSV import with a 500, and refuses it whole", async () => {
    const url = `/api/v1/watch/workspaces/${f.ids.ws}/observations/import`;
    for (const c of hostileCsv(ids.subject, ids.source)) {
      const r = await probe("POST observations/import", fuzz, "POST", url, c.text, "text/csv", true, c.name);
      expect([400, 413, 422], `${c.name}: ${r.text.slice(0, 200)}`).toContain(r.status);
    }
    for (const h of hostileBodies({ csv: "x" })) await probe("POST observations/import", fuzz, "POST", url, h.raw, "application/json", true, h.name);
  });

  it("refuses a NUL character in the path or query of every route, public ones included", async () => {
    for (const o of f.routes.operations) {
      const route = `${o.method} ${o.url}`;
      const client = clientFor(o.access);
      const url = urlFor(o.url);
      for (const [name, target, param] of [["query", `${url}?probe=a%00b`, "probe"], ["path", `${url.replace(/\/[^/]*$/, "")}/a%00b`, "path"]] as const) {
        const r = await client.request(o.method, target, o.body ? "{}" : undefined, o.body ? { headers: { "content-type": "application/json" } } : {});
        seen.push({ route, case: `NUL in ${name}`, status: r.status });
        expect(r.status, `${route} NUL in ${name}: ${r.text.slice(0, 200)}`).toBe(400);
        // A TAXII error message names the refused parameter in `details`.
        expect(o.url.startsWith("/taxii2/") ? Object.keys(r.body.details ?? {})[0] : r.body.errors[0].param).toBe(param);
      }
    }
  });
});
