/**
 * Nexus Watch analysis: the six manifestations and "no nexus evident" as competing
 * hypotheses (Heuer's Analysis of Competing Hypotheses). Each piece of evidence is weighted by
 * its Admiralty grades; a hypothesis is scored by the evidence consistent with it minus,
 * more heavily, the evidence inconsistent with it (weighted inconsistency). Every number comes
 * with the lines that explain it. Pure: no I/O, no clock (the caller passes `asOf`).
 */
import { suggestContext, type ContextSuggestion } from "./context.js";
import { collectEvidence, NO_NEXUS, strengthPoints, type Evidence, type EvidenceInput } from "./evidence.js";
import { isLowGrade, type Credibility, type Reliability } from "./grades.js";
import type { WatchModel } from "./model.js";

export { NO_NEXUS } from "./evidence.js";
const INCONSISTENCY_PENALTY = 1.5;
const STALE_DAYS = 365;

export interface HypothesisScore {
  id: string;
  name: string;
  rank: number;
  score: number;
  support: number;
  inconsistency: number;
  /** the evidence behind the score, largest effect first */
  explanation: string[];
}

export interface Diagnosticity { key: string; label: string; spread: number; explanation: string }
export interface Warning { code: "single-source" | "only-confirming" | "stale" | "low-grade" | "unassessed" | "no-evidence" | "unknown-indicator"; message: string }
export interface PracticeRecommendation { id: string; title: string; score: number; reason: string }

export interface AnalysisResult {
  asOf: string;
  ranking: HypothesisScore[];
  confidence: { level: "low" | "moderate" | "high"; statement: string };
  whyFirst: string;
  diagnosticity: Diagnosticity[];
  context: ContextSuggestion | null;
  warnings: Warning[];
  practices: PracticeRecommendation[];
  evidenceCount: number;
}

const round = (n: number) => Math.round(n * 100) / 100;
/** A statement used inside a sentence: without its closing full stop. */
const clause = (s: string) => s.replace(/[.。]\s*$/, "");
const sign = (n: number) => (n >= 0 ? `+${round(n)}` : `${round(n)}`);

export function analyse(model: WatchModel, input: EvidenceInput): AnalysisResult {
  const { evidence, unknownIndicators } = collectEvidence(model, input);
  const hypotheses = [...model.manifestations.map((m) => ({ id: m.id, name: m.name, continuum: m.continuum })), { id: NO_NEXUS, name: "No nexus evident", continuum: 0 }];

  const scored = hypotheses.map((h) => {
    let support = 0;
    let inconsistency = 0;
    const lines: [number, string][] = [];
    for (const e of evidence) {
      const c = e.contributions.get(h.id);
      if (!c) continue;
      if (c > 0) support += c; else inconsistency += -c;
      lines.push([c, `${sign(c)} ${e.label} (${e.state === "direct" ? "direct evidence" : e.state}, ${e.grade}): ${e.reasons.get(h.id)}`]);
    }
    lines.sort((a, b) => Math.abs(b[0]) - Math.abs(a[0]));
    const score = support - INCONSISTENCY_PENALTY * inconsistency;
    return { id: h.id, name: h.name, continuum: h.continuum, score: round(score), support: round(support), inconsistency: round(inconsistency), explanation: lines.map((l) => l[1]) };
  });
  scored.sort((a, b) => b.score - a.score || a.inconsistency - b.inconsistency || a.continuum - b.continuum);
  const ranking: HypothesisScore[] = scored.map(({ continuum: _c, ...s }, i) => ({ ...s, rank: i + 1 }));

  const diagnosticity = evidence.map((e) => {
    const values = hypotheses.map((h) => ({ id: h.id, v: e.contributions.get(h.id) ?? 0 }));
    const max = values.reduce((a, b) => (b.v > a.v ? b : a));
    const min = values.reduce((a, b) => (b.v < a.v ? b : a));
    const spread = round(max.v - min.v);
    const name = (id: string) => hypotheses.find((h) => h.id === id)!.name;
    return {
      key: e.key, label: e.label, spread,
      explanation: spread > 0 ? `separates ${name(max.id)} (${sign(max.v)}) from ${name(min.id)} (${sign(min.v)})` : "bears equally on every hypothesis, so it does not help choose",
    };
  }).sort((a, b) => b.spread - a.spread);

  const warnings = buildWarnings(model, input, evidence, ranking, unknownIndicators);
  const context = suggestContext(model, evidence, ranking);
  const practices = recommendPractices(model, evidence, ranking);
  const confidence = confidenceOf(ranking, evidence, warnings);
  return { asOf: input.asOf, ranking, confidence, whyFirst: whyFirst(ranking, evidence, hypotheses), diagnosticity, context, warnings, practices, evidenceCount: evidence.length };
}

