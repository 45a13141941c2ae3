/**
 * The evidence model of issue 11: each test is a failure found when documented cases were
 * entered, or a rule the toolkit's definitions give (decision 0008).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadContent } from "../../content/readContent.js";
import { analyse, NO_NEXUS, TERRITORY_HELD } from "./analysis.js";
import type { Group, Observation, Relationship } from "./evidence.js";
import { relationshipKinds } from "./evidence.js";
import type { Credibility, Reliability } from "./grades.js";
import { textOf } from "./messages.js";
import { buildWatchModel } from "./model.js";

const model = buildWatchModel(loadContent().kb);
const asOf = "2026-11-01";
const obs = (indicator: string, state: Observation["state"] = "present", grade = "B2", extra: Partial<Observation> = {}): Observation =>
  ({ indicator, state, observedAt: "2026-09-01", credibility: Number(grade[1]) as Credibility, sources: [{ id: `s-${indicator}`, reliability: grade[0] as Reliability }], ...extra });
const crime: Group = { id: "c", name: "Harbour crew", type: "criminal", motivations: [{ from: "2010-01-01", kind: "economic", aim: "primary" }] };
const cell: Group = { id: "t", name: "Valley cell", type: "terrorist", motivations: [{ from: "2015-01-01", kind: "ideological", aim: "primary" }] };
const rel = (kind: Relationship["kind"], extra: Partial<Relationship> = {}): Relationship =>
  ({ kind, from: "c", to: "t", sources: [{ id: "r1", reliability: "B" }], credibility: 2, ...extra });
const run = (input: { observations?: Observation[]; groups?: Group[]; relationships?: Relationship[]; context?: string }) =>
  analyse(model, { observations: input.observations ?? [], groups: input.groups, relationships: input.relationships, context: input.context, asOf });
const pointsFor = (r: ReturnType<typeof run>, h: string, evidence: string) => r.ranking.find((x) => x.id === h)!.explanation.find((l) => l.evidence.startsWith(evidence))?.points;

describe("relationships", () => {
  it("a one-off arms purchase that ended counts in full for alliance: short deals are what an alliance is", () => {
    const open = run({ groups: [crime, cell], relationships: [rel("transaction", { start: "2026-01-01" })] });
    const ended = run({ groups: [crime, cell], relationships: [rel("transaction", { start: "2026-01-01", end: "2026-02-01" })] });
    expect(pointsFor(ended, "alliance", "relationship:")).toBe(pointsFor(open, "alliance", "relationship:"));
    expect(ended.ranking[0].id).toBe("alliance");
    // A lasting alliance that ended counts less than one that holds.
    const lasting = run({ groups: [crime, cell], relationships: [rel("alliance", { start: "2020-01-01", end: "2021-01-01" })] });
    expect(pointsFor(lasting, "alliance", "relationship:")!).toBeLessThan(pointsFor(open, "alliance", "relationship:")!);
  });

  it("a crew joining a cell as a group is integration, ahead of signs about recruiting individuals", () => {
    const recruiting = ["org-recruitment.new-demographic", "org-recruitment.redemptive-narrative", "org-recruitment.recruitment-venue-shift", "org-capabilities.tactics-evolving"].map((i) => obs(i));
    const joinedCrew: Group = { ...crime, types: [{ from: "2010-01-01", type: "criminal" }, { from: "2025-06-01", type: "terrorist" }], type: "terrorist" };
    const r = run({ observations: recruiting, groups: [joinedCrew, cell], relationships: [rel("integration", { start: "2025-06-01" })] });
    expect(r.ranking[0].id, r.ranking.map((h) => `${h.id} ${h.score}`).join(", ")).toBe("integration");
    // The crew's change of type is explained by the integration, not counted as a transformation.
    expect(pointsFor(r, "transformation", "type:")).toBeUndefined();
    expect(pointsFor(r, "integration", "type:")).toBeGreaterThan(0);
  });

  it("a successor that crossed the divide (paramilitary force to criminal band) is transformation", () => {
    const force: Group = { id: "p", name: "Border militia", type: "other-armed", motivations: [{ from: "1995-01-01", kind: "political", aim: "primary" }] };
    const band: Group = { id: "b", name: "Successor band", type: "criminal", motivations: [{ from: "2006-01-01", kind: "economic", aim: "primary" }] };
    const r = run({ groups: [force, band], relationships: [{ kind: "successor", from: "p", to: "b", start: "2006-01-01", sources: [{ id: "r", reliability: "B" }], credibility: 2 }] });
    expect(r.ranking[0].id).toBe("transformation");
    expect(textOf(r.ranking[0].explanation[0].reason)).toMatch(/crossed the divide/);
  });

  it("every relationship kind is accepted and explained", () => {
    for (const kind of relationshipKinds) {
      const r = run({ groups: [crime, cell], relationships: [rel(kind)] });
      for (const h of r.ranking) for (const l of h.explanation) expect(textOf(l)).not.toMatch(/watch\.msg\.|\{\{/);
    }
  });
});

describe("groups and aims", () => {
  it("a paramilitary force that became a criminal band reads as transformation, not hybrid", () => {
    const g: Group = { id: "g", name: "Former defence force", type: "criminal", types: [{ from: "1997-01-01", type: "other-armed" }, { from: "2007-01-01", type: "criminal" }], motivations: [{ from: "1997-01-01", kind: "political", aim: "primary" }, { from: "2007-01-01", kind: "economic", aim: "primary" }, { from: "2007-01-01", kind: "political", aim: "secondary" }] };
    const r = run({ observations: [obs("org-recruitment.economic-incentives"), obs("org-capabilities.violence-criminality-balance")], groups: [g] });
    expect(r.ranking[0].id).toBe("transformation");
    expect(r.ranking.findIndex((h) => h.id === "hybrid")).toBeGreaterThan(0);
  });

  it("a criminal group with political demands that serve its business (a political veneer) points to appropriation", () => {
    const cartel: Group = { ...crime, motivations: [{ from: "1980-01-01", kind: "economic", aim: "primary" }, { from: "1987-01-01", kind: "political", aim: "secondary" }] };
    const r = run({ groups: [cartel] });
    expect(pointsFor(r, "appropriation-of-tactics", "motivation:")).toBeGreaterThan(pointsFor(r, "transformation", "motivation:")!);
    expect(textOf(r.ranking.find((h) => h.id === "appropriation-of-tactics")!.explanation[0].label)).toMatch(/political demands as a secondary aim/);
  });

  it("an unchanging economic aim counts against hybrid and transformation, unless another group shows them", () => {
    const alone = run({ groups: [crime] });
    expect(pointsFor(alone, "hybrid", "motivation:c")).toBeLessThan(0);
    expect(pointsFor(alone, "transformation", "motivation:c")).toBeLessThan(0);
    const mixed: Group = { ...cell, motivations: [{ from: "2015-01-01", kind: "ideological", aim: "primary" }, { from: "2018-01-01", kind: "economic", aim: "primary" }] };
    const together = run({ groups: [crime, mixed] });
    expect(pointsFor(together, "hybrid", "motivation:c")).toBeUndefined();
    expect(pointsFor(together, "hybrid", "motivation:t")).toBeGreaterThan(0);
  });

  it("motivations with sources are weighed by their grades, unsourced ones as analyst judgement", () => {
    const sourced: Group = { ...cell, motivations: [{ from: "2015-01-01", kind: "both", sources: [{ id: "x", reliability: "A" }], credibility: 1 }] };
    const unsourced: Group = { ...cell, motivations: [{ from: "2015-01-01", kind: "both" }] };
    expect(pointsFor(run({ groups: [sourced] }), "hybrid", "motivation:")!).toBeGreaterThan(pointsFor(run({ groups: [unsourced] }), "hybrid", "motivation:")!);
    expect(run({ groups: [unsourced] }).ranking.find((h) => h.id === "hybrid")!.explanation[0].grade).toMatch(/judgement/);
  });
});

describe("no nexus evident can win on evidence", () => {
  it("organised crime with no terrorist or armed actor and links looked for in vain: no nexus leads", () => {
    const r = run({
      observations: [obs("env-security-dynamics.porous-borders-trafficking-routes"), obs("env-corruption.officials-intimidated-or-bribed"), obs("org-capabilities.criminal-diversification"),
        obs("nexus-search.no-armed-actor", "present", "A2"), obs("nexus-search.links-sought-none-found", "present", "B2")],
      groups: [crime],
    });
    expect(r.ranking[0].id, r.ranking.map((h) => `${h.id} ${h.score}`).join(", ")).toBe(NO_NEXUS);
    expect(textOf(r.ranking.find((h) => h.id === "alliance")!.held!)).toMatch(/needs both a criminal and a terrorist or armed actor/);
  });

  it("crime alone is not a nexus: only criminal groups count for no nexus and against alliance", () => {
    const r = run({ groups: [crime] });
    expect(pointsFor(r, NO_NEXUS, "actors")).toBeGreaterThan(0);
    expect(pointsFor(r, "alliance", "actors")).toBeLessThan(0);
  });

  it("a recorded tie between a criminal and a terrorist group keeps no nexus from leading", () => {
    const absent = ["org-capabilities.tactics-evolving", "org-recruitment.economic-incentives", "org-leadership.factions-forming", "env-geography.ungoverned-territory"].map((i) => obs(i, "absent"));
    const r = run({ observations: absent, groups: [crime, cell], relationships: [rel("financing", { credibility: 5, sources: [{ id: "r", reliability: "E" }] })] });
    expect(r.ranking[0].id).not.toBe(NO_NEXUS);
    expect(r.ranking.find((h) => h.id === NO_NEXUS)!.held).toBeDefined();
  });
});

describe("black hole and hybrid", () => {
  it("armed groups holding territory after the state withdrew: black hole ahead of hybrid", () => {
    const r = run({
      observations: [obs("env-governance.state-collapse", "present", "A2"), obs("env-governance.territorial-control", "present", "A2"), obs("env-geography.ungoverned-territory"), obs("env-economic.illicit-economy-dominance"), obs("env-security-dynamics.shared-interest-in-instability")],
      groups: [{ id: "a", name: "Armed coalition", type: "other-armed", motivations: [{ from: "2012-01-01", kind: "both" }] }, crime],
    });
    expect(r.ranking[0].id).toBe("black-hole");
  });

  it("where the state is observed not to have collapsed, black hole cannot lead", () => {
    const r = run({ observations: [obs("env-governance.state-collapse", "absent", "A1"), obs("env-geography.ungoverned-territory"), obs("env-economic.illicit-economy-dominance"), obs("env-economic.shared-financial-dependency")] });
    expect(r.ranking[0].id).not.toBe("black-hole");
    expect(textOf(r.ranking.find((h) => h.id === "black-hole")!.held!)).toMatch(/not to have collapsed/);
  });

  it("property: hybrid never leads when no group pursues mixed aims and no territory is held", () => {
    const indicators = [...model.indicators.keys()].filter((i) => !TERRITORY_HELD.includes(i));
    const date = fc.integer({ min: 2000, max: 2025 }).map((y) => `${y}-01-01`);
    const grade = fc.tuple(fc.constantFrom("A", "B", "C", "D", "E", "F"), fc.integer({ min: 1, max: 6 }));
    const observation = fc.record({ indicator: fc.constantFrom(...indicators), state: fc.constantFrom("present", "absent", "unknown"), trend: fc.constantFrom(undefined, "rising", "stable", "falling"), grade, at: date })
      .map(({ indicator, state, trend, grade: [r, c], at }) => ({ indicator, state, trend, observedAt: at, credibility: c as Credibility, sources: [{ id: `s${r}${c}`, reliability: r as Reliability }] }) as Observation);
    // Aims on one side of the divide only (they may shift across it over time, never both at once).
    const group = fc.record({ type: fc.constantFrom("criminal", "terrorist", "other-armed", "unknown"), side: fc.constantFrom("economic", "political", "ideological"), shiftTo: fc.constantFrom(undefined, "economic", "political"), at: date });
    const input = fc.record({ observations: fc.array(observation, { maxLength: 30 }), groups: fc.array(group, { maxLength: 4 }), rels: fc.array(fc.record({ kind: fc.constantFrom(...relationshipKinds), a: fc.nat(3), b: fc.nat(3) }), { maxLength: 4 }) });
    fc.assert(fc.property(input, ({ observations, groups, rels }) => {
      const gs: Group[] = groups.map((g, i) => ({
        id: `g${i}`, name: `Group ${i}`, type: g.type as Group["type"],
        motivations: [{ from: g.at, kind: g.side as "economic" }, ...(g.shiftTo ? [{ from: "2025-06-01", kind: g.shiftTo as "economic" }] : [])],
      }));
      const rs: Relationship[] = rels.filter((x) => x.a < gs.length && x.b < gs.length && x.a !== x.b).map((x) => ({ kind: x.kind, from: `g${x.a}`, to: `g${x.b}`, sources: [{ id: "r", reliability: "B" }], credibility: 2 }));
      const r = analyse(model, { observations, groups: gs, relationships: rs, asOf });
      return r.ranking[0].id !== "hybrid";
    }), { numRuns: 300 });
  });
});

describe("areas, context, sensitivity and warnings", () => {
  it("an area's reading shows what each group contributes, and a sign seen on two groups counts once", () => {
    const r = run({
      observations: [obs("org-capabilities.tactics-evolving", "present", "B2", { subject: "Valley cell" }), obs("org-capabilities.tactics-evolving", "present", "C3", { subject: "Harbour crew" }), obs("env-geography.border-proximity")],
      groups: [crime, cell],
    });
    const line = r.ranking.find((h) => h.id === "appropriation-of-tactics")!.explanation.filter((l) => l.evidence === "indicator:org-capabilities.tactics-evolving");
    expect(line).toHaveLength(1);
    expect(textOf(line[0].label)).toMatch(/observed on Valley cell, Harbour crew|observed on Harbour crew, Valley cell/);
    expect(line[0].grade).toBe("B2");
    const subjects = r.contributors.map((c) => c.subject);
    expect(subjects).toEqual(expect.arrayContaining([null, "Valley cell", "Harbour crew"]));
  });

  it("a context set by the analyst overrides the suggestion and raises the practices that fit it", () => {
    const observations = [obs("env-geography.ungoverned-territory"), obs("env-governance.eroding-state-institutions"), obs("org-recruitment.recruitment-venue-shift"), obs("org-capabilities.tactics-evolving")];
    const suggested = run({ observations });
    const set = run({ observations, context: "politically-stable" });
    expect(suggested.context?.set).toBe(false);
    expect(set.context).toMatchObject({ id: "politically-stable", set: true });
    expect(set.context?.suggested?.id).toBe(suggested.context?.id);
    expect(set.practices.some((p) => p.reason.some((m) => m.key === "watch.msg.practice.context"))).toBe(true);
    expect(set.practices.map((p) => `${p.id} ${p.score}`)).not.toEqual(suggested.practices.map((p) => `${p.id} ${p.score}`));
  });

  it("a rising sign counts more than a stable one, and says so", () => {
    const stable = run({ observations: [obs("org-capabilities.tactics-evolving", "present", "B2", { trend: "stable" })] });
    const rising = run({ observations: [obs("org-capabilities.tactics-evolving", "present", "B2", { trend: "rising" })] });
    expect(rising.ranking[0].score).toBeGreaterThan(stable.ranking[0].score);
    expect(textOf(rising.ranking[0].explanation[0])).toMatch(/trend rising/);
  });

  it("sensitivity names the evidence whose removal would change the leader, and what observation would", () => {
    const r = run({ observations: [obs("env-geography.border-proximity"), obs("org-capabilities.tactics-evolving")], groups: [crime, cell], relationships: [rel("transaction")] });
    expect(r.ranking[0].id).toBe("alliance");
    expect(r.sensitivity!.removal!.evidence).toContain("relationship:c-transaction-t");
    expect(r.sensitivity!.margin).toBeGreaterThan(0);
    expect(textOf(r.sensitivity!.message)).toMatch(/would lead instead/);
    expect(r.sensitivity!.addition === null || r.sensitivity!.addition.indicators.length > 0).toBe(true);
  });

  it("warns when a lead rests only on the surroundings, and when one hypothesis gains from nearly every sign", () => {
    const env = run({ observations: [obs("env-security-dynamics.porous-borders-trafficking-routes"), obs("env-geography.border-proximity")] });
    expect(env.ranking[0].id).not.toBe("black-hole");
    expect(env.warnings.map((w) => w.code)).toContain("environment-only");
    const leader = env.ranking[0].id;
    const gaining = [...model.indicators.values()].filter((i) => i.links.some((l) => l.manifestation === leader && l.direction === "for") && i.links.every((l) => l.manifestation !== leader || l.direction === "for")).slice(0, 6);
    const many = run({ observations: gaining.map((i) => obs(i.id)) });
    if (many.ranking[0].id === leader) expect(many.warnings.map((w) => w.code)).toContain("undiscriminating");
    else expect(many.warnings.map((w) => w.code)).not.toContain("undiscriminating");
  });

  it("says nothing about confirming evidence when nothing confirms the leader", () => {
    const r = run({ groups: [cell] });
    expect(r.ranking[0].support).toBe(0);
    expect(r.warnings.map((w) => w.code)).not.toContain("only-confirming");
  });
});

describe("the knowledge base as the analysis uses it", () => {
  it("no hypothesis takes 'for' points from more than half of the indicators, and each has evidence against it", () => {
    const all = [...model.indicators.values()];
    for (const h of [...model.manifestations.map((m) => m.id), NO_NEXUS]) {
      const forIt = all.filter((i) => i.links.some((l) => l.manifestation === h && l.direction === "for")).length;
      const against = all.filter((i) => i.links.some((l) => l.manifestation === h && l.direction === "against")).length;
      expect(forIt, h).toBeLessThanOrEqual(all.length / 2);
      expect(against, h).toBeGreaterThan(0);
    }
  });
});
