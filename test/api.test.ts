import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../src/content/readContent.js";
import { migrate } from "../src/db/migrate.js";
import { buildApp } from "../src/server/app.js";
import { loadKnowledge } from "../src/server/knowledge/knowledge.repository.js";
import { engines, type TestDatabase } from "./support/databases.js";

const content = loadContent();
const collections = ["practices", "manifestations", "contexts", "watchpoints", "indicators", "actors", "instruments", "initiatives", "themes", "research-priorities"];

describe.each(engines)("read API on $name", ({ create }) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const get = async (url: string) => {
    const r = await app.inject({ url });
    return { status: r.statusCode, type: String(r.headers["content-type"]), body: r.json() as Record<string, any> };
  };
  const expectProblem = async (url: string, status: number, param?: string) => {
    const r = await get(url);
    expect(r.status, url).toBe(status);
    expect(r.type).toMatch(/^application\/problem\+json/);
    expect(r.body).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
    if (param) expect(r.body.errors?.[0]?.param, url).toBe(param);
    return r.body;
  };

  beforeAll(async () => {
    t = await create();
    await migrate(t.db);
    await loadKnowledge(t.db, content.kb, content.version);
    app = await buildApp({ db: t.db, kb: content.kb, webDir: "/nonexistent/" });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it("reports health with the database and content version", async () => {
    expect(await get("/healthz")).toMatchObject({ status: 200, body: { status: "ok", content: content.version } });
  });

  it("documents every route in the OpenAPI document", async () => {
    const { body } = await get("/api/v1/openapi.json");
    expect(body.openapi).toBe("3.1.0");
    for (const c of collections) {
      expect(body.paths, c).toHaveProperty([`/api/v1/${c}`, "get"]);
      expect(body.paths, c).toHaveProperty([`/api/v1/${c}/{id}`, "get"]);
    }
    expect(body.paths["/api/v1/search"].get.parameters.map((p: { name: string }) => p.name)).toEqual(["q", "kind", "limit", "snippet"]);
    expect(body.paths["/api/v1/practices"].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["framework", "area", "actor", "instrument", "manifestation", "indicator", "q", "limit", "offset"]),
    );
    expect(body.paths).toHaveProperty(["/healthz", "get"]);
  });

  it.each(collections)("lists and reads %s, and answers 404 for an unknown id", async (c) => {
    const list = await get(`/api/v1/${c}?limit=200`);
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThan(0);
    expect(list.body.items.length).toBe(Math.min(200, list.body.total));
    const first = list.body.items[0];
    const one = await get(`/api/v1/${c}/${first.id}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: first.id, title: first.title, kind: first.kind });
    const missing = await expectProblem(`/api/v1/${c}/no-such-entry`, 404);
    expect(missing.detail).toContain("no-such-entry");
  });

  it("filters practices by framework and area", async () => {
    const addendum = await get("/api/v1/practices?framework=addendum&limit=100");
    expect(addendum.body.total).toBe(25);
    expect(new Set(addendum.body.items.map((p: { framework: string }) => p.framework))).toEqual(new Set(["addendum"]));
    const pillar = await get("/api/v1/practices?framework=addendum&area=addendum-v");
    expect(pillar.body.items.map((p: { id: string }) => p.id)).toEqual(["addendum-21", "addendum-22", "addendum-23", "addendum-24", "addendum-25"]);
  });

  it("filters practices by actor, including the actors below it in the taxonomy", async () => {
    const prosecutors = await get("/api/v1/practices?actor=prosecutors&limit=100");
    expect(prosecutors.body.total).toBeGreaterThan(0);
    for (const p of prosecutors.body.items) expect(p.actors.map((a: { id: string }) => a.id)).toContain("prosecutors");
    const justice = await get("/api/v1/practices?actor=justice&limit=100");
    const justiceIds = justice.body.items.map((p: { id: string }) => p.id);
    for (const p of prosecutors.body.items) expect(justiceIds).toContain(p.id);
    expect(justice.body.total).toBeGreaterThan(prosecutors.body.total);
  });

  it("filters practices by instrument, manifestation, indicator and words", async () => {
    const untoc = await get("/api/v1/practices?instrument=untoc&limit=100");
    expect(untoc.body.total).toBeGreaterThan(0);
    const detail = await get(`/api/v1/practices/${untoc.body.items[0].id}`);
    expect(detail.body.instruments.map((i: { id: string }) => i.id)).toContain("untoc");
    const blackHole = await get("/api/v1/practices?manifestation=black-hole&limit=100");
    expect(blackHole.body.total).toBeGreaterThan(0);
    const indicator = await get("/api/v1/practices?indicator=org-recruitment.recruitment-venue-shift&limit=100");
    expect(indicator.body.items.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(["hague-24", "addendum-23"]));
    const words = await get("/api/v1/practices?q=prison&framework=addendum");
    expect(words.body.items.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(["addendum-23", "addendum-24", "addendum-25"]));
    const combined = await get("/api/v1/practices?actor=prison-administration&framework=hague");
    expect(combined.body.items.every((p: { framework: string }) => p.framework === "hague")).toBe(true);
  });

  it("pages through results and reports the total past the last page", async () => {
    const page = await get("/api/v1/practices?limit=10&offset=50");
    expect(page.body).toMatchObject({ total: 55, limit: 10, offset: 50 });
    expect(page.body.items.map((p: { id: string }) => p.id)).toEqual(["icct-1", "icct-2", "icct-3", "icct-4", "icct-5"]);
    const beyond = await get("/api/v1/practices?offset=500");
    expect(beyond.body).toMatchObject({ total: 55, items: [] });
  });

  it.each([
    ["/api/v1/practices?framework=unicri", "framework"],
    ["/api/v1/practices?framework=hague&area=hague-z", "area"],
    ["/api/v1/practices?actor=astronauts", "actor"],
    ["/api/v1/practices?instrument=treaty-of-nowhere", "instrument"],
    ["/api/v1/practices?manifestation=friendship", "manifestation"],
    ["/api/v1/practices?indicator=env-weather.rain", "indicator"],
    ["/api/v1/practices?limit=0", "limit"],
    ["/api/v1/practices?limit=abc", "limit"],
    ["/api/v1/practices?limit=1000", "limit"],
    ["/api/v1/practices?offset=-1", "offset"],
    ["/api/v1/practices?q=", "q"],
    ["/api/v1/practices?colour=red", "colour"],
    ["/api/v1/practices/Hague%201", "id"],
    ["/api/v1/instruments?kind=poem", "kind"],
    ["/api/v1/initiatives?scope=galactic", "scope"],
    ["/api/v1/search", "q"],
    ["/api/v1/search?q=hawala&kind=rumour", "kind"],
    ["/api/v1/search?q=" + "x".repeat(201), "q"],
  ])("rejects %s with 400 naming %s", async (url, param) => {
    await expectProblem(url, 400, param);
  });

  it("answers unknown API paths and methods with problem+json 404", async () => {
    await expectProblem("/api/v1/nothing-here", 404);
    const r = await app.inject({ method: "POST", url: "/api/v1/practices", payload: {} });
    expect(r.statusCode).toBe(404);
    expect(r.headers["content-type"]).toMatch(/^application\/problem\+json/);
  });

  const hitIds = async (q: string, limit = 20) => (await get(`/api/v1/search?q=${encodeURIComponent(q)}&limit=${limit}`)).body.hits.map((h: { kind: string; id: string }) => `${h.kind}:${h.id}`);

  it("finds hawala in Addendum GP 1 and the ICCT theme that mentions it", async () => {
    expect(await hitIds("hawala")).toEqual(expect.arrayContaining(["practice:addendum-1", expect.stringMatching(/^theme:icct-theme-/)]));
  });
  it("finds informal value transfer in Addendum GP 13", async () => {
    expect(await hitIds("informal value transfer")).toContain("practice:addendum-13");
  });
  it("finds fusion centres in Hague GP 8 and 9", async () => {
    expect(await hitIds("fusion centre")).toEqual(expect.arrayContaining(["practice:hague-8", "practice:hague-9"]));
  });
  it("finds prisons in Hague GP 24 and Addendum GP 23 to 25", async () => {
    expect(await hitIds("prison", 10)).toEqual(expect.arrayContaining(["practice:hague-24", "practice:addendum-23", "practice:addendum-24", "practice:addendum-25"]));
  });
  it("stems English: 'prisons' and 'imprisonment' match like 'prison'", async () => {
    expect(await hitIds("prisons", 10)).toContain("practice:hague-24");
  });
  it("answers a query in Arabic script without failing", async () => {
    const r = await get(`/api/v1/search?q=${encodeURIComponent("حوالة غير رسمية")}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ total: expect.any(Number), hits: expect.any(Array) });
  });
  it("returns ranked hits with kind, id, title and a safely highlighted snippet", async () => {
    const r = await get("/api/v1/search?q=hawala");
    for (const h of r.body.hits) {
      expect(h).toMatchObject({ kind: expect.any(String), id: expect.any(String), title: expect.any(String), rank: expect.any(Number) });
      expect(h.snippet).toMatch(/<mark>hawala<\/mark>/i);
      expect(h.snippet.replace(/<\/?mark>/g, "")).not.toMatch(/[<>]/);
    }
    const ranks = r.body.hits.map((h: { rank: number }) => h.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });
  it("gives the search box short snippets, marked the same way, and refuses an unknown length", async () => {
    const words = (snippet: string) => snippet.replace(/<\/?mark>/g, "").replace(/…/g, "").split(/\s+/).filter(Boolean).length;
    const full = await get("/api/v1/search?q=border&limit=8");
    const short = await get("/api/v1/search?q=border&limit=8&snippet=short");
    expect(short.body.hits.map((h: { id: string }) => h.id)).toEqual(full.body.hits.map((h: { id: string }) => h.id));
    expect(Math.max(...short.body.hits.map((h: { snippet: string }) => words(h.snippet)))).toBeLessThanOrEqual(14);
    expect(Math.max(...full.body.hits.map((h: { snippet: string }) => words(h.snippet)))).toBeGreaterThan(14);
    // Where the text names the word (not only the title), the short snippet shows it marked too.
    short.body.hits.forEach((h: { snippet: string }, i: number) => {
      if (/<mark>/.test(full.body.hits[i].snippet)) expect(h.snippet).toMatch(/<mark>[^<]*border/i);
    });
    expect(short.body.hits.filter((h: { snippet: string }) => /<mark>/.test(h.snippet)).length).toBeGreaterThan(4);
    const bad = await get("/api/v1/search?q=border&snippet=tiny");
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ param: "snippet", code: "validation.msg.oneOf" })]);
  });
  it("restricts search to the kinds asked for", async () => {
    const r = await get("/api/v1/search?q=prison&kind=instrument,initiative");
    expect(r.body.hits.length).toBeGreaterThan(0);
    expect(new Set(r.body.hits.map((h: { kind: string }) => h.kind))).toEqual(new Set(["instrument", "initiative"]));
  });

  it("serves the whole repository as one offline bundle", async () => {
    const r = await get("/api/v1/bundle");
    expect(r.body.version).toBe(content.version);
    expect(r.body.entries.filter((e: { kind: string }) => e.kind === "practice")).toHaveLength(55);
  });

  it("loads content idempotently: a restart or a new version never duplicates entries", async () => {
    const count = async () => Number((await t.db.query<{ n: string }>("select count(*) as n from knowledge_entry")).rows[0].n);
    const before = await count();
    expect(await loadKnowledge(t.db, content.kb, content.version)).toBe("unchanged");
    expect(await loadKnowledge(t.db, content.kb, "another-version")).toBe("loaded");
    expect(await count()).toBe(before);
    const smaller = { ...content.kb, initiatives: content.kb.initiatives.slice(1), practices: content.kb.practices.map((p) => ({ ...p, examples: p.examples.filter((e) => e !== content.kb.initiatives[0].id) })) };
    expect(await loadKnowledge(t.db, smaller, "smaller")).toBe("loaded");
    expect(await count()).toBe(before - 1);
    expect((await get("/api/v1/content-version")).body.version).toBe("smaller");
    await loadKnowledge(t.db, content.kb, content.version);
    expect(await count()).toBe(before);
  });

  it("applies migrations once", async () => {
    expect(await migrate(t.db)).toEqual([]);
  });
});
