/**
 * The evidence model of Nexus Watch (content/watchpoints.yaml) as analysis of competing
 * hypotheses needs it: every hypothesis can be supported and contradicted, none takes "for"
 * points from most of the indicators, and the domain review of issue 11 stays applied.
 */
import { describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/readContent.js";
import { hypothesisIds } from "../../src/core/knowledge/schema.js";

const { kb, problems } = loadContent();
const indicators = kb.factors.flatMap((f) => f.indicators.map((i) => ({ ...i, factor: f })));
const hypotheses = [...hypothesisIds];
const byId = (id: string) => {
  const ind = indicators.find((i) => i.id === id);
  if (!ind) throw new Error(`no indicator ${id}`);
  return ind;
};
const linksTo = (id: string, h: string) => byId(id).links.filter((l) => l.manifestation === h);

describe("Nexus Watch evidence links", () => {
  it("come from a knowledge base that validates", () => {
    expect(problems).toEqual([]);
  });

  it.each(hypotheses)("give %s indicators for it and indicators against it", (h) => {
    const links = indicators.flatMap((i) => i.links.filter((l) => l.manifestation === h));
    expect(links.filter((l) => l.direction === "for").length).toBeGreaterThan(0);
    expect(links.filter((l) => l.direction === "against").length).toBeGreaterThan(0);
  });

  it.each(hypotheses)("do not link %s \"for\" from more than half of the indicators", (h) => {
    const speakingFor = indicators.filter((i) => i.links.some((l) => l.manifestation === h && l.direction === "for"));
    expect(speakingFor.length * 2).toBeLessThanOrEqual(indicators.length);
  });

  it("give integration at least one strong sign, and not one about recruiting individuals", () => {
    const strong = indicators.filter((i) => i.links.some((l) => l.manifestation === "integration" && l.direction === "for" && l.strength === "strong"));
    expect(strong.length).toBeGreaterThan(0);
    for (const i of strong) expect(i.present_when, i.id).toMatch(/group|faction/);
    for (const id of ["org-recruitment.recruitment-venue-shift", "org-recruitment.redemptive-narrative", "org-recruitment.ideological-shift"]) {
      expect(linksTo(id, "integration").filter((l) => l.strength !== "weak"), id).toEqual([]);
    }
  });

  it("name each hypothesis at most once per indicator", () => {
    for (const i of indicators) {
      const targets = i.links.map((l) => l.manifestation);
      expect(new Set(targets).size, i.id).toBe(targets.length);
    }
  });

  describe("keep the domain review of issue 11", () => {
    it("no longer counts ungoverned territory against appropriation of tactics", () => {
      expect(linksTo("env-geography.ungoverned-territory", "appropriation-of-tactics")).toEqual([]);
    });

    it.each([
      ["org-recruitment.economic-incentives", "transformation", "for", "moderate"],
      ["org-recruitment.recruitment-venue-shift", "integration", "for", "weak"],
      ["org-recruitment.redemptive-narrative", "integration", "for", "weak"],
      ["org-external-support.popular-support", "transformation", "against", "weak"],
      ["org-leadership.leader-dependence", "transformation", "for", "weak"],
      ["org-leadership.leader-dependence", "hybrid", "for", "weak"],
    ])("%s -> %s is %s, %s", (id, h, direction, strength) => {
      expect(linksTo(id, h).map((l) => [l.direction, l.strength])).toEqual([[direction, strength]]);
    });

    it("leaves leader dependence with no moderate or strong link", () => {
      expect(byId("org-leadership.leader-dependence").links.filter((l) => l.strength !== "weak")).toEqual([]);
    });
  });

  describe("cover the concepts the toolkit names but the watch points left out", () => {
    const added: [string, string][] = [
      ["env-governance.territorial-control", "env-governance"],
      ["env-governance.state-collapse", "env-governance"],
      ["env-security-dynamics.shared-interest-in-instability", "env-security-dynamics"],
      ["env-economic.kidnap-for-ransom-economy", "env-economic"],
      ["org-leadership.criminal-political-demands", "org-leadership"],
      ["org-external-support.public-profile-demands", "org-external-support"],
      ["org-capabilities.arms-market-access", "org-capabilities"],
      ["org-recruitment.prison-meeting-place", "org-recruitment"],
      ["nexus-search.no-armed-actor", "nexus-search"],
      ["nexus-search.links-sought-none-found", "nexus-search"],
      ["nexus-search.armed-funding-non-criminal", "nexus-search"],
    ];
    const sources = new Set(kb.sources.map((s) => s.id));

    it.each(added)("has %s under %s, cited, with cited links", (id, factor) => {
      const ind = byId(id);
      expect(ind.factor.id).toBe(factor);
      expect(sources.has(ind.citation.source)).toBe(true);
      expect(ind.citation.locator.trim()).not.toBe("");
      for (const text of [ind.statement, ind.question, ind.present_when]) expect(text.length).toBeGreaterThan(20);
      expect(ind.links.length).toBeGreaterThan(0);
      for (const l of ind.links) {
        expect(sources.has(l.citation.source), `${id} -> ${l.manifestation}`).toBe(true);
        expect(l.reasoning.length).toBeGreaterThan(40);
      }
    });

    it("keeps the search for a nexus in its own factor group", () => {
      expect(kb.factors.find((f) => f.id === "nexus-search")?.group).toBe("search");
      expect(kb.factors.filter((f) => f.group === "search").map((f) => f.id)).toEqual(["nexus-search"]);
    });

    it("lets the search count for no nexus, strongly where no armed actor or no link was found", () => {
      const noNexusFor = (id: string) => linksTo(id, "no-nexus").filter((l) => l.direction === "for");
      expect(noNexusFor("nexus-search.no-armed-actor").map((l) => l.strength)).toEqual(["strong"]);
      expect(noNexusFor("nexus-search.links-sought-none-found").map((l) => l.strength)).toEqual(["strong"]);
      expect(noNexusFor("nexus-search.armed-funding-non-criminal")).toHaveLength(1);
      for (const i of byId("nexus-search.no-armed-actor").factor.indicators) {
        const against = i.links.filter((l) => l.direction === "against" && l.manifestation !== "no-nexus");
        expect(against.length, i.id).toBeGreaterThan(0);
      }
    });

    it("lets only the search factor speak for no nexus", () => {
      const speakingFor = indicators.filter((i) => i.links.some((l) => l.manifestation === "no-nexus" && l.direction === "for"));
      expect(speakingFor.map((i) => i.factor.id)).toEqual(["nexus-search", "nexus-search", "nexus-search"]);
    });
  });

  it("say so when a link rests on a source outside the project's source documents", () => {
    const outside = new Set(kb.sources.filter((s) => !s.file).map((s) => s.id));
    const extensions = indicators.flatMap((i) => i.links.filter((l) => outside.has(l.citation.source)).map((l) => ({ id: i.id, l })));
    expect(extensions.length).toBeGreaterThan(0);
    for (const { id, l } of extensions) expect(l.reasoning, `${id} -> ${l.manifestation}`).toMatch(/extension beyond the toolkit/i);
  });
});
