import { describe, expect, it } from "vitest";
import { buildContentFiles } from "../../../test/support/contentFactory.js";
import { loadContent } from "../../content/readContent.js";
import type { Scenario } from "./schema.js";
import { formatProblem, validateContent } from "./validate.js";

const cite = { source: "src-a", locator: "test" };
const option = (id: string, alignment: string, extra: Record<string, unknown> = {}) => ({
  id, text: `Option ${id}.`, alignment, rationale: "Follows Hague GP 1, step 1.", practices: ["hague-1"], actors: ["police"], ...extra,
});

/** The smallest scenario that passes: two roles, a main phase that branches, and the branch phase. */
function buildScenario(): Record<string, any> {
  return {
    id: "test-scenario", version: 1, title: "A test", summary: "A small exercise.", context: "transitional",
    region: "A fictional border town", manifestations: ["alliance"], practices: ["hague-1"],
    objectives: [{ id: "obj-1", text: "Align the laws.", practices: ["hague-1"] }],
    roles: [
      { id: "police-unit", name: "Police unit", actor: "police", briefing: "You hold the case file." },
      { id: "border-post", name: "Border post", actor: "law-enforcement", briefing: "You watch the crossing." },
    ],
    phases: [
      {
        id: "p1", title: "Start", situation: "Something happens.",
        injects: [
          { id: "i1", kind: "news", title: "Headline", text: "A story.", audience: "all", release: { mode: "manual" }, facilitator_notes: "Read aloud." },
          { id: "i2", kind: "call", title: "Call", text: "The border calls.", audience: ["police-unit"], release: { mode: "conditional", decision: "d1", option: "b" }, facilitator_notes: "Only after b." },
        ],
        decisions: [{
          id: "d1", prompt: "What now?", scope: "table", response: "single",
          options: [option("a", "aligned"), option("b", "misaligned", { branch: "p2" })],
        }],
      },
      {
        id: "p2", title: "Consequence", branch: true, situation: "It went wrong.",
        injects: [{ id: "i3", kind: "report", title: "Report", text: "A report.", audience: "all", facilitator_notes: "Debrief." }],
      },
    ],
    hotwash: [{ id: "h1", question: "What went well?", kind: "text" }],
    grounding: [{ pattern: "A documented pattern.", citation: cite }],
    citation: cite,
  };
}

const problemsWith = (change: (s: Record<string, any>) => void, path = "scenarios/test-scenario.yaml") => {
  const scenario = buildScenario();
  change(scenario);
  return validateContent([...buildContentFiles(), { path, data: scenario }]).problems.map(formatProblem);
};
const F = "content/scenarios/test-scenario.yaml: test-scenario:";

