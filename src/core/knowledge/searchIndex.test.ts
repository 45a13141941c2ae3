import { describe, expect, it } from "vitest";
import type { EntryKind } from "./entries.js";
import { KnowledgeIndex, type IndexEntry } from "./searchIndex.js";
import type { SearchLanguage } from "./textAnalysis.js";

let n = 0;
const entry = (kind: EntryKind, id: string, title: string, summary: string, text = "", language: SearchLanguage = "en"): IndexEntry =>
  ({ kind, id, title, summary, sort_key: String(n++).padStart(3, "0"), search_text: `${title}\n${summary}\n${text}`, language });

const english = new KnowledgeIndex("en", [
  entry("practice", "p-title", "Trace laundered money", "Follow the funds."),
  entry("practice", "p-body", "Follow the funds", "Investigators look at laundering schemes, laundering networks and laundering through trade <b>again</b>."),
  entry("instrument", "i-body", "A convention", "It asks states to make laundering a crime."),
  entry("practice", "p-other", "Protect witnesses", "Keep people who testify safe."),
]);
const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id);

describe("KnowledgeIndex (English)", () => {
  it("puts entries whose title matches first, even when others mention the word more often", () => {
    const r = english.search("laundering", undefined, 20);
    expect(ids(r)[0]).toBe("p-title");
    expect(new Set(ids(r))).toEqual(new Set(["p-title", "p-body", "i-body"]));
    const ranks = r.hits.map((h) => h.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(r.hits[0].rank).toBeGreaterThanOrEqual(1);
    expect(r.hits[1].rank).toBeLessThan(1);
  });

  it("requires every word, matched by its stem", () => {
    expect(ids(english.search("launders funds", undefined, 20)).sort()).toEqual(["p-body", "p-title"]);
    expect(english.search("laundering witnesses", undefined, 20).total).toBe(0);
  });

  it("matches the last word as a prefix while it is typed, and only the last", () => {
    expect(ids(english.search("laund", undefined, 20)).sort()).toEqual(["i-body", "p-body", "p-title"]);
    expect(ids(english.search("witn", undefined, 20))).toEqual(["p-other"]);
    expect(english.search("laund money", undefined, 20).total).toBe(0);
  });

  it("restricts to kinds and limits the hits, counting them all", () => {
    const r = english.search("laundering", ["practice"], 1);
    expect(r.total).toBe(2);
    expect(r.hits).toHaveLength(1);
    expect(ids(english.search("laundering", ["instrument"], 20))).toEqual(["i-body"]);
  });

  it("cuts a snippet from the text with the matched words marked and HTML escaped", () => {
    const hit = english.search("laundering", undefined, 20).hits.find((h) => h.id === "p-body")!;
    expect(hit.snippet.match(/<mark>laundering<\/mark>/g)!.length).toBeGreaterThanOrEqual(3);
    expect(hit.snippet).not.toMatch(/<mark>(?!laundering<)/);
    expect(hit.snippet).toContain("&#60;b&#62;again&#60;/b&#62;.");
    expect(hit).toMatchObject({ kind: "practice", title: "Follow the funds", language: "en" });
  });

  it("answers nothing for a query of stop words or punctuation only", () => {
    expect(english.search("the of", undefined, 20)).toEqual({ total: 0, hits: [] });
    expect(english.search("?!", undefined, 20)).toEqual({ total: 0, hits: [] });
  });

  it("lists the ids of a kind that match, for list filters", () => {
    expect(english.matchingIds("laundering", "practice")).toEqual(["p-title", "p-body"]);
  });
});

describe("KnowledgeIndex in other languages", () => {
  it("French: accents and plurals folded", () => {
    const fr = new KnowledgeIndex("fr", [
      entry("practice", "f1", "Contrôler les frontières", "Les services échangent des données.", "", "fr"),
      entry("practice", "f2", "Suivre l'argent", "Le blanchiment passe par des sociétés écrans.", "", "fr"),
    ]);
    for (const q of ["frontière", "frontiere", "FRONTIERES", "controler frontiere"]) expect(ids(fr.search(q, undefined, 20)), q).toEqual(["f1"]);
    expect(ids(fr.search("blanchiment", undefined, 20))).toEqual(["f2"]);
    expect(fr.search("frontière", undefined, 20).hits[0].snippet).toContain("<mark>frontières</mark>");
  });

  it("Arabic: a query with hamza or diacritics finds the plain text, and the reverse", () => {
    const ar = new KnowledgeIndex("ar", [
      entry("practice", "a1", "التعاون على الحدود", "تتبادل الأجهزة المعلومات عن الإرهاب عبر الحدود.", "", "ar"),
      entry("practice", "a2", "حماية الشهود", "يحتاج الشهود إلى حماية.", "", "ar"),
    ]);
    for (const q of ["الحدود", "الحُدُودِ", "الحـدود", "حدود", "الارهاب", "الإرهاب", "إرهاب"]) expect(ids(ar.search(q, undefined, 20)), q).toEqual(["a1"]);
    expect(ar.search("الحُدُود", undefined, 20).hits[0].snippet).toContain("عبر <mark>الحدود</mark>.");
  });

  it("Russian and Spanish: inflected forms find each other", () => {
    const ru = new KnowledgeIndex("ru", [entry("practice", "r1", "Охрана границы", "Службы обмениваются данными об отмывании денег.", "", "ru")]);
    for (const q of ["граница", "границами", "отмывание", "отмыванием денег"]) expect(ids(ru.search(q, undefined, 20)), q).toEqual(["r1"]);
    const es = new KnowledgeIndex("es", [entry("practice", "e1", "Control de las fronteras", "Los servicios persiguen el blanqueo de capitales.", "", "es")]);
    for (const q of ["frontera", "Fronteras", "blanqueos", "capital"]) expect(ids(es.search(q, undefined, 20)), q).toEqual(["e1"]);
  });

  it("Chinese: a two-character word inside a sentence, marked without adding spaces", () => {
    const zh = new KnowledgeIndex("zh", [
      entry("practice", "z1", "加强合作", "各国应加强边境管理，并打击洗钱活动。", "", "zh"),
      entry("practice", "z2", "保护证人", "证人需要得到保护。", "", "zh"),
    ]);
    expect(ids(zh.search("边境", undefined, 20))).toEqual(["z1"]);
    expect(ids(zh.search("洗钱", undefined, 20))).toEqual(["z1"]);
    expect(ids(zh.search("证人", undefined, 20))).toEqual(["z2"]);
    const snippet = zh.search("边境", undefined, 20).hits[0].snippet;
    expect(snippet).toContain("加强<mark>边境</mark>管理");
    expect(snippet).not.toMatch(/[\u4e00-\u9fff] [\u4e00-\u9fff]/);
  });
});
