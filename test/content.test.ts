import { describe, expect, it } from "vitest";
import { loadContent } from "../src/content/readContent.js";
import { contentStats } from "../src/core/knowledge/validate.js";

const { kb, problems } = loadContent();

describe("the knowledge base in content/", () => {
  it("validates with no problems", () => {
    expect(problems).toEqual([]);
  });

  it("is complete enough for the repository's promises", () => {
    const s = contentStats(kb);
    expect(s.practices).toEqual({ hague: 25, addendum: 25, icct: 5 });
    // the toolkit's 11 watch-point factors and the project's search factor (negative evidence)
    expect([s.manifestations, s.contexts, s.factors]).toEqual([6, 3, 12]);
    expect(s.indicators).toBeGreaterThanOrEqual(35);
    expect(s.instruments).toBeGreaterThanOrEqual(50);
    expect(s.initiatives).toBeGreaterThanOrEqual(85);
    expect(s.steps).toBeGreaterThanOrEqual(90);
  });

  it("keeps Hague GP 8 and GP 9 as two practices marked as one merged guidance", () => {
    const p8 = kb.practices.find((p) => p.id === "hague-8")!;
    const p9 = kb.practices.find((p) => p.id === "hague-9")!;
    expect([p8.merged_with, p9.merged_with]).toEqual(["hague-9", "hague-8"]);
  });

  it("gives every Addendum practice discrete numbered recommendations", () => {
    for (const p of kb.practices.filter((x) => x.framework === "addendum")) {
      expect(p.steps.length, p.id).toBeGreaterThanOrEqual(2);
    }
  });

  it("links every indicator to at least one manifestation with reasoning and a citation", () => {
    for (const ind of kb.factors.flatMap((f) => f.indicators)) {
      expect(ind.links.length, ind.id).toBeGreaterThan(0);
      for (const l of ind.links) expect(l.reasoning.length, ind.id).toBeGreaterThan(20);
    }
  });

  it("has no field that invites ethnic or religious profiling", () => {
    const forbidden = /^(ethnicity|ethnic_group|religion|religious_affiliation|race|tribe|caste)$/i;
    const keys = (v: unknown): string[] =>
      Array.isArray(v) ? v.flatMap(keys) : v && typeof v === "object" ? Object.entries(v).flatMap(([k, x]) => [k, ...keys(x)]) : [];
    expect(keys(kb).filter((k) => forbidden.test(k))).toEqual([]);
  });
});
