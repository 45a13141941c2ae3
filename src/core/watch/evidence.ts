/**
 * Turns what is recorded about a place or a group into weighted evidence: each piece says how
 * much it counts for (+) or against (-) each hypothesis, and why, as message keys.
 * - Indicators: the knowledge base's links (content/watchpoints.yaml), weighted by the Admiralty
 *   grades and by the trend.
 * - Groups: which kinds of group are recorded (crime alone is not a nexus), dated changes of type,
 *   and dated motivations with their primary and secondary aims.
 * - Relationships between a criminal and a terrorist or armed group: direct evidence, which
 *   counts more than any single indicator because it is the manifestation itself.
 * Decision 0008 gives the reasons and the numbers.
 */
import { gradeLabel, gradeWeight, type Credibility, type Reliability } from "./grades.js";
import { msg, type Msg } from "./messages.js";
import type { IndicatorModel, Strength, WatchModel } from "./model.js";

export const NO_NEXUS = "no-nexus";
export type IndicatorState = "present" | "absent" | "unknown";
export type Trend = "rising" | "stable" | "falling";

export interface SourceRef { id: string; name?: string; reliability: Reliability }

export interface Observation {
  id?: string;
  indicator: string;
  state: IndicatorState;
  trend?: Trend;
  /** when the situation was observed (ISO date) */
  observedAt: string;
  sources: SourceRef[];
  credibility: Credibility;
  note?: string;
  /** the group it was observed on (its name), when it is not the area itself */
  subject?: string;
}

export type GroupType = "criminal" | "terrorist" | "other-armed" | "unknown";
export type MotiveKind = "ideological" | "political" | "economic" | "both";
export interface Motivation { from: string; kind: MotiveKind; aim?: "primary" | "secondary"; sources?: SourceRef[]; credibility?: Credibility }
export interface Group {
  id: string;
  name: string;
  /** the type today */
  type: GroupType;
  /** dated types, oldest first; a paramilitary force that became a criminal band has two */
  types?: { from: string; type: GroupType }[];
  motivations: Motivation[];
}

export const relationshipKinds = ["alliance", "transaction", "service-provision", "financing", "intermediary", "integration", "competition", "successor", "splinter"] as const;
export type RelationshipKind = (typeof relationshipKinds)[number];
export interface Relationship { id?: string; kind: RelationshipKind; from: string; to: string; start?: string; end?: string | null; sources: SourceRef[]; credibility: Credibility }

export interface Evidence {
  key: string;
  kind: "indicator" | "relationship" | "motivation" | "group";
  label: Msg;
  state: IndicatorState | "direct";
  /** for indicators: the watch-point group of its factor */
  factorGroup?: "environmental" | "organizational" | "search";
  trend?: Trend;
  weight: number;
  grade: string;
  sources: string[];
  observedAt: string;
  /** the groups it was observed on or is about ([] = the area itself) */
  subjects: string[];
  /** hypothesis id -> signed contribution, already multiplied by the weight */
  contributions: Map<string, number>;
  /** hypothesis id -> why */
  reasons: Map<string, Msg>;
}

export const strengthPoints: Record<Strength, number> = { weak: 1, moderate: 2, strong: 3 };
/** Direct evidence of a manifestation (a recorded relationship of that form) counts more than the strongest indicator. */
export const DEFINING = 8;
/** Whether some evidence is the form itself (a relationship, aims or type of that form), not a sign of it. */
export const establishes = (evidence: Evidence[], h: string) =>
  evidence.some((e) => e.kind !== "indicator" && (e.contributions.get(h) ?? 0) >= DEFINING * e.weight - 1e-9);
const TREND_FACTOR: Record<Trend, number> = { rising: 1.25, stable: 1, falling: 0.75 };
const JUDGEMENT: { reliability: Reliability; credibility: Credibility } = { reliability: "B", credibility: 2 };

