/**
 * Search in each language (issue 12, decision 0003): GET /api/v1/search answers from the
 * in-process index of the reader's language (Accept-Language), English where an entry is not
 * translated and as the fallback when the language finds nothing. French uses the real
 * translations in content/i18n/fr; Arabic, Spanish, Russian and Chinese translate one practice
 * in a temporary folder.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { loadContent } from "../../src/content/readContent.js";
import { hashText, loadTranslations, localize, translatableFields, type Translations } from "../../src/content/translations.js";
import { buildEntries } from "../../src/core/knowledge/entries.js";
import { collections, type CollectionName } from "../../src/core/knowledge/schema.js";
import { normalizeText } from "../../src/core/knowledge/textAnalysis.js";
import { migrate } from "../../src/db/migrate.js";
import { buildApp } from "../../src/server/app.js";
import { loadKnowledge } from "../../src/server/knowledge/knowledge.repository.js";
import { KnowledgeService } from "../../src/server/knowledge/knowledge.service.js";
import { engines, type TestDatabase } from "../support/databases.js";

const content = loadContent();
const { kb } = content;
const practice = kb.practices.find((p) => p.id === "hague-1")!;

// One practice in four more languages, in a temporary content/i18n folder.
const dir = mkdtempSync(join(tmpdir(), "nexus-search-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const texts: Record<string, { title: string; summary: string }> = {
  ar: { title: "مواءمة القوانين الوطنية مع الاتفاقيات الدولية", summary: "تعزز الدول التعاون على الحدود وتجرّم الإرهاب والجريمة المنظمة في قوانينها." },
  es: { title: "Armonizar las leyes nacionales con los convenios internacionales", summary: "Los Estados refuerzan el control de las fronteras y castigan el blanqueo de capitales." },
  ru: { title: "Согласование национальных законов с международными конвенциями", summary: "Государства усиливают охрану границы и наказывают за отмывание денег." },
  zh: { title: "使国内法律与国际公约接轨", summary: "各国加强边境管理，并将洗钱和恐怖主义定为刑事犯罪。" },
};
const path = kb.origin.get(`practices:${practice.id}`) ?? kb.origin.get(practice.id)!;
for (const [lang, t] of Object.entries(texts)) {
  mkdirSync(join(dir, "i18n", lang, path, ".."), { recursive: true });
  writeFileSync(join(dir, "i18n", lang, path), stringify({ language: lang, entries: [{ id: practice.id, status: "draft", fields: {
    title: { text: t.title, source: hashText(practice.title) },
    summary: { text: t.summary, source: hashText(practice.summary) },
  } }] }));
}
const extra = loadTranslations(dir, kb);
const real = loadTranslations(join(import.meta.dirname, "../../content"), kb);
const translations: Translations = new Map([...real.translations].filter(([lang]) => lang === "fr"));
for (const lang of ["ar", "es", "ru", "zh"] as const) translations.set(lang, extra.translations.get(lang)!);

/** The entries in a language, with their text folded, to know what a search must find. */
function foldedTexts(lang: "en" | "fr") {
  const entries = buildEntries(lang === "en" ? kb : localize(kb, lang, translations)).entries;
  return entries.map((e) => ({ key: `${e.kind}:${e.id}`, kind: e.kind, text: normalizeText(`${e.title}\n${e.summary}\n${e.search_text}`) }));
}
const withWord = (entries: ReturnType<typeof foldedTexts>, word: RegExp) => entries.filter((e) => word.test(e.text)).map((e) => e.key);

