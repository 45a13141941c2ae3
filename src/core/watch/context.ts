/**
 * The regional context of an area, after the toolkit's regional variations (hague-toolkit-2019,
 * Section 1, "Illustrative Examples: Regional Variations"): (post-)conflict states show
 * fragmented, weak government control and shared interest in instability; transitional states
 * show poor border security, weak law enforcement, corrupt officials and established
 * trafficking; politically stable states show mostly transactional forms, often cells financing
 * themselves through crime and recruiting in prisons. The evidence suggests one; a context the
 * analyst sets overrides the suggestion (and re-orders the recommended practices).
 */
import type { Evidence } from "./evidence.js";
import { msg, type Msg } from "./messages.js";
import type { WatchModel } from "./model.js";

const affinity: Record<string, [string, number][]> = {
  "post-conflict": [
    ["env-geography.ungoverned-territory", 3], ["env-governance.state-collapse", 3], ["env-governance.territorial-control", 3],
    ["env-governance.eroding-state-institutions", 2], ["env-security-dynamics.shared-interest-in-instability", 2], ["env-economic.illicit-economy-dominance", 2],
    ["env-economic.shared-financial-dependency", 2], ["env-economic.kidnap-for-ransom-economy", 1], ["env-corruption.institutions-infiltrated", 1], ["org-external-support.popular-support", 1],
  ],
  transitional: [
    ["env-security-dynamics.porous-borders-trafficking-routes", 2], ["env-governance.law-enforcement-capacity-impacted", 2],
    ["env-corruption.officials-intimidated-or-bribed", 2], ["env-corruption.systemic-corruption", 2], ["env-political-landscape.government-security-relationship", 2],
    ["env-corruption.corruption-level", 1], ["env-governance.legislation-gaps", 1], ["env-corruption.sectoral-corruption-impact", 1], ["env-economic.kidnap-for-ransom-economy", 1],
  ],
  "politically-stable": [
    ["org-recruitment.prison-meeting-place", 2], ["env-political-landscape.rising-nationalist-parties", 2], ["org-recruitment.recruitment-venue-shift", 2],
    ["org-recruitment.redemptive-narrative", 1], ["env-social-status.unequal-treatment-of-minorities", 1], ["env-social-status.changing-treatment-of-minorities", 1],
  ],
};
/** Signs of state weakness looked for and found absent point to a stable state, and away from the others. */
const weakness = [
  "env-geography.ungoverned-territory", "env-governance.state-collapse", "env-governance.territorial-control", "env-governance.eroding-state-institutions",
  "env-corruption.systemic-corruption", "env-economic.illicit-economy-dominance", "env-governance.law-enforcement-capacity-impacted",
  "env-security-dynamics.porous-borders-trafficking-routes", "env-corruption.officials-intimidated-or-bribed",
];

export interface ContextReading {
  /** the context in force: the analyst's when set, else the suggestion */
  id: string;
  /** true when the analyst set it */
  set: boolean;
  /** what the evidence suggests, with the reasons */
  suggested: { id: string; score: number; reasons: Msg[] } | null;
  scores: { id: string; score: number }[];
}

export function suggestContext(model: WatchModel, evidence: Evidence[], ranking: { id: string }[], analystContext: string | null = null): ContextReading | null {
  const byIndicator = new Map(evidence.filter((e) => e.kind === "indicator").map((e) => [e.key.slice("indicator:".length), e]));
  const strip = (e: Evidence) => e.label;
  const results = model.contexts.map((c) => {
    let score = 0;
    const reasons: Msg[] = [];
    for (const [ind, points] of affinity[c.id] ?? []) {
      const e = byIndicator.get(ind);
      if (e?.state === "present") { score += points * e.weight; reasons.push(msg("watch.msg.context.present", { label: strip(e), grade: e.grade })); }
    }
    for (const ind of weakness) {
      const e = byIndicator.get(ind);
      if (e?.state !== "absent") continue;
      if (c.id === "politically-stable") { score += 1 * e.weight; reasons.push(msg("watch.msg.context.absent", { label: strip(e), grade: e.grade })); }
      else if ((affinity[c.id] ?? []).some(([i]) => i === ind)) score -= 0.5 * e.weight;
    }
    const [first, second] = ranking;
    if (first && c.manifestations.includes(first.id)) { score += 1.5; reasons.push(msg("watch.msg.context.typical", { hypothesis: first.id })); }
    if (second && c.manifestations.includes(second.id)) { score += 0.5; reasons.push(msg("watch.msg.context.typical", { hypothesis: second.id })); }
    return { id: c.id, score: Math.round(score * 100) / 100, reasons };
  });
  results.sort((a, b) => b.score - a.score);
  const suggested = results.length && results[0].score > 0 ? results[0] : null;
  const scores = results.map((r) => ({ id: r.id, score: r.score }));
  if (analystContext && model.contexts.some((c) => c.id === analystContext)) return { id: analystContext, set: true, suggested, scores };
  return suggested ? { id: suggested.id, set: false, suggested, scores } : null;
}