/** The best-graded source and the credibility decide the weight. */
function weigh(sources: SourceRef[], credibility: Credibility): { weight: number; grade: string } {
  const best = [...sources].sort((a, b) => gradeWeight(b.reliability, credibility) - gradeWeight(a.reliability, credibility))[0];
  const reliability = best?.reliability ?? "F";
  return { weight: gradeWeight(reliability, credibility), grade: gradeLabel(reliability, credibility) };
}
/** Unsourced analyst judgement (group types, unsourced motivations) weighs as B2 and says so. */
const judgement = (credibility: Credibility = JUDGEMENT.credibility) =>
  ({ weight: gradeWeight(JUDGEMENT.reliability, credibility), grade: `judgement ${gradeLabel(JUDGEMENT.reliability, credibility)}` });

/**
 * The latest observation of each indicator on each subject stands for it; older ones are history.
 * Several reports of the same day: the best-graded stands and all their sources count.
 */
export function latestObservations(observations: Observation[]): Observation[] {
  const latest = new Map<string, Observation[]>();
  for (const o of observations) {
    const k = `${o.subject ?? ""}\u0000${o.indicator}`;
    const cur = latest.get(k);
    if (!cur || o.observedAt > cur[0].observedAt) latest.set(k, [o]);
    else if (o.observedAt === cur[0].observedAt) cur.push(o);
  }
  return [...latest.values()].map((same) => {
    const best = [...same].sort((a, b) => weigh(b.sources, b.credibility).weight - weigh(a.sources, a.credibility).weight)[0];
    const sources = new Map(same.flatMap((o) => o.sources).map((s) => [s.id, s]));
    return { ...best, sources: [...sources.values()] };
  });
}

/**
 * One indicator across the area and its groups: a sign present anywhere is present in the
 * reading (the best-graded report stands, and every subject that shows it is named), so two
 * groups showing the same sign do not count it twice.
 */
function combineSubjects(latest: Observation[]): { o: Observation; subjects: string[] }[] {
  const byIndicator = new Map<string, Observation[]>();
  for (const o of latest) byIndicator.set(o.indicator, [...(byIndicator.get(o.indicator) ?? []), o]);
  return [...byIndicator.values()].map((all) => {
    const known = all.filter((o) => o.state !== "unknown");
    const present = known.filter((o) => o.state === "present");
    const pool = present.length ? present : known.length ? known : all;
    const best = [...pool].sort((a, b) => weigh(b.sources, b.credibility).weight - weigh(a.sources, a.credibility).weight)[0];
    const subjects = [...new Set(pool.map((o) => o.subject).filter((s): s is string => !!s))];
    return { o: best, subjects: pool.some((o) => !o.subject) ? [] : subjects };
  });
}

