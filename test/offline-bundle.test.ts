/**
 * The offline bundle per language (issue 12, decision 0026): each language's document holds every
 * public entry, in that language where translated and in English, marked as such, where not; a
 * wrong `lang` is refused naming the parameter; the ETag lets the service worker revalidate for
 * nothing; each language weighs at most 400 KB gzipped; and the browser's offline index finds in
 * it what the server's search finds.
 */
import { gzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../src/content/readContent.js";
import type { Translations } from "../src/content/translations.js";
import { migrate } from "../src/db/migrate.js";
import { buildApp } from "../src/server/app.js";
import { loadKnowledge } from "../src/server/knowledge/knowledge.repository.js";
import { expandBundle, OfflineIndex, type Bundle } from "../src/web/offlineIndex.js";
import { engines, type TestDatabase } from "./support/databases.js";

const content = loadContent();
const BUDGET = 400 * 1024;
const fr = content.translations.get("fr")!;
const ar = content.translations.get("ar")!;
/** Spanish with a single synthetic translation, so that the rest of the bundle is the English, marked so. */
const translations: Translations = new Map([
  ["fr", fr], ["ar", ar],
  ["es", new Map([["practices:hague-1", new Map([["title", "Título sintético de la práctica"], ["summary", "Resumen sintético sobre el blanqueo de capitales."]])]])],
]);

describe.each(engines.filter((e) => e.name === "pglite"))("offline bundle per language on $name", ({ create }) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  /** per language: the document as sent, and its entries as the browser reads them (expanded) */
  const bundles = new Map<string, { body: Bundle; sent: Bundle; text: string; etag: string }>();
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const r = await app.inject({ url, headers });
    return { status: r.statusCode, headers: r.headers, text: r.body };
  };
  const bundle = async (lang: string) => {
    if (!bundles.has(lang)) {
      const r = await get(`/api/v1/bundle?lang=${lang}`);
      expect(r.status, lang).toBe(200);
      expect(String(r.headers["content-type"])).toMatch(/^application\/json/);
      const sent = JSON.parse(r.text) as Bundle;
      bundles.set(lang, { body: expandBundle(sent), sent, text: r.text, etag: String(r.headers.etag) });
    }
    return bundles.get(lang)!;
  };
  const entry = (b: Bundle, kind: string, id: string) => b.entries.find((e) => e.kind === kind && e.id === id)!;

  beforeAll(async () => {
    t = await create();
    await migrate(t.db);
    await loadKnowledge(t.db, content.kb, content.version);
    app = await buildApp({ db: t.db, kb: content.kb, translations, webDir: "/nonexistent/" });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it("serves the French texts, each entry marked with the language it is in", async () => {
    const { body } = await bundle("fr");
    const en = (await bundle("en")).body;
    expect(body).toMatchObject({ version: content.version, lang: "fr" });
    expect(body.entries).toHaveLength(en.entries.length);
    expect(body.entries.map((e) => `${e.kind}:${e.id}`)).toEqual(en.entries.map((e) => `${e.kind}:${e.id}`));
    const practice = entry(body, "practice", "hague-1");
    expect(practice.title).toBe(fr.get("practices:hague-1")!.get("title"));
    expect(practice.title).not.toBe(entry(en, "practice", "hague-1").title);
    expect(practice.language).toBe("fr");
    // The single-entry read in French returns the same texts: pages need no offline-specific code.
    const read = JSON.parse((await get("/api/v1/practices/hague-1", { "accept-language": "fr" })).text);
    expect({ title: practice.title, summary: practice.summary, steps: practice.steps }).toEqual({ title: read.title, summary: read.summary, steps: read.steps });
    expect(en.entries.every((e) => e.language === "en")).toBe(true);
  });

  it("serves the Arabic texts", async () => {
    const { body } = await bundle("ar");
    expect(body.lang).toBe("ar");
    const practice = entry(body, "practice", "hague-1");
    expect(practice.title).toMatch(/\p{Script=Arabic}/u);
    expect(practice.language).toBe("ar");
  });

  it("marks English where a language is not translated yet, and serves English for a language without translations", async () => {
    const es = (await bundle("es")).body;
    const en = (await bundle("en")).body;
    expect(entry(es, "practice", "hague-1")).toMatchObject({ title: "Título sintético de la práctica", language: "es" });
    expect(entry(es, "practice", "hague-2")).toMatchObject({ title: entry(en, "practice", "hague-2").title, language: "en" });
    expect(es.entries.filter((e) => e.language === "es")).toHaveLength(1);
    const ru = (await bundle("ru")).body;
    expect(ru.lang).toBe("ru");
    expect(ru.entries.every((e) => e.language === "en")).toBe(true);
    expect(ru.entries.map((e) => e.title)).toEqual(en.entries.map((e) => e.title));
  });

  it("leaves out the nested summaries other entries carry, and the browser puts back exactly what the API reads return", async () => {
    const { body, sent, text } = await bundle("fr");
    expect(sent.references).toBe("compact");
    const actor = (b: Bundle) => entry(b, "actor", "police").practices as { id: string; summary: unknown }[];
    expect(actor(sent).every((p) => p.summary === 1)).toBe(true);
    expect(actor(body)[0].summary).toBe(entry(body, "practice", actor(body)[0].id).summary);
    expect(JSON.stringify(body).length).toBeGreaterThan(text.length * 1.1);
    const path: Record<string, string> = { practice: "practices", manifestation: "manifestations", context: "contexts", watchpoint: "watchpoints", indicator: "indicators", actor: "actors", instrument: "instruments", initiative: "initiatives", theme: "themes", "research-priority": "research-priorities" };
    for (const e of body.entries) {
      const read = JSON.parse((await get(`/api/v1/${path[e.kind]}/${encodeURIComponent(e.id)}`, { "accept-language": "fr" })).text);
      const { language: _a, ...offline } = e;
      const { language: _b, ...online } = read;
      expect(offline, `${e.kind}:${e.id}`).toEqual(online);
    }
  });

  it("takes the reader's language when no lang is given", async () => {
    const r = await get("/api/v1/bundle", { "accept-language": "fr-FR,fr;q=0.9" });
    expect(JSON.parse(r.text).lang).toBe("fr");
    expect(r.headers.etag).toBe((await bundle("fr")).etag);
  });

  it("refuses a language it does not serve, and unknown parameters, naming them", async () => {
    for (const [url, param] of [["/api/v1/bundle?lang=de", "lang"], ["/api/v1/bundle?lang=", "lang"], ["/api/v1/bundle?lang=fr&v=2", "v"]]) {
      const r = await get(url);
      expect(r.status, url).toBe(400);
      expect(String(r.headers["content-type"])).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(r.text).errors[0].param, url).toBe(param);
    }
  });

  it("answers 304 to the ETag it gave, per language, and the document again to any other", async () => {
    const { etag } = await bundle("fr");
    expect(etag).toContain(content.version);
    expect(etag).toContain("fr");
    expect(etag).not.toBe((await bundle("ar")).etag);
    for (const sent of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const r = await get("/api/v1/bundle?lang=fr", { "if-none-match": sent });
      expect(r.status, sent).toBe(304);
      expect(r.text).toBe("");
    }
    expect((await get("/api/v1/bundle?lang=ar", { "if-none-match": etag })).status).toBe(200);
    expect((await get("/api/v1/bundle?lang=fr", { "if-none-match": `"${content.version}-fr-stale"` })).status).toBe(200);
    expect((await get("/api/v1/bundle?lang=fr")).headers["cache-control"]).toBe("no-cache");
  });

  it("lists each language's size before it is downloaded, and each stays within 400 KB gzipped", async () => {
    const r = JSON.parse((await get("/api/v1/bundle/languages")).text) as { version: string; languages: { lang: string; gzipBytes: number; etag: string; entries: number; translated: number }[] };
    expect(r.version).toBe(content.version);
    expect(r.languages.map((l) => l.lang)).toEqual(["en", "fr", "ar", "es", "ru", "zh"]);
    const sizes: Record<string, number> = {};
    for (const l of r.languages) {
      const b = await bundle(l.lang);
      expect(l.etag, l.lang).toBe(b.etag);
      expect(l.gzipBytes, l.lang).toBe(gzipSync(b.text).length);
      expect(l.gzipBytes, `${l.lang} bundle gzipped`).toBeLessThanOrEqual(BUDGET);
      sizes[l.lang] = Math.round(l.gzipBytes / 1024);
    }
    expect(r.languages.find((l) => l.lang === "ru")).toMatchObject({ translated: 0 });
    expect(r.languages.find((l) => l.lang === "es")).toMatchObject({ translated: 1 });
    console.info("offline bundle, KB gzipped:", sizes);
  });

  it("lets the browser find offline what the server finds: French and Arabic words, and English entries", async () => {
    for (const [lang, q] of [["fr", "blanchiment"], ["ar", "الحدود"], ["fr", "hawala"]] as const) {
      const index = new OfflineIndex((await bundle(lang)).body);
      const offline = index.search(q, undefined, 10).hits.map((h) => h.id);
      const online = JSON.parse((await get(`/api/v1/search?q=${encodeURIComponent(q)}&limit=10`, { "accept-language": lang })).text).hits.map((h: { id: string }) => h.id);
      expect(online.length, `${lang} ${q} online`).toBeGreaterThan(0);
      expect(offline, `${lang} ${q} offline`).toContain(online[0]);
      expect(offline.filter((id: string) => online.includes(id)).length, `${lang} ${q}`).toBeGreaterThanOrEqual(Math.min(5, online.length) - 1);
    }
  });
});
