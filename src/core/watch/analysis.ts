/**
 * Nexus Watch analysis: the six manifestations and "no nexus evident" as competing hypotheses
 * (Heuer's Analysis of Competing Hypotheses). Each piece of evidence is weighted by its Admiralty
 * grades; a hypothesis is scored by the evidence consistent with it minus, more heavily, the
 * evidence inconsistent with it (weighted inconsistency). Every number comes with the evidence
 * that explains it, as message keys. The sensitivity says how little would change the leader.
 * Pure: no I/O, no clock (the caller passes `asOf`). Decision 0008.
 */
import { suggestContext, type ContextReading } from "./context.js";
import { collectEvidence, establishes, NO_NEXUS, strengthPoints, type Evidence, type EvidenceInput } from "./evidence.js";
import { gradeWeight, isLowGrade, type Credibility, type Reliability } from "./grades.js";
import { msg, type Msg, type MsgParam } from "./messages.js";
import type { WatchModel } from "./model.js";

export { NO_NEXUS } from "./evidence.js";
/** Evidence against a hypothesis hurts more than evidence for it helps (Heuer). */
export const INCONSISTENCY_PENALTY = 1.5;
const STALE_DAYS = 365;

export interface ExplanationLine { evidence: string; points: number; label: Msg; state: Evidence["state"]; grade: string; reason: Msg }
export interface HypothesisScore {
  id: string;
  name: Msg;
  rank: number;
  /** points: support minus 1.5 × inconsistency */
  score: number;
  support: number;
  inconsistency: number;
  /** the evidence behind the score, largest effect first */
  explanation: ExplanationLine[];
  /** why it cannot lead: a condition its definition needs is contradicted or missing (it ranks after the others) */
  held?: Msg;
}

export interface Diagnosticity { key: string; label: Msg; spread: number; explanation: Msg }
export type WarningCode = "single-source" | "only-confirming" | "stale" | "low-grade" | "unassessed" | "no-evidence" | "unknown-indicator" | "environment-only" | "undiscriminating";
export interface Warning { code: WarningCode; message: Msg }
export interface PracticeRecommendation { id: string; title: string; score: number; reason: Msg[] }
export interface Sensitivity {
  margin: number;
  /** the fewest pieces of evidence whose removal changes the leader (greedy, up to five), or null */
  removal: { evidence: string[]; to: string; message: Msg } | null;
  /** indicators not yet assessed that, observed present at B2, would each change the leader */
  addition: { indicators: string[]; to: string; message: Msg } | null;
  message: Msg[];
}
/** What the area itself and each group contribute to each hypothesis (evidence about several is shared out). */
export interface Contributor { subject: string | null; totals: Record<string, number> }

export interface AnalysisResult {
  asOf: string;
  ranking: HypothesisScore[];
  confidence: { level: "low" | "moderate" | "high"; statement: Msg[] };
  whyFirst: Msg[];
  diagnosticity: Diagnosticity[];
  context: ContextReading | null;
  warnings: Warning[];
  practices: PracticeRecommendation[];
  sensitivity: Sensitivity | null;
  contributors: Contributor[];
  evidenceCount: number;
}

const round = (n: number) => Math.round(n * 100) / 100;
const sign = (n: number) => (n >= 0 ? `+${round(n)}` : `${round(n)}`);
export const hypothesisName = (id: string): Msg => msg(`watch.msg.hypothesis.${id}`);

interface Scored { id: string; continuum: number; score: number; support: number; inconsistency: number; held?: Msg }
function score(hypotheses: { id: string; continuum: number }[], evidence: Evidence[]): Scored[] {
  const out = hypotheses.map((h) => {
    let support = 0;
    let inconsistency = 0;
    for (const e of evidence) {
      const c = e.contributions.get(h.id) ?? 0;
      if (c > 0) support += c; else inconsistency -= c;
    }
    return { id: h.id, continuum: h.continuum, score: support - INCONSISTENCY_PENALTY * inconsistency, support, inconsistency };
  });
  return out.sort((a, b) => b.score - a.score || a.inconsistency - b.inconsistency || a.continuum - b.continuum);
}

/** Present signs that a group holds territory. */
export const TERRITORY_HELD = ["env-governance.territorial-control", "env-geography.ungoverned-territory", "env-governance.state-collapse"];
const NO_ARMED_ACTOR = "nexus-search.no-armed-actor";
const STATE_COLLAPSE = "env-governance.state-collapse";
const presentIndicator = (evidence: Evidence[], ids: string[]) =>
  evidence.some((e) => e.kind === "indicator" && e.state === "present" && ids.includes(e.key.slice("indicator:".length)));

