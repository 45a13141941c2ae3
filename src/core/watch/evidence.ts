/**
 * Turns observations, group relationships and group motivations into weighted evidence: for
 * each piece, how much it counts for (+) or against (-) each hypothesis, with the words that
 * explain it. The consistency of indicators comes from the knowledge base's indicator links.
 */
import { gradeLabel, gradeWeight, type Credibility, type Reliability } from "./grades.js";
import type { IndicatorModel, Strength, WatchModel } from "./model.js";

export const NO_NEXUS = "no-nexus";
export type IndicatorState = "present" | "absent" | "unknown";

export interface SourceRef { id: string; name?: string; reliability: Reliability }

export interface Observation {
  id?: string;
  indicator: string;
  state: IndicatorState;
  trend?: "rising" | "stable" | "falling";
  /** when the situation was observed (ISO date) */
  observedAt: string;
  sources: SourceRef[];
  credibility: Credibility;
  note?: string;
}

export type GroupType = "criminal" | "terrorist" | "other-armed" | "unknown";
export interface Motivation { from: string; kind: "ideological" | "economic" | "both"; sources?: SourceRef[]; credibility?: Credibility }
export interface Group { id: string; name: string; type: GroupType; motivations: Motivation[] }

export type RelationshipKind = "alliance" | "service-provision" | "financing" | "intermediary" | "integration" | "competition";
export interface Relationship { id?: string; kind: RelationshipKind; from: string; to: string; start?: string; end?: string | null; sources: SourceRef[]; credibility: Credibility }

export interface Evidence {
  key: string;
  kind: "indicator" | "relationship" | "motivation";
  label: string;
  state: IndicatorState | "direct";
  weight: number;
  grade: string;
  sources: string[];
  observedAt: string;
  /** hypothesis id -> signed contribution, already multiplied by the weight */
  contributions: Map<string, number>;
  /** hypothesis id -> why */
  reasons: Map<string, string>;
}

export const strengthPoints: Record<Strength, number> = { weak: 1, moderate: 2, strong: 3 };

/** The best-graded source and the observation's credibility decide its weight. */
function weigh(sources: SourceRef[], credibility: Credibility): { weight: number; grade: string } {
  const best = [...sources].sort((a, b) => gradeWeight(b.reliability, credibility) - gradeWeight(a.reliability, credibility))[0];
  const reliability = best?.reliability ?? "F";
  return { weight: gradeWeight(reliability, credibility), grade: gradeLabel(reliability, credibility) };
}

/** The latest observation of each indicator stands for it; older ones are history. */
export function latestObservations(observations: Observation[]): Observation[] {
  const latest = new Map<string, Observation[]>();
  for (const o of observations) {
    const cur = latest.get(o.indicator);
    if (!cur || o.observedAt > cur[0].observedAt) latest.set(o.indicator, [o]);
    else if (o.observedAt === cur[0].observedAt) cur.push(o);
  }
  // Several reports of the same day: the best-graded stands, all their sources count.
  return [...latest.values()].map((same) => {
    const best = [...same].sort((a, b) => weigh(b.sources, b.credibility).weight - weigh(a.sources, a.credibility).weight)[0];
    const sources = new Map(same.flatMap((o) => o.sources).map((s) => [s.id, s]));
    return { ...best, sources: [...sources.values()] };
  });
}

function indicatorEvidence(o: Observation, ind: IndicatorModel): Evidence {
  const { weight, grade } = weigh(o.sources, o.credibility);
  const contributions = new Map<string, number>();
  const reasons = new Map<string, string>();
  const org = ind.group === "organizational";
  const maxFor = Math.max(0, ...ind.links.filter((l) => l.direction === "for").map((l) => strengthPoints[l.strength]));
  for (const l of ind.links) {
    const w = strengthPoints[l.strength];
    if (o.state === "present") {
      contributions.set(l.manifestation, (l.direction === "for" ? w : -w) * weight);
      reasons.set(l.manifestation, `${l.strength} ${l.direction === "for" ? "sign of" : "sign against"} it: ${l.reasoning}`);
    } else if (o.state === "absent") {
      // Missing an expected sign counts against, more so for the group's own behaviour than for its surroundings.
      const factor = l.direction === "for" ? -(org ? 0.5 : 0.25) : 0.25;
      contributions.set(l.manifestation, factor * w * weight);
      reasons.set(l.manifestation, l.direction === "for" ? `an expected ${l.strength} sign is absent` : "a sign against it is absent");
    }
  }
  if (o.state === "present" && maxFor > 0) {
    contributions.set(NO_NEXUS, -(org ? 1 : 0.5) * maxFor * weight);
    reasons.set(NO_NEXUS, org ? "the group shows a sign of a nexus" : "the surroundings favour a nexus");
  } else if (o.state === "absent" && maxFor > 0) {
    contributions.set(NO_NEXUS, (org ? 0.5 : 0.25) * maxFor * weight);
    reasons.set(NO_NEXUS, "a sign of a nexus was looked for and is absent");
  }
  return {
    key: `indicator:${ind.id}`, kind: "indicator", label: ind.statement, state: o.state, weight, grade,
    sources: o.sources.map((s) => s.id), observedAt: o.observedAt, contributions, reasons,
  };
}

