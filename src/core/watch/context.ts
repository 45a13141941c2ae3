/**
 * Suggests the regional context from the environmental evidence and the leading
 * manifestations, after the toolkit's regional variations (hague-toolkit-2019, Section 1,
 * "Illustrative Examples: Regional Variations"): (post-)conflict states show fragmented,
 * weak government control and shared interest in instability; transitional states show poor
 * border security, weak law enforcement, corrupt officials and established trafficking;
 * politically stable states show mostly transactional forms, often cells financing
 * themselves through crime and recruiting in prisons.
 */
import type { Evidence } from "./evidence.js";
import type { WatchModel } from "./model.js";

const affinity: Record<string, [string, number][]> = {
  "post-conflict": [
    ["env-geography.ungoverned-territory", 3], ["env-governance.eroding-state-institutions", 3], ["env-economic.illicit-economy-dominance", 2],
    ["env-economic.shared-financial-dependency", 2], ["env-corruption.institutions-infiltrated", 1], ["org-external-support.popular-support", 1],
  ],
  transitional: [
    ["env-security-dynamics.porous-borders-trafficking-routes", 2], ["env-governance.law-enforcement-capacity-impacted", 2],
    ["env-corruption.officials-intimidated-or-bribed", 2], ["env-corruption.systemic-corruption", 2], ["env-political-landscape.government-security-relationship", 2],
    ["env-corruption.corruption-level", 1], ["env-governance.legislation-gaps", 1], ["env-corruption.sectoral-corruption-impact", 1],
  ],
  "politically-stable": [
    ["env-political-landscape.rising-nationalist-parties", 2], ["org-recruitment.recruitment-venue-shift", 2], ["org-recruitment.redemptive-narrative", 1],
    ["env-social-status.unequal-treatment-of-minorities", 1], ["env-social-status.changing-treatment-of-minorities", 1],
  ],
};
/** Signs of state weakness observed absent point to a stable state. */
const absentInStable = ["env-geography.ungoverned-territory", "env-governance.eroding-state-institutions", "env-corruption.systemic-corruption", "env-economic.illicit-economy-dominance"];

export interface ContextSuggestion {
  id: string;
  name: string;
  score: number;
  reasons: string[];
  scores: { id: string; score: number }[];
}

export function suggestContext(model: WatchModel, evidence: Evidence[], ranking: { id: string }[]): ContextSuggestion | null {
  const byIndicator = new Map(evidence.filter((e) => e.kind === "indicator").map((e) => [e.key.slice("indicator:".length), e]));
  const results = model.contexts.map((c) => {
    let score = 0;
    const reasons: string[] = [];
    for (const [ind, points] of affinity[c.id] ?? []) {
      const e = byIndicator.get(ind);
      if (e?.state === "present") {
        score += points * e.weight;
        reasons.push(`${e.label} (present, ${e.grade})`);
      }
    }
    if (c.id === "politically-stable") {
      for (const ind of absentInStable) {
        const e = byIndicator.get(ind);
        if (e?.state === "absent") { score += 1 * e.weight; reasons.push(`no sign that ${e.label.charAt(0).toLowerCase()}${e.label.slice(1)}`); }
      }
    }
    const [first, second] = ranking;
    if (first && c.manifestations.includes(first.id)) { score += 1.5; reasons.push(`the leading manifestation (${first.id}) is typical here`); }
    if (second && c.manifestations.includes(second.id)) { score += 0.5; reasons.push(`the runner-up (${second.id}) is typical here`); }
    return { id: c.id, name: c.name, score: Math.round(score * 100) / 100, reasons };
  });
  results.sort((a, b) => b.score - a.score);
  if (!results.length || results[0].score <= 0) return null;
  return { ...results[0], scores: results.map((r) => ({ id: r.id, score: r.score })) };
}
