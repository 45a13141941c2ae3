/**
 * Cohorts of a regional training (docs/decisions/0039), the pure part: which questions a cohort's
 * pre- and post-test hold, how an answer is scored, and the gains a trainer reads (per question,
 * per practice or other cited entry, per audience), each with the numbers that explain it.
 */
import type { KnowledgeBase, Question } from "../knowledge/schema.js";
import { audienceIds, type Audience } from "./audiences.js";
import { citedEntry } from "./bank.js";
import { stableShuffle } from "./learnerQuestion.js";
import type { LearningPath } from "./paths.js";

export const TEST_PHASES = ["pre", "post"] as const;
export type TestPhase = (typeof TEST_PHASES)[number];
export const MAX_TEST_SIZE = 20;

/**
 * A cohort's test: the same questions before and after, so each question's gain compares like with
 * like. Drawn round-robin over the path's modules (each module's questions in an order fixed by the
 * cohort's seed), so every module is tested before any is tested twice. The audience's own questions
 * come first; when the test asks for more, questions written for other audiences about the same
 * entries (a practice of the path, a manifestation or an indicator for the first module) fill it.
 */
export function drawTest(kb: KnowledgeBase, path: LearningPath, size: number, seed: string): string[] {
  const entryModule = new Map<string, string>();
  for (const m of path.modules) {
    for (const p of m.practices) entryModule.set(`practice:${p}`, m.id);
  }
  const moduleOf = (q: Question): string | undefined => {
    const c = citedEntry(q);
    if (!c) return undefined;
    if (c.kind === "practice") return entryModule.get(`practice:${c.id}`);
    return path.modules[0]?.id; // manifestations and indicators: the nexus module
  };
  const own = kb.questions.filter((q) => q.audience === path.audience && moduleOf(q));
  const others = kb.questions.filter((q) => q.audience !== path.audience && moduleOf(q));
  const picked: string[] = [];
  for (const pool of [own, others]) {
    const byModule = path.modules.map((m) => stableShuffle(pool.filter((q) => moduleOf(q) === m.id), `${seed}:${m.id}`).map((q) => q.id));
    for (let round = 0; picked.length < size && byModule.some((l) => l.length > round); round++) {
      for (const l of byModule) if (l[round] && picked.length < size) picked.push(l[round]);
    }
  }
  return picked;
}

/** Whether a response is right: the same set of options (single, multiple, scenario) or the same order (ordering). */
export function isCorrect(q: Question, response: readonly string[]): boolean {
  if (q.type === "ordering") {
    const right = q.options.map((o) => o.id);
    return response.length === right.length && response.every((r, i) => r === right[i]);
  }
  const right = new Set<string>(q.options.filter((o) => o.correct).map((o) => o.id));
  const given = new Set(response);
  return given.size === response.length && given.size === right.size && [...given].every((r) => right.has(r));
}

/** A response that names only the question's options, each once (ordering: all of them). Returns the refusal's key or null. */
export function responseProblem(q: Question, response: readonly string[]): "trainingResponseOption" | "trainingResponseRepeated" | "trainingResponseCount" | null {
  const ids = new Set<string>(q.options.map((o) => o.id));
  if (response.some((r) => !ids.has(r))) return "trainingResponseOption";
  if (new Set(response).size !== response.length) return "trainingResponseRepeated";
  if (q.type === "ordering" ? response.length !== q.options.length : q.type === "multiple" ? response.length < 1 : response.length !== 1) return "trainingResponseCount";
  return null;
}

export interface AnswerFact { participant: string; audience: string; phase: TestPhase; question: string; correct: boolean }

/** Right answers among those who answered, before and after, and the gain in points of percentage. */
export interface Rate { pre: { right: number; of: number }; post: { right: number; of: number }; gain: number | null }

/**
 * A concept "did not land" when, after the training, fewer than this share answered it right, or
 * the share did not rise. The reason says which.
 */
export const LANDED_SHARE = 0.6;
export type Verdict = { landed: true } | { landed: false; reason: "lowPost" | "noGain" | "notTested" };

const share = (x: { right: number; of: number }) => (x.of ? x.right / x.of : null);
function rateOf(facts: AnswerFact[]): Rate {
  const pre = facts.filter((f) => f.phase === "pre");
  const post = facts.filter((f) => f.phase === "post");
  const r = { pre: { right: pre.filter((f) => f.correct).length, of: pre.length }, post: { right: post.filter((f) => f.correct).length, of: post.length } };
  const a = share(r.pre), b = share(r.post);
  return { ...r, gain: a === null || b === null ? null : Math.round((b - a) * 1000) / 10 };
}
function verdict(r: Rate): Verdict {
  const b = share(r.post);
  if (b === null) return { landed: false, reason: "notTested" };
  if (b < LANDED_SHARE) return { landed: false, reason: "lowPost" };
  if (r.gain !== null && r.gain <= 0 && b < 1) return { landed: false, reason: "noGain" };
  return { landed: true };
}

export interface Gains {
  participants: { joined: number; pre: number; post: number; both: number };
  overall: Rate;
  questions: (Rate & Verdict & { question: string; about: { kind: string; id: string } })[];
  entries: (Rate & Verdict & { kind: string; id: string; questions: string[] })[];
  audiences: (Rate & { audience: string; participants: number })[];
}

/**
 * The gains of a cohort. Only participants who took both tests count, so a late joiner who took the
 * post-test alone does not inflate (or sink) a gain; how many took each test is given beside it.
 */
export function gains(kb: KnowledgeBase, test: readonly string[], joined: { id: string; audience: string }[], answers: AnswerFact[]): Gains {
  const took = (phase: TestPhase) => new Set(answers.filter((a) => a.phase === phase).map((a) => a.participant));
  const pre = took("pre"), post = took("post");
  const both = new Set([...pre].filter((p) => post.has(p)));
  const paired = answers.filter((a) => both.has(a.participant) && test.includes(a.question));
  const byQuestion = new Map(kb.questions.map((q) => [q.id, q]));
  const questions = test.map((id) => {
    const q = byQuestion.get(id);
    const c = q ? citedEntry(q) : undefined;
    const r = rateOf(paired.filter((a) => a.question === id));
    return { question: id, about: c ?? { kind: "practice", id: "" }, ...r, ...verdict(r) };
  });
  const entryKeys = [...new Set(questions.map((q) => `${q.about.kind}:${q.about.id}`))];
  const entries = entryKeys.map((k) => {
    const [kind, id] = k.split(":");
    const qs = questions.filter((q) => q.about.kind === kind && q.about.id === id).map((q) => q.question);
    const r = rateOf(paired.filter((a) => qs.includes(a.question)));
    return { kind, id, questions: qs, ...r, ...verdict(r) };
  });
  const present = [...new Set(joined.filter((p) => both.has(p.id)).map((p) => p.audience))];
  const audiences = audienceIds.filter((a: Audience) => present.includes(a)).map((a) => ({
    audience: a, participants: joined.filter((p) => both.has(p.id) && p.audience === a).length, ...rateOf(paired.filter((x) => x.audience === a)),
  }));
  return {
    participants: { joined: joined.length, pre: pre.size, post: post.size, both: both.size },
    overall: rateOf(paired), questions, entries, audiences,
  };
}

/** The practices that did not land, for the action plan: practice entries only, in the order of the test. */
export const weakPractices = (g: Gains) => g.entries.filter((e) => e.kind === "practice" && !e.landed).map((e) => e.id);
