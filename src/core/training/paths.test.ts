import { describe, expect, it } from "vitest";
import { buildContentFiles } from "../../../test/support/contentFactory.js";
import { loadContent } from "../../content/readContent.js";
import type { KnowledgeBase, Scenario } from "../knowledge/schema.js";
import { validateContent } from "../knowledge/validate.js";
import { audienceActors, audienceIds } from "./audiences.js";
import { learnerQuestion, stableShuffle } from "./learnerQuestion.js";
import { learningPath, NEXUS_MODULE } from "./paths.js";

type E = Record<string, unknown>;
/**
 * The factory's knowledge base with a second Hague area and actors chosen per practice:
 * hague-1 and hague-3 prosecutors (area A), hague-2 judges, hague-4 prosecutors in area B,
 * addendum-2 prosecutors and fiu; every other practice police. Questions for prosecutors.
 */
function fixture(): KnowledgeBase {
  const files = buildContentFiles();
  const data = (path: string) => files.find((f) => f.path === path)!.data as E[];
  (data("frameworks.yaml")[0].areas as E[]).push({ id: "hague-b", order: 2, name: "B" });
  data("actors.yaml").push(...["prosecutors", "judges", "fiu"].map((id) => ({ id, name: id, parent: null, description: "Actor." })));
  const hague = data("practices/hague.yaml");
  hague[0].actors = ["prosecutors"]; hague[2].actors = ["prosecutors", "police"]; hague[1].actors = ["judges"];
  hague[3].actors = ["prosecutors"]; hague[3].area = "hague-b"; hague[3].manifestations = ["black-hole"];
  data("practices/addendum.yaml")[1].actors = ["fiu", "prosecutors"];
  const m = data("manifestations.yaml");
  m[0].cases = [{ summary: "An alliance case.", citation: { source: "src-a", locator: "p. 2" } }];
  m[5].cases = [{ summary: "A black-hole case.", citation: { source: "src-a", locator: "p. 3" } }];
  const q = (n: number, about: E, objective = "recognise") => ({
    id: `q-prosecutors-${Object.values(about)[0]}-${n}`, audience: "prosecutors", type: "single", about, objective, stem: `Question ${n}?`,
    options: [{ id: "a", text: "Yes.", correct: true }, { id: "b", text: "No.", correct: false }, { id: "c", text: "Maybe.", correct: false }],
    explanation: "Because.", citation: { source: "src-a", locator: "GP 1" },
  });
  files.push({ path: "training/questions/prosecutors.yaml", data: [q(1, { practice: "hague-1" }), q(2, { manifestation: "alliance" }), q(3, { indicator: "factor-2.signal" }), q(4, { practice: "hague-4" }), q(5, { practice: "hague-2" })] });
  files.push({ path: "training/questions/police.yaml", data: [{ ...q(6, { practice: "hague-5" }), id: "q-police-hague-5-6", audience: "police" }] });
  const { kb, problems } = validateContent(files);
  expect(problems).toEqual([]);
  const scenario = (id: string, practices: string[]) => ({ id, title: `Scenario ${id}`, summary: `About ${id}.`, practices }) as unknown as Scenario;
  kb.scenarios.push(scenario("b-two", ["hague-1", "hague-3"]), scenario("a-one", ["hague-3", "hague-20"]), scenario("c-three", ["addendum-9"]));
  return kb;
}

