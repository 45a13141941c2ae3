/**
 * The authoritative state of a live exercise and the rules for changing it. The server holds
 * one state per session; a command from the facilitator, a participant or an evaluator is
 * checked against the state and the scenario and becomes events, or is refused with the field
 * and the reason. Pacing is manual, with injects the facilitator may schedule (schedule.ts):
 * nothing here runs on a clock (the caller passes the time, and fires releaseDue). Pure.
 */
import { msg, type Msg, type MsgParam } from "../i18n/messages.js";
import type { ExercisesKey } from "../i18n/exercises/en.js";
import type { DecisionPoint, Scenario } from "../knowledge/schema.js";
import type { Answer, EventData, ExerciseEvent, Member, Status, Tally } from "./events.js";
import { titlesIn, type ScenarioRefs } from "./localize.js";
import { dueNow, emptyClock, MAX_OFFSET_SECONDS, stepClock, type Clock } from "./schedule.js";

export interface SessionState {
  status: Status;
  before: Status | null;
  phase: string | null;
  played: string[];
  situations: string[];
  injects: string[];
  decisions: Record<string, "open" | "closed" | "revealed">;
  members: Record<string, Member>;
  /** latest answer per decision and member */
  responses: Record<string, Record<string, Answer>>;
  /**
   * The request ids already applied (idempotency), scoped to whoever sent them (a member, or a
   * member's hot-wash ballot): the event they made and what the command said, so a repeat is
   * recognised and a reused id with another content is refused.
   */
  requests: Record<string, { seq: number; content: string }>;
  tallies: Record<string, Tally>;
  hotwash: boolean;
  /** the current phase's start, its pauses and its scheduled injects */
  clock: Clock;
  seq: number;
}

export const initialState = (): SessionState => ({
  status: "lobby", before: null, phase: null, played: [], situations: [], injects: [], decisions: {}, members: {}, responses: {}, requests: {}, tallies: {}, hotwash: false, clock: emptyClock(), seq: 0,
});

export type RefusalCode = "bad-input" | "out-of-turn" | "forbidden";
/** The name of a refusal in the exercises catalogue (`exercises.msg.refused.<name>`). */
type Refusal<K> = K extends `refused.${infer N}` ? N : never;
export type RefusalName = Refusal<ExercisesKey>;

/**
 * A refused command: the field, the reason as a message key of the exercises catalogue with its
 * parameters (decision 0025), and the kind of refusal. A parameter that names an element of the
 * scenario holds its title (never its id) from the scenario the command was checked against;
 * `refs` says which element it is, so that a screen names it in its reader's language
 * (refusalIn, localize.ts). The Error's own message is the key.
 */
export class ExerciseError extends Error {
  readonly key: string;
  readonly params: Record<string, MsgParam>;
  constructor(readonly field: string, name: RefusalName, readonly code: RefusalCode = "bad-input", values: Record<string, string | number> = {}, readonly refs: ScenarioRefs = {}, sc?: Scenario) {
    const key = `exercises.msg.refused.${name}`;
    super(key);
    this.key = key;
    this.params = { ...values, ...(sc ? titlesIn(sc, refs) : {}) };
  }
  /** The reason as a message, with the titles of the scenario it was checked against. */
  get msg(): Msg { return msg(this.key, Object.keys(this.params).length ? this.params : undefined); }
}

/**
 * Who sends a command. A member's `ballot` is a random key of theirs, stored with the member and
 * never shown: it ties their hot-wash answers together (one per question; the latest counts)
 * without naming them in the event log, so anonymous answers stay anonymous.
 */
export type Actor = { kind: "facilitator" } | { kind: "participant" | "evaluator"; member: string; ballot?: string };

export type Command =
  | { type: "start-briefing" }
  | { type: "enter-phase"; phase: string }
  | { type: "release-situation" }
  | { type: "release-inject"; inject: string }
  | { type: "schedule-inject"; inject: string; after_seconds: number }
  | { type: "hold-inject"; inject: string }
  | { type: "open-decision"; decision: string }
  | { type: "close-decision"; decision: string }
  | { type: "reveal"; decision: string }
  | { type: "pause" }
  | { type: "resume" }
  | { type: "timer-start"; seconds: number }
  | { type: "timer-stop" }
  | { type: "open-hotwash" }
  | { type: "end" }
  | { type: "respond"; decision: string; answer: Answer; request: string }
  | { type: "observe"; rating: "P" | "S" | "M" | "U"; practice?: string; objective?: string; note: string; request: string }
  | { type: "hotwash"; answers: Record<string, string | number>; anonymous: boolean; request: string };