/**
 * What a hypothesis cannot do without: the toolkit's definitions name a condition that, when the
 * evidence contradicts it, keeps the hypothesis from leading however many indicators point to it.
 * - Hybrid: a group that pursues political and economic aims at once, or holds territory
 *   (Defining the Concept, d. Hybrid). Indicators can point to it but not establish it.
 * - Alliance and integration: a criminal and a terrorist or armed actor. Not when no armed actor
 *   is present, or when every group recorded is criminal and no tie is recorded.
 * - Black hole: a defined area without effective government or security (Defining the Concept,
 *   f. Black hole). Not when the state is observed not to have collapsed or withdrawn there.
 * - Transformation: a group whose aims or type crossed the divide (d. Transformation). Not when
 *   aims are recorded and none crossed.
 * - Alliance and appropriation of tactics (the transactional forms): not ahead of an organisational
 *   form (integration, hybrid, transformation) that direct evidence establishes: groups that far
 *   along the continuum keep their transactional ties as part of it.
 * - No nexus evident: not when a tie between a criminal and an armed group is recorded.
 * A held hypothesis keeps its score, ranks after those that are not held, and says why.
 */
function holds(evidence: Evidence[]): Map<string, Msg> {
  const held = new Map<string, Msg>();
  const mixed = evidence.some((e) => e.kind === "motivation" && (e.contributions.get("hybrid") ?? 0) > 0);
  if (!mixed && !presentIndicator(evidence, TERRITORY_HELD)) held.set("hybrid", msg("watch.msg.gate.hybrid"));
  const ties = evidence.filter((e) => e.kind === "relationship" && (e.contributions.get(NO_NEXUS) ?? 0) < 0);
  const onlyCriminal = evidence.some((e) => e.key === "actors" && (e.contributions.get(NO_NEXUS) ?? 0) > 0);
  if (presentIndicator(evidence, [NO_ARMED_ACTOR]) || (onlyCriminal && !ties.length)) {
    for (const h of ["alliance", "integration"]) held.set(h, msg("watch.msg.gate.partner"));
  }
  if (ties.length) held.set(NO_NEXUS, msg("watch.msg.gate.ties", { count: ties.length }));
  if (evidence.some((e) => e.key === `indicator:${STATE_COLLAPSE}` && e.state === "absent")) held.set("black-hole", msg("watch.msg.gate.blackHole"));
  // Transformation: a group whose aims or type crossed the divide. Not when aims are recorded and none crossed.
  const established = (h: string) => establishes(evidence, h);
  if (evidence.some((e) => e.kind === "motivation") && !established("transformation")) held.set("transformation", msg("watch.msg.gate.transformation"));
  // An organisational form shown by direct evidence outranks the transactional forms: a group that far along keeps its ties as part of it.
  const organisational = ["integration", "hybrid", "transformation"].find((h) => established(h) && !held.has(h));
  if (organisational) for (const h of ["alliance", "appropriation-of-tactics"]) if (!held.has(h)) held.set(h, msg("watch.msg.gate.subsumed", { form: organisational }));
  return held;
}
const rank = (hypotheses: { id: string; continuum: number }[], evidence: Evidence[]) => gate(score(hypotheses, evidence), evidence);
function gate(scored: Scored[], evidence: Evidence[]): Scored[] {
  const held = holds(evidence);
  const marked = scored.map((s) => (held.has(s.id) ? { ...s, held: held.get(s.id) } : s));
  return [...marked.filter((s) => !s.held), ...marked.filter((s) => s.held)];
}

