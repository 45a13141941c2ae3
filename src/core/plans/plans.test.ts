import { describe, expect, it } from "vitest";
import { loadContent } from "../../content/readContent.js";
import { translator } from "../i18n/catalogues.js";
import { msg } from "../i18n/messages.js";
import { actionDatesProblem, draftActions } from "./actions.js";
import { gapAnalysis, type PracticeInfo } from "./gaps.js";
import { MIN_AGGREGATE, regionalSpread, type CountryShare } from "./regional.js";

const kb = loadContent().kb;
const practices: PracticeInfo[] = kb.practices.map((p) => ({ id: p.id, framework: p.framework, area: p.area, title: p.title, manifestations: p.manifestations }));

describe("gap analysis", () => {
  const g = gapAnalysis(practices, [
    { practice: "hague-1", inPlace: "C", working: "Low" },
    { practice: "hague-2", inPlace: "NC", working: "Low" },
    { practice: "hague-3", inPlace: "LC", working: "Substantial" },
    { practice: "hague-4", inPlace: "N/A" },
    { practice: "hague-5", inPlace: "PC" },
  ], ["black-hole"]);

  it("keeps 'in place' apart from 'working' and flags practices that exist only on paper", () => {
    const h1 = g.rows.find((r) => r.practice === "hague-1")!;
    expect(h1).toMatchObject({ complianceGap: 0, effectivenessGap: 3, paperGap: 3 });
    expect(h1.reasons).toContainEqual(msg("plans.msg.reason.paper"));
  });

  it("ranks the largest gaps first and lifts practices that answer the leading manifestation", () => {
    const h2 = g.rows.find((r) => r.practice === "hague-2")!;
    expect(g.priorities[0].practice).toBe("hague-2");
    const answers = kb.practices.find((p) => p.id === "hague-2")!.manifestations.includes("black-hole");
    expect(h2.priority).toBe(6 + (answers ? 2 : 0));
  });

  it("builds a heatmap by framework and area", () => {
    const a = g.heatmap.find((c) => c.framework === "hague" && c.area === "hague-a")!;
    expect(a).toMatchObject({ assessed: 2, total: 2, meanInPlace: 1.5, meanWorking: 0 });
    expect(g.heatmap.filter((c) => c.framework === "addendum")).toHaveLength(5);
  });

  it("says plainly what was not assessed", () => {
    expect(g.notAssessed).toHaveLength(55 - 5);
    const en = translator("en")(g.statement);
    expect(en).toMatch(/^50 of 55 practices were not assessed \(Hague GP 6; Hague GP 7; /);
    expect(en).toMatch(/1 was rated in place but not yet for how well it works \(Hague GP 5\)\. Gaps and priorities say nothing about these\.$/);
    // In French and Arabic: no English word and no raw id of a practice.
    const fr = translator("fr")(g.statement);
    expect(fr).toMatch(/^50 des 55 pratiques n'ont pas été évaluées \(BP La Haye 6 ; BP La Haye 7 ; /);
    const ar = translator("ar")(g.statement);
    expect(ar).toContain("ممارسة لاهاي 5");
    for (const text of [fr, ar]) expect(text).not.toMatch(/hague-\d|addendum-\d|were not assessed|\{\{/);
    expect(gapAnalysis(practices.slice(0, 1), [{ practice: "hague-1", inPlace: "C", working: "High" }]).statement).toEqual(msg("plans.msg.statement.complete"));
  });
});

describe("regional spread", () => {
  const share = (country: string, consent: CountryShare["consent"], inPlace: "C" | "PC" | "NC"): CountryShare => ({ country, consent, ratings: [{ practice: "hague-1", inPlace }] });

  it("shows nothing of a country that has not opted in, not even in a count", () => {
    const r = regionalSpread([share("ML", "full", "C"), share("NE", "full", "PC"), share("BF", "full", "NC"), share("TD", "none", "C")], ["hague-1"]);
    expect(r.consenting).toBe(3);
    expect(r.practices[0].countries).toBe(3);
    expect(r.practices[0].byCountry!.map((c) => c.country)).toEqual(["ML", "NE", "BF"]);
    expect(JSON.stringify(r)).not.toContain("TD");
  });

  it("hides the distribution when aggregate-only ratings could be recovered by subtraction", () => {
    const one = regionalSpread([share("ML", "full", "C"), share("NE", "full", "PC"), share("BF", "aggregate", "NC")], ["hague-1"]);
    expect(one.practices[0].distribution).toEqual({});
    expect(JSON.stringify(one)).not.toContain("BF");
    const enough = regionalSpread(["A1", "A2", "A3"].map((c) => share(c, "aggregate", "PC")), ["hague-1"]);
    expect(enough.practices[0]).toMatchObject({ distribution: { PC: MIN_AGGREGATE }, mean: 1 });
    expect(enough.practices[0].byCountry).toBeUndefined();
  });
});

describe("action drafting", () => {
  const p = kb.practices.find((x) => x.id === "hague-1")!;
  const plan = draftActions(
    [{ id: p.id, title: p.title, steps: p.steps, actors: p.actors }],
    [{ practice: "hague-1", reasons: [msg("plans.msg.reason.effectiveness", { gap: 3 })] }],
    { "hague-1": { 1: "done" } },
    [{ id: "u1", name: "Ministry of Justice, legislative unit", actor: p.actors[0] }],
  );

  it("drafts one action per step not yet done, owned by a unit mapped to a key actor", () => {
    expect(plan.map((a) => a.step)).toEqual(p.steps.filter((s) => s.number !== 1).map((s) => s.number));
    expect(plan[0].owner).toEqual({ unit: "u1", name: "Ministry of Justice, legislative unit" });
    expect(plan[0].why).toMatchObject({ key: "plans.msg.action.why", params: { practice: { key: "common.msg.practice.hague", params: { n: 1 } }, step: 2, status: "not-started" } });
    expect(translator("en")(plan[0].why)).toBe("Hague GP 1: step 2 is not started; 3 of 3 short of working well");
    expect(translator("fr")(plan[0].why)).toBe("BP La Haye 1 : l'étape 2 est non commencée ; à 3 point(s) sur 3 d'une pleine effectivité");
  });

  it("drafts a step shared by merged practices once, saying which practices it answers (Hague GP 8 and 9)", () => {
    const [g8, g9] = ["hague-8", "hague-9"].map((id) => kb.practices.find((x) => x.id === id)!);
    expect(g8.merged_with).toBe("hague-9");
    const forPlan = [g8, g9].map((x) => ({ id: x.id, title: x.title, steps: x.steps, actors: x.actors, merged_with: x.merged_with }));
    const reasons = [msg("plans.msg.reason.effectiveness", { gap: 2 })];
    const both = draftActions(forPlan, [{ practice: "hague-8", reasons }, { practice: "hague-9", reasons }], {}, []);
    const shared = g9.steps.filter((s) => g8.steps.some((t) => t.text.trim() === s.text.trim())).length;
    expect(shared).toBeGreaterThan(0);
    expect(both).toHaveLength(g8.steps.length + g9.steps.length - shared);
    expect(new Set(both.map((a) => a.title)).size).toBe(both.length);
    expect(both.filter((a) => a.practice === "hague-8" && a.alsoFor.includes("hague-9"))).toHaveLength(shared);
    // No unit mapped to a key actor: the action says it is to assign (owner null), not a made-up owner.
    expect(both.every((a) => a.owner === null)).toBe(true);
  });

  it("refuses a due date before the start date", () => {
    expect(actionDatesProblem("2027-03-01", "2027-01-01")).toEqual({ field: "due", message: "must not be before the start date" });
    expect(actionDatesProblem("2027-01-01", "2027-03-01")).toBeNull();
  });
});