function indicatorEvidence(o: Observation, subjects: string[], ind: IndicatorModel): Evidence {
  const graded = weigh(o.sources, o.credibility);
  const trend = o.state === "present" && o.trend ? o.trend : undefined;
  const weight = graded.weight * (trend ? TREND_FACTOR[trend] : 1);
  const contributions = new Map<string, number>();
  const reasons = new Map<string, Msg>();
  const withTrend = (m: Msg) => (trend && trend !== "stable" ? msg("watch.msg.why.trend", { reason: m, trend }) : m);
  const own = ind.group !== "environmental";
  const explicitNoNexus = ind.links.some((l) => l.manifestation === NO_NEXUS);
  for (const l of ind.links) {
    const w = strengthPoints[l.strength];
    if (o.state === "present") {
      contributions.set(l.manifestation, (l.direction === "for" ? w : -w) * weight);
      reasons.set(l.manifestation, withTrend(msg(l.direction === "for" ? "watch.msg.why.linkFor" : "watch.msg.why.linkAgainst", { strength: l.strength, reasoning: l.reasoning })));
    } else if (o.state === "absent") {
      // Missing an expected sign counts against, more so for the group's own behaviour than for its surroundings.
      const factor = l.direction === "for" ? -(own ? 0.5 : 0.25) : 0.25;
      contributions.set(l.manifestation, factor * w * weight);
      reasons.set(l.manifestation, l.direction === "for" ? msg("watch.msg.why.absentExpected", { strength: l.strength }) : msg("watch.msg.why.absentAgainst"));
    }
  }
  // Without an explicit link, a sign of any manifestation counts against "no nexus evident".
  const maxFor = Math.max(0, ...ind.links.filter((l) => l.direction === "for" && l.manifestation !== NO_NEXUS).map((l) => strengthPoints[l.strength]));
  if (!explicitNoNexus && maxFor > 0) {
    if (o.state === "present") {
      contributions.set(NO_NEXUS, -(own ? 1 : 0.5) * maxFor * weight);
      reasons.set(NO_NEXUS, msg(own ? "watch.msg.why.nexusGroup" : "watch.msg.why.nexusSurroundings"));
    } else if (o.state === "absent") {
      contributions.set(NO_NEXUS, (own ? 0.5 : 0.25) * maxFor * weight);
      reasons.set(NO_NEXUS, msg("watch.msg.why.nexusAbsent"));
    }
  }
  return {
    key: `indicator:${ind.id}`, kind: "indicator", factorGroup: ind.group, trend,
    label: subjects.length ? msg("watch.msg.ev.indicatorOn", { statement: ind.statement, subjects: subjects.join(", ") }) : msg("watch.msg.ev.indicator", { statement: ind.statement }),
    state: o.state, weight, grade: graded.grade, sources: o.sources.map((s) => s.id), observedAt: o.observedAt, subjects, contributions, reasons,
  };
}

const armed = (t?: GroupType) => t === "terrorist" || t === "other-armed";
const sideOfType = (t?: GroupType) => (t === "criminal" ? "crime" : armed(t) ? "armed" : null);

/** A group's type on a date: the last dated type from before it, else its current type. */
export function typeAt(g: Group, date: string): GroupType {
  const dated = [...(g.types ?? [])].sort((a, b) => a.from.localeCompare(b.from)).filter((t) => t.from <= date);
  return dated.length ? dated[dated.length - 1].type : g.type;
}

/** The sides of the divide a group has been on up to a date. */
function sidesUpTo(g: Group, date: string): Set<"crime" | "armed"> {
  const out = new Set<"crime" | "armed">();
  for (const t of [...(g.types ?? []).filter((x) => x.from <= date).map((x) => x.type), typeAt(g, date)]) {
    const side = sideOfType(t);
    if (side) out.add(side);
  }
  return out;
}

type Effects = [hypothesis: string, points: number, why: string][];
const relationshipEffects: Record<Exclude<RelationshipKind, "successor" | "splinter">, Effects> = {
  alliance: [["alliance", DEFINING, "why.rel.alliance.alliance"], ["integration", 1, "why.rel.alliance.integration"], [NO_NEXUS, -4, "why.rel.noNexus"]],
  transaction: [["alliance", DEFINING, "why.rel.transaction.alliance"], ["integration", -1, "why.rel.transaction.integration"], [NO_NEXUS, -4, "why.rel.noNexus"]],
  "service-provision": [["alliance", DEFINING, "why.rel.service-provision.alliance"], ["appropriation-of-tactics", 1, "why.rel.service-provision.appropriation-of-tactics"], [NO_NEXUS, -4, "why.rel.noNexus"]],
  financing: [["alliance", 3, "why.rel.financing.alliance"], ["hybrid", 1, "why.rel.financing.hybrid"], [NO_NEXUS, -3, "why.rel.noNexus"]],
  intermediary: [["alliance", 3, "why.rel.intermediary.alliance"], [NO_NEXUS, -3, "why.rel.noNexus"]],
  integration: [["integration", DEFINING + 1, "why.rel.integration.integration"], ["hybrid", 1, "why.rel.integration.hybrid"], ["alliance", -2, "why.rel.integration.alliance"], [NO_NEXUS, -4, "why.rel.noNexus"]],
  competition: [["alliance", -2, "why.rel.competition.alliance"], ["integration", -2, "why.rel.competition.integration"]],
};
const successionEffects: Effects = [["transformation", DEFINING, "why.rel.succession.transformation"], ["hybrid", 1, "why.rel.succession.hybrid"], [NO_NEXUS, -4, "why.crossed"]];
/**
 * How much an ended relationship still counts. Transactions and services are short by nature: a
 * deal that ended is still the alliance (Hague toolkit: alliances are usually short-lived and ad
 * hoc). A lasting tie that ended counts three quarters; a merger that came apart, half.
 */
