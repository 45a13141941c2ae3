/**
 * A synthetic Nexus Watch dataset: areas, groups, sources, relationships and monthly
 * observations that drift over time, generated from a seed so runs repeat exactly. It is
 * used for the demo workspace and for benchmarks. Every name says it is synthetic; no real
 * person, group or place name below country level is used.
 */
import type { WatchModel } from "./model.js";

export interface DemoArea { key: string; name: string; country: string; point: { lat: number; lon: number }; context: "politically-stable" | "transitional" | "post-conflict"; profile: string[] }
export interface DemoGroup { key: string; name: string; type: "criminal" | "terrorist" | "other-armed"; areas: string[]; motivations: { from: string; kind: "ideological" | "economic" | "both" }[] }
export interface DemoSource { key: string; name: string; type: "partner-agency" | "open-source" | "media" | "official" | "ngo"; reliability: "A" | "B" | "C" | "D" }
export interface DemoRelationship { from: string; to: string; kind: "alliance" | "service-provision" | "financing" | "intermediary" | "integration" | "competition"; start: string; source: string; credibility: number }
export interface DemoObservation { area: string; indicator: string; state: "present" | "absent"; trend: "rising" | "stable" | "falling"; observed_at: string; source: string; credibility: number }
export interface DemoData { areas: DemoArea[]; groups: DemoGroup[]; sources: DemoSource[]; relationships: DemoRelationship[]; observations: DemoObservation[] }

/** Mulberry32: a tiny seeded PRNG. */
function rng(seed: number) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Indicator profiles that make each area read as one manifestation, after the toolkit's definitions. */
const profiles: Record<string, string[]> = {
  "black-hole": ["env-geography.ungoverned-territory", "env-governance.eroding-state-institutions", "env-economic.illicit-economy-dominance", "env-economic.shared-financial-dependency", "org-external-support.popular-support"],
  hybrid: ["org-leadership.factions-forming", "org-capabilities.crime-financing-under-pressure", "org-leadership.diffused-leadership", "env-security-dynamics.porous-borders-trafficking-routes", "env-governance.law-enforcement-capacity-impacted"],
  alliance: ["env-security-dynamics.porous-borders-trafficking-routes", "env-geography.border-proximity", "org-capabilities.criminal-diversification", "env-corruption.officials-intimidated-or-bribed"],
  "appropriation-of-tactics": ["org-capabilities.tactics-evolving", "org-recruitment.recruitment-venue-shift", "org-recruitment.redemptive-narrative", "org-recruitment.new-demographic"],
  transformation: ["org-recruitment.economic-incentives", "org-capabilities.violence-criminality-balance", "org-leadership.leader-dependence", "org-recruitment.changing-attraction"],
};
const contextOf: Record<string, DemoArea["context"]> = { "black-hole": "post-conflict", hybrid: "transitional", alliance: "transitional", "appropriation-of-tactics": "politically-stable", transformation: "transitional" };
const countries: [string, number, number][] = [["ML", 17, -2], ["NE", 16, 8], ["BF", 12, -1.5], ["NG", 10, 8], ["SO", 5, 46], ["KE", 0.5, 38], ["LY", 27, 17], ["PH", 8, 125], ["ID", -2, 118], ["BE", 50.6, 4.6], ["FR", 46.5, 2.5], ["CO", 4, -73], ["AF", 34, 66], ["IQ", 33, 44], ["MZ", -18, 35]];

/**
 * @param areas how many areas
 * @param months how many months of observations, ending in the month of `end`
 */
export function generateDemo(model: WatchModel, opts: { areas: number; months: number; end: string; seed?: number }): DemoData {
  const random = rng(opts.seed ?? 2026);
  const kinds = Object.keys(profiles);
  const all = [...model.indicators.keys()];
  const sources: DemoSource[] = [
    { key: "src-partner", name: "[Synthetic] Partner police liaison reports", type: "partner-agency", reliability: "B" },
    { key: "src-un", name: "[Synthetic] UN monitoring team summaries", type: "official", reliability: "A" },
    { key: "src-media", name: "[Synthetic] Regional press monitoring", type: "media", reliability: "C" },
    { key: "src-ngo", name: "[Synthetic] Community NGO field notes", type: "ngo", reliability: "C" },
    { key: "src-osint", name: "[Synthetic] Open-source social media monitoring", type: "open-source", reliability: "D" },
  ];
  const areas: DemoArea[] = Array.from({ length: opts.areas }, (_, i) => {
    const kind = kinds[i % kinds.length];
    const [country, lat, lon] = countries[i % countries.length];
    return {
      key: `area-${i + 1}`, name: `[Synthetic] District ${String.fromCharCode(65 + (i % 26))}${Math.floor(i / 26) || ""} (${country})`, country,
      point: { lat: Math.round((lat + (random() - 0.5) * 4) * 100) / 100, lon: Math.round((lon + (random() - 0.5) * 4) * 100) / 100 },
      context: contextOf[kind], profile: profiles[kind],
    };
  });
  const groups: DemoGroup[] = [];
  const relationships: DemoRelationship[] = [];
  const start = new Date(`${opts.end.slice(0, 7)}-01T00:00:00Z`);
  start.setUTCMonth(start.getUTCMonth() - opts.months + 1);
  const first = start.toISOString().slice(0, 10);
  for (let i = 0; i < Math.min(opts.areas, 10); i++) {
    const a = areas[i];
    const crime: DemoGroup = { key: `group-c${i + 1}`, name: `[Synthetic] Trading network ${i + 1}`, type: "criminal", areas: [a.key], motivations: [{ from: "2015-01-01", kind: "economic" }] };
    const armed: DemoGroup = { key: `group-t${i + 1}`, name: `[Synthetic] Armed movement ${i + 1}`, type: "terrorist", areas: [a.key], motivations: [{ from: "2012-01-01", kind: "ideological" }] };
    if (a.profile === profiles.transformation) armed.motivations.push({ from: first, kind: "economic" });
    if (a.profile === profiles.hybrid) armed.motivations.push({ from: first, kind: "both" });
    groups.push(crime, armed);
    if (a.profile === profiles.alliance) relationships.push({ from: crime.key, to: armed.key, kind: "service-provision", start: first, source: "src-un", credibility: 2 });
  }
  const observations: DemoObservation[] = [];
  for (const a of areas) {
    const others = all.filter((x) => !a.profile.includes(x));
    for (let m = 0; m < opts.months; m++) {
      const d = new Date(start);
      d.setUTCMonth(d.getUTCMonth() + m);
      d.setUTCDate(1 + Math.floor(random() * 27));
      const date = d.toISOString().slice(0, 10);
      // The area's signs grow more visible over the period; a few unrelated indicators come and go.
      const ripe = (m + 1) / opts.months;
      for (const ind of a.profile) {
        if (random() < 0.6) {
          const present = random() < 0.35 + 0.6 * ripe;
          const s = sources[Math.floor(random() * sources.length)];
          observations.push({ area: a.key, indicator: ind, state: present ? "present" : "absent", trend: present ? "rising" : "stable", observed_at: date, source: s.key, credibility: 1 + Math.floor(random() * 4) });
        }
      }
      const extra = others[Math.floor(random() * others.length)];
      observations.push({ area: a.key, indicator: extra, state: random() < 0.3 ? "present" : "absent", trend: "stable", observed_at: date, source: sources[Math.floor(random() * sources.length)].key, credibility: 3 });
    }
  }
  return { areas, groups, sources, relationships, observations };
}
