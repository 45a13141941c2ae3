import { describe, expect, it } from "vitest";
import { loadContent } from "../../content/readContent.js";
import { analyse, NO_NEXUS } from "./analysis.js";
import type { Observation } from "./evidence.js";
import { buildGapMap, cellOf, cutoffOf, GAP_STALE_DAYS, type GapMapInput } from "./gapMap.js";
import type { Credibility, Reliability } from "./grades.js";
import { renderMessage } from "./messages.js";
import { buildWatchModel } from "./model.js";

const kb = loadContent().kb;
const model = buildWatchModel(kb);
const priorities = kb.researchPriorities.map((p) => ({ id: p.id, title: p.title, indicators: p.indicators }));
const asOf = "2026-11-01";

function obs(indicator: string, grade = "B2", source = "s1", observedAt = "2026-09-01", state: Observation["state"] = "present"): Observation {
  return { indicator, state, observedAt, credibility: Number(grade[1]) as Credibility, sources: [{ id: source, reliability: grade[0] as Reliability }] };
}
const text = (m: { key: string }[]) => m.map((x) => renderMessage(x as never)).join(" ");

describe("one cell", () => {
  it("has no evidence without observations, or with only reports of an unknown state", () => {
    expect(cellOf([], asOf)).toMatchObject({ state: "none", observations: 0, sources: 0, latest: null });
    expect(text(cellOf([], asOf).reasons)).toBe("No observation of this indicator here.");
    const unknown = cellOf([obs("env-economic.poverty", "B2", "s1", "2026-09-01", "unknown")], asOf);
    expect(unknown.state).toBe("none");
    expect(text(unknown.reasons)).toMatch(/unknown \(1\)/);
  });

  it("is weak on one source, and says so", () => {
    const c = cellOf([obs("x.y", "A1", "s1", "2026-09-01"), obs("x.y", "A1", "s1", "2026-10-01")], asOf);
    expect(c).toMatchObject({ state: "weak", weaknesses: ["single-source"], observations: 2, sources: 1, latest: "2026-10-01" });
    expect(text(c.reasons)).toMatch(/one source \(2 observation/);
  });

  it("is solid with two good sources of this year", () => {
    const c = cellOf([obs("x.y", "A1", "s1"), obs("x.y", "B2", "s2", "2026-10-02")], asOf);
    expect(c).toMatchObject({ state: "solid", weaknesses: [], sources: 2, latest: "2026-10-02" });
    expect(text(c.reasons)).toBe("2 observation(s) from 2 sources, the latest on 2026-10-02.");
  });

  it("is weak when most reports are low-grade, by the analysis's own rule (more than half)", () => {
    expect(cellOf([obs("x.y", "D2", "s1"), obs("x.y", "B2", "s2")], asOf).state).toBe("solid");
    const c = cellOf([obs("x.y", "D2", "s1"), obs("x.y", "B5", "s2"), obs("x.y", "A1", "s3")], asOf);
    expect(c).toMatchObject({ state: "weak", weaknesses: ["low-grade"] });
    expect(text(c.reasons)).toMatch(/^2 of 3 observations/);
    // The analysis warns on the same observations, and not on the first pair.
    const warns = (o: Observation[]) => analyse(model, { observations: o.map((x) => ({ ...x, indicator: "env-economic.poverty" })), asOf }).warnings.some((w) => w.code === "low-grade");
    expect(warns([obs("x.y", "D2", "s1"), obs("x.y", "B2", "s2")])).toBe(false);
    expect(warns([obs("x.y", "D2", "s1", "2026-09-01"), obs("x.y", "B5", "s2", "2026-09-02"), obs("x.y", "A1", "s3", "2026-09-03")])).toBe(true);
  });

  it("is stale exactly when the analysis calls the same evidence stale (more than a year old)", () => {
    const cutoff = cutoffOf(asOf);
    expect(GAP_STALE_DAYS).toBe(365);
    expect(cutoff).toBe("2025-11-01");
    const dayBefore = "2025-10-31";
    const two = (d: string) => [obs("env-economic.poverty", "A1", "s1", d), obs("env-economic.poverty", "A1", "s2", d)];
    const staleIn = (d: string) => analyse(model, { observations: two(d), asOf }).warnings.some((w) => w.code === "stale");
    expect(cellOf(two(cutoff), asOf).state).toBe("solid");
    expect(staleIn(cutoff)).toBe(false);
    const c = cellOf(two(dayBefore), asOf);
    expect(c).toMatchObject({ state: "weak", weaknesses: ["stale"] });
    expect(staleIn(dayBefore)).toBe(true);
    expect(text(c.reasons)).toBe("Last observed on 2025-10-31, more than a year ago (before 2025-11-01); observe it again.");
  });

  it("ignores observations dated after the map's date", () => {
    expect(cellOf([obs("x.y", "A1", "s1", "2026-12-01")], asOf).state).toBe("none");
  });
});

describe("the map of a workspace", () => {
  // Area 1 reads as a black hole, on two sources; area 2 has nothing.
  const blackHole = ["env-geography.ungoverned-territory", "env-governance.eroding-state-institutions", "env-economic.illicit-economy-dominance", "env-economic.shared-financial-dependency"];
  const area1 = blackHole.flatMap((i) => [obs(i, "A1", "s1"), obs(i, "B2", "s2")]);
  const input = (): GapMapInput => ({
    model, asOf, priorities,
    areas: [
      { id: "a1", name: "North district", observations: area1, analysis: analyse(model, { observations: area1, asOf }) },
      { id: "a2", name: "Coast district", observations: [], analysis: analyse(model, { observations: [], asOf }), withheld: true },
    ],
  });

  it("has one row per indicator grouped by factor in the knowledge base's order, one cell per area", () => {
    const m = buildGapMap(input());
    const rows = m.factors.flatMap((f) => f.rows);
    expect(rows.map((r) => r.indicator)).toEqual([...model.indicators.keys()]);
    expect(m.factors.map((f) => f.id)).toEqual([...new Set([...model.indicators.values()].map((i) => i.factor))]);
    for (const r of rows) expect(r.cells).toHaveLength(2);
    const cell = (ind: string, area: number) => rows.find((r) => r.indicator === ind)!.cells[area];
    expect(cell(blackHole[0], 0).state).toBe("solid");
    expect(cell(blackHole[0], 1).state).toBe("none");
    expect(m.totals).toEqual({ solid: 4, weak: 0, none: rows.length * 2 - 4 });
    expect(m.areas).toEqual([
      expect.objectContaining({ id: "a1", name: "North district", leader: "black-hole", withheld: false }),
      { id: "a2", name: "Coast district", leader: null, runnerUp: null, margin: null, withheld: true },
    ]);
  });

  it("lists each gap with the research priorities that name its indicator, and none for solid cells", () => {
    const m = buildGapMap(input());
    const named = priorities.find((p) => p.indicators.length)!;
    const ind = named.indicators[0];
    const gap = m.gaps.find((g) => g.indicator === ind && g.area === "a2")!;
    expect(gap.priorities).toContain(named.id);
    expect(gap.priorities).toEqual(priorities.filter((p) => p.indicators.includes(ind)).map((p) => p.id));
    expect(m.gaps.some((g) => g.area === "a1" && blackHole.includes(g.indicator))).toBe(false);
    const solid = m.factors.flatMap((f) => f.rows).find((r) => r.indicator === blackHole[2])!.cells[0];
    expect(solid.priorities).toEqual([]);
  });

  it("orders what to collect next by how far it could move the leader against the runner-up, flips first", () => {
    const m = buildGapMap(input());
    const a = input().areas[0];
    const [leader, runnerUp] = a.analysis.ranking;
    const next = m.collectNext.filter((s) => s.area === "a1");
    expect(next.length).toBeGreaterThan(3);
    // Within an area, scores never rise along the list once the flips are past; the areas take turns.
    const rest = next.filter((s) => !s.flipsTo);
    for (let i = 1; i < rest.length; i++) expect(rest[i].score).toBeLessThanOrEqual(rest[i - 1].score);
    expect(new Set(m.collectNext.slice(0, 2).map((s) => s.area))).toEqual(new Set(["a1", "a2"]));
    const flips = a.analysis.sensitivity?.addition?.indicators ?? [];
    if (flips.length) expect(m.collectNext[0].flipsTo).toBe(a.analysis.sensitivity!.addition!.to);
    // The score is the analysis's own weighing: the indicator found present at B2 (or absent), runner-up minus leader.
    const top = next[0];
    const probe = (state: "present" | "absent") => analyse(model, { observations: [{ ...obs(top.indicator, "B2", "p", asOf), state }], asOf });
    const delta = (state: "present" | "absent") => {
      const lines = probe(state).ranking;
      const points = (h: string) => lines.find((x) => x.id === h)!.explanation.reduce((n, l) => n + l.points, 0);
      return Math.abs(points(runnerUp.id) - points(leader.id));
    };
    expect(top.score).toBeCloseTo(Math.max(delta("present"), delta("absent")), 1);
    expect(renderMessage(top.explanation[0])).toContain(`Evidence here could move Black hole (leading) against`);
  });

  it("explains a suggestion in an area without a leader by the indicator's spread", () => {
    const m = buildGapMap(input());
    const s = m.collectNext.find((x) => x.area === "a2") ?? buildGapMap({ ...input(), areas: [input().areas[1]] }).collectNext[0];
    expect(s.explanation[0].key).toBe("watch.msg.gaps.next.noLeader");
    expect(s.score).toBeGreaterThan(0);
    expect(renderMessage(s.explanation[0])).toMatch(/^No hypothesis leads in this area yet; this indicator separates .+ from .+ by [\d.]+ points\.$/);
  });

  it("shows indicators against the manifestations they speak for or against, with the best evidence across the areas", () => {
    const m = buildGapMap(input());
    const cols = m.manifestations.columns.map((c) => c.id);
    expect(cols).toEqual([...model.manifestations.map((x) => x.id), NO_NEXUS]);
    const row = m.manifestations.factors.flatMap((f) => f.rows).find((r) => r.indicator === blackHole[0])!;
    const ind = model.indicators.get(blackHole[0])!;
    row.cells.forEach((c, i) => {
      const link = ind.links.find((l) => l.manifestation === cols[i]);
      if (!link) expect(c).toBeNull();
      else expect(c).toMatchObject({ direction: link.direction, strength: link.strength, state: "solid", areas: { solid: 1, weak: 0, none: 1 } });
    });
    const bh = m.manifestations.columns.find((c) => c.id === "black-hole")!;
    expect(bh.linked).toBe([...model.indicators.values()].filter((i) => i.links.some((l) => l.manifestation === "black-hole")).length);
    expect(bh.solid).toBeGreaterThan(0);
    expect(renderMessage(bh.summary)).toMatch(new RegExp(`^${bh.solid} of the ${bh.linked} indicators`));
  });

  it("counts only the evidence it is given: leaving an area's observations out empties its cells", () => {
    const full = buildGapMap(input());
    const without = buildGapMap({ ...input(), areas: [{ ...input().areas[0], observations: area1.filter((o) => o.sources[0].id !== "s2") }, input().areas[1]] });
    const cellIn = (m: typeof full) => m.factors.flatMap((f) => f.rows).find((r) => r.indicator === blackHole[0])!.cells[0];
    expect(cellIn(full)).toMatchObject({ state: "solid", sources: 2 });
    expect(cellIn(without)).toMatchObject({ state: "weak", sources: 1, weaknesses: ["single-source"] });
  });
});
