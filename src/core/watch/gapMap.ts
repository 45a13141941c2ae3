/**
 * The evidence-gap map of a workspace (decision 0037): which indicators have evidence in which
 * areas, and how good it is. Rows are the watch-point indicators grouped by factor; columns are
 * the areas (or, in the second view, the manifestations each indicator speaks for or against).
 * Each cell is `none`, `weak` or `solid` and says why, as message keys. Weak uses the thresholds
 * of the analysis's own warnings (decision 0008): one source, mostly low-grade reports, evidence
 * more than a year old. Gaps list the research priorities that ask about their indicator, and
 * "collect next" orders the gaps by how much evidence there would move the area's leader against
 * its runner-up, from the same indicator links the analysis weighs.
 *
 * Pure: no I/O, no clock (the caller passes `asOf`). The caller passes only what the reader may
 * read (the derived-data rule, decision 0014): every number here is computed from that alone.
 */
import type { AnalysisResult } from "./analysis.js";
import { collectEvidence, NO_NEXUS, type Observation } from "./evidence.js";
import { isLowGrade, type Credibility, type Reliability } from "./grades.js";
import { msg, type Msg } from "./messages.js";
import type { Strength, WatchModel } from "./model.js";

/**
 * Evidence older than this is stale. The analysis's `stale` warning uses the same 365 days
 * (STALE_DAYS in analysis.ts; gapMap.test.ts checks that both agree).
 */
export const GAP_STALE_DAYS = 365;
/** At most this many cells in the "collect next" list. */
export const COLLECT_NEXT_LIMIT = 30;

export type CellState = "none" | "weak" | "solid";
export type WeakReason = "single-source" | "low-grade" | "stale";

export interface GapCell {
  state: CellState;
  /** why the cell has this state: no evidence, only "unknown" reports, or each weakness (message keys with params) */
  reasons: Msg[];
  weaknesses: WeakReason[];
  /** observations found present or absent (history included) */
  observations: number;
  sources: number;
  /** the latest observation's date, or null */
  latest: string | null;
  /** for a gap (none or weak): research priorities whose indicators include this one */
  priorities: string[];
}

export interface GapArea { id: string; name: string; leader: string | null; runnerUp: string | null; margin: number | null; withheld: boolean }
export interface GapRow { indicator: string; statement: string; cells: GapCell[] }
export interface GapFactor { id: string; rows: GapRow[] }

export interface ManifestationCell {
  direction: "for" | "against";
  strength: Strength;
  /** the best state among the areas (solid if some area has solid evidence) */
  state: CellState;
  areas: Record<CellState, number>;
  reasons: Msg[];
}
export interface ManifestationColumn { id: string; name: Msg; linked: number; solid: number; summary: Msg }
export interface ManifestationRow { indicator: string; statement: string; cells: (ManifestationCell | null)[] }

export interface Gap { area: string; indicator: string; state: Exclude<CellState, "solid">; reasons: Msg[]; priorities: string[] }
export interface Suggestion {
  area: string;
  indicator: string;
  state: Exclude<CellState, "solid">;
  /** points: how far evidence here could move the leader against the runner-up (or, with no leader, the indicator's spread) */
  score: number;
  /** the hypothesis that would lead if the indicator were found present (from the analysis's sensitivity), or null */
  flipsTo: string | null;
  explanation: Msg[];
}

export interface GapMap {
  asOf: string;
  staleBefore: string;
  areas: GapArea[];
  factors: GapFactor[];
  manifestations: { columns: ManifestationColumn[]; factors: { id: string; rows: ManifestationRow[] }[] };
  gaps: Gap[];
  collectNext: Suggestion[];
  /** cells per state over the whole matrix */
  totals: Record<CellState, number>;
  priorities: { id: string; title: string; indicators: string[] }[];
}

export interface GapMapInput {
  model: WatchModel;
  /** the areas the reader may read, each with the observations and the analysis computed from what the reader may read */
  areas: { id: string; name: string; observations: Observation[]; analysis: Pick<AnalysisResult, "ranking" | "sensitivity" | "evidenceCount">; withheld?: boolean }[];
  priorities: { id: string; title: string; indicators: string[] }[];
  asOf: string;
}

const round = (n: number) => Math.round(n * 100) / 100;
const hypothesisName = (id: string) => msg(`watch.msg.hypothesis.${id}`);

/** The date `days` before `asOf` (YYYY-MM-DD). */
export function cutoffOf(asOf: string, days = GAP_STALE_DAYS): string {
  return new Date(new Date(`${asOf}T00:00:00Z`).getTime() - days * 86400_000).toISOString().slice(0, 10);
}

