import { describe, expect, it } from "vitest";
import { OfflineIndex, type Bundle, type BundleEntry } from "./offlineIndex.js";

/** Synthetic entries: a practice in the bundle's language, one still in English, and one on another subject. */
const practice = (id: string, title: string, summary: string, language: string, extra: Record<string, unknown> = {}): BundleEntry =>
  ({ kind: "practice", id, title, summary, language, framework: "hague", ...extra });

const french: Bundle = {
  version: "v1", lang: "fr",
  entries: [
    practice("p-1", "Lutter contre le blanchiment d'argent aux frontières", "Les services douaniers coopèrent.", "fr",
      { steps: [{ number: 1, text: "Échanger les données financières entre cellules de renseignement.", points: [] }] }),
    practice("p-2", "Prison screening for radicalisation", "Screening of inmates on arrival.", "en"),
    practice("p-3", "Protéger les témoins", "Les témoins reçoivent une protection.", "fr",
      { citation: { source: "blanchiment-source", locator: "p. 3" } }),
    { kind: "actor", id: "customs", title: "Douanes", summary: "Les administrations douanières.", language: "fr", parent: { id: "blanchiment" } },
  ],
};

const arabic: Bundle = {
  version: "v1", lang: "ar",
  entries: [
    practice("p-1", "إدارة الحدود والأمن", "تتعاون أجهزة الجمارك عند المعابر.", "ar"),
    practice("p-2", "مكافحة غسل الأموال", "تبادل المعلومات المالية بين الوحدات.", "ar"),
    practice("p-3", "Prison screening for radicalisation", "Screening of inmates on arrival.", "en"),
  ],
};

const ids = (index: OfflineIndex, q: string) => index.search(q, undefined, 20).hits.map((h) => h.id);

describe("offline search in the bundle's language", () => {
  const fr = new OfflineIndex(french);
  const ar = new OfflineIndex(arabic);

  it("finds French words by their stem, accents folded, and while they are typed", () => {
    expect(fr.lang).toBe("fr");
    expect(ids(fr, "blanchiment")).toEqual(["p-1"]);
    expect(ids(fr, "blanchiments")).toEqual(["p-1"]);
    expect(ids(fr, "frontieres")).toEqual(["p-1"]);
    expect(ids(fr, "blanchi")).toEqual(["p-1"]);
    // The body is searched too (the steps), and every word must match.
    expect(ids(fr, "cellules renseignement")).toEqual(["p-1"]);
    expect(ids(fr, "cellules prison")).toEqual([]);
  });

  it("keeps English entries of a French bundle searchable", () => {
    expect(ids(fr, "prison")).toEqual(["p-2"]);
    expect(fr.search("prison", undefined, 5).hits[0]).toMatchObject({ language: "en", title: "Prison screening for radicalisation" });
  });

  it("does not match ids, links or citations", () => {
    // "blanchiment" occurs only as a citation source and a parent id outside p-1.
    expect(ids(fr, "blanchiment")).not.toContain("p-3");
    expect(ids(fr, "blanchiment")).not.toContain("customs");
  });

  it("finds Arabic words whatever the form of the alef or the article", () => {
    expect(ar.lang).toBe("ar");
    expect(ids(ar, "الحدود")).toEqual(["p-1"]);
    expect(ids(ar, "ادارة")).toEqual(["p-1"]);
    expect(ids(ar, "حدود")).toEqual(["p-1"]);
    expect(ids(ar, "غسل الأموال")).toEqual(["p-2"]);
    expect(ids(ar, "inmates")).toEqual(["p-3"]);
  });

  it("marks the matching words in the snippet and restricts by kind", () => {
    const hit = fr.search("douaniers", undefined, 5).hits[0];
    expect(hit.snippet).toContain("<mark>douaniers</mark>");
    expect(fr.search("douanes", ["actor"], 5).hits.map((h) => h.id)).toEqual(["customs"]);
    expect(fr.matchingIds("douanes", "practice")).toEqual([]);
  });

  it("segments Chinese text", () => {
    const zh = new OfflineIndex({ version: "v1", lang: "zh", entries: [practice("p-1", "边境安全与洗钱", "海关合作。", "zh"), practice("p-2", "证人保护", "保护证人。", "zh")] });
    expect(ids(zh, "洗钱")).toEqual(["p-1"]);
    expect(ids(zh, "证人")).toEqual(["p-2"]);
  });

  it("falls back to English analysis for a bundle without a known language", () => {
    expect(new OfflineIndex({ version: "v1", entries: [practice("p-1", "Laundering money", "x", "en")] }).lang).toBe("en");
  });
});