const endedShare: Partial<Record<RelationshipKind, number>> = { alliance: 0.75, financing: 0.75, intermediary: 0.75, integration: 0.5, competition: 0.5 };

function relationshipEvidence(r: Relationship, groups: Map<string, Group>, asOf: string): Evidence | null {
  const a = groups.get(r.from);
  const b = groups.get(r.to);
  if (!a || !b) return null;
  const succession = r.kind === "successor" || r.kind === "splinter";
  let effects: Effects;
  if (succession) {
    // The organisation continues as (or gives rise to) a group on the other side of the divide.
    const before = sideOfType(typeAt(a, r.start ?? asOf));
    const after = sideOfType(typeAt(b, asOf));
    if (!before || !after || before === after) return null;
    effects = successionEffects;
  } else {
    // A criminal and an armed group, then or before (a crew that joined a cell was criminal before it joined).
    const sa = sidesUpTo(a, asOf);
    const sb = sidesUpTo(b, asOf);
    if (!((sa.has("crime") && sb.has("armed")) || (sa.has("armed") && sb.has("crime")))) return null;
    effects = relationshipEffects[r.kind as keyof typeof relationshipEffects];
  }
  const graded = weigh(r.sources, r.credibility);
  const ended = !succession && r.end && r.end < asOf ? r.end : null;
  const share = ended ? (endedShare[r.kind] ?? 1) : 1;
  const weight = graded.weight * share;
  const contributions = new Map<string, number>();
  const reasons = new Map<string, Msg>();
  for (const [h, points, why] of effects) {
    contributions.set(h, points * weight);
    const reason = msg(`watch.msg.${why}`);
    reasons.set(h, ended ? msg("watch.msg.why.ended", { reason, end: ended, share: share === 1 ? "in full" : share === 0.75 ? "three quarters" : "half" }) : reason);
  }
  return {
    key: `relationship:${r.id ?? `${r.from}-${r.kind}-${r.to}`}`, kind: "relationship", state: "direct",
    label: msg("watch.msg.ev.relationship", { from: a.name, to: b.name, kind: r.kind }), weight, grade: graded.grade, sources: r.sources.map((s) => s.id),
    observedAt: r.start ?? asOf, subjects: [a.name, b.name], contributions, reasons,
  };
}

type Side = "political" | "economic";
type Role = "primary" | "secondary";
type Dominant = "political" | "economic" | "both" | "none";
interface AimState { political?: Role; economic?: Role }
const sidesOf = (k: MotiveKind): Side[] => (k === "economic" ? ["economic"] : k === "both" ? ["political", "economic"] : ["political"]);
const dominantOf = (s: AimState): Dominant =>
  s.political === "primary" && s.economic === "primary" ? "both" : s.political === "primary" ? "political" : s.economic === "primary" ? "economic" : "none";

/**
 * A group's aims on each date an entry was recorded. An entry with `aim` sets that kind of aim
 * (primary or secondary) and leaves the others as they were; an entry without `aim` (recorded
 * before aims were told apart) is the group's whole motive from then on.
 */
