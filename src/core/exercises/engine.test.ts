import { describe, expect, it } from "vitest";
import { translator } from "../i18n/catalogues.js";
import { msg } from "../i18n/messages.js";
import { scenarioSchema, type Scenario } from "../knowledge/schema.js";
import { decide, ExerciseError, initialState, isCommandType, nextPhases, priorRequest, reduce, type Actor, type Command, type SessionState } from "./engine.js";
import type { Answer, EventData, ExerciseEvent } from "./events.js";
import { refusalIn, titlesIn } from "./localize.js";
import { afterAction } from "./report.js";
import { applyEvent, emptyView, groupTexts } from "./view.js";
import { visibleTo, withoutBallot, type Viewer } from "./visibility.js";
import { play, type PlayedSession } from "../../../test/support/exercises.js";

const cite = { source: "hague-toolkit-2019", locator: "test" };
const option = (id: string, alignment: string, practices: string[], branch?: string) => ({ id, text: `Option ${id}`, alignment, rationale: "because", practices, actors: ["prosecutors"], ...(branch ? { branch } : {}) });
/** A small synthetic scenario: two main phases, one branch reached from the first decision. */
export const scenario: Scenario = scenarioSchema.parse({
  id: "test-scenario", version: 1, title: "Test", summary: "A test.", context: "transitional", region: "Nowhere",
  manifestations: ["alliance"], practices: ["hague-1", "hague-2"],
  objectives: [{ id: "obj-1", text: "Share information", practices: ["hague-1"] }],
  roles: [{ id: "police", name: "Police", actor: "law-enforcement", briefing: "You are the police." }, { id: "fiu", name: "FIU", actor: "fiu", briefing: "Follow the money." }],
  phases: [
    {
      id: "p1", title: "First", situation: "Something happens.",
      injects: [{ id: "i1", kind: "news", title: "News", text: "A report.", audience: "all", facilitator_notes: "secret note" }, { id: "i2", kind: "intelligence", title: "For FIU", text: "Bank data.", audience: ["fiu"], facilitator_notes: "n" }],
      decisions: [{ id: "d1", prompt: "What now?", scope: "table", response: "single", options: [option("a", "aligned", ["hague-1"], "p-branch"), option("b", "misaligned", ["hague-1", "hague-2"])] }],
    },
    { id: "p-branch", title: "Branch", branch: true, situation: "The branch.", injects: [{ id: "i3", kind: "call", title: "Call", text: "Ring.", audience: "all", release: { mode: "conditional", decision: "d1", option: "a" }, facilitator_notes: "n" }], decisions: [] },
    { id: "p2", title: "Second", situation: "Later.", injects: [{ id: "i4", kind: "report", title: "Report", text: "Done.", audience: "all", facilitator_notes: "n" }],
      decisions: [{ id: "d2", prompt: "Then?", scope: "individual", response: "multiple", options: [option("x", "aligned", ["hague-2"]), option("y", "partial", ["hague-2"])] }] },
  ],
  hotwash: [{ id: "h1", question: "How useful?", kind: "rating" }, { id: "h2", question: "What to change?", kind: "text" }],
  grounding: [{ pattern: "a pattern", citation: cite }], citation: cite,
});

const F: Actor = { kind: "facilitator" };
const at = "2027-01-01T10:00:00.000Z";

/** Applies a command like the server does: decide, number the events, fold them. */
const run = (s: PlayedSession, actor: Actor, c: Command) => play(scenario, s, actor, c, at);
const join = (s: { state: SessionState; log: ExerciseEvent[] }, id: string, role: string, table: string, kind: "participant" | "evaluator" = "participant") => {
  const e = { type: "member-joined", member: { id, pseudonym: id.toUpperCase(), role, table, language: "en", kind }, seq: s.state.seq + 1, at } as ExerciseEvent;
  s.log.push(e);
  s.state = reduce(s.state, e);
};
const P = (member: string): Actor => ({ kind: "participant", member, ballot: `ballot-of-${member}` });
const refused = (fn: () => unknown): ExerciseError => { try { fn(); } catch (e) { if (e instanceof ExerciseError) return e; throw e; } throw new Error("not refused"); };