describe("scenario validation", () => {
  it("accepts a consistent scenario and counts it", () => {
    const { problems, kb } = validateContent([...buildContentFiles(), { path: "scenarios/test-scenario.yaml", data: buildScenario() }]);
    expect(problems).toEqual([]);
    expect(kb.scenarios.map((s) => s.id)).toEqual(["test-scenario"]);
    expect(kb.scenarios[0].phases[1].injects[0].release).toEqual({ mode: "manual" });
    expect(kb.scenarios[0].phases[0].decisions[0].options[0].instruments).toEqual([]);
  });

  it("accepts an option with a caution from its own practice and a known instrument", () => {
    const scenario = buildScenario();
    Object.assign(scenario.phases[0].decisions[0].options[0], { caution: { text: "Watch the risk.", practices: ["hague-1"] }, instruments: ["untoc"] });
    const { problems, kb } = validateContent([...buildContentFiles(), { path: "scenarios/test-scenario.yaml", data: scenario }]);
    expect(problems).toEqual([]);
    expect(kb.scenarios[0].phases[0].decisions[0].options[0]).toMatchObject({ caution: { practices: ["hague-1"] }, instruments: ["untoc"] });
  });

  // [what is broken, change, expected problem line]
  const cases: [string, (s: Record<string, any>) => void, string][] = [
    ["unknown practice in an option", (s) => { s.phases[0].decisions[0].options[0].practices = ["hague-99"]; },
      `${F} phases.p1.decisions.d1.options.a.practices refers to unknown practice "hague-99"`],
    ["unknown actor in an option", (s) => { s.phases[0].decisions[0].options[1].actors = ["astronauts"]; },
      `${F} phases.p1.decisions.d1.options.b.actors refers to unknown actor "astronauts"`],
    ["unknown actor in a role", (s) => { s.roles[1].actor = "coast-guard"; },
      `${F} roles.border-post.actor refers to unknown actor "coast-guard"`],
    ["branch to a missing phase", (s) => { s.phases[0].decisions[0].options[1].branch = "p9"; },
      `${F} phases.p1.decisions.d1.options.b.branch refers to unknown phase "p9"`],
    ["inject audience naming an unknown role", (s) => { s.phases[0].injects[1].audience = ["police-unit", "navy"]; },
      `${F} phases.p1.injects.i2.audience refers to unknown role "navy"`],
    ["conditional inject pointing at an unknown option", (s) => { s.phases[0].injects[1].release.option = "z"; },
      `${F} phases.p1.injects.i2.release.option refers to unknown option "z" of decision "d1"`],
    ["conditional inject pointing at an unknown decision", (s) => { s.phases[0].injects[1].release.decision = "d7"; },
      `${F} phases.p1.injects.i2.release.decision refers to unknown decision "d7"`],
    ["unknown context", (s) => { s.context = "failed-state"; }, `${F} context refers to unknown context "failed-state"`],
    ["unknown manifestation", (s) => { s.manifestations = ["cartel"]; }, `${F} manifestations refers to unknown manifestation "cartel"`],
    ["unknown practice in the scenario list", (s) => { s.practices = ["hague-1", "icct-9"]; }, `${F} practices refers to unknown practice "icct-9"`],
    ["unknown practice in an objective", (s) => { s.objectives[0].practices = ["addendum-40"]; }, `${F} objectives.obj-1.practices refers to unknown practice "addendum-40"`],
    ["citation of an unknown source", (s) => { s.grounding[0].citation = { source: "rumour", locator: "x" }; }, `${F} grounding.0.citation.source refers to unknown source "rumour"`],
    ["branch to a phase not kept for branching", (s) => { s.phases[1].branch = false; },
      `${F} phases.p1.decisions.d1.options.b.branch leads to phase "p2", which is not marked branch: true`],
    ["branch that leads back", (s) => {
      s.phases[1].decisions = [{ id: "d2", prompt: "Again?", scope: "plenary", response: "single", options: [option("x", "aligned"), option("y", "partial", { branch: "p2" })] }];
    }, `${F} phases.p2.decisions.d2.options.y.branch leads back to phase "p2"; branches may only lead forward`],
    ["branch phase nobody reaches", (s) => { delete s.phases[0].decisions[0].options[1].branch; }, `${F} phases.p2 is a branch phase that no option leads to`],
    ["scenario without any branch", (s) => { delete s.phases[0].decisions[0].options[1].branch; s.phases[1].branch = false; },
      `${F} a scenario needs at least one decision option that branches`],
    ["branch phase first", (s) => { s.phases[0].branch = true; }, `${F} phases.p1 is the first phase and cannot be a branch phase`],
    ["id used twice", (s) => { s.phases[1].id = "police-unit"; s.phases[0].decisions[0].options[1].branch = "police-unit"; },
      `${F} phase id "police-unit" is already used by a role of this scenario`],
    ["option id used twice in a decision", (s) => { s.phases[0].decisions[0].options[1].id = "a"; s.phases[0].injects[1].release.option = "a"; },
      `${F} phases.p1.decisions.d1.options: option id "a" is used twice in this decision`],
    ["conditional inject before its decision", (s) => {
      s.phases[0].injects[1].release = { mode: "manual" };
      s.phases[1].decisions = [{ id: "d2", prompt: "Later?", scope: "table", response: "single", options: [option("x", "aligned"), option("y", "partial")] }];
      s.phases[0].injects.push({ id: "i9", kind: "media", title: "Early", text: "Too soon.", audience: "all", release: { mode: "conditional", decision: "d2", option: "x" }, facilitator_notes: "n" });
    }, `${F} phases.p1.injects.i9.release.decision "d2" is taken in a later phase, so the inject could never be released`],
    ["decision roles naming an unknown role", (s) => { Object.assign(s.phases[0].decisions[0], { scope: "role", roles: ["judge"] }); },
      `${F} phases.p1.decisions.d1.roles refers to unknown role "judge"`],
    ["role decision without roles", (s) => { s.phases[0].decisions[0].scope = "role"; },
      `${F} phases.0.decisions.0.roles a decision with scope role must name its roles`],
    ["decision without an aligned option", (s) => { s.phases[0].decisions[0].options[0].alignment = "partial"; },
      `${F} phases.0.decisions.0.options at least one option must be aligned with the practices`],
    ["a single phase", (s) => { s.phases = [s.phases[0]]; }, `${F} phases a scenario needs at least two phases`],
    ["misspelt key", (s) => { s.phases[0].injects[0].facilitator_note = s.phases[0].injects[0].facilitator_notes; delete s.phases[0].injects[0].facilitator_notes; },
      `${F} phases.0.injects.0.facilitator_notes Invalid input: expected string, received undefined`],
    ["unknown inject kind", (s) => { s.phases[0].injects[0].kind = "rumour"; }, `${F} phases.0.injects.0.kind Invalid option: expected one of "news"|"intelligence"|"request"|"report"|"media"|"call"`],
    ["scenario practice that no option exercises", (s) => { s.practices = ["hague-1", "hague-2"]; },
      `${F} practices lists "hague-2", but no decision option exercises it`],
    ["option practice missing from the scenario's list", (s) => { s.phases[0].decisions[0].options[0].practices = ["hague-1", "hague-3"]; },
      `${F} an option exercises "hague-3", which is missing from the scenario's practices`],
    ["objective practice missing from the scenario's list", (s) => { s.objectives[0].practices = ["hague-2"]; },
      `${F} objectives.obj-1 names "hague-2", which is missing from the scenario's practices`],
    ["unknown instrument in an option", (s) => { s.phases[0].decisions[0].options[0].instruments = ["untoc", "unscr-9999"]; },
      `${F} phases.p1.decisions.d1.options.a.instruments refers to unknown instrument "unscr-9999"`],
    ["caution naming an unknown practice", (s) => { s.phases[0].decisions[0].options[0].caution = { text: "Careful.", practices: ["hague-77"] }; },
      `${F} phases.p1.decisions.d1.options.a.caution.practices refers to unknown practice "hague-77"`],
    ["caution naming a practice the option is not tagged with", (s) => { s.phases[0].decisions[0].options[0].caution = { text: "Careful.", practices: ["hague-2"] }; },
      `${F} phases.p1.decisions.d1.options.a.caution names "hague-2", which the option is not tagged with`],
    ["caution without a practice", (s) => { s.phases[0].decisions[0].options[0].caution = { text: "Careful.", practices: [] }; },
      `${F} phases.0.decisions.0.options.0.caution.practices name the practice whose warning this is`],
  ];
  it.each(cases)("reports %s", (_what, change, expected) => {
    expect(problemsWith(change)).toContain(expected);
  });

  it("wants one scenario per file, named after its id", () => {
    expect(problemsWith(() => {}, "scenarios/other-name.yaml")).toContain("content/scenarios/other-name.yaml: test-scenario: file must be named after the id (content/scenarios/test-scenario.yaml)");
    const files = [...buildContentFiles(), { path: "scenarios/test-scenario.yaml", data: [buildScenario()] }];
    expect(validateContent(files).problems.map(formatProblem)).toContain("content/scenarios/test-scenario.yaml: (file): must hold one entry as a YAML mapping, not a list");
  });
});