function aimHistory(ms: Motivation[]): { date: string; state: AimState; entries: Motivation[] }[] {
  const kinds = new Map<MotiveKind, Role>();
  const out: { date: string; state: AimState; entries: Motivation[] }[] = [];
  for (const m of ms) {
    if (!m.aim) kinds.clear();
    if (m.kind === "both") { kinds.set("political", m.aim ?? "primary"); kinds.set("economic", m.aim ?? "primary"); } else kinds.set(m.kind, m.aim ?? "primary");
    const state: AimState = {};
    for (const [k, role] of kinds) for (const side of sidesOf(k)) if (state[side] !== "primary") state[side] = role;
    const last = out[out.length - 1];
    if (last?.date === m.from) { last.state = state; last.entries.push(m); } else out.push({ date: m.from, state, entries: [m] });
  }
  return out;
}
function groupEvidenceBase(key: string, kind: Evidence["kind"], label: Msg, g: Group, observedAt: string, graded: { weight: number; grade: string }, sources: string[]): Omit<Evidence, "contributions" | "reasons"> {
  return { key, kind, label, state: "direct", weight: graded.weight, grade: graded.grade, sources, observedAt, subjects: [g.name] };
}
function effectsOf(list: Effects, weight: number, prefix: string) {
  const contributions = new Map<string, number>();
  const reasons = new Map<string, Msg>();
  for (const [h, points, why] of list) {
    contributions.set(h, points * weight);
    reasons.set(h, msg(why.startsWith("why.") ? `watch.msg.${why}` : `watch.msg.${prefix}.${why}`));
  }
  return { contributions, reasons };
}

/**
 * A group's aims as of `asOf`: a main aim that moved across the divide is transformation;
 * political and economic aims both primary is the hybrid form; one side primary with the other
 * secondary (a political group running crime for funds, or a criminal group with political
 * demands that serve its business) leans to appropriation; one kind of aim throughout counts
 * against hybrid and transformation.
 */
function motivationEvidence(g: Group, asOf: string, absorbed: boolean): Evidence | null {
  const ms = g.motivations.filter((m) => m.from <= asOf).sort((x, y) => x.from.localeCompare(y.from));
  const history = aimHistory(ms);
  if (!history.length) return null;
  const now = history[history.length - 1];
  const dominant = dominantOf(now.state);
  if (dominant === "none") return null;
  // When the current dominant aim began, and what came before it.
  let i = history.length - 1;
  while (i > 0 && dominantOf(history[i - 1].state) === dominant) i--;
  const since = history[i].date;
  const before = history.slice(0, i).map((h) => dominantOf(h.state)).filter((d): d is "political" | "economic" => d === "political" || d === "economic").pop();
  const secondary = dominant === "political" ? now.state.economic === "secondary" : dominant === "economic" ? now.state.political === "secondary" : false;
  // The entries that say what the aims are now, graded by their best source (unsourced: analyst judgement).
  const current = history.slice(i).flatMap((h) => h.entries);
  const sourced = current.filter((m) => m.sources?.length);
  const graded = sourced.length
    ? sourced.map((m) => weigh(m.sources!, m.credibility ?? 3)).sort((a, b) => b.weight - a.weight)[0]
    : judgement(current.map((m) => m.credibility).find((c) => c !== undefined));
  const sources = [...new Set(sourced.flatMap((m) => m.sources!.map((x) => x.id)))];
  const key = `motivation:${g.id}`;
  const make = (label: Msg, effects: Effects, prefix: string): Evidence =>
    ({ ...groupEvidenceBase(key, "motivation", label, g, since, graded, sources), ...effectsOf(effects.filter((x) => x[1] !== 0), graded.weight, prefix) });
  if (before && dominant !== "both" && before !== dominant) {
    if (absorbed) return make(msg("watch.msg.ev.motiveShift", { group: g.name, from: before, to: dominant, since }), [["integration", 3, "why.absorbed"], [NO_NEXUS, -2, "why.crossed"]], "");
    return make(msg("watch.msg.ev.motiveShift", { group: g.name, from: before, to: dominant, since }),
      [["transformation", DEFINING, "transformation"], ["hybrid", secondary ? 0 : -1, "hybrid"], ["appropriation-of-tactics", -1, "appropriation-of-tactics"], [NO_NEXUS, -2, "why.crossed"]], "why.motive.shift");
  }
  if (dominant === "both") {
    return make(msg("watch.msg.ev.motiveBoth", { group: g.name, since }),
      [["hybrid", DEFINING, "hybrid"], ["transformation", before ? 1 : 0, "transformation"], [NO_NEXUS, -2, "why.mixed"]], "why.motive.both");
  }
  if (secondary && dominant === "political") {
    return make(msg("watch.msg.ev.motiveFundraising", { group: g.name, since }),
      [["appropriation-of-tactics", 2, "appropriation-of-tactics"], ["hybrid", 1, "hybrid"], [NO_NEXUS, -1, "why.mixed"]], "why.motive.fundraising");
  }
  if (secondary) {
    return make(msg("watch.msg.ev.motiveVeneer", { group: g.name, since }),
      [["appropriation-of-tactics", 2, "appropriation-of-tactics"], ["transformation", 1, "transformation"], ["hybrid", 1, "hybrid"], [NO_NEXUS, -1, "why.mixed"]], "why.motive.veneer");
  }
  return make(msg("watch.msg.ev.motiveStable", { group: g.name, side: dominant, since }),
    [["hybrid", -2, "hybrid"], ["transformation", -2, "transformation"]], "why.motive.stable");
}

