import { describe, expect, it } from "vitest";
import { loadContent } from "../../content/readContent.js";
import { analyse, NO_NEXUS } from "./analysis.js";
import type { Group, Observation, Relationship } from "./evidence.js";
import type { Credibility, Reliability } from "./grades.js";
import { textOf } from "./messages.js";
import { buildWatchModel } from "./model.js";

const model = buildWatchModel(loadContent().kb);
const asOf = "2026-11-01";

/** present("org-leadership.factions-forming", "B2", "s1") */
function obs(indicator: string, state: Observation["state"] = "present", grade = "B2", source = "s1", observedAt = "2026-09-01"): Observation {
  return { indicator: indicator.includes(".") ? indicator : indicator, state, observedAt, credibility: Number(grade[1]) as Credibility, sources: [{ id: source, reliability: grade[0] as Reliability }] };
}
const criminal: Group = { id: "g-crime", name: "Coastal smuggling network", type: "criminal", motivations: [] };
const terrorist: Group = { id: "g-terror", name: "Northern cell", type: "terrorist", motivations: [] };
const rel = (kind: Relationship["kind"], grade = "B2", extra: Partial<Relationship> = {}): Relationship =>
  ({ kind, from: criminal.id, to: terrorist.id, sources: [{ id: "s-rel", reliability: grade[0] as Reliability }], credibility: Number(grade[1]) as Credibility, ...extra });

interface Case {
  name: string;
  /** where the sources say this */
  cite: string;
  observations?: Observation[];
  groups?: Group[];
  relationships?: Relationship[];
  leader: string;
  context?: string;
  explains: RegExp;
  /** the hypothesis whose explanation shows the line, when it is not the leader's */
  explainsIn?: string;
}