export function analyse(model: WatchModel, input: EvidenceInput): AnalysisResult {
  const { evidence, unknownIndicators } = collectEvidence(model, input);
  const hypotheses = [...model.manifestations.map((m) => ({ id: m.id, continuum: m.continuum })), { id: NO_NEXUS, continuum: 0 }];
  const scored = rank(hypotheses, evidence);
  const ranking: HypothesisScore[] = scored.map((s, i) => ({
    id: s.id, name: hypothesisName(s.id), rank: i + 1, score: round(s.score), support: round(s.support), inconsistency: round(s.inconsistency),
    explanation: evidence.filter((e) => e.contributions.has(s.id))
      .map((e) => ({ evidence: e.key, points: round(e.contributions.get(s.id)!), label: e.label, state: e.state, grade: e.grade, reason: e.reasons.get(s.id)! }))
      .sort((a, b) => Math.abs(b.points) - Math.abs(a.points)),
    ...(s.held ? { held: s.held } : {}),
  }));

  const diagnosticity = evidence.map((e) => {
    const values = hypotheses.map((h) => ({ id: h.id, v: e.contributions.get(h.id) ?? 0 }));
    const max = values.reduce((a, b) => (b.v > a.v ? b : a));
    const min = values.reduce((a, b) => (b.v < a.v ? b : a));
    const spread = round(max.v - min.v);
    return {
      key: e.key, label: e.label, spread,
      explanation: spread > 0 ? msg("watch.msg.diag.separates", { high: max.id, highPoints: sign(max.v), low: min.id, lowPoints: sign(min.v) }) : msg("watch.msg.diag.flat"),
    };
  }).sort((a, b) => b.spread - a.spread);

  const warnings = buildWarnings(model, input, evidence, ranking, unknownIndicators);
  const context = suggestContext(model, evidence, ranking, input.context ?? null);
  const practices = recommendPractices(model, evidence, ranking, context);
  const confidence = confidenceOf(ranking, evidence, warnings);
  const sensitivity = evidence.length ? sensitivityOf(model, hypotheses, evidence) : null;
  return {
    asOf: input.asOf, ranking, confidence, whyFirst: whyFirst(ranking, evidence), diagnosticity, context, warnings, practices, sensitivity,
    contributors: contributorsOf(evidence, hypotheses.map((h) => h.id)), evidenceCount: evidence.length,
  };
}

function whyFirst(ranking: HypothesisScore[], evidence: Evidence[]): Msg[] {
  const [a, b] = ranking;
  if (!a || evidence.length === 0) return [msg("watch.msg.whyFirst.none")];
  const out = [msg("watch.msg.whyFirst.lead", { leader: a.id, score: a.score, support: a.support, inconsistency: a.inconsistency, runnerUp: b.id, runnerUpScore: b.score })];
  const differences = evidence
    .map((e) => ({ e, d: (e.contributions.get(a.id) ?? 0) - (e.contributions.get(b.id) ?? 0) }))
    .filter((x) => x.d > 0)
    .sort((x, y) => y.d - x.d)
    .slice(0, 3)
    .map((x) => msg("watch.msg.item.points", { label: x.e.label, points: sign(x.d) }));
  if (differences.length) out.push(msg("watch.msg.whyFirst.separates", { items: differences }));
  return out;
}

/**
 * How robust the leader is: the fewest pieces of evidence that, taken away (largest lead over the
 * runner-up first), hand the lead to another hypothesis; and the unassessed indicators that, found
 * present at B2, would each change it. As in ACH tools: how much would have to be wrong or missing.
 */
function sensitivityOf(model: WatchModel, hypotheses: { id: string; continuum: number }[], evidence: Evidence[]): Sensitivity {
  const base = rank(hypotheses, evidence);
  const leader = base[0].id;
  const margin = round(base[0].score - base[1].score);
  const rest = [...evidence];
  const removed: Evidence[] = [];
  let removal: Sensitivity["removal"] = null;
  for (let n = 0; n < 5 && rest.length; n++) {
    const now = rank(hypotheses, rest);
    const rival = now.find((h) => h.id !== leader)!;
    // Remove the piece that narrows the gap to the closest rival most.
    rest.sort((x, y) => ((y.contributions.get(leader) ?? 0) - (y.contributions.get(rival.id) ?? 0)) - ((x.contributions.get(leader) ?? 0) - (x.contributions.get(rival.id) ?? 0)));
    const gap = (rest[0].contributions.get(leader) ?? 0) - (rest[0].contributions.get(rival.id) ?? 0);
    if (gap <= 0) break;
    removed.push(rest.shift()!);
    const after = rank(hypotheses, rest);
    if (after[0].id !== leader) {
      removal = { evidence: removed.map((e) => e.key), to: after[0].id, message: msg("watch.msg.sens.flipByRemoval", { count: removed.length, items: removed.map((e) => e.label), to: after[0].id }) };
      break;
    }
  }
  const assessed = new Set(evidence.filter((e) => e.kind === "indicator").map((e) => e.key));
  const flips = new Map<string, string[]>();
  const b2 = gradeWeight("B", 2);
  for (const ind of model.indicators.values()) {
    if (assessed.has(`indicator:${ind.id}`)) continue;
    const extra: Evidence = { key: `indicator:${ind.id}`, kind: "indicator", label: msg("watch.msg.ev.indicator", { statement: ind.statement }), state: "present", weight: b2, grade: "B2", sources: [], observedAt: "", subjects: [], contributions: new Map(), reasons: new Map() };
    for (const l of ind.links) extra.contributions.set(l.manifestation, (l.direction === "for" ? 1 : -1) * strengthPoints[l.strength] * b2);
    const after = rank(hypotheses, [...evidence, extra]);
    if (after[0].id !== leader) flips.set(after[0].id, [...(flips.get(after[0].id) ?? []), ind.id]);
  }
  const best = [...flips.entries()].sort((a, b) => b[1].length - a[1].length)[0];
  const addition = best ? {
    indicators: best[1], to: best[0],
    message: msg("watch.msg.sens.flipByAddition", { items: best[1].slice(0, 3).map((id) => msg("watch.msg.ev.indicator", { statement: model.indicators.get(id)!.statement })), to: best[0] }),
  } : null;
  return {
    margin, removal, addition,
    message: [msg("watch.msg.sens.margin", { margin }), removal?.message ?? msg("watch.msg.sens.robust"), addition?.message ?? msg("watch.msg.sens.noAddition")],
  };
}