function whyFirst(ranking: HypothesisScore[], evidence: Evidence[], hypotheses: { id: string; name: string }[]): string {
  const [a, b] = ranking;
  if (!a || evidence.length === 0) return "No evidence has been recorded yet, so no hypothesis leads.";
  if (!b) return `${a.name} is the only hypothesis.`;
  const differences = evidence
    .map((e) => ({ e, d: (e.contributions.get(a.id) ?? 0) - (e.contributions.get(b.id) ?? 0) }))
    .filter((x) => x.d > 0)
    .sort((x, y) => y.d - x.d)
    .slice(0, 3)
    .map((x) => `${clause(x.e.label)} (${sign(x.d)})`);
  const nameOf = (id: string) => hypotheses.find((h) => h.id === id)?.name ?? id;
  return `${nameOf(a.id)} ranks first with ${a.score} (support ${a.support}, inconsistency ${a.inconsistency}) ahead of ${nameOf(b.id)} with ${b.score}` +
    (differences.length ? `. What separates them most: ${differences.join("; ")}.` : ".");
}

function buildWarnings(model: WatchModel, input: EvidenceInput, evidence: Evidence[], ranking: HypothesisScore[], unknown: string[]): Warning[] {
  const warnings: Warning[] = [];
  if (!evidence.length) {
    warnings.push({ code: "no-evidence", message: "No indicator has been assessed as present or absent; the ranking means nothing yet." });
  }
  for (const id of unknown) warnings.push({ code: "unknown-indicator", message: `Observation of "${id}", which is not a watch-point indicator, was ignored.` });
  const leader = ranking[0];
  if (leader && evidence.length) {
    const supporting = evidence.filter((e) => (e.contributions.get(leader.id) ?? 0) > 0);
    const sources = new Set(supporting.flatMap((e) => e.sources));
    if (supporting.length && sources.size <= 1) {
      warnings.push({ code: "single-source", message: `The case for ${leader.name} rests on ${sources.size ? "one source" : "unsourced judgement"}; corroborate it with an independent source.` });
    }
    const disconfirming = evidence.some((e) => (e.contributions.get(leader.id) ?? 0) < 0) || evidence.some((e) => e.state === "absent");
    if (!disconfirming) {
      warnings.push({ code: "only-confirming", message: `Only confirming evidence was recorded. Look for signs that would count against ${leader.name}, and record indicators found absent.` });
    }
  }
  const cutoff = new Date(new Date(input.asOf).getTime() - STALE_DAYS * 86400_000).toISOString().slice(0, 10);
  const stale = evidence.filter((e) => e.observedAt < cutoff);
  if (stale.length && stale.length * 2 >= evidence.length) {
    warnings.push({ code: "stale", message: `${stale.length} of ${evidence.length} pieces of evidence are more than a year old (before ${cutoff}); re-observe them.` });
  }
  const lowWeight = input.observations
    .filter((o) => o.state !== "unknown")
    .filter((o) => o.sources.every((s) => isLowGrade(s.reliability as Reliability, o.credibility as Credibility))).length;
  const assessed = input.observations.filter((o) => o.state !== "unknown").length;
  if (assessed && lowWeight * 2 > assessed) {
    warnings.push({ code: "low-grade", message: `${lowWeight} of ${assessed} observations come from unreliable sources or doubtful information (grades D-F or 4-6); treat the ranking as tentative.` });
  }
  // Key indicators not assessed: those with strong links, which would separate hypotheses most.
  const assessedIds = new Set(evidence.filter((e) => e.kind === "indicator").map((e) => e.key.slice("indicator:".length)));
  const key = [...model.indicators.values()]
    .filter((i) => !assessedIds.has(i.id))
    .map((i) => ({ i, power: Math.max(0, ...i.links.map((l) => strengthPoints[l.strength])) + i.links.length / 10 }))
    .filter((x) => x.power >= 3)
    .sort((a, b) => b.power - a.power)
    .slice(0, 5);
  if (key.length) {
    warnings.push({ code: "unassessed", message: `Key indicators not yet assessed: ${key.map((k) => clause(k.i.statement)).join("; ")}.` });
  }
  return warnings;
}