const cases: Case[] = [
  {
    name: "no governance, armed groups run the economy and the population: black hole",
    cite: "hague-toolkit-2019 Section 1, 2. Organizational nexus, f. Black hole; Regional Variations, 3. (Post) conflict states",
    observations: [obs("env-geography.ungoverned-territory"), obs("env-governance.eroding-state-institutions", "present", "B2", "s2"), obs("env-economic.illicit-economy-dominance"), obs("env-economic.shared-financial-dependency", "present", "C2", "s3"), obs("org-external-support.popular-support", "present", "C3", "s3")],
    leader: "black-hole", context: "post-conflict", explains: /territory that the state does not effectively govern/i,
  },
  {
    name: "a terrorist cell financing itself through drug sales, with members recruited in prison: appropriation of tactics",
    cite: "hague-toolkit-2019 Section 1, 1. Transactional nexus, b. Appropriation of tactics (Madrid 2004 financed by drug sales); Regional Variations, 1. Politically stable states",
    observations: [obs("org-capabilities.tactics-evolving"), obs("org-recruitment.recruitment-venue-shift", "present", "A2", "s2"), obs("org-recruitment.redemptive-narrative"), obs("org-capabilities.crime-financing-under-pressure", "absent", "B2", "s2")],
    groups: [{ ...terrorist, motivations: [{ from: "2020-01-01", kind: "ideological" }] }],
    leader: "appropriation-of-tactics", context: "politically-stable", explains: /tactics|capabilit/i,
  },
  {
    name: "a group that dropped its political aims for profit: transformation",
    cite: "hague-toolkit-2019 Section 1, 2. Organizational nexus, e. Transformation",
    observations: [obs("org-recruitment.economic-incentives"), obs("org-capabilities.violence-criminality-balance", "present", "B2", "s2")],
    groups: [{ ...terrorist, motivations: [{ from: "2015-01-01", kind: "ideological" }, { from: "2023-06-01", kind: "economic" }] }],
    leader: "transformation", explains: /shifted from political or ideological to economic/,
  },
  {
    name: "a criminal organisation turning to terrorism (D-Company pattern): transformation",
    cite: "hague-toolkit-2019 Section 1, e. Transformation (Dawood Ibrahim / D-Company); addendum-2020 Introduction",
    observations: [obs("org-recruitment.changing-attraction"), obs("org-leadership.leader-dependence", "present", "C2", "s2")],
    groups: [{ ...criminal, motivations: [{ from: "1985-01-01", kind: "economic" }, { from: "1993-01-01", kind: "ideological" }] }],
    leader: "transformation", explains: /shifted from economic to political or ideological/,
  },
  {
    name: "a smuggling network sells forged documents and border passage to a terrorist cell: alliance",
    cite: "hague-toolkit-2019 Section 1, 1. Transactional nexus, a. Alliances (services such as forged documents, smuggling routes)",
    observations: [obs("env-security-dynamics.porous-borders-trafficking-routes"), obs("env-geography.border-proximity", "present", "B2", "s2")],
    groups: [criminal, terrorist], relationships: [rel("service-provision")],
    leader: "alliance", explains: /service/,
  },
  {
    name: "firearms bought from a criminal intermediary, with no deeper tie: alliance",
    cite: "icct-doha-2018 Major Themes: The Nexus Has Both Local and Transnational Dimensions (firearms deals without deeper ties)",
    observations: [obs("org-capabilities.criminal-diversification"), obs("env-corruption.sectoral-corruption-impact", "present", "C3", "s2")],
    groups: [criminal, terrorist], relationships: [rel("intermediary")],
    leader: "alliance", explains: /broker/,
  },
  {
    name: "a criminal faction absorbed into a terrorist cell: integration",
    cite: "hague-toolkit-2019 Section 1, 2. Organizational nexus, c. Integration; icct-doha-2018 (one-off deals turning into longer partnerships)",
    observations: [obs("env-security-dynamics.route-co-dependency"), obs("org-recruitment.redemptive-narrative", "present", "B2", "s2")],
    groups: [criminal, terrorist], relationships: [rel("integration")],
    leader: "integration", explains: /merger|absorbing/,
  },
  {
    name: "a group pursuing political aims and profit at once, splitting into factions: hybrid",
    cite: "hague-toolkit-2019 Section 1, d. Hybrid; Nexus Watch Points, organizational factors (factions, financing through crime when terrorist capability is hit)",
    observations: [obs("org-leadership.factions-forming"), obs("org-capabilities.crime-financing-under-pressure", "present", "B2", "s2"), obs("org-leadership.diffused-leadership", "present", "C2", "s3")],
    groups: [{ ...terrorist, motivations: [{ from: "2019-01-01", kind: "both" }] }],
    leader: "hybrid", explains: /political aims and profit at the same time|factions/,
  },
  {
    name: "weak borders, weak policing, corrupt officials and trafficking networks in a transitional state: hybrid",
    cite: "hague-toolkit-2019 Section 1, Regional Variations, 2. Transitional states",
    observations: [obs("env-security-dynamics.porous-borders-trafficking-routes"), obs("env-governance.law-enforcement-capacity-impacted", "present", "B2", "s2"), obs("env-corruption.officials-intimidated-or-bribed", "present", "B3", "s3"), obs("org-leadership.factions-forming", "present", "B2", "s2")],
    groups: [{ ...terrorist, motivations: [{ from: "2018-01-01", kind: "both" }] }],
    leader: "hybrid", context: "transitional", explains: /political aims and profit/,
  },
  {
    name: "kidnapping for ransom that brings money and spreads terror: hybrid",
    cite: "icct-doha-2018 Major Themes: A Tactical Focus Hampers Longer-Term Strategic Planning (kidnapping for ransom serves both aims)",
    observations: [obs("org-capabilities.violence-criminality-balance"), obs("org-capabilities.crime-financing-under-pressure", "present", "B2", "s2")],
    groups: [{ ...terrorist, motivations: [{ from: "2021-01-01", kind: "both" }] }],
    leader: "hybrid", explains: /hybrid form/,
  },
  {
    name: "terrorist control of migrant routes, taxing passage where the state is absent: black hole",
    cite: "icct-doha-2018 Major Themes: Local and Transnational Dimensions (Libya: taxing forced migration); addendum-2020 Introduction (groups controlling trade routes)",
    observations: [obs("env-geography.ungoverned-territory"), obs("env-economic.illicit-economy-dominance", "present", "B2", "s2"), obs("env-economic.shared-financial-dependency", "present", "B3", "s3"), obs("env-security-dynamics.porous-borders-trafficking-routes", "present", "B2", "s2")],
    leader: "black-hole", context: "post-conflict", explains: /present/,
  },
  {
    name: "signs looked for and found absent: no nexus evident",
    cite: "addendum-2020 Introduction (where crime and terrorism do not intersect, the link should not be overstated)",
    observations: ["org-capabilities.tactics-evolving", "org-capabilities.crime-financing-under-pressure", "org-recruitment.economic-incentives", "org-leadership.factions-forming", "env-security-dynamics.porous-borders-trafficking-routes", "env-geography.ungoverned-territory"].map((i, n) => obs(i, "absent", "B2", `s${n % 3}`)),
    leader: NO_NEXUS, context: "politically-stable", explains: /absent/,
  },
  {
    name: "groups competing for the same routes are not allied: the environment leads",
    cite: "hague-toolkit-2019 Nexus Watch Points, organizational factors, Capabilities (entering new markets brings cooperation or competition)",
    observations: [obs("env-governance.eroding-state-institutions"), obs("env-economic.illicit-economy-dominance", "present", "B2", "s2")],
    groups: [criminal, terrorist], relationships: [rel("competition")],
    leader: "black-hole", explains: /competing groups are not allied/, explainsIn: "alliance",
  },
  {
    name: "well-graded evidence outweighs poorly graded evidence",
    cite: "Admiralty grading; Heuer, weighted inconsistency (method, not the toolkit)",
    observations: [obs("org-leadership.factions-forming", "present", "A1", "s1"), obs("org-capabilities.crime-financing-under-pressure", "present", "A1", "s2"), obs("env-security-dynamics.porous-borders-trafficking-routes", "present", "E5", "s3")],
    groups: [criminal, { ...terrorist, motivations: [{ from: "2019-01-01", kind: "both" }] }], relationships: [rel("alliance", "E5")],
    leader: "hybrid", explains: /A1/,
  },
  {
    name: "an alliance that ended years ago counts for less than current signs",
    cite: "hague-toolkit-2019 Section 1, a. Alliances (usually short-lived, ad hoc)",
    observations: [obs("org-leadership.factions-forming"), obs("org-capabilities.crime-financing-under-pressure", "present", "B2", "s2")],
    groups: [criminal, { ...terrorist, motivations: [{ from: "2019-01-01", kind: "both" }] }], relationships: [rel("alliance", "B2", { start: "2015-01-01", end: "2016-01-01" })],
    leader: "hybrid", explains: /ended on 2016-01-01/, explainsIn: "alliance",
  },
  {
    name: "home-grown cells recruiting converted criminals in a stable state: appropriation of tactics",
    cite: "hague-toolkit-2019 Regional Variations, 1. Politically stable states (recruiting converted criminals, terrorists with criminal pasts)",
    observations: [obs("org-recruitment.new-demographic"), obs("org-recruitment.redemptive-narrative", "present", "B2", "s2"), obs("org-capabilities.tactics-evolving", "present", "B2", "s3"), obs("env-political-landscape.rising-nationalist-parties", "present", "C3", "s3"), obs("env-governance.eroding-state-institutions", "absent", "B2", "s2")],
    leader: "appropriation-of-tactics", context: "politically-stable", explains: /present/,
  },
];