function contributorsOf(evidence: Evidence[], hypotheses: string[]): Contributor[] {
  const bySubject = new Map<string | null, Record<string, number>>();
  for (const e of evidence) {
    const subjects: (string | null)[] = e.subjects.length ? e.subjects : [null];
    for (const s of subjects) {
      const totals = bySubject.get(s) ?? Object.fromEntries(hypotheses.map((h) => [h, 0]));
      for (const [h, c] of e.contributions) totals[h] = round((totals[h] ?? 0) + c / subjects.length);
      bySubject.set(s, totals);
    }
  }
  return [...bySubject.entries()].map(([subject, totals]) => ({ subject, totals }))
    .sort((a, b) => (a.subject === null ? -1 : b.subject === null ? 1 : a.subject.localeCompare(b.subject)));
}

function buildWarnings(model: WatchModel, input: EvidenceInput, evidence: Evidence[], ranking: HypothesisScore[], unknown: string[]): Warning[] {
  const warnings: Warning[] = [];
  const warn = (code: WarningCode, params?: Record<string, MsgParam>, key: string = code) =>
    warnings.push({ code, message: msg(`watch.msg.warn.${key}`, params) });
  if (!evidence.length) warn("no-evidence");
  for (const id of unknown) warn("unknown-indicator", { indicator: id });
  const leader = ranking[0];
  if (leader && evidence.length) {
    const supporting = evidence.filter((e) => (e.contributions.get(leader.id) ?? 0) > 0);
    const sources = new Set(supporting.flatMap((e) => e.sources));
    if (supporting.length && sources.size <= 1) warn("single-source", { leader: leader.id }, sources.size ? "single-source" : "single-source.none");
    const disconfirming = evidence.some((e) => (e.contributions.get(leader.id) ?? 0) < 0) || evidence.some((e) => e.state === "absent");
    if (supporting.length && !disconfirming) warn("only-confirming", { leader: leader.id });
    // The lead rests only on the surroundings: nothing about the groups supports it (a black hole is defined by its surroundings).
    if (leader.id !== NO_NEXUS && leader.id !== "black-hole" && supporting.length && supporting.every((e) => e.kind === "indicator" && e.factorGroup === "environmental")) warn("environment-only", { leader: leader.id });
    // One hypothesis gains from nearly every indicator present: the evidence does not discriminate.
    const presentIndicators = evidence.filter((e) => e.kind === "indicator" && e.state === "present");
    const gaining = presentIndicators.filter((e) => (e.contributions.get(leader.id) ?? 0) > 0).length;
    if (presentIndicators.length >= 5 && gaining >= 0.8 * presentIndicators.length) warn("undiscriminating", { leader: leader.id, gaining, total: presentIndicators.length });
  }
  const cutoff = new Date(new Date(input.asOf).getTime() - STALE_DAYS * 86400_000).toISOString().slice(0, 10);
  const stale = evidence.filter((e) => e.kind === "indicator" && e.observedAt < cutoff);
  const indicatorCount = evidence.filter((e) => e.kind === "indicator").length;
  if (stale.length && stale.length * 2 >= indicatorCount) warn("stale", { stale: stale.length, total: indicatorCount, cutoff });
  const assessedObs = input.observations.filter((o) => o.state !== "unknown");
  const lowWeight = assessedObs.filter((o) => o.sources.every((s) => isLowGrade(s.reliability as Reliability, o.credibility as Credibility))).length;
  if (assessedObs.length && lowWeight * 2 > assessedObs.length) warn("low-grade", { low: lowWeight, total: assessedObs.length });
  // Key indicators not assessed: those with strong links, which would separate hypotheses most.
  const assessedIds = new Set(evidence.filter((e) => e.kind === "indicator").map((e) => e.key.slice("indicator:".length)));
  const key = [...model.indicators.values()]
    .filter((i) => !assessedIds.has(i.id))
    .map((i) => ({ i, power: Math.max(0, ...i.links.map((l) => strengthPoints[l.strength])) + i.links.length / 10 }))
    .filter((x) => x.power >= 3)
    .sort((a, b) => b.power - a.power)
    .slice(0, 5);
  if (key.length) warn("unassessed", { items: key.map((k) => msg("watch.msg.ev.indicator", { statement: k.i.statement.replace(/[.。]\s*$/, "") })) });
  return warnings;
}