function played() {
  const s = { state: initialState(), log: [] as ExerciseEvent[] };
  join(s, "m1", "police", "t1"); join(s, "m2", "fiu", "t1"); join(s, "m3", "police", "t2"); join(s, "ev", "", "", "evaluator");
  run(s, F, { type: "start-briefing" });
  run(s, F, { type: "enter-phase", phase: "p1" });
  run(s, F, { type: "release-situation" });
  run(s, F, { type: "release-inject", inject: "i1" });
  run(s, F, { type: "release-inject", inject: "i2" });
  run(s, F, { type: "open-decision", decision: "d1" });
  run(s, P("m1"), { type: "respond", decision: "d1", answer: { option: "b" }, request: "r1" });
  run(s, P("m2"), { type: "respond", decision: "d1", answer: { option: "a" }, request: "r2" });
  run(s, P("m3"), { type: "respond", decision: "d1", answer: { option: "a" }, request: "r3" });
  run(s, { kind: "evaluator", member: "ev" }, { type: "observe", rating: "S", practice: "hague-1", note: "shared late", request: "o1" });
  run(s, F, { type: "close-decision", decision: "d1" });
  run(s, F, { type: "reveal", decision: "d1" });
  return s;
}

describe("a live session", () => {
  it("counts a table's latest answer once and follows the chosen option into its branch", () => {
    const s = played();
    expect(s.state.tallies.d1).toMatchObject({ units: 2, counts: { a: 2, b: 0 }, chosen: "a", branch: "p-branch" });
    expect(nextPhases(s.state, scenario)).toEqual(["p-branch"]);
    // The refusal names the phase by its title, never its id.
    const wrong = refused(() => run(s, F, { type: "enter-phase", phase: "p2" }));
    expect([wrong.field, wrong.code, wrong.msg]).toEqual(["phase", "out-of-turn", msg("exercises.msg.refused.nextPhase", { phase: "Branch" })]);
    expect(translator("en")(wrong.msg)).toBe("the next phase is “Branch”");
    run(s, F, { type: "enter-phase", phase: "p-branch" });
    run(s, F, { type: "release-inject", inject: "i3" });
    expect(nextPhases(s.state, scenario)).toEqual(["p2"]);
  });

  it("counts the newest answer of a table, whoever joined first", () => {
    const s = { state: initialState(), log: [] as ExerciseEvent[] };
    join(s, "m1", "police", "t1"); join(s, "m2", "fiu", "t1");
    run(s, F, { type: "start-briefing" });
    run(s, F, { type: "enter-phase", phase: "p1" });
    run(s, F, { type: "open-decision", decision: "d1" });
    run(s, P("m2"), { type: "respond", decision: "d1", answer: { option: "a" }, request: "r1" });
    run(s, P("m1"), { type: "respond", decision: "d1", answer: { option: "b" }, request: "r2" });
    run(s, F, { type: "close-decision", decision: "d1" });
    run(s, F, { type: "reveal", decision: "d1" });
    expect(s.state.tallies.d1).toMatchObject({ units: 1, counts: { a: 0, b: 1 }, chosen: "b", branch: null });
  });

  it("releases a conditional inject only when its option was chosen", () => {
    const s = played();
    const other = { state: { ...s.state, tallies: { ...s.state.tallies, d1: { ...s.state.tallies.d1, chosen: "b", branch: null } } }, log: [...s.log] };
    run(other, F, { type: "enter-phase", phase: "p2" });
    expect(nextPhases(other.state, scenario)).toEqual([]);
    run(s, F, { type: "enter-phase", phase: "p-branch" });
    expect(run(s, F, { type: "release-inject", inject: "i3" })).toHaveLength(1);
  });

  it("refuses out-of-turn and malformed actions with the field and reason, leaving the state as it was", () => {
    const s = played();
    const before = JSON.stringify(s.state);
    const cases: [Actor, Command, string, string][] = [
      [P("m1"), { type: "respond", decision: "d1", answer: { option: "a" }, request: "late" }, "decision", "out-of-turn"],
      [P("m1"), { type: "release-inject", inject: "i1" }, "type", "forbidden"],
      [F, { type: "release-inject", inject: "i1" }, "inject", "out-of-turn"],
      [F, { type: "release-inject", inject: "i4" }, "inject", "bad-input"],
      [F, { type: "open-decision", decision: "d2" }, "decision", "bad-input"],
      [F, { type: "reveal", decision: "d1" }, "decision", "out-of-turn"],
      [F, { type: "timer-start", seconds: 5 }, "seconds", "bad-input"],
      [F, { type: "resume" }, "type", "out-of-turn"],
      [{ kind: "evaluator", member: "ev" }, { type: "observe", rating: "P", practice: "hague-9", note: "", request: "o9" }, "practice", "bad-input"],
    ];
    for (const [actor, c, field, code] of cases) {
      const e = refused(() => run(s, actor, c));
      expect([e.field, e.code], JSON.stringify(c)).toEqual([field, code]);
    }
    expect(JSON.stringify(s.state)).toBe(before);
    run(s, F, { type: "enter-phase", phase: "p-branch" });
    run(s, F, { type: "enter-phase", phase: "p2" });
    run(s, F, { type: "open-decision", decision: "d2" });
    for (const [answer, field] of [[{ option: "x" }, "answer"], [{ options: ["x", "zz"] }, "answer.options"], [{ options: [] }, "answer.options"], [{ options: ["x", "x"] }, "answer.options"]] as [Answer, string][]) {
      expect(refused(() => run(s, P("m1"), { type: "respond", decision: "d2", answer, request: "q" })).field).toBe(field);
    }
    run(s, F, { type: "pause" });
    expect(refused(() => run(s, P("m1"), { type: "respond", decision: "d2", answer: { options: ["x"] }, request: "q" })).msg).toEqual(msg("exercises.msg.refused.paused"));
  });

  it("applies a repeated submission once", () => {
    const s = played();
    run(s, F, { type: "enter-phase", phase: "p-branch" });
    run(s, F, { type: "enter-phase", phase: "p2" });
    run(s, F, { type: "open-decision", decision: "d2" });
    expect(run(s, P("m1"), { type: "respond", decision: "d2", answer: { options: ["x"] }, request: "same" })).toHaveLength(1);
    expect(run(s, P("m1"), { type: "respond", decision: "d2", answer: { options: ["x"] }, request: "same" })).toHaveLength(0);
    expect(s.log.filter((e) => e.type === "response-recorded" && e.decision === "d2")).toHaveLength(1);
  });
});