describe("Nexus Watch analysis: cases from the sources", () => {
  it("has at least 15 cases", () => expect(cases.length).toBeGreaterThanOrEqual(15));

  it.each(cases)("$name", (c) => {
    const r = analyse(model, { observations: c.observations ?? [], groups: c.groups, relationships: c.relationships, asOf });
    expect(r.ranking[0].id, `${c.cite}\n${r.ranking.map((h) => `${h.id} ${h.score}`).join(", ")}`).toBe(c.leader);
    expect(r.ranking[0].explanation.length).toBeGreaterThan(0);
    const explained = r.ranking.find((h) => h.id === (c.explainsIn ?? c.leader))!;
    expect(explained.explanation.map((l) => textOf(l)).join("\n")).toMatch(c.explains);
    expect(textOf(r.whyFirst)).toContain(textOf(r.ranking[0].name));
    if (c.context) expect(r.context?.suggested?.id, JSON.stringify(r.context?.scores)).toBe(c.context);
    expect(c.cite.length).toBeGreaterThan(10);
  });
});

describe("Nexus Watch analysis: warnings, confidence, practices", () => {
  it("warns when there is no evidence and says confidence is low", () => {
    const r = analyse(model, { observations: [], asOf });
    expect(r.warnings.map((w) => w.code)).toContain("no-evidence");
    expect(r.confidence.level).toBe("low");
  });

  it("warns when the leader rests on one source and only on confirming evidence", () => {
    const r = analyse(model, { observations: [obs("org-leadership.factions-forming", "present", "B2", "only"), obs("org-capabilities.crime-financing-under-pressure", "present", "B2", "only")], asOf });
    expect(r.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(["single-source", "only-confirming"]));
  });

  it("warns about stale and low-grade evidence, and lowers confidence", () => {
    const old = [obs("org-leadership.factions-forming", "present", "D4", "a", "2023-01-01"), obs("org-capabilities.crime-financing-under-pressure", "present", "E5", "b", "2023-02-01"), obs("org-leadership.diffused-leadership", "present", "D5", "c", "2023-03-01")];
    const r = analyse(model, { observations: old, asOf });
    expect(r.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(["stale", "low-grade"]));
    expect(r.confidence.level).toBe("low");
  });

  it("names key indicators left unassessed", () => {
    const r = analyse(model, { observations: [obs("env-economic.poverty")], asOf });
    const w = r.warnings.find((x) => x.code === "unassessed")!;
    expect(textOf(w.message)).toMatch(/Key indicators not yet assessed/);
  });

  it("ignores indicators the knowledge base does not know, and says so", () => {
    const r = analyse(model, { observations: [obs("org-weather.rain")], asOf });
    expect(r.warnings.map((w) => textOf(w.message))).toContain("Observation of org-weather.rain, which is not a watch-point indicator, was ignored.");
  });

  it("uses the latest observation of an indicator", () => {
    const r = analyse(model, { observations: [obs("org-leadership.factions-forming", "present", "B2", "s1", "2025-01-01"), obs("org-leadership.factions-forming", "absent", "B2", "s1", "2026-10-01")], asOf });
    expect(r.ranking.find((h) => h.id === "hybrid")!.support).toBe(0);
  });

  it("ranks diagnostic evidence above evidence that fits every hypothesis", () => {
    const r = analyse(model, { observations: [obs("org-leadership.factions-forming"), obs("env-economic.visible-inequality", "present", "B2", "s2")], asOf });
    expect(r.diagnosticity[0].key).toBe("indicator:org-leadership.factions-forming");
    expect(textOf(r.diagnosticity[0].explanation)).toMatch(/^separates /);
  });

  it("recommends practices that respond to the indicators present, with a reason", () => {
    const r = analyse(model, { observations: [obs("org-recruitment.recruitment-venue-shift"), obs("org-capabilities.tactics-evolving", "present", "B2", "s2")], asOf });
    const ids = r.practices.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining(["hague-24"]));
    expect(textOf(r.practices.find((p) => p.id === "hague-24")!.reason)).toMatch(/responds to \d indicator/);
  });

  it("gives high confidence to a clear, corroborated, current case", () => {
    const r = analyse(model, {
      observations: [obs("env-geography.ungoverned-territory", "present", "A1", "a"), obs("env-governance.eroding-state-institutions", "present", "A2", "b"), obs("env-economic.illicit-economy-dominance", "present", "B2", "c"),
        obs("env-economic.shared-financial-dependency", "present", "B2", "a"), obs("org-capabilities.tactics-evolving", "absent", "B2", "b"), obs("org-leadership.factions-forming", "absent", "B2", "c")],
      asOf,
    });
    expect(r.ranking[0].id).toBe("black-hole");
    expect(r.confidence.level).toBe("high");
    expect(textOf(r.confidence.statement)).toMatch(/^High confidence that the evidence fits Black hole best/);
  });
});