describe("search in each language", () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const search = async (q: string, lang?: string, extraQuery = "") => {
    const r = await app.inject({ url: `/api/v1/search?q=${encodeURIComponent(q)}&limit=200${extraQuery}`, headers: lang ? { "accept-language": lang } : {} });
    expect(r.statusCode, q).toBe(200);
    return r.json() as { q: string; total: number; hits: { kind: string; id: string; title: string; snippet: string; rank: number; language: string }[] };
  };
  const keys = (r: Awaited<ReturnType<typeof search>>) => r.hits.map((h) => `${h.kind}:${h.id}`);

  beforeAll(async () => {
    expect(extra.problems).toEqual([]);
    t = await engines[0].create();
    await migrate(t.db);
    await loadKnowledge(t.db, kb, content.version);
    app = await buildApp({ db: t.db, kb, translations, webDir: "/nonexistent/" });
  });
  afterAll(async () => {
    await app?.close();
    await t?.drop();
  });

  it("English: 'money laundering' finds the practices that speak of it, and 'laundered' finds 'laundering'", async () => {
    const en = foldedTexts("en");
    const expected = withWord(en, /money[^\p{L}]+launder/u);
    expect(expected.filter((k) => k.startsWith("practice:")).length).toBeGreaterThan(0);
    const r = await search("money laundering");
    expect(r).toMatchObject({ q: "money laundering", total: r.hits.length });
    expect(keys(r)).toEqual(expect.arrayContaining(expected));
    expect(r.hits.every((h) => h.language === "en")).toBe(true);
    // Stemming: practices whose text says "laundering" but never "laundered".
    const onlyLaundering = en.filter((e) => e.kind === "practice" && /laundering/.test(e.text) && !/laundered/.test(e.text)).map((e) => e.key);
    expect(onlyLaundering.length).toBeGreaterThan(0);
    expect(keys(await search("laundered"))).toEqual(expect.arrayContaining(onlyLaundering));
  });

  it("English: entries with the words in their title come first", async () => {
    const r = await search("border security");
    const inTitle = r.hits.map((h) => /border/i.test(h.title) && /secur/i.test(h.title));
    expect(inTitle[0]).toBe(true);
    expect(inTitle.indexOf(false)).toBeGreaterThan(0);
    expect(inTitle.slice(inTitle.indexOf(false))).not.toContain(true);
  });

  it("French: 'blanchiment' finds the entries whose French text has it", async () => {
    const expected = withWord(foldedTexts("fr"), /(^|[^\p{L}])blanchiments?($|[^\p{L}])/u);
    expect(expected.length).toBeGreaterThan(0);
    const r = await search("blanchiment", "fr-FR,fr;q=0.9");
    expect(keys(r)).toEqual(expect.arrayContaining(expected));
    expect(r.hits.filter((h) => expected.includes(`${h.kind}:${h.id}`)).every((h) => h.language === "fr")).toBe(true);
    expect(r.hits.some((h) => /<mark>blanchiment<\/mark>/i.test(h.snippet))).toBe(true);
    expect(keys(await search("blanchiment"))).not.toEqual(expect.arrayContaining(expected)); // English readers search English
  });

  it("French: 'frontière' and 'frontiere' find the same entries, those whose French text has frontière(s)", async () => {
    const fr = foldedTexts("fr");
    const expected = withWord(fr, /(^|[^\p{L}])frontieres?($|[^\p{L}])/u);
    expect(expected.length).toBeGreaterThan(0);
    const accented = await search("frontière", "fr");
    const plain = await search("frontiere", "fr");
    expect(keys(accented)).toEqual(expect.arrayContaining(expected));
    expect(keys(plain)).toEqual(keys(accented));
    const texts = new Map(fr.map((e) => [e.key, e.text]));
    for (const k of keys(accented)) expect(texts.get(k), k).toMatch(/frontier/);
  });

  it("French: a list filtered by a French word lists the practices whose French text has it", async () => {
    const practices = withWord(foldedTexts("fr"), /(^|[^\p{L}])blanchiments?($|[^\p{L}])/u).filter((k) => k.startsWith("practice:"));
    const r = await app.inject({ url: "/api/v1/practices?q=blanchiment&limit=200", headers: { "accept-language": "fr" } });
    const items = (r.json() as { total: number; items: { id: string }[] }).items.map((p) => `practice:${p.id}`);
    expect(items).toEqual(expect.arrayContaining(practices));
    expect(items.length).toBe((await search("blanchiment", "fr", "&kind=practice")).total);
  });

  it.each([
    ["ar", "الحدود", "<mark>الحدود</mark>"],
    ["ar", "الحُدُودِ", "<mark>الحدود</mark>"], // with harakat
    ["ar", "الارهاب", "<mark>الإرهاب</mark>"], // without the hamza of the text
    ["ar", "إرهاب", "<mark>الإرهاب</mark>"], // without the article
    ["ru", "границами", "<mark>границы</mark>"],
    ["ru", "отмыванием", "<mark>отмывание</mark>"],
    ["es", "frontera", "<mark>fronteras</mark>"],
    ["es", "blanqueos", "<mark>blanqueo</mark>"],
    ["zh", "边境", "<mark>边境</mark>"],
    ["zh", "洗钱", "<mark>洗钱</mark>"],
  ])("%s: %s finds the translated practice, marked in the snippet", async (lang, q, marked) => {
    const r = await search(q, lang);
    expect(keys(r)).toEqual(["practice:hague-1"]);
    expect(r.hits[0]).toMatchObject({ title: texts[lang].title, language: lang });
    expect(r.hits[0].snippet).toContain(marked);
    expect((await search(q)).hits.map((h) => h.id)).not.toContain("hague-1"); // not in English
  });

  it("Chinese: the word is found inside a sentence of unspaced text", async () => {
    const r = await search("边境", "zh-CN");
    expect(r.hits[0].snippet).toContain("各国加强<mark>边境</mark>管理");
  });

  it("shows readers text in snippets, never the ids of linked entries or citation locators", async () => {
    // Ids that the prose never uses as words ("police" and "private-sector" are both ids and words).
    const prose = new Set((Object.keys(collections) as CollectionName[]).flatMap((name) => (kb[name] as object[]).flatMap((e) => [...translatableFields(e).values()]))
      .flatMap((t) => t.toLowerCase().split(/[\s,;:.()"']+/)));
    const ids = new Set(buildEntries(kb).entries.map((e) => e.id).filter((id) => !prose.has(id)));
    expect(ids).toContain("border-authorities");
    const locators = new Set(kb.practices.flatMap((p) => p.instruments.map((i) => i.pinpoint)).filter((l): l is string => !!l && /§/.test(l)));
    // The query that showed it: "border" put "border-authorities", "iom-niger-border-communities" and "§82-84" in a snippet.
    for (const [q, lang] of [["border", "en"], ["financing", "en"], ["prison", "en"], ["community", "en"], ["frontière", "fr"], ["financement", "fr"]]) {
      const r = await search(q, lang);
      expect(r.total, q).toBeGreaterThan(0);
      for (const h of r.hits) {
        const words = h.snippet.replace(/<\/?mark>/g, "").split(/[\s,;()]+/);
        const leaked = words.filter((w) => ids.has(w));
        expect(leaked, `${q}: ${h.kind}:${h.id}`).toEqual([]);
        for (const l of locators) expect(h.snippet, `${q}: ${h.kind}:${h.id}`).not.toContain(l);
      }
    }
  });

  it("a language's index answers for its untranslated entries in English", async () => {
    const r = await search("hawala", "ar");
    expect(keys(r)).toContain("practice:addendum-1");
    expect(r.hits.find((h) => h.id === "addendum-1")!.language).toBe("en");
  });
});

describe("falling back to English", () => {
  // Every reader-facing field in Spanish, so the Spanish index holds no English prose.
  const all: Translations = new Map([["es", new Map()]]);
  for (const name of Object.keys(collections) as CollectionName[]) {
    for (const entry of kb[name] as { id: string }[]) {
      all.get("es")!.set(`${name}:${entry.id}`, new Map([...translatableFields(entry).keys()].map((f) => [f, `texto traducido ${f}`])));
    }
  }
  const service = new KnowledgeService(undefined as never, kb, all);
  type Answer = { total: number; hits: { id: string; language: string }[] };

  it("answers from the language's index when it finds something", async () => {
    const r = (await service.search("texto", undefined, 5, "es")) as Answer;
    expect(r.total).toBeGreaterThan(0);
    expect(r.hits.every((h) => h.language === "es")).toBe(true);
  });

  it("answers from the English index when the language's finds nothing", async () => {
    const r = (await service.search("hawala", undefined, 20, "es")) as Answer;
    expect(r.hits.map((h) => h.id)).toContain("addendum-1");
    expect(r.hits.every((h) => h.language === "en")).toBe(true);
  });
});
