/**
 * The xAPI statements of the learning paths (decision 0041) against the xAPI 1.0.3 statement rules
 * as Learning Locker's conformance-tested validator (@learninglocker/xapi-validation) checks them:
 * every kind the builders make passes; broken ones (no actor, a verb id that is no IRI, a score
 * out of range) are refused by the validator, and the builders refuse to make them.
 */
import * as xapiValidation from "@learninglocker/xapi-validation";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../content/readContent.js";
import { audienceIds } from "./audiences.js";
import { learnerQuestion, type LearnerQuestion } from "./learnerQuestion.js";
import { learningPath } from "./paths.js";
import { activityTypes, answeredStatement, isUuidV4, progressStatement, verbs, type Statement, type XapiScope } from "./xapi.js";

type Warning = { path: string[]; constructor: { name: string } };
// A CommonJS module: its default export sits one level down, or two under Node's ESM interop.
const mod = xapiValidation as unknown as { default: ((x: unknown) => Warning[]) | { default: (x: unknown) => Warning[] } };
const validate = typeof mod.default === "function" ? mod.default : mod.default.default;
const problems = (x: unknown) => validate(x).map((w) => `${w.path.join(".")}: ${w.constructor.name}`);

const { kb } = loadContent();
const all = audienceIds.flatMap((a) => learningPath(kb, a).modules.flatMap((m) => m.questions.map((q) => ({ audience: a, module: m.id, q: learnerQuestion(q) }))));
const ofType = (t: LearnerQuestion["type"]) => all.find((x) => x.q.type === t);
const scope = (over: Partial<XapiScope> = {}): XapiScope => ({ homePage: "https://nexus.example.org/", learner: "p-7f3a9c2e41b0", audience: "prosecutors", pathName: "Prosecutors", language: "fr", ...over });
const wrongAnswer = (q: LearnerQuestion) => (q.type === "ordering" ? [...q.answer].reverse() : [q.options.find((o) => !q.answer.includes(o.id))!.id]);

