import { describe, expect, it } from "vitest";
import { buildContentFiles } from "../../../test/support/contentFactory.js";
import { buildEntries } from "./entries.js";
import { validateContent } from "./validate.js";

describe("buildEntries", () => {
  const { kb } = validateContent(buildContentFiles());
  const { entries, links } = buildEntries(kb);
  const entry = (kind: string, id: string) => entries.find((e) => e.kind === kind && e.id === id)!;

  it("makes one entry per practice, concept, indicator, actor, instrument and initiative", () => {
    const count = (kind: string) => entries.filter((e) => e.kind === kind).length;
    expect([count("practice"), count("manifestation"), count("context"), count("watchpoint"), count("indicator"), count("actor"), count("instrument"), count("initiative")])
      .toEqual([55, 6, 3, 11, 11, 2, 1, 1]);
  });

  it("resolves names and titles of what a practice points to", () => {
    const p = entry("practice", "hague-1").body as any;
    expect(p.actors).toEqual([{ id: "police", name: "Police", parent: "law-enforcement" }]);
    expect(p.instruments[0]).toMatchObject({ id: "untoc", name: "UNTOC", pinpoint: "Article 5", link: "https://example.org/untoc" });
    expect(p.examples[0]).toMatchObject({ id: "eg-one", countries: ["KE"] });
    expect(p.citation).toEqual({ source: "src-a", locator: "GP 1", title: "Source A" });
  });

  it("links a practice to an indicator when only the indicator names the practice", () => {
    expect(links).toContainEqual({ from_kind: "practice", from_id: "hague-1", rel: "indicator", to_kind: "indicator", to_id: "factor-1.signal" });
    expect((entry("practice", "hague-1").body as any).indicators.map((i: { id: string }) => i.id)).toContain("factor-3.signal");
  });

  it("gives actors and instruments their inverse lists: what the practices expect, who cites it", () => {
    expect((entry("actor", "police").body as any).practices).toHaveLength(55);
    expect((entry("actor", "law-enforcement").body as any).children).toEqual([{ id: "police", name: "Police" }]);
    expect((entry("instrument", "untoc").body as any).practices[0]).toMatchObject({ id: "hague-1", pinpoint: "Article 5" });
  });

  it("keeps entry kind apart from an instrument's or research entry's own kind", () => {
    const untoc = entry("instrument", "untoc");
    expect(untoc.body.kind).toBeUndefined();
    expect(untoc.body.instrument_kind).toBe("convention");
  });

  it("puts text in the search text but not ids, links or citations", () => {
    const e = entry("initiative", "eg-one");
    expect(e.search_text).toContain("Org");
    expect(e.search_text).not.toContain("https://example.org");
    expect(e.search_text).not.toContain("src-a");
  });

  it("searches a practice by its own words, not by the ids of its actors, examples or indicators, nor its locators", () => {
    const p = entry("practice", "hague-1");
    expect(p.search_text).toContain("Do one thing.");
    // The title and summary are indexed by themselves, not a second time in the text.
    expect(p.search_text).not.toContain(p.summary);
    for (const id of ["police", "eg-one", "untoc", "factor-1.signal"]) expect(p.search_text.split(/\s+/)).not.toContain(id);
    expect(p.search_text).not.toContain("Article 5");
  });

  it("leaves a watch point's indicators to their own entries", () => {
    const w = entry("watchpoint", "factor-1");
    const indicator = entry("indicator", "factor-1.signal");
    expect(w.search_text).not.toContain(indicator.title);
    expect(w.search_text).not.toContain("When seen.");
    expect(indicator.search_text).toContain("When seen.");
  });
});