/** One cell: the observations of one indicator in one area (on the area itself or a group in it). */
export function cellOf(observations: Observation[], asOf: string, priorities: string[] = []): GapCell {
  const dated = observations.filter((o) => o.observedAt <= asOf);
  const known = dated.filter((o) => o.state !== "unknown");
  if (!known.length) {
    return {
      state: "none", reasons: [msg(dated.length ? "watch.msg.gaps.reason.unknownOnly" : "watch.msg.gaps.reason.none", { count: dated.length })],
      weaknesses: [], observations: 0, sources: 0, latest: null, priorities,
    };
  }
  const sources = new Set(known.flatMap((o) => o.sources.map((s) => s.id)));
  const latest = known.map((o) => o.observedAt).sort().at(-1)!;
  // The analysis's rules: one source (or none) behind it; more than half the reports low-grade; the standing report over a year old.
  const low = known.filter((o) => o.sources.every((s) => isLowGrade(s.reliability as Reliability, o.credibility as Credibility))).length;
  const cutoff = cutoffOf(asOf);
  const weaknesses: WeakReason[] = [];
  const reasons: Msg[] = [];
  if (sources.size <= 1) { weaknesses.push("single-source"); reasons.push(msg("watch.msg.gaps.reason.singleSource", { count: known.length })); }
  if (low * 2 > known.length) { weaknesses.push("low-grade"); reasons.push(msg("watch.msg.gaps.reason.lowGrade", { low, total: known.length })); }
  if (latest < cutoff) { weaknesses.push("stale"); reasons.push(msg("watch.msg.gaps.reason.stale", { latest, cutoff })); }
  const state: CellState = weaknesses.length ? "weak" : "solid";
  if (state === "solid") reasons.push(msg("watch.msg.gaps.reason.solid", { observations: known.length, sources: sources.size, latest }));
  return { state, reasons, weaknesses, observations: known.length, sources: sources.size, latest, priorities: state === "solid" ? [] : priorities };
}

/** What the indicator, observed at B2 in `state`, adds to each hypothesis: the analysis's own weighing (evidence.ts). */
function contributionsOf(model: WatchModel, indicator: string, state: "present" | "absent", asOf: string): Map<string, number> {
  const probe: Observation = { indicator, state, observedAt: asOf, credibility: 2, sources: [{ id: "probe", reliability: "B" }] };
  return collectEvidence(model, { observations: [probe], asOf }).evidence[0]?.contributions ?? new Map();
}

const order: Record<CellState, number> = { none: 0, weak: 1, solid: 2 };

export function buildGapMap(input: GapMapInput): GapMap {
  const { model, asOf } = input;
  const hypotheses = [...model.manifestations.map((m) => m.id), NO_NEXUS];
  const prioritiesOf = (indicator: string) => input.priorities.filter((p) => p.indicators.includes(indicator)).map((p) => p.id);

  const areas: GapArea[] = input.areas.map((a) => {
    const [first, second] = a.analysis.evidenceCount ? a.analysis.ranking : [];
    return {
      id: a.id, name: a.name, leader: first?.id ?? null, runnerUp: second?.id ?? null,
      margin: first && second ? round(first.score - second.score) : null, withheld: !!a.withheld,
    };
  });

  const byFactor = new Map<string, GapRow[]>();
  const manifestationRows = new Map<string, ManifestationRow[]>();
  const totals: Record<CellState, number> = { none: 0, weak: 0, solid: 0 };
  const gaps: Gap[] = [];
  const columnCounts = hypotheses.map(() => ({ linked: 0, solid: 0 }));
  for (const ind of model.indicators.values()) {
    const priorities = prioritiesOf(ind.id);
    const cells = input.areas.map((a) => cellOf(a.observations.filter((o) => o.indicator === ind.id), asOf, priorities));
    cells.forEach((c, i) => {
      totals[c.state]++;
      if (c.state !== "solid") gaps.push({ area: input.areas[i].id, indicator: ind.id, state: c.state, reasons: c.reasons, priorities: c.priorities });
    });
    byFactor.set(ind.factor, [...(byFactor.get(ind.factor) ?? []), { indicator: ind.id, statement: ind.statement, cells }]);

    const count: Record<CellState, number> = { none: 0, weak: 0, solid: 0 };
    for (const c of cells) count[c.state]++;
    const best: CellState = count.solid ? "solid" : count.weak ? "weak" : "none";
    const mcells = hypotheses.map((h, hi): ManifestationCell | null => {
      const link = ind.links.find((l) => l.manifestation === h);
      if (!link) return null;
      columnCounts[hi].linked++;
      if (best === "solid") columnCounts[hi].solid++;
      return {
        direction: link.direction, strength: link.strength, state: best, areas: count,
        reasons: [msg("watch.msg.gaps.reason.across", { solid: count.solid, weak: count.weak, none: count.none, areas: cells.length })],
      };
    });
    manifestationRows.set(ind.factor, [...(manifestationRows.get(ind.factor) ?? []), { indicator: ind.id, statement: ind.statement, cells: mcells }]);
  }

  const collectNext = suggest(input, areas).slice(0, COLLECT_NEXT_LIMIT);
  return {
    asOf, staleBefore: cutoffOf(asOf), areas,
    factors: [...byFactor].map(([id, rows]) => ({ id, rows })),
    manifestations: {
      columns: hypotheses.map((id, i) => ({
        id, name: hypothesisName(id), linked: columnCounts[i].linked, solid: columnCounts[i].solid,
        summary: msg("watch.msg.gaps.manifestationSummary", { solid: columnCounts[i].solid, linked: columnCounts[i].linked }),
      })),
      factors: [...manifestationRows].map(([id, rows]) => ({ id, rows })),
    },
    gaps: gaps.sort((a, b) => order[a.state] - order[b.state]),
    collectNext, totals, priorities: input.priorities,
  };
}