describe("who sees what", () => {
  const s = played();
  const seen = (v: Viewer) => s.log.map((e) => visibleTo(e, v)).filter((e): e is ExerciseEvent => e !== null);
  it("gives a role's inject only to that role, hides others' answers and keeps the facilitator's notes back", () => {
    const police = seen({ kind: "participant", member: "m1", role: "police" });
    const fiu = seen({ kind: "participant", member: "m2", role: "fiu" });
    expect(police.some((e) => e.type === "inject-released" && e.inject === "i2")).toBe(false);
    expect(fiu.some((e) => e.type === "inject-released" && e.inject === "i2")).toBe(true);
    expect(police.filter((e) => e.type === "response-recorded").map((e) => (e as { member: string }).member)).toEqual(["m1"]);
    expect(JSON.stringify(police)).not.toContain("secret note");
    expect(JSON.stringify(seen({ kind: "projector" }))).not.toContain("Bank data");
    expect(JSON.stringify(seen({ kind: "facilitator" }))).toContain("secret note");
  });
  it("builds the same view from a snapshot as from live updates", () => {
    const v = { kind: "participant", member: "m2", role: "fiu" } as const;
    const events = seen(v);
    const live = events.reduce(applyEvent, emptyView("m2"));
    const half = events.slice(0, 7).reduce(applyEvent, emptyView("m2"));
    const resumed = events.slice(5).reduce(applyEvent, half);
    expect(resumed).toEqual(live);
    expect(live.answers).toEqual({ d1: { option: "a" } });
    expect(live.results.d1.chosen).toBe("a");
    expect(live.feed.map((f) => f.title)).toEqual(["First", "News", "For FIU"]);
  });
});