describe("xAPI statements of the learning paths", () => {
  const kinds: [string, Statement][] = [];
  for (const type of ["single", "multiple", "scenario", "ordering"] as const) {
    const found = ofType(type);
    if (!found) continue;
    kinds.push([`answered a ${type} question right`, answeredStatement(scope({ audience: found.audience }), found.q, found.q.answer, found.module)]);
    kinds.push([`answered a ${type} question wrong`, answeredStatement(scope({ audience: found.audience }), found.q, wrongAnswer(found.q))]);
  }
  for (const kind of ["module", "test"] as const) {
    const activity = { kind, id: kind === "module" ? "hague-a" : "pre", name: "Considérations juridiques" };
    kinds.push([`attempted a ${kind}`, progressStatement(scope(), "attempted", activity)]);
    kinds.push([`completed a ${kind}`, progressStatement(scope(), "completed", activity)]);
    kinds.push([`passed a ${kind}`, progressStatement(scope({ registration: crypto.randomUUID() }), "passed", activity, { raw: 7, max: 8 })]);
    kinds.push([`failed a ${kind}`, progressStatement(scope(), "failed", activity, { raw: 0, max: 8 })]);
  }

  it("covers a question of each type the bank has, and every progress verb", () => {
    expect(ofType("single") && ofType("multiple")).toBeTruthy();
    expect(kinds.length).toBeGreaterThanOrEqual(12);
  });

  it.each(kinds)("%s: the validator finds nothing wrong", (_, s) => {
    expect(problems(s)).toEqual([]);
  });

  it.each(kinds)("%s: a pseudonymous account, the path as parent, the language, a UUID v4 and a timestamp", (_, s) => {
    expect(s.actor).toEqual({ objectType: "Agent", account: { homePage: "https://nexus.example.org", name: "p-7f3a9c2e41b0" } });
    expect(JSON.stringify(s.actor)).not.toMatch(/@|mbox|name":"[A-Z]/);
    expect(s.context.language).toBe("fr");
    expect(s.context.contextActivities.parent).toEqual([{ objectType: "Activity", id: `https://nexus.example.org/training/${s.context.contextActivities.parent[0].id.split("/").pop()}`, definition: { name: { fr: "Prosecutors" }, type: activityTypes.course } }]);
    expect(isUuidV4(s.id)).toBe(true);
    expect(new Date(s.timestamp).toISOString()).toBe(s.timestamp);
    expect(s.version).toBe("1.0.3");
  });

  it("describes an answered question as a cmi.interaction with its right answer, the response and whether it was right", () => {
    const single = ofType("single")!;
    const right = answeredStatement(scope(), single.q, single.q.answer, single.module);
    expect(right.verb.id).toBe(verbs.answered);
    expect(right.object.definition).toMatchObject({ type: activityTypes.interaction, interactionType: "choice", correctResponsesPattern: [single.q.answer.join("[,]")] });
    expect(right.object.definition!.choices!.map((c) => c.id)).toEqual(single.q.options.map((o) => o.id));
    expect(right.result).toEqual({ success: true, response: single.q.answer[0] });
    expect(right.context.contextActivities.grouping?.[0].id).toBe(`https://nexus.example.org/training/prosecutors/${single.module}`);
    expect(answeredStatement(scope(), single.q, wrongAnswer(single.q)).result!.success).toBe(false);

    const multiple = ofType("multiple")!;
    // The same options in another order are still right for a choice question.
    expect(answeredStatement(scope(), multiple.q, [...multiple.q.answer].reverse()).result).toEqual({ success: true, response: [...multiple.q.answer].reverse().join("[,]") });
    expect(answeredStatement(scope(), multiple.q, multiple.q.answer.slice(1)).result!.success).toBe(false);

    const ordering = ofType("ordering");
    if (ordering) {
      const s = answeredStatement(scope(), ordering.q, ordering.q.answer);
      expect(s.object.definition).toMatchObject({ interactionType: "sequencing", correctResponsesPattern: [ordering.q.answer.join("[,]")] });
      expect(s.result!.success).toBe(true);
      expect(answeredStatement(scope(), ordering.q, [...ordering.q.answer].reverse()).result!.success).toBe(false);
    }
  });

  it("scores a module or a test scaled between 0 and 1, success and completion by verb", () => {
    const a = { kind: "test" as const, id: "post", name: "Post-test" };
    expect(progressStatement(scope(), "passed", a, { raw: 7, max: 8 }).result).toEqual({ success: true, completion: true, score: { scaled: 0.875, raw: 7, min: 0, max: 8 } });
    expect(progressStatement(scope(), "failed", a, { raw: 2, max: 8 }).result).toEqual({ success: false, score: { scaled: 0.25, raw: 2, min: 0, max: 8 } });
    expect(progressStatement(scope(), "completed", { kind: "module", id: "nexus", name: "x" }).result).toEqual({ completion: true });
    expect(progressStatement(scope(), "attempted", { kind: "module", id: "nexus", name: "x" }).result).toBeUndefined();
    expect(progressStatement(scope(), "attempted", a).object).toMatchObject({ id: "https://nexus.example.org/training/prosecutors/tests/post", definition: { type: activityTypes.assessment } });
  });

  it("keeps the id and timestamp a caller gives", () => {
    const id = "3b241101-e2bb-4255-8caf-4136c566a962";
    const s = progressStatement(scope(), "attempted", { kind: "module", id: "nexus", name: "x" }, undefined, { id, timestamp: "2026-03-01T09:30:00.000Z" });
    expect([s.id, s.timestamp]).toEqual([id, "2026-03-01T09:30:00.000Z"]);
  });

  describe("broken statements", () => {
    const good = () => structuredClone(kinds.find(([k]) => k.startsWith("passed a module"))![1]) as unknown as Record<string, any>;

    it("the validator refuses a statement without an actor", () => {
      const s = good();
      delete s.actor;
      expect(problems(s)).toContain("statement.actor: RequiredWarning");
    });

    it("the validator refuses a verb id that is not an IRI", () => {
      const s = good();
      s.verb.id = "passed";
      expect(problems(s).some((p) => p.startsWith("statement.verb.id:"))).toBe(true);
    });

    it("the validator refuses a score out of range", () => {
      const scaled = good();
      scaled.result.score.scaled = 1.5;
      expect(problems(scaled).some((p) => p.startsWith("statement.result.score.scaled:"))).toBe(true);
      const raw = good();
      raw.result.score.raw = 9;
      expect(problems(raw).some((p) => p.startsWith("statement.result.score"))).toBe(true);
    });

    it("the validator refuses a statement id that is not a UUID and an actor with two identifiers", () => {
      const id = good();
      id.id = "not-a-uuid";
      expect(problems(id).some((p) => p.startsWith("statement.id:"))).toBe(true);
      const actor = good();
      actor.actor.mbox = "mailto:someone@example.org";
      expect(problems(actor).some((p) => p.startsWith("statement.actor"))).toBe(true);
    });

    it("the builders refuse a learner that looks like a name or an email, a score out of range and a bad id", () => {
      const a = { kind: "module" as const, id: "nexus", name: "x" };
      expect(() => progressStatement(scope({ learner: "someone@example.org" }), "attempted", a)).toThrow(/pseudonymous/);
      expect(() => progressStatement(scope({ learner: "Jane Example" }), "attempted", a)).toThrow(/pseudonymous/);
      expect(() => progressStatement(scope(), "passed", a, { raw: 9, max: 8 })).toThrow(/between min 0 and max 8/);
      expect(() => progressStatement(scope(), "passed", a, { raw: 0, max: 0 })).toThrow(/max above min/);
      expect(() => progressStatement(scope(), "attempted", a, undefined, { id: "42" })).toThrow(/UUID v4/);
      expect(() => progressStatement(scope({ registration: "cohort-1" }), "attempted", a)).toThrow(/registration/);
    });
  });
});