describe("learningPath", () => {
  const kb = fixture();
  const path = learningPath(kb, "prosecutors");

  it("starts with the nexus module: manifestations and watch points to read, questions on manifestations and indicators", () => {
    const first = path.modules[0];
    expect(first.id).toBe(NEXUS_MODULE);
    expect(first.title).toEqual({ key: "training.msg.module.nexus" });
    expect(first.reading.filter((r) => r.kind === "manifestation").map((r) => r.href)).toEqual(kb.manifestations.map((m) => `/manifestations/${m.id}`));
    expect(first.reading.filter((r) => r.kind === "watchpoint")).toHaveLength(11);
    expect(first.questions.map((q) => q.id)).toEqual(["q-prosecutors-alliance-2", "q-prosecutors-factor-2.signal-3"]);
    expect(first.caseStudy).toMatchObject({ kind: "manifestation-case", manifestation: "alliance", summary: "An alliance case." });
  });

  // [audience, module ids after the first, practices per module]
  const table: [string, string[], string[][]][] = [
    ["prosecutors", ["hague-a", "hague-b", "addendum-i"], [["hague-1", "hague-3"], ["hague-4"], ["addendum-2"]]],
    ["judges", ["hague-a"], [["hague-2"]]],
    ["fiu", ["addendum-i"], [["addendum-2"]]],
    ["civil-society", [], []],
  ];
  it.each(table)("holds the %s practices by area, in framework order, leaving out empty areas", (audience, ids, practices) => {
    const p = learningPath(kb, audience as (typeof audienceIds)[number]);
    expect(p.modules.slice(1).map((m) => m.id)).toEqual(ids);
    expect(p.modules.slice(1).map((m) => m.practices)).toEqual(practices);
  });

  it("gives each practice module its area's name, an objective and a reading link per practice, and its questions", () => {
    const a = path.modules[1];
    expect(a.title).toEqual({ key: "common.msg.text", params: { text: "A" } });
    expect(a.objectives).toEqual([
      { key: "common.msg.titled", params: { label: { key: "common.msg.practice.hague", params: { n: 1 } }, title: "Practice hague 1" } },
      { key: "common.msg.titled", params: { label: { key: "common.msg.practice.hague", params: { n: 3 } }, title: "Practice hague 3" } },
    ]);
    expect(a.reading.map((r) => r.href)).toEqual(["/practices/hague-1", "/practices/hague-3"]);
    expect(a.questions.map((q) => q.id)).toEqual(["q-prosecutors-hague-1-1"]);
    // hague-2 is the judges': its prosecutors' question is in no prosecutors' module; the police question is never here
    expect(path.modules.flatMap((m) => m.questions.map((q) => q.id))).not.toContain("q-prosecutors-hague-2-5");
    expect(path.modules.flatMap((m) => m.questions.map((q) => q.audience))).toEqual(expect.arrayContaining(["prosecutors"]));
    expect(path.modules.flatMap((m) => m.questions).every((q) => q.audience === "prosecutors")).toBe(true);
  });

  it("picks the scenario sharing the most practices, else the documented case of the manifestation the practices name most", () => {
    expect(path.modules[1].caseStudy).toEqual({ kind: "scenario", id: "b-two", title: "Scenario b-two", summary: "About b-two.", shared: ["hague-1", "hague-3"] });
    // hague-4 is in no scenario and names black-hole
    expect(path.modules[2].caseStudy).toMatchObject({ kind: "manifestation-case", manifestation: "black-hole", href: "/manifestations/black-hole" });
  });

  it("breaks a tie between scenarios by id", () => {
    kb.scenarios.push({ id: "a-zero", title: "Zero", summary: "Z.", practices: ["hague-1", "hague-3"] } as unknown as Scenario);
    expect(learningPath(kb, "prosecutors").modules[1].caseStudy).toMatchObject({ id: "a-zero" });
    kb.scenarios.pop();
  });
});

describe("learnerQuestion", () => {
  const base = {
    id: "q-police-hague-1-1", audience: "police" as const, type: "ordering" as const, objective: "apply" as const, about: { practice: "hague-1" },
    stem: "Order them.", explanation: "Because.", citation: { source: "src-a", locator: "GP 1" },
    options: (["a", "b", "c", "d"] as const).map((id) => ({ id, text: `Step ${id}.` })),
  };
  it("shuffles an ordering question the same way every time, never in the right order, and gives the right order apart", () => {
    const one = learnerQuestion(base);
    expect(one.answer).toEqual(["a", "b", "c", "d"]);
    expect(one.options.map((o) => o.id)).not.toEqual(["a", "b", "c", "d"]);
    expect([...one.options.map((o) => o.id)].sort()).toEqual(["a", "b", "c", "d"]);
    expect(learnerQuestion(base).options).toEqual(one.options);
    expect(one.about).toEqual({ kind: "practice", id: "hague-1", href: "/practices/hague-1" });
    for (const key of ["x", "y", "z", "q-1", "q-2"]) expect(stableShuffle([1, 2, 3], key)).not.toEqual([1, 2, 3]);
  });
  it("keeps a choice question's options in order and gives its correct ids", () => {
    const q = learnerQuestion({ ...base, type: "multiple", about: { indicator: "factor-1.signal" }, options: [{ id: "a" as const, text: "A.", correct: true }, { id: "b" as const, text: "B.", correct: false }, { id: "c" as const, text: "C.", correct: true }] });
    expect(q.options.map((o) => o.id)).toEqual(["a", "b", "c"]);
    expect(q.answer).toEqual(["a", "c"]);
    expect(q.about.href).toBe("/indicators/factor-1.signal");
    expect(q.options[0]).not.toHaveProperty("correct");
  });
});

describe("the learning paths of the toolkit's knowledge base", () => {
  const { kb } = loadContent();
  it.each(audienceIds)("%s: every practice module holds practices of the audience's actors, in framework order", (audience) => {
    const p = learningPath(kb, audience);
    expect(p.modules[0].reading.filter((r) => r.kind === "manifestation")).toHaveLength(6);
    expect(p.modules.length).toBeGreaterThan(1);
    const order = new Map(kb.practices.map((x, i) => [x.id, i]));
    const ids = p.modules.slice(1).flatMap((m) => m.practices);
    expect(ids.map((id) => order.get(id))).toEqual([...ids.map((id) => order.get(id))].sort((a, b) => a! - b!));
    for (const id of ids) expect(kb.practices.find((x) => x.id === id)!.actors.some((a) => audienceActors[audience].includes(a))).toBe(true);
    const all = kb.practices.filter((x) => x.actors.some((a) => audienceActors[audience].includes(a))).map((x) => x.id);
    expect([...ids].sort()).toEqual([...all].sort());
  });
});