const relationshipEffects: Record<RelationshipKind, [string, number, string][]> = {
  alliance: [["alliance", 3, "a documented alliance between a criminal and a terrorist group is the alliance form itself"], ["integration", 1, "alliances can deepen into integration"], [NO_NEXUS, -3, "the groups are working together"]],
  "service-provision": [["alliance", 3, "buying a service (laundering, documents, smuggling access) from the other kind of group is a transactional alliance"], ["appropriation-of-tactics", 1, "using the service may be a first step towards acquiring the skill"], [NO_NEXUS, -3, "the groups are working together"]],
  financing: [["alliance", 2, "one group financing the other is a transactional tie"], ["hybrid", 1, "financing ties are common where groups blur"], [NO_NEXUS, -2, "money flows between the groups"]],
  intermediary: [["alliance", 2, "an intermediary brokering between the groups is a transactional tie"], [NO_NEXUS, -2, "the groups are connected through a broker"]],
  integration: [["integration", 3, "one group absorbing the other, or a merger, is integration"], ["hybrid", 1, "merged groups can become hybrid"], ["alliance", -1, "the groups no longer deal at arm's length"], [NO_NEXUS, -3, "the groups have merged"]],
  competition: [["alliance", -2, "competing groups are not allied"], ["integration", -2, "competing groups have not merged"]],
};

const nexusPair = (a?: Group, b?: Group) => {
  const kinds = new Set([a?.type, b?.type]);
  return kinds.has("criminal") && (kinds.has("terrorist") || kinds.has("other-armed"));
};

function relationshipEvidence(r: Relationship, groups: Map<string, Group>, asOf: string): Evidence | null {
  const a = groups.get(r.from);
  const b = groups.get(r.to);
  if (!nexusPair(a, b)) return null;
  const { weight: base, grade } = weigh(r.sources, r.credibility);
  const ended = r.end && r.end < asOf;
  const weight = ended ? base * 0.5 : base;
  const contributions = new Map<string, number>();
  const reasons = new Map<string, string>();
  for (const [h, points, why] of relationshipEffects[r.kind]) {
    contributions.set(h, points * weight);
    reasons.set(h, ended ? `${why} (the relationship ended on ${r.end}, so it counts half)` : why);
  }
  return {
    key: `relationship:${r.id ?? `${r.from}-${r.kind}-${r.to}`}`, kind: "relationship", state: "direct",
    label: `${a!.name} – ${b!.name}: ${r.kind.replace("-", " ")}`, weight, grade, sources: r.sources.map((s) => s.id),
    observedAt: r.start ?? asOf, contributions, reasons,
  };
}

/**
 * A group's motivations over time: from political to economic aims (or back) is the
 * transformation the toolkit describes; pursuing both at once is the hybrid form.
 */
function motivationEvidence(g: Group): Evidence | null {
  const ms = [...g.motivations].sort((x, y) => x.from.localeCompare(y.from));
  if (!ms.length) return null;
  const current = ms[ms.length - 1];
  const earlier = ms.slice(0, -1);
  const sources = current.sources ?? [];
  const { weight, grade } = sources.length ? weigh(sources, current.credibility ?? 3) : { weight: gradeWeight("B", current.credibility ?? 2), grade: `analyst judgement, ${gradeLabel("B", current.credibility ?? 2)}` };
  const contributions = new Map<string, number>();
  const reasons = new Map<string, string>();
  const shifted = earlier.some((m) => m.kind !== current.kind && m.kind !== "both" && current.kind !== "both");
  let label: string;
  if (shifted) {
    const from = earlier.find((m) => m.kind !== current.kind)!.kind;
    label = `${g.name}: motivation shifted from ${from} to ${current.kind} (since ${current.from})`;
    contributions.set("transformation", 3 * weight).set("hybrid", 1 * weight).set("appropriation-of-tactics", -1 * weight).set(NO_NEXUS, -2 * weight);
    reasons.set("transformation", "a group whose aims changed from one side of the divide to the other has transformed");
    reasons.set("hybrid", "groups often pass through a hybrid phase while changing");
    reasons.set("appropriation-of-tactics", "appropriation borrows methods but keeps the original aims");
    reasons.set(NO_NEXUS, "the group has crossed the crime-terror divide");
  } else if (current.kind === "both") {
    label = `${g.name}: pursues ideological and economic aims at once (since ${current.from})`;
    contributions.set("hybrid", 3 * weight).set("transformation", 1 * weight).set(NO_NEXUS, -2 * weight);
    reasons.set("hybrid", "a group pursuing political aims and profit at the same time is the hybrid form");
    reasons.set("transformation", "mixed aims can be a stage of transformation");
    reasons.set(NO_NEXUS, "the group spans both sides of the divide");
  } else {
    return null;
  }
  return { key: `motivation:${g.id}`, kind: "motivation", state: "direct", label, weight, grade, sources: sources.map((s) => s.id), observedAt: current.from, contributions, reasons };
}

export interface EvidenceInput {
  observations: Observation[];
  groups?: Group[];
  relationships?: Relationship[];
  asOf: string;
}

export function collectEvidence(model: WatchModel, input: EvidenceInput): { evidence: Evidence[]; unknownIndicators: string[] } {
  const evidence: Evidence[] = [];
  const unknownIndicators: string[] = [];
  for (const o of latestObservations(input.observations)) {
    const ind = model.indicators.get(o.indicator);
    if (!ind) { unknownIndicators.push(o.indicator); continue; }
    if (o.state === "unknown") continue;
    evidence.push(indicatorEvidence(o, ind));
  }
  const groups = new Map((input.groups ?? []).map((g) => [g.id, g]));
  for (const r of input.relationships ?? []) {
    const e = relationshipEvidence(r, groups, input.asOf);
    if (e) evidence.push(e);
  }
  for (const g of input.groups ?? []) {
    const e = motivationEvidence(g);
    if (e) evidence.push(e);
  }
  return { evidence, unknownIndicators };
}