/** Who may send each command. */
export const commandActors: Record<Command["type"], Actor["kind"][]> = {
  "start-briefing": ["facilitator"], "enter-phase": ["facilitator"], "release-situation": ["facilitator"], "release-inject": ["facilitator"], "schedule-inject": ["facilitator"], "hold-inject": ["facilitator"],
  "open-decision": ["facilitator"], "close-decision": ["facilitator"], reveal: ["facilitator"], pause: ["facilitator"], resume: ["facilitator"],
  "timer-start": ["facilitator"], "timer-stop": ["facilitator"], "open-hotwash": ["facilitator"], end: ["facilitator"],
  respond: ["participant"], observe: ["evaluator"], hotwash: ["participant", "evaluator"],
};

/** Whether `type` names a command (an own key: "__proto__" or "constructor" are not commands). */
export const isCommandType = (type: unknown): type is Command["type"] => typeof type === "string" && Object.hasOwn(commandActors, type);

/** Stable JSON: keys sorted at every level (the log's jsonb does not keep key order). */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(",")}]`;
  if (value && typeof value === "object") return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`).join(",")}}`;
  return JSON.stringify(value ?? null);
}

/** The idempotency key of a command that carries a request id, and what it says; null for commands without one. */
function requestOf(actor: Actor, c: Command): { key: string; content: string } | null {
  if (actor.kind === "facilitator") return null;
  switch (c.type) {
    case "respond": return { key: `${actor.member}:${c.request}`, content: stable({ decision: c.decision, answer: c.answer }) };
    case "observe": return { key: `${actor.member}:${c.request}`, content: stable({ rating: c.rating, practice: c.practice ?? null, objective: c.objective ?? null, note: c.note }) };
    case "hotwash": {
      if (!actor.ballot) throw new Error("a hot-wash answer needs the member's ballot key");
      return { key: `ballot:${actor.ballot}:${c.request}`, content: stable({ answers: c.answers, anonymous: c.anonymous }) };
    }
    default: return null;
  }
}

/** The same, read back from the event a command made (to rebuild the state from the log). */
function requestOfEvent(e: ExerciseEvent): { key: string; content: string } | null {
  switch (e.type) {
    case "response-recorded": return { key: `${e.member}:${e.request}`, content: stable({ decision: e.decision, answer: e.answer }) };
    case "observation-recorded": return { key: `${e.member}:${e.request}`, content: stable({ rating: e.rating, practice: e.practice, objective: e.objective, note: e.note }) };
    // Answers from before ballots (no ballot in the event) kept the old, session-wide key.
    case "hotwash-answered": return { key: e.ballot ? `ballot:${e.ballot}:${e.request}` : `hotwash:${e.request}`, content: stable({ answers: e.answers, anonymous: e.member === null }) };
    default: return null;
  }
}

/**
 * A command whose request id this sender already used: the event it made (a repeat, to
 * acknowledge again with that event's seq), or null when the id is new. The same id with other
 * content is refused, never dropped in silence: the sender must use a new id.
 */
export function priorRequest(s: SessionState, actor: Actor, c: Command): { seq: number } | null {
  const r = requestOf(actor, c);
  if (!r || !Object.hasOwn(s.requests, r.key)) return null;
  const prior = s.requests[r.key];
  if (prior.content !== r.content) throw new ExerciseError("request", "requestReused");
  return { seq: prior.seq };
}

export function reduce(s: SessionState, e: ExerciseEvent): SessionState {
  const n: SessionState = { ...s, seq: e.seq, clock: stepClock(s.clock, e) };
  const r = requestOfEvent(e);
  if (r) n.requests = { ...s.requests, [r.key]: { seq: e.seq, content: r.content } };
  switch (e.type) {
    case "member-joined": n.members = { ...s.members, [e.member.id]: e.member }; break;
    case "briefing-started": n.status = "briefing"; break;
    case "phase-entered": n.status = "running"; n.phase = e.phase; n.played = [...s.played, e.phase]; break;
    case "situation-released": n.situations = [...s.situations, e.phase]; break;
    case "inject-released": n.injects = [...s.injects, e.inject]; break;
    case "decision-opened": n.decisions = { ...s.decisions, [e.decision]: "open" }; break;
    case "decision-closed": n.decisions = { ...s.decisions, [e.decision]: "closed" }; break;
    case "results-revealed": n.decisions = { ...s.decisions, [e.decision]: "revealed" }; n.tallies = { ...s.tallies, [e.decision]: e.tally }; break;
    case "response-recorded": {
      // Re-inserted, so the keys run from the oldest to the newest answer (a table's or role's latest wins).
      const { [e.member]: _previous, ...others } = s.responses[e.decision] ?? {};
      n.responses = { ...s.responses, [e.decision]: { ...others, [e.member]: e.answer } };
      break;
    }
    case "paused": n.before = s.status; n.status = "paused"; break;
    case "resumed": n.status = s.before ?? "running"; n.before = null; break;
    case "hotwash-opened": n.hotwash = true; break;
    case "ended": n.status = "ended"; break;
    default: break;
  }
  return n;
}

const phaseOf = (sc: Scenario, id: string | null) => sc.phases.find((p) => p.id === id);

/** The phases the facilitator may enter next: a branch chosen in this phase, else the next phase that is not a branch. */
export function nextPhases(s: SessionState, sc: Scenario): string[] {
  if (s.phase === null) return sc.phases.length ? [sc.phases[0].id] : [];
  const current = phaseOf(sc, s.phase)!;
  const branches = current.decisions.map((d) => s.tallies[d.id]?.branch).filter((b): b is string => Boolean(b));
  if (branches.length) return [...new Set(branches)];
  const at = sc.phases.findIndex((p) => p.id === s.phase);
  const next = sc.phases.slice(at + 1).find((p) => !p.branch);
  return next ? [next.id] : [];
}

/** Counts answers per deciding unit: each member, or for table and role scope the latest answer of each table or role (responses run oldest to newest). */
export function tally(d: DecisionPoint, responses: Record<string, Answer>, members: Record<string, Member>): Tally {
  const unitOf = (m: string) => (d.scope === "table" ? `table:${members[m]?.table ?? m}` : d.scope === "role" ? `role:${members[m]?.role ?? m}` : m);
  const latest = new Map<string, Answer>();
  for (const [m, a] of Object.entries(responses)) {
    latest.delete(unitOf(m));
    latest.set(unitOf(m), a);
  }
  const counts: Record<string, number> = Object.fromEntries(d.options.map((o) => [o.id, 0]));
  const texts: string[] = [];
  for (const a of latest.values()) {
    if ("option" in a) counts[a.option] += 1;
    else if ("options" in a) for (const o of a.options) counts[o] += 1;
    else if ("order" in a) a.order.forEach((o, i) => { counts[o] += a.order.length - i; });
    else texts.push(a.text);
  }
  const top = Math.max(0, ...Object.values(counts));
  const leaders = d.options.filter((o) => counts[o.id] === top && top > 0);
  const chosen = leaders.length === 1 ? leaders[0].id : null;
  const branch = chosen ? d.options.find((o) => o.id === chosen)?.branch ?? null : null;
  return { units: latest.size, counts, chosen, branch, ...(d.response === "text" ? { texts } : {}) };
}

function checkAnswer(sc: Scenario, d: DecisionPoint, a: Answer) {
  const ids = new Set(d.options.map((o) => o.id));
  const want = { single: "option", multiple: "options", rank: "order", text: "text" }[d.response];
  const decision = { decision: { decision: d.id } };
  if (!(want in a)) throw new ExerciseError("answer", "answerKind", "bad-input", { response: d.response }, decision, sc);
  if ("option" in a && !ids.has(a.option)) throw new ExerciseError("answer.option", "notAnOption", "bad-input", {}, decision, sc);
  if ("options" in a) {
    if (!a.options.length) throw new ExerciseError("answer.options", "noOption");
    if (a.options.some((o) => !ids.has(o))) throw new ExerciseError("answer.options", "notAnOption", "bad-input", {}, decision, sc);
    if (new Set(a.options).size !== a.options.length) throw new ExerciseError("answer.options", "optionTwice");
  }
  if ("order" in a && (a.order.length !== ids.size || new Set(a.order).size !== ids.size || a.order.some((o) => !ids.has(o)))) {
    throw new ExerciseError("answer.order", "rankAll", "bad-input", {}, decision, sc);
  }
}

type Phase = Scenario["phases"][number];
const released = (phase: Phase, inj: Phase["injects"][number], scheduled = false): EventData => ({
  type: "inject-released", inject: inj.id, phase: phase.id, kind: inj.kind, title: inj.title, text: inj.text, audience: inj.audience, notes: inj.facilitator_notes, ...(scheduled ? { scheduled: true as const } : {}),
});

/** The scheduled injects due at `now`, released (none while paused, after the end, or once out). */
export function releaseDue(s: SessionState, sc: Scenario, now: Date): EventData[] {
  const phase = phaseOf(sc, s.phase);
  if (!phase || s.status !== "running") return [];
  return dueNow(s.clock, now).flatMap((id) => {
    const inj = phase.injects.find((i) => i.id === id);
    return inj && !s.injects.includes(id) ? [released(phase, inj, true)] : [];
  });
}

/** Checks a command against the state and the scenario and returns the events it makes. Throws ExerciseError when refused. */
export function decide(s: SessionState, sc: Scenario, actor: Actor, c: Command, now: Date): EventData[] {
  if (!isCommandType(c.type)) throw new ExerciseError("type", "notACommand");
  if (!commandActors[c.type].includes(actor.kind)) throw new ExerciseError("type", `notFor.${actor.kind}`, "forbidden");
  // A repeated request makes nothing new (the caller acknowledges it with priorRequest's seq).
  if (priorRequest(s, actor, c)) return [];
  /** Refuses a command that comes out of turn, naming the elements of the scenario in `refs` by their titles. */
  const outOfTurn = (name: RefusalName, field = "type", refs: ScenarioRefs = {}): never => { throw new ExerciseError(field, name, "out-of-turn", {}, refs, sc); };
  if (s.status === "ended" && c.type !== "hotwash") outOfTurn("ended");
  if (s.status === "paused" && c.type !== "resume" && c.type !== "end") outOfTurn("paused");
  const phase = phaseOf(sc, s.phase);
  /** An inject of the current phase that is not out yet. */
  const injectIn = (id: string) => {
    const inj = phase?.injects.find((i) => i.id === id);
    if (!inj) throw new ExerciseError("inject", "notAnInject");
    if (s.injects.includes(inj.id)) outOfTurn("injectOut", "inject", { inject: { inject: inj.id } });
    return inj;
  };
  const decisionIn = (id: string) => {
    const d = phase?.decisions.find((x) => x.id === id);
    if (!d) throw new ExerciseError("decision", "notADecision");
    return d;
  };
  /** The decision still open, which must be closed first. */
  const stillOpen = (field?: string) => {
    const open = Object.entries(s.decisions).find(([, st]) => st === "open");
    if (open) outOfTurn("closeFirst", field, { decision: { decision: open[0] } });
  };
  switch (c.type) {
    case "start-briefing":
      if (s.status !== "lobby") outOfTurn("briefingStarted");
      return [{ type: "briefing-started" }];
    case "enter-phase": {
      if (s.status === "lobby") outOfTurn("briefingFirst");
      const allowed = nextPhases(s, sc);
      if (!allowed.includes(c.phase)) {
        if (!allowed.length) outOfTurn("noFurtherPhase", "phase");
        if (allowed.length === 1) outOfTurn("nextPhase", "phase", { phase: { phase: allowed[0] } });
        outOfTurn("nextPhases", "phase", { phases: allowed.map((p) => ({ phase: p })) });
      }
      stillOpen();
      const p = phaseOf(sc, c.phase)!;
      return [{ type: "phase-entered", phase: p.id, title: p.title, branch: p.branch }];
    }
    case "release-situation":
      if (!phase) outOfTurn("phaseFirst");
      if (s.situations.includes(phase!.id)) outOfTurn("situationOut");
      return [{ type: "situation-released", phase: phase!.id, title: phase!.title, situation: phase!.situation }];
    case "release-inject": {
      const inj = injectIn(c.inject);
      if (inj.release.mode === "conditional" && s.tallies[inj.release.decision]?.chosen !== inj.release.option) {
        const { decision, option } = inj.release;
        outOfTurn("conditional", "inject", { inject: { inject: inj.id }, option: { option, decision }, decision: { decision } });
      }
      return [released(phase!, inj)];
    }
    case "schedule-inject": {
      const inj = injectIn(c.inject);
      if (inj.release.mode === "conditional") outOfTurn("notSchedulable", "inject", { inject: { inject: inj.id } });
      if (!(Number.isInteger(c.after_seconds) && c.after_seconds >= 0 && c.after_seconds <= MAX_OFFSET_SECONDS)) throw new ExerciseError("after_seconds", "seconds", "bad-input", { min: 0, max: MAX_OFFSET_SECONDS });
      return [{ type: "inject-scheduled", inject: inj.id, after_seconds: c.after_seconds }];
    }
    case "hold-inject":
      if (!(c.inject in s.clock.schedule)) {
        if (!phase?.injects.some((i) => i.id === c.inject)) throw new ExerciseError("inject", "notAnInject", "out-of-turn");
        outOfTurn("notScheduled", "inject", { inject: { inject: c.inject } });
      }
      return [{ type: "inject-held", inject: c.inject }];
    case "open-decision": {
      const d = decisionIn(c.decision);
      if (s.decisions[d.id]) outOfTurn("alreadyOpened", "decision", { decision: { decision: d.id } });
      stillOpen("decision");
      return [{ type: "decision-opened", decision: d.id, phase: phase!.id, prompt: d.prompt, scope: d.scope, roles: d.roles, response: d.response, options: d.options.map((o) => ({ id: o.id, text: o.text })) }];
    }
    case "close-decision":
      decisionIn(c.decision);
      if (s.decisions[c.decision] !== "open") outOfTurn("notOpen", "decision", { decision: { decision: c.decision } });
      return [{ type: "decision-closed", decision: c.decision }];
    case "reveal": {
      const d = decisionIn(c.decision);
      const state = s.decisions[d.id];
      if (state !== "closed") outOfTurn(state === "open" ? "closeBeforeReveal" : state === "revealed" ? "alreadyRevealed" : "notOpenedYet", "decision", { decision: { decision: d.id } });
      return [{ type: "results-revealed", decision: d.id, tally: tally(d, s.responses[d.id] ?? {}, s.members) }];
    }
    case "pause":
      if (s.status === "lobby") outOfTurn("nothingToPause");
      return [{ type: "paused" }];
    case "resume":
      if (s.status !== "paused") outOfTurn("notPaused");
      return [{ type: "resumed" }];
    case "timer-start":
      if (!(Number.isInteger(c.seconds) && c.seconds >= 10 && c.seconds <= 7200)) throw new ExerciseError("seconds", "seconds", "bad-input", { min: 10, max: 7200 });
      return [{ type: "timer-started", seconds: c.seconds, ends_at: new Date(now.getTime() + c.seconds * 1000).toISOString() }];
    case "timer-stop":
      return [{ type: "timer-stopped" }];
    case "open-hotwash":
      if (s.hotwash) outOfTurn("hotwashOpen");
      return [{ type: "hotwash-opened" }];
    case "end":
      return [{ type: "ended" }];
    case "respond": {
      const m = s.members[(actor as { member: string }).member];
      const d = phase?.decisions.find((x) => x.id === c.decision);
      if (!d) throw new ExerciseError("decision", "notADecision", "out-of-turn");
      if (s.decisions[d.id] !== "open") outOfTurn("notOpenForAnswers", "decision", { decision: { decision: d.id } });
      if (d.scope === "role" && !d.roles.includes(m.role ?? "")) throw new ExerciseError("decision", "rolesOnly", "forbidden", {}, { decision: { decision: d.id }, roles: d.roles.map((r) => ({ role: r })) }, sc);
      checkAnswer(sc, d, c.answer);
      return [{ type: "response-recorded", decision: d.id, member: m.id, answer: c.answer, request: c.request }];
    }
    case "observe": {
      const m = (actor as { member: string }).member;
      if (s.status === "lobby") outOfTurn("notStarted");
      if (c.practice && !sc.practices.includes(c.practice)) throw new ExerciseError("practice", "notAPractice");
      if (c.objective && !sc.objectives.some((o) => o.id === c.objective)) throw new ExerciseError("objective", "notAnObjective");
      if (!c.practice && !c.objective) throw new ExerciseError("practice", "ratingTarget");
      return [{ type: "observation-recorded", member: m, rating: c.rating, practice: c.practice ?? null, objective: c.objective ?? null, note: c.note, request: c.request }];
    }
    case "hotwash": {
      if (!s.hotwash) outOfTurn("hotwashClosed");
      const known = new Map(sc.hotwash.map((q) => [q.id, q]));
      for (const [q, v] of Object.entries(c.answers)) {
        const question = known.get(q);
        if (!question) throw new ExerciseError(`answers.${q}`, "notAQuestion");
        if (question.kind === "rating" && !(typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 5)) throw new ExerciseError(`answers.${q}`, "rating", "bad-input", { min: 1, max: 5 });
        if (question.kind === "text" && !(typeof v === "string" && v.length <= 2000)) throw new ExerciseError(`answers.${q}`, "textTooLong", "bad-input", { max: 2000 });
      }
      // One answer per member and question: a later answer replaces the earlier (the report
      // keeps the latest per ballot). The ballot, not the member, ties them together.
      const { member, ballot } = actor as { member: string; ballot: string };
      return [{ type: "hotwash-answered", member: c.anonymous ? null : member, ballot, answers: c.answers, request: c.request }];
    }
  }
}