function confidenceOf(ranking: HypothesisScore[], evidence: Evidence[], warnings: Warning[]): AnalysisResult["confidence"] {
  const [a, b] = ranking;
  if (!a || !evidence.length) return { level: "low", statement: [msg("watch.msg.confidence.none")] };
  const margin = round(a.score - (b?.score ?? 0));
  const sources = new Set(evidence.flatMap((e) => e.sources)).size;
  const serious = warnings.filter((w) => ["single-source", "stale", "low-grade", "only-confirming", "environment-only", "undiscriminating"].includes(w.code));
  let level: "low" | "moderate" | "high" = margin >= 3 && evidence.length >= 5 && sources >= 2 ? "high" : margin >= 1 && evidence.length >= 3 ? "moderate" : "low";
  if (serious.length && level === "high") level = "moderate";
  if (serious.length >= 2) level = "low";
  const statement = [msg(`watch.msg.confidence.${level}`, { leader: a.id, pieces: evidence.length, sources, margin })];
  if (serious.length) statement.push(msg("watch.msg.confidence.warnings", { codes: serious.map((w) => w.code).join(", ") }));
  return { level, statement };
}

/**
 * Practices that respond to the indicators found present and to the leading manifestations,
 * each with the reason it is recommended. A context set by the analyst raises the practices
 * that answer the manifestations typical of it.
 */
function recommendPractices(model: WatchModel, evidence: Evidence[], ranking: HypothesisScore[], context: ContextReading | null): PracticeRecommendation[] {
  const present = evidence.filter((e) => e.kind === "indicator" && e.state === "present");
  const leading = ranking.filter((h) => h.id !== NO_NEXUS && h.score > 0).slice(0, 2);
  const typical = context?.set ? model.contexts.find((c) => c.id === context.id)?.manifestations ?? [] : [];
  const out: PracticeRecommendation[] = [];
  for (const p of model.practices) {
    const answered = present.filter((e) => p.indicators.includes(e.key.slice("indicator:".length)));
    const addresses = leading.filter((h) => p.manifestations.includes(h.id));
    const fitsContext = typical.some((m) => p.manifestations.includes(m));
    const points = answered.reduce((n, e) => n + e.weight, 0) + addresses.reduce((n, h, i) => n + (i === 0 ? 2 : 1), 0) + (fitsContext ? 2 : 0);
    if (points <= 0 || (!answered.length && !addresses.length)) continue;
    const reason: Msg[] = [];
    if (answered.length) reason.push(msg("watch.msg.practice.responds", { count: answered.length, items: answered.slice(0, 3).map((e) => e.label) }));
    for (const h of addresses) reason.push(msg("watch.msg.practice.addresses", { hypothesis: h.id, position: msg(h.rank === 1 ? "watch.msg.practice.leading" : "watch.msg.practice.runnerUp") }));
    if (fitsContext && context) reason.push(msg("watch.msg.practice.context", { context: context.id }));
    out.push({ id: p.id, title: p.title, score: round(points), reason });
  }
  return out.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, 10);
}