describe("after-action report", () => {
  it("rates each practice with its reasons, compares agencies with the expected actors and drafts improvements", () => {
    const s = played();
    run(s, F, { type: "open-hotwash" });
    run(s, P("m1"), { type: "hotwash", answers: { h1: 4, h2: "More time" }, anonymous: true, request: "hw1" });
    const r = afterAction(scenario, s.log, { "hague-1": ["law-enforcement", "fiu", "prosecutors"], "hague-2": ["policy-makers"] });
    const h1 = r.heatmap.find((h) => h.practice === "hague-1")!;
    // 2 of 2 tables chose the aligned option (a share of 1), the evaluator rated S (2 of 3): (1 + 0.67) / 2
    expect(h1).toMatchObject({ decisions: 1, alignedShare: 1, observationMean: 2, level: "strong" });
    const prompt = scenario.phases.flatMap((p) => p.decisions).find((d) => d.id === "d1")!.prompt;
    expect(h1.why[0]).toEqual(msg("exercises.msg.why.decision", { prompt, share: msg("common.msg.percent", { n: 100 }), alignment: "aligned" }));
    expect(translator("en")(h1.why[0])).toBe(`“${prompt}”: 100% of the answers chose an aligned option; the option the room chose is aligned`);
    expect(translator("fr")(h1.why[0])).toBe(`« ${prompt} » : 100 % des réponses ont choisi une option conforme ; l'option retenue par la salle est conforme`);
    const h2 = r.heatmap.find((h) => h.practice === "hague-2")!;
    expect(h2).toMatchObject({ alignedShare: 1 });
    expect(r.decisions[0]).toMatchObject({ decision: "d1", chosen: "a", chosenAlignment: "aligned", branch: "p-branch" });
    expect(r.agencies.missing).toEqual(["prosecutors", "policy-makers"]);
    expect(r.hotwash[0]).toMatchObject({ count: 1, mean: 4 });
    expect(r.hotwash[1].texts).toEqual([{ by: msg("exercises.msg.anonymous"), text: "More time" }]);
    expect(r.improvements.map((i) => i.title)).toContainEqual(msg("exercises.msg.improve.bring", { actor: "prosecutors" }));
    // Practices are named by their short label in the reader's language, never by id.
    const weak = afterAction(scenario, s.log, {}, (a) => `[${a}]`);
    for (const i of weak.improvements) for (const lang of ["en", "fr", "ar"]) expect(translator(lang)(i.title) + translator(lang)(i.why)).not.toMatch(/hague-\d|\{\{/);
  });
});

describe("idempotent requests", () => {
  const open = () => {
    const s = played();
    run(s, F, { type: "enter-phase", phase: "p-branch" });
    run(s, F, { type: "enter-phase", phase: "p2" });
    run(s, F, { type: "open-decision", decision: "d2" });
    return s;
  };
  it("scopes request ids to their sender: two members may send the same id", () => {
    const s = open();
    expect(run(s, P("m1"), { type: "respond", decision: "d2", answer: { options: ["x"] }, request: "same" })).toHaveLength(1);
    expect(run(s, P("m3"), { type: "respond", decision: "d2", answer: { options: ["y"] }, request: "same" })).toHaveLength(1);
    run(s, F, { type: "open-hotwash" });
    expect(run(s, P("m1"), { type: "hotwash", answers: { h1: 2 }, anonymous: true, request: "hw-same" })).toHaveLength(1);
    expect(run(s, P("m2"), { type: "hotwash", answers: { h1: 4 }, anonymous: true, request: "hw-same" })).toHaveLength(1);
    expect(afterAction(scenario, s.log, {}).hotwash[0]).toMatchObject({ count: 2, mean: 3 });
  });
  it("acknowledges a repeat with the event it made, and refuses the same id with other content", () => {
    const s = open();
    const [made] = run(s, P("m1"), { type: "respond", decision: "d2", answer: { options: ["x"] }, request: "same" });
    expect(made).toBeTruthy();
    const seq = s.state.seq;
    expect(priorRequest(s.state, P("m1"), { type: "respond", decision: "d2", answer: { options: ["x"] }, request: "same" })).toEqual({ seq });
    const other = refused(() => priorRequest(s.state, P("m1"), { type: "respond", decision: "d2", answer: { options: ["y"] }, request: "same" }));
    expect([other.field, other.code, other.key]).toEqual(["request", "bad-input", "exercises.msg.refused.requestReused"]);
    expect(refused(() => run(s, P("m1"), { type: "respond", decision: "d2", answer: { options: ["y"] }, request: "same" })).field).toBe("request");
    expect(s.state.responses.d2).toEqual({ m1: { options: ["x"] } });
  });
  it("recognises a repeat after a restart, though the log's jsonb reorders keys", () => {
    const s = open();
    run(s, F, { type: "open-hotwash" });
    run(s, P("m1"), { type: "hotwash", answers: { h1: 4, h2: "More time" }, anonymous: true, request: "hw-1" });
    // Rebuild the state from the log as stored: jsonb sorts keys (shorter first), not as sent.
    const stored = s.log.map((e) => JSON.parse(JSON.stringify(e, (_k, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v))) as ExerciseEvent);
    const state = stored.reduce(reduce, initialState());
    expect(priorRequest(state, P("m1"), { type: "hotwash", answers: { h1: 4, h2: "More time" }, anonymous: true, request: "hw-1" })).toEqual({ seq: s.state.seq });
  });
});

describe("the hot wash", () => {
  const withHotwash = () => { const s = played(); run(s, F, { type: "open-hotwash" }); return s; };
  it("counts one answer per member and question, the latest, however many times it is sent", () => {
    const s = withHotwash();
    for (let i = 0; i < 25; i++) run(s, P("m1"), { type: "hotwash", answers: { h1: 1 }, anonymous: true, request: `stuff-${i}` });
    run(s, P("m1"), { type: "hotwash", answers: { h1: 5, h2: "Shorter phases" }, anonymous: true, request: "final-1" });
    run(s, P("m2"), { type: "hotwash", answers: { h1: 3 }, anonymous: false, request: "other-1" });
    // Answering one question again leaves the other answer as it was.
    run(s, P("m2"), { type: "hotwash", answers: { h2: "More injects" }, anonymous: false, request: "other-2" });
    const r = afterAction(scenario, s.log, {});
    expect(r.hotwash[0]).toMatchObject({ count: 2, mean: 4 });
    expect(r.hotwash[1].texts).toEqual([{ by: msg("exercises.msg.anonymous"), text: "Shorter phases" }, { by: "M2", text: "More injects" }]);
  });
  it("never shows the ballot, so an anonymous answer cannot be linked to a named one", () => {
    const s = withHotwash();
    run(s, P("m1"), { type: "hotwash", answers: { h1: 2 }, anonymous: false, request: "named-1" });
    run(s, P("m1"), { type: "hotwash", answers: { h1: 5 }, anonymous: true, request: "anon-1" });
    const answers = s.log.filter((e) => e.type === "hotwash-answered");
    expect(answers.map((e) => (e as { ballot?: string }).ballot)).toEqual(["ballot-of-m1", "ballot-of-m1"]);
    for (const v of [{ kind: "facilitator" }, { kind: "projector" }, { kind: "evaluator", member: "ev" }, { kind: "participant", member: "m1", role: "police" }] as Viewer[]) {
      expect(JSON.stringify(answers.map((e) => visibleTo(e, v)))).not.toContain("ballot");
    }
    expect(JSON.stringify(s.log.map(withoutBallot))).not.toContain("ballot");
    expect(answers.map((e) => (e as { member: string | null }).member)).toEqual(["m1", null]);
  });
  it("counts answers from before ballots one each, as before", () => {
    const s = withHotwash();
    const legacy = { type: "hotwash-answered", member: null, answers: { h1: 2 }, request: "old-1" } as const;
    for (const [i, e] of [legacy, { ...legacy, request: "old-2", answers: { h1: 4 } }].entries()) s.log.push({ ...e, seq: s.state.seq + 1 + i, at } as ExerciseEvent);
    expect(afterAction(scenario, s.log, {}).hotwash[0]).toMatchObject({ count: 2, mean: 3 });
  });
});

describe("refusals as messages", () => {
  /** The scenario with d2 answered by the police and the FIU only, as a role decision. */
  const byRole: Scenario = { ...scenario, phases: scenario.phases.map((p) => (p.id === "p2" ? { ...p, decisions: [{ ...p.decisions[0], scope: "role" as const, roles: ["police", "fiu"] }] } : p)) };
  const atD2 = (sc: Scenario) => {
    const s = played();
    join(s, "m4", "observer", "t3");
    for (const c of [{ type: "enter-phase", phase: "p-branch" }, { type: "enter-phase", phase: "p2" }, { type: "open-decision", decision: "d2" }] as Command[]) play(sc, s, F, c, at);
    return s;
  };
  const ids = /\b(d1|d2|p1|p2|p-branch|i1|i3|police|fiu|obj-1|h1)\b|\{\{|\$t\(|\.msg\./;

  it("says why with a message key, and names decisions, options, injects, phases and roles by their titles, never their ids", () => {
    const s = atD2(byRole);
    const cases: [() => unknown, string, string, Record<string, unknown>, string, string][] = [
      [() => play(byRole, s, P("m1"), { type: "respond", decision: "d2", answer: { option: "x" }, request: "k1" }, at), "answer", "answerKind", { decision: "Then?", response: "multiple" },
        "“Then?” asks for one or more options", "« Then? » demande une ou plusieurs options"],
      [() => play(byRole, s, P("m1"), { type: "respond", decision: "d2", answer: { options: ["x", "zz"] }, request: "k2" }, at), "answer.options", "notAnOption", { decision: "Then?" },
        "that is not one of the options of “Then?”", "ce n'est pas une des options de « Then? »"],
      [() => play(byRole, s, P("m4"), { type: "respond", decision: "d2", answer: { options: ["x"] }, request: "k3" }, at), "decision", "rolesOnly", { decision: "Then?", roles: [msg("exercises.msg.item", { text: "Police" }), msg("exercises.msg.item", { text: "FIU" })] },
        "only these roles answer “Then?”: Police; FIU", "seuls ces rôles répondent à « Then? » : Police ; FIU"],
      [() => play(byRole, s, F, { type: "reveal", decision: "d1" }, at), "decision", "notADecision", {},
        "this decision is not part of the current phase", "cette décision ne fait pas partie de la phase en cours"],
      [() => play(byRole, s, F, { type: "open-decision", decision: "d2" }, at), "decision", "alreadyOpened", { decision: "Then?" },
        "“Then?” has already been opened", "« Then? » a déjà été ouverte"],
      [() => play(byRole, s, F, { type: "timer-start", seconds: 5 }, at), "seconds", "seconds", { min: 10, max: 7200 },
        "must be a whole number of seconds from 10 to 7,200", "doit être un nombre entier de secondes de 10 à 7\u202f200"],
    ];
    for (const [fn, field, name, params, en, fr] of cases) {
      const e = refused(fn);
      expect([e.field, e.key, e.params], name).toEqual([field, `exercises.msg.refused.${name}`, params]);
      expect(translator("en")(e.msg)).toBe(en);
      expect(translator("fr")(e.msg)).toBe(fr);
      for (const lang of ["en", "fr", "es", "ru", "zh", "ar"]) expect(translator(lang)(e.msg), `${lang} ${name}`).not.toMatch(ids);
    }
    // A conditional inject waits for its option: the inject, the option and the decision by title.
    const other = played();
    const chosenB = { ...other.state, tallies: { ...other.state.tallies, d1: { ...other.state.tallies.d1, chosen: "b", branch: null } }, phase: "p-branch", status: "running" as const };
    const e = refused(() => decide(chosenB, scenario, F, { type: "release-inject", inject: "i3" }, new Date(at)));
    expect([e.field, e.code, translator("en")(e.msg)]).toEqual(["inject", "out-of-turn", "“Call” is released only when the room chooses “Option a” for “What now?”"]);
  });

  it("names the elements in the reader's language with the scenario in that language, keeping the checked scenario's titles where it lacks them", () => {
    const s = atD2(byRole);
    const e = refused(() => play(byRole, s, P("m4"), { type: "respond", decision: "d2", answer: { options: ["x"] }, request: "k4" }, at));
    const inFrench: Scenario = { ...byRole, roles: byRole.roles.map((r) => ({ ...r, name: r.id === "police" ? "Police nationale" : "CRF" })), phases: byRole.phases.map((p) => ({ ...p, decisions: p.decisions.map((d) => ({ ...d, prompt: d.id === "d2" ? "Et ensuite ?" : d.prompt })) })) };
    expect(translator("fr")(refusalIn(e, inFrench))).toBe("seuls ces rôles répondent à « Et ensuite ? » : Police nationale ; CRF");
    const withoutD2: Scenario = { ...inFrench, phases: inFrench.phases.map((p) => ({ ...p, decisions: p.decisions.filter((d) => d.id !== "d2") })) };
    expect(refusalIn(e, withoutD2).params).toMatchObject({ decision: "Then?", roles: [msg("exercises.msg.item", { text: "Police nationale" }), msg("exercises.msg.item", { text: "CRF" })] });
  });

  it("lists the phases the room may enter when a refusal names several", () => {
    expect(titlesIn(scenario, { phases: [{ phase: "p-branch" }, { phase: "p2" }] })).toEqual({ phases: [msg("exercises.msg.quoted", { text: "Branch" }), msg("exercises.msg.quoted", { text: "Second" })] });
    expect(translator("en")(msg("exercises.msg.refused.nextPhases", titlesIn(scenario, { phases: [{ phase: "p-branch" }, { phase: "p2" }] })))).toBe("the next phase is one of these: “Branch”; “Second”");
    expect(titlesIn(scenario, { option: { option: "b", decision: "d1" }, inject: { inject: "nope" } })).toEqual({ option: "Option b" });
  });
});

describe("command types", () => {
  it("knows only its own commands: Object.prototype's keys are not commands", () => {
    for (const type of ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]) {
      expect(isCommandType(type)).toBe(false);
      const e = refused(() => decide(played().state, scenario, F, { type } as unknown as Command, new Date(at)));
      expect([e.field, e.code, e.msg]).toEqual(["type", "bad-input", msg("exercises.msg.refused.notACommand")]);
    }
    expect(isCommandType("respond")).toBe(true);
  });
});

export type { EventData };

describe("the projector during a decision", () => {
  const answered = { type: "response-recorded", decision: "d1", member: "m1", answer: { text: "Call the prosecutor" }, request: "req-00000001", seq: 7, at: "2026-12-07T10:00:00.000Z" } as ExerciseEvent;
  it("learns that someone answered, never what, and counts each member once", () => {
    const seen = visibleTo(answered, { kind: "projector" })!;
    expect(seen).toMatchObject({ type: "response-recorded", decision: "d1", member: "m1", answer: { text: "" }, request: "" });
    const again = { ...answered, seq: 8, answer: { text: "Changed my mind" } } as ExerciseEvent;
    const view = [seen, visibleTo(again, { kind: "projector" })!].reduce(applyEvent, emptyView());
    expect(view.answered.d1).toEqual(["m1"]);
    expect(view.answers).toEqual({});
  });
  it("groups the same text answer given by several people, the most given first", () => {
    expect(groupTexts(["Share the list.", "share the list", "  Share  the list ", "Wait", ""])).toEqual([{ text: "Share the list.", count: 3 }, { text: "Wait", count: 1 }]);
  });
});
