/**
 * The after-action report of a session, from its event log: which practices were exercised
 * and how well (a heatmap whose every cell explains itself), the decision results against the
 * aligned options, which agencies took part compared with the actors the practices expect (of
 * the agencies the scenario casts: `expectedInScenario`), the evaluators' P/S/M/U observations,
 * the hot-wash answers, and improvement items drafted from what went wrong (weak practices,
 * missing agencies). Every reason and drafted item is a message (exercises.msg.*) naming
 * practices by their short label and agencies by name (decision 0025). Pure.
 */
import { msg, type Msg } from "../i18n/messages.js";
import { practiceRef } from "../i18n/practices.js";
import type { Scenario } from "../knowledge/schema.js";
import type { ExerciseEvent, Member, Tally } from "./events.js";

export const ratingScore = { P: 3, S: 2, M: 1, U: 0 } as const;
/** The P/S/M/U ratings, worded by exercises.msg.rating.<letter>. */
export const ratingLetters = ["P", "S", "M", "U"] as const;

export interface PracticeCell { practice: string; decisions: number; alignedShare: number | null; observations: number; observationMean: number | null; level: "strong" | "mixed" | "weak" | "not exercised"; why: Msg[] }
export interface DecisionResult { decision: string; phase: string; prompt: string; units: number; options: { id: string; text: string; alignment: string; count: number; chosen: boolean }[]; chosen: string | null; chosenAlignment: string | null; alignedShare: number | null; branch: string | null }
export interface ImprovementItem { practice: string; title: Msg; why: Msg[]; actors: string[] }

/**
 * The actors each practice expects, narrowed to the agencies the scenario casts (its roles'
 * actors). A practice lists every actor that could ever take part in it (often a dozen, "private
 * sector" included); an exercise only ever expects the agencies its scenario gives a role to, so
 * "missing" names agencies a facilitator could actually have brought to the table.
 */
export function expectedInScenario(sc: Pick<Scenario, "roles">, practiceActors: Record<string, string[]>): Record<string, string[]> {
  const cast = new Set(sc.roles.map((r) => r.actor));
  return Object.fromEntries(Object.entries(practiceActors).map(([p, actors]) => [p, actors.filter((a) => cast.has(a))]));
}