/**
 * The gaps worth filling first. In an area with a leader: how far the indicator, found present or
 * absent (at B2, as the sensitivity probes), would move the leader against the runner-up; first
 * those whose presence alone would change the leader (the analysis's sensitivity). In an area
 * without evidence: the indicator's spread over all hypotheses (how well it discriminates).
 */
function suggest(input: GapMapInput, areas: GapArea[]): Suggestion[] {
  const { model, asOf } = input;
  const probes = new Map<string, { present: Map<string, number>; absent: Map<string, number> }>();
  const probe = (id: string) => {
    let p = probes.get(id);
    if (!p) { p = { present: contributionsOf(model, id, "present", asOf), absent: contributionsOf(model, id, "absent", asOf) }; probes.set(id, p); }
    return p;
  };
  const out: Suggestion[] = [];
  input.areas.forEach((a, ai) => {
    const area = areas[ai];
    const flips = a.analysis.sensitivity?.addition;
    for (const ind of model.indicators.values()) {
      const cell = cellOf(a.observations.filter((o) => o.indicator === ind.id), asOf);
      if (cell.state === "solid") continue;
      const p = probe(ind.id);
      const state = cell.state;
      const explanation: Msg[] = [];
      let score: number;
      let flipsTo: string | null = null;
      if (area.leader && area.runnerUp) {
        const delta = (c: Map<string, number>) => (c.get(area.runnerUp!) ?? 0) - (c.get(area.leader!) ?? 0);
        score = round(Math.max(Math.abs(delta(p.present)), Math.abs(delta(p.absent))));
        explanation.push(msg("watch.msg.gaps.next.separates", { leader: area.leader, runnerUp: area.runnerUp, points: score, margin: area.margin ?? 0 }));
        if (state === "none" && flips?.indicators.includes(ind.id)) {
          flipsTo = flips.to;
          explanation.push(msg("watch.msg.gaps.next.flips", { to: flips.to }));
        }
      } else {
        const values = [...p.present.values(), 0];
        const high = [...p.present].sort((x, y) => y[1] - x[1])[0];
        const low = [...p.present].sort((x, y) => x[1] - y[1])[0];
        score = round(Math.max(...values) - Math.min(...values));
        explanation.push(high && low && high[0] !== low[0]
          ? msg("watch.msg.gaps.next.noLeader", { high: high[0], low: low[0], points: score })
          : msg("watch.msg.gaps.next.flat"));
      }
      explanation.push(...cell.reasons);
      out.push({ area: a.id, indicator: ind.id, state, score, flipsTo, explanation });
    }
  });
  const name = new Map(input.areas.map((a) => [a.id, a.name]));
  const byScore = (x: Suggestion, y: Suggestion) => Number(!!y.flipsTo) - Number(!!x.flipsTo) || y.score - x.score || order[x.state] - order[y.state]
    || name.get(x.area)!.localeCompare(name.get(y.area)!) || x.indicator.localeCompare(y.indicator);
  // Each area's best first, then each area's second, and so on: points in an area without a leader (a spread over
  // every hypothesis) are on another scale than a leader's margin, and one empty area must not fill the list.
  const place = new Map<Suggestion, number>();
  for (const a of input.areas) out.filter((s) => s.area === a.id).sort(byScore).forEach((s, i) => place.set(s, i));
  return out.sort((x, y) => Number(!!y.flipsTo) - Number(!!x.flipsTo) || place.get(x)! - place.get(y)! || byScore(x, y));
}
