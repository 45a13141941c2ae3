import { describe, expect, it } from "vitest";
import { loadContent } from "../../content/readContent.js";
import { audienceIds } from "./audiences.js";
import { citedEntry } from "./bank.js";
import { drawTest, gains, isCorrect, responseProblem, weakPractices, type AnswerFact } from "./cohort.js";
import { learningPath } from "./paths.js";

const { kb } = loadContent();
const q = (id: string) => kb.questions.find((x) => x.id === id)!;
const first = (type: string) => kb.questions.find((x) => x.type === type)!;

describe("a cohort's test", () => {
  it("draws distinct questions round-robin over the path's modules, the audience's own first, the same for the same seed", () => {
    for (const audience of audienceIds) {
      const path = learningPath(kb, audience);
      const own = path.modules.reduce((n, m) => n + m.questions.length, 0);
      const test = drawTest(kb, path, 20, "cohort-1");
      expect(new Set(test).size, audience).toBe(test.length);
      expect(test.length, audience).toBeGreaterThanOrEqual(Math.min(20, own));
      // The audience's questions come first, all of them before any other audience's.
      const firstOther = test.findIndex((id) => q(id).audience !== audience);
      if (firstOther >= 0) expect(firstOther, audience).toBe(own);
      expect(drawTest(kb, path, 20, "cohort-1")).toEqual(test);
    }
  });

  it("tests every module that has questions before testing any twice", () => {
    const path = learningPath(kb, "prosecutors");
    const withQuestions = path.modules.filter((m) => m.questions.length);
    const test = drawTest(kb, path, withQuestions.length, "seed");
    const moduleOf = (id: string) => path.modules.find((m) => m.questions.some((x) => x.id === id))!.id;
    expect(new Set(test.map(moduleOf)).size).toBe(withQuestions.length);
  });

  it("only draws questions about what the path teaches", () => {
    const path = learningPath(kb, "fiu");
    const practices = new Set(path.modules.flatMap((m) => m.practices));
    for (const id of drawTest(kb, path, 20, "x")) {
      const c = citedEntry(q(id))!;
      if (c.kind === "practice") expect(practices.has(c.id), id).toBe(true);
    }
  });
});

describe("scoring", () => {
  it("needs the same set for choice questions and the same order for ordering", () => {
    const single = first("single"), multiple = first("multiple"), ordering = first("ordering");
    const right = (x: typeof single) => x.options.filter((o) => o.correct).map((o) => o.id);
    expect(isCorrect(single, right(single))).toBe(true);
    expect(isCorrect(single, [single.options.find((o) => !o.correct)!.id])).toBe(false);
    expect(isCorrect(multiple, [...right(multiple)].reverse())).toBe(true);
    expect(isCorrect(multiple, right(multiple).slice(1))).toBe(false);
    const order = ordering.options.map((o) => o.id);
    expect(isCorrect(ordering, order)).toBe(true);
    expect(isCorrect(ordering, [...order].reverse())).toBe(false);
  });

  it("names what is wrong with a malformed response", () => {
    const single = first("single"), ordering = first("ordering");
    expect(responseProblem(single, ["z"])).toBe("trainingResponseOption");
    expect(responseProblem(single, ["a", "a"])).toBe("trainingResponseRepeated");
    expect(responseProblem(single, ["a", "b"])).toBe("trainingResponseCount");
    expect(responseProblem(single, [])).toBe("trainingResponseCount");
    expect(responseProblem(ordering, ["a"])).toBe("trainingResponseCount");
    expect(responseProblem(single, ["a"])).toBeNull();
  });
});

describe("gains", () => {
  const path = learningPath(kb, "judges");
  const test = drawTest(kb, path, 3, "g");
  const joined = [{ id: "p1", audience: "judges" }, { id: "p2", audience: "judges" }, { id: "p3", audience: "prosecutors" }, { id: "late", audience: "judges" }];
  const fact = (participant: string, phase: "pre" | "post", question: string, correct: boolean): AnswerFact => ({ participant, audience: joined.find((p) => p.id === participant)!.audience, phase, question, correct });
  const answers: AnswerFact[] = [
    // question 0: 0 of 3 right before, 3 of 3 after; question 1: 1 of 3 before, 1 after; question 2: 3 of 3 both times.
    ...["p1", "p2", "p3"].flatMap((p) => [fact(p, "pre", test[0], false), fact(p, "post", test[0], true), fact(p, "pre", test[2], true), fact(p, "post", test[2], true)]),
    fact("p1", "pre", test[1], true), fact("p2", "pre", test[1], false), fact("p3", "pre", test[1], false),
    fact("p1", "post", test[1], false), fact("p2", "post", test[1], true), fact("p3", "post", test[1], false),
    // a late joiner who took only the post-test counts nowhere in the gains
    fact("late", "post", test[0], false), fact("late", "post", test[1], false),
  ];
  const g = gains(kb, test, joined, answers);

  it("counts only participants who took both tests", () => {
    expect(g.participants).toEqual({ joined: 4, pre: 3, post: 4, both: 3 });
    expect(g.overall).toEqual({ pre: { right: 4, of: 9 }, post: { right: 7, of: 9 }, gain: 33.3 });
  });

  it("explains each verdict: landed, too few right after, or no rise", () => {
    expect(g.questions[0]).toMatchObject({ gain: 100, landed: true });
    expect(g.questions[1]).toMatchObject({ pre: { right: 1, of: 3 }, post: { right: 1, of: 3 }, landed: false, reason: "lowPost" });
    // Everyone right before and after: nothing to gain, and it landed.
    expect(g.questions[2]).toMatchObject({ gain: 0, landed: true });
    const noGain = gains(kb, [test[0]], joined, [fact("p1", "pre", test[0], true), fact("p2", "pre", test[0], true), fact("p3", "pre", test[0], false), fact("p1", "post", test[0], true), fact("p2", "post", test[0], false), fact("p3", "post", test[0], true)]);
    expect(noGain.questions[0]).toMatchObject({ gain: 0, landed: false, reason: "noGain" });
    expect(gains(kb, test, joined, []).questions[0]).toMatchObject({ landed: false, reason: "notTested" });
  });

  it("groups by cited entry and by the participants' audience", () => {
    expect(g.entries.flatMap((e) => e.questions).sort()).toEqual([...test].sort());
    expect(g.audiences.map((a) => [a.audience, a.participants])).toEqual([["prosecutors", 1], ["judges", 2]]); // in the audiences' order
    const weak = weakPractices(g);
    for (const p of weak) expect(g.entries.find((e) => e.id === p)).toMatchObject({ kind: "practice", landed: false });
  });
});