/** `actorName`: an actor of the taxonomy by name, in the reader's language. */
export function afterAction(sc: Scenario, events: ExerciseEvent[], expectedActors: Record<string, string[]>, actorName: (id: string) => string = (id) => id) {
  const members = new Map<string, Member>();
  const tallies = new Map<string, Tally>();
  const answeredBy = new Map<string, Set<string>>();
  const observations: Extract<ExerciseEvent, { type: "observation-recorded" }>[] = [];
  const hotwash: Extract<ExerciseEvent, { type: "hotwash-answered" }>[] = [];
  const played: string[] = [];
  for (const e of events) {
    if (e.type === "member-joined") members.set(e.member.id, e.member);
    if (e.type === "results-revealed") tallies.set(e.decision, e.tally);
    if (e.type === "response-recorded") answeredBy.set(e.decision, new Set([...(answeredBy.get(e.decision) ?? []), e.member]));
    if (e.type === "observation-recorded") observations.push(e);
    if (e.type === "hotwash-answered") hotwash.push(e);
    if (e.type === "phase-entered") played.push(e.phase);
  }

  const decisions: DecisionResult[] = sc.phases.flatMap((p) => p.decisions.map((d) => ({ p, d }))).filter(({ d }) => tallies.has(d.id)).map(({ p, d }) => {
    const t = tallies.get(d.id)!;
    const total = Object.values(t.counts).reduce((a, b) => a + b, 0);
    const aligned = d.options.filter((o) => o.alignment === "aligned").reduce((a, o) => a + (t.counts[o.id] ?? 0), 0);
    const chosen = d.options.find((o) => o.id === t.chosen);
    return {
      decision: d.id, phase: p.id, prompt: d.prompt, units: t.units,
      options: d.options.map((o) => ({ id: o.id, text: o.text, alignment: o.alignment, count: t.counts[o.id] ?? 0, chosen: o.id === t.chosen })),
      chosen: t.chosen, chosenAlignment: chosen?.alignment ?? null, alignedShare: total ? aligned / total : null, branch: t.branch,
    };
  });

  const heatmap: PracticeCell[] = sc.practices.map((practice) => {
    const why: Msg[] = [];
    const shares: number[] = [];
    for (const r of decisions) {
      const d = sc.phases.flatMap((p) => p.decisions).find((x) => x.id === r.decision)!;
      if (!d.options.some((o) => o.practices.includes(practice)) || r.alignedShare === null) continue;
      shares.push(r.alignedShare);
      const share = msg("common.msg.percent", { n: Math.round(r.alignedShare * 100) });
      why.push(r.chosenAlignment ? msg("exercises.msg.why.decision", { prompt: d.prompt, share, alignment: r.chosenAlignment }) : msg("exercises.msg.why.decisionNoWinner", { prompt: d.prompt, share }));
    }
    const obs = observations.filter((o) => o.practice === practice);
    for (const o of obs) why.push(o.note ? msg("exercises.msg.why.evaluatorNote", { rating: o.rating, note: o.note }) : msg("exercises.msg.why.evaluator", { rating: o.rating }));
    const alignedShare = shares.length ? shares.reduce((a, b) => a + b, 0) / shares.length : null;
    const observationMean = obs.length ? obs.reduce((a, o) => a + ratingScore[o.rating], 0) / obs.length : null;
    // One 0..1 score: the aligned share and the observations (P/S/M/U over 3), weighted equally when both exist.
    const parts = [alignedShare, observationMean === null ? null : observationMean / 3].filter((x): x is number => x !== null);
    const score = parts.length ? parts.reduce((a, b) => a + b, 0) / parts.length : null;
    const level = score === null ? "not exercised" : score >= 0.67 ? "strong" : score >= 0.34 ? "mixed" : "weak";
    if (score === null) why.push(msg("exercises.msg.why.notExercised"));
    return { practice, decisions: shares.length, alignedShare, observations: obs.length, observationMean, level, why };
  });

  // Agencies: the roles people played, against the actors the exercised practices expect.
  const rolesPlayed = new Map<string, { role: string; name: string; actor: string; members: number; answers: number }>();
  for (const m of members.values()) {
    if (m.kind !== "participant" || !m.role) continue;
    const role = sc.roles.find((r) => r.id === m.role);
    if (!role) continue;
    const entry = rolesPlayed.get(role.id) ?? { role: role.id, name: role.name, actor: role.actor, members: 0, answers: 0 };
    entry.members += 1;
    entry.answers += [...answeredBy.values()].filter((s) => s.has(m.id)).length;
    rolesPlayed.set(role.id, entry);
  }
  const exercised = new Set(heatmap.filter((h) => h.level !== "not exercised").map((h) => h.practice));
  const expected = [...new Set([...exercised].flatMap((p) => expectedActors[p] ?? []))];
  const present = new Set([...rolesPlayed.values()].filter((r) => r.answers > 0).map((r) => r.actor));
  const agencies = { roles: [...rolesPlayed.values()], expected, missing: expected.filter((a) => !present.has(a)), unexpected: [...present].filter((a) => !expected.includes(a)) };

  // One answer per person and question: the latest of each ballot (answers from before ballots count one each).
  const latest = new Map<string, Map<string, { member: string | null; value: string | number }>>();
  for (const q of sc.hotwash) latest.set(q.id, new Map());
  for (const h of hotwash) {
    for (const [q, value] of Object.entries(h.answers)) {
      const byBallot = latest.get(q);
      if (!byBallot || value === undefined || value === "") continue;
      const key = h.ballot ?? `seq:${h.seq}`;
      byBallot.delete(key);
      byBallot.set(key, { member: h.member, value });
    }
  }
  const questions = sc.hotwash.map((q) => {
    const answers = [...latest.get(q.id)!.values()];
    const ratings = answers.map((a) => a.value).filter((v): v is number => typeof v === "number");
    return {
      id: q.id, question: q.question, kind: q.kind, count: answers.length,
      mean: ratings.length ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 100) / 100 : null,
      texts: answers.filter((a) => typeof a.value === "string").map((a) => ({ by: a.member ? members.get(a.member)?.pseudonym ?? msg("exercises.msg.participant") : msg("exercises.msg.anonymous"), text: String(a.value) })),
    };
  });

  // Drafted items are only those that matter: practices the session showed to be weak, and agencies
  // missing from the table. Mixed practices stay in the heatmap; the facilitator can add an item.
  const improvements: ImprovementItem[] = [];
  for (const h of heatmap.filter((x) => x.level === "weak")) {
    improvements.push({ practice: h.practice, title: msg("exercises.msg.improve.strengthen", { practice: practiceRef(h.practice) }), why: h.why, actors: expectedActors[h.practice] ?? [] });
  }
  for (const a of agencies.missing) improvements.push({ practice: "", title: msg("exercises.msg.improve.bring", { actor: actorName(a) }), why: [msg("exercises.msg.improve.bringWhy", { actor: actorName(a) })], actors: [a] });

  return {
    phasesPlayed: played,
    branchesTaken: decisions.filter((d) => d.branch).map((d) => ({ decision: d.decision, branch: d.branch })),
    heatmap, decisions, agencies,
    observations: observations.map((o) => ({ by: members.get(o.member)?.pseudonym ?? msg("exercises.msg.evaluator"), rating: o.rating, practice: o.practice, objective: o.objective, note: o.note })),
    hotwash: questions,
    improvements,
    participants: [...members.values()].filter((m) => m.kind === "participant").length,
  };
}
export type AfterActionReport = ReturnType<typeof afterAction>;