/** A group whose recorded type changed across the divide (e.g. a paramilitary force that became a criminal band). */
function typeEvidence(g: Group, asOf: string, absorbed: boolean): Evidence | null {
  const dated = [...(g.types ?? [])].filter((t) => t.from <= asOf).sort((a, b) => a.from.localeCompare(b.from));
  if (dated.length < 2) return null;
  const last = dated[dated.length - 1];
  const before = [...dated].reverse().find((t) => sideOfType(t.type) && sideOfType(t.type) !== sideOfType(last.type));
  if (!before || !sideOfType(last.type)) return null;
  const graded = judgement();
  const e = absorbed
    ? effectsOf([["integration", 3, "why.absorbed"], [NO_NEXUS, -2, "why.crossed"]], graded.weight, "")
    : effectsOf([["transformation", DEFINING, "transformation"], ["hybrid", -1, "hybrid"], ["appropriation-of-tactics", -1, "appropriation-of-tactics"], [NO_NEXUS, -2, "why.crossed"]], graded.weight, "why.type");
  return { ...groupEvidenceBase(`type:${g.id}`, "group", msg("watch.msg.ev.typeShift", { group: g.name, from: before.type, to: last.type, since: last.from }), g, last.from, graded, []), ...e };
}

/**
 * Which kinds of group the reading holds. Crime alone is not a nexus: with criminal groups and no
 * terrorist or armed group, "no nexus evident" gains and the forms that need both kinds lose.
 */
function actorsEvidence(groups: Group[], asOf: string): Evidence | null {
  if (!groups.length) return null;
  const types = groups.map((g) => typeAt(g, asOf));
  const criminal = types.filter((t) => t === "criminal").length;
  const armedCount = types.filter(armed).length;
  const graded = judgement();
  const base = { key: "actors", kind: "group" as const, state: "direct" as const, weight: graded.weight, grade: graded.grade, sources: [], observedAt: asOf, subjects: groups.map((g) => g.name) };
  if (criminal && !armedCount) {
    return { ...base, label: msg("watch.msg.ev.onlyCriminal", { count: criminal }), ...effectsOf([[NO_NEXUS, 3, "why.onlyCriminal.no-nexus"], ["alliance", -2, "why.onlyCriminal.partner"], ["integration", -2, "why.onlyCriminal.partner"], ["black-hole", -1, "why.onlyCriminal.black-hole"]], graded.weight, "") };
  }
  if (armedCount && !criminal) {
    return { ...base, label: msg("watch.msg.ev.onlyArmed", { count: armedCount }), ...effectsOf([["alliance", -1, "why.onlyArmed.partner"], ["integration", -1, "why.onlyArmed.partner"]], graded.weight, "") };
  }
  if (criminal && armedCount) {
    return { ...base, label: msg("watch.msg.ev.bothKinds", { criminal, armed: armedCount }), ...effectsOf([[NO_NEXUS, -1, "why.bothKinds.no-nexus"]], graded.weight, "") };
  }
  return null;
}