describe("the scenario library in content/scenarios", () => {
  const { kb, problems } = loadContent();
  const scenarios: Scenario[] = kb.scenarios;
  const practices = new Map(kb.practices.map((p) => [p.id, p]));

  it("validates", () => {
    expect(problems.filter((p) => p.file.startsWith("scenarios/"))).toEqual([]);
  });

  it("holds at least five scenarios that span the three regional contexts", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(5);
    expect(new Set(scenarios.map((s) => s.context))).toEqual(new Set(["politically-stable", "transitional", "post-conflict"]));
  });

  it.each(kb.scenarios.map((s) => [s.id, s] as const))("%s is shaped for a table-top exercise", (_id, s) => {
    expect(s.roles.length).toBeGreaterThanOrEqual(3);
    expect(s.roles.length).toBeLessThanOrEqual(5);
    expect(s.phases.length).toBeGreaterThanOrEqual(2);
    expect(s.phases.length).toBeLessThanOrEqual(4);
    expect(s.phases.filter((p) => p.branch).length).toBeGreaterThanOrEqual(1);
    expect(s.phases.some((p) => p.injects.some((i) => i.release.mode === "conditional"))).toBe(true);
    for (const ph of s.phases) {
      expect(ph.injects.length, ph.id).toBeGreaterThanOrEqual(2);
      expect(ph.injects.length, ph.id).toBeLessThanOrEqual(4);
      expect(ph.decisions.length, ph.id).toBeGreaterThanOrEqual(1);
      expect(ph.decisions.length, ph.id).toBeLessThanOrEqual(2);
      for (const d of ph.decisions) {
        expect(d.options.length, d.id).toBeGreaterThanOrEqual(3);
        expect(d.options.length, d.id).toBeLessThanOrEqual(4);
        expect(d.options.some((o) => o.alignment === "misaligned"), `${d.id} needs a plausible mistake`).toBe(true);
      }
    }
  });

  // A rationale names the practice and step it follows or neglects ("Addendum GP 24, step 3",
  // "Hague GP 8, steps 2 and 4", "ICCT recommendation 2, step 2"); each must exist.
  const refs = (rationale: string) =>
    [...rationale.matchAll(/\b(Hague|Addendum) GP (\d+)(?:,? steps? ((?:\d+(?:, | and |-|–)?)+))?|\bICCT recommendation (\d+)(?:,? steps? ((?:\d+(?:, | and |-|–)?)+))?/g)].map((m) => ({
      practice: m[4] ? `icct-${m[4]}` : `${m[1].toLowerCase()}-${m[2]}`,
      steps: (m[3] ?? m[5] ?? "").split(/, | and |-|–/).filter(Boolean).map(Number),
    }));
  it.each(kb.scenarios.map((s) => [s.id, s] as const))("%s: every option rationale cites existing practice steps, and only practices the option is tagged with", (_id, s) => {
    for (const o of s.phases.flatMap((p) => p.decisions.flatMap((d) => d.options.map((x) => ({ ...x, where: `${p.id}/${d.id}/${x.id}` }))))) {
      const cited = refs(o.rationale);
      expect(cited.length, `${o.where} cites no practice`).toBeGreaterThan(0);
      for (const c of cited) {
        expect(o.practices, `${o.where} cites ${c.practice} without being tagged with it`).toContain(c.practice);
        const p = practices.get(c.practice);
        expect(p, `${o.where} cites unknown ${c.practice}`).toBeDefined();
        for (const n of c.steps) expect(n, `${o.where} cites ${c.practice} step ${n}`).toBeLessThanOrEqual(p!.steps.length);
      }
      // A caution repeats a practice's own warning: it cites that practice's steps, and only the practices it names.
      if (o.caution) {
        const warned = refs(o.caution.text);
        expect(warned.length, `${o.where} caution cites no practice`).toBeGreaterThan(0);
        for (const c of warned) {
          expect(o.caution.practices, `${o.where} caution cites ${c.practice} without naming it`).toContain(c.practice);
          for (const n of c.steps) expect(n, `${o.where} caution cites ${c.practice} step ${n}`).toBeLessThanOrEqual(practices.get(c.practice)!.steps.length);
        }
      }
    }
  });
});