function confidenceOf(ranking: HypothesisScore[], evidence: Evidence[], warnings: Warning[]): AnalysisResult["confidence"] {
  const [a, b] = ranking;
  if (!a || !evidence.length) return { level: "low", statement: "Low confidence: there is no evidence yet." };
  const margin = a.score - (b?.score ?? 0);
  const sources = new Set(evidence.flatMap((e) => e.sources)).size;
  const serious = warnings.filter((w) => ["single-source", "stale", "low-grade", "only-confirming"].includes(w.code));
  let level: "low" | "moderate" | "high" = margin >= 3 && evidence.length >= 5 && sources >= 2 ? "high" : margin >= 1 && evidence.length >= 3 ? "moderate" : "low";
  if (serious.length && level === "high") level = "moderate";
  if (serious.length >= 2) level = "low";
  const why = [`${evidence.length} piece${evidence.length === 1 ? "" : "s"} of evidence from ${sources} source${sources === 1 ? "" : "s"}`, `a lead of ${round(margin)} over ${b?.name ?? "nothing"}`];
  if (serious.length) why.push(`${serious.length} warning${serious.length === 1 ? "" : "s"} (${serious.map((w) => w.code).join(", ")})`);
  const word = { low: "Low", moderate: "Moderate", high: "High" }[level];
  return { level, statement: `${word} confidence that the evidence fits ${a.name} best: ${why.join(", ")}.` };
}

/**
 * Practices that respond to the indicators found present and to the leading manifestations,
 * each with the reason it is recommended.
 */
function recommendPractices(model: WatchModel, evidence: Evidence[], ranking: HypothesisScore[]): PracticeRecommendation[] {
  const present = evidence.filter((e) => e.kind === "indicator" && e.state === "present");
  const leading = ranking.filter((h) => h.id !== NO_NEXUS && h.score > 0).slice(0, 2);
  const out: PracticeRecommendation[] = [];
  for (const p of model.practices) {
    const answered = present.filter((e) => p.indicators.includes(e.key.slice("indicator:".length)));
    const addresses = leading.filter((h) => p.manifestations.includes(h.id));
    const score = answered.reduce((n, e) => n + e.weight, 0) + addresses.reduce((n, h, i) => n + (i === 0 ? 2 : 1), 0);
    if (score <= 0) continue;
    const parts: string[] = [];
    if (answered.length) parts.push(`responds to ${answered.length} indicator${answered.length === 1 ? "" : "s"} present here (${answered.slice(0, 3).map((e) => clause(e.label)).join("; ")}${answered.length > 3 ? "; …" : ""})`);
    if (addresses.length) parts.push(`addresses ${addresses.map((h) => h.name).join(" and ")}, ${addresses[0].rank === 1 ? "the leading hypothesis" : "a leading hypothesis"}`);
    out.push({ id: p.id, title: p.title, score: round(score), reason: parts.join("; ") });
  }
  return out.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, 10);
}