/** Signs that together make the toolkit's black hole: no state in control, and groups that hold and run the territory. */
const BLACK_HOLE_STATE = ["env-geography.ungoverned-territory", "env-governance.state-collapse"];
const BLACK_HOLE_CONTROL = ["env-governance.territorial-control"];
function patternEvidence(indicators: Evidence[]): Evidence | null {
  const present = (ids: string[]) => indicators.filter((e) => e.state === "present" && ids.includes(e.key.slice("indicator:".length)));
  const state = present(BLACK_HOLE_STATE);
  const control = present(BLACK_HOLE_CONTROL);
  if (!state.length || !control.length) return null;
  const parts = [...state, ...control];
  const weight = Math.min(Math.max(...state.map((e) => e.weight)), Math.max(...control.map((e) => e.weight)));
  const worst = [...parts].sort((a, b) => a.weight - b.weight)[0];
  return {
    key: "pattern:black-hole", kind: "group", state: "direct", label: msg("watch.msg.ev.blackHolePattern"), weight, grade: worst.grade,
    sources: [...new Set(parts.flatMap((e) => e.sources))], observedAt: parts.map((e) => e.observedAt).sort()[0], subjects: [],
    ...effectsOf([["black-hole", 3, "why.blackHolePattern"], ["hybrid", 1, "why.blackHolePattern.hybrid"]], weight, ""),
  };
}

export interface EvidenceInput {
  observations: Observation[];
  groups?: Group[];
  relationships?: Relationship[];
  asOf: string;
  /** the regional context the analyst set for the area, if any */
  context?: string | null;
}

export function collectEvidence(model: WatchModel, input: EvidenceInput): { evidence: Evidence[]; unknownIndicators: string[] } {
  const evidence: Evidence[] = [];
  const unknownIndicators = new Set<string>();
  for (const { o, subjects } of combineSubjects(latestObservations(input.observations))) {
    const ind = model.indicators.get(o.indicator);
    if (!ind) { unknownIndicators.add(o.indicator); continue; }
    if (o.state === "unknown") continue;
    evidence.push(indicatorEvidence(o, subjects, ind));
  }
  const pattern = patternEvidence(evidence);
  if (pattern) evidence.push(pattern);
  const groups = input.groups ?? [];
  const byId = new Map(groups.map((g) => [g.id, g]));
  for (const r of input.relationships ?? []) {
    const e = relationshipEvidence(r, byId, input.asOf);
    if (e) evidence.push(e);
  }
  // A group that joined another as a group changed with it: integration explains its change, not transformation.
  const absorbed = new Set((input.relationships ?? []).filter((r) => r.kind === "integration" && (!r.start || r.start <= input.asOf)).map((r) => r.from));
  for (const g of groups) {
    for (const e of [typeEvidence(g, input.asOf, absorbed.has(g.id)), motivationEvidence(g, input.asOf, absorbed.has(g.id))]) if (e) evidence.push(e);
  }
  // A group with one kind of aim does not count against hybrid or transformation when another group here shows it.
  for (const h of ["hybrid", "transformation"]) {
    if (!establishes(evidence, h)) continue;
    for (const e of evidence) if (e.kind === "motivation" && (e.contributions.get(h) ?? 0) < 0 && e.label.key === "watch.msg.ev.motiveStable") { e.contributions.delete(h); e.reasons.delete(h); }
  }
  const actors = actorsEvidence(groups, input.asOf);
  if (actors) evidence.push(actors);
  return { evidence, unknownIndicators: [...unknownIndicators] };
}
