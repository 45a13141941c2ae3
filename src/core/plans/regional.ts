/**
 * The regional view: the spread of ratings per practice across the countries that consented
 * to share. A country that has not opted in contributes nothing, not even to a count; where
 * consent covers only aggregates, its individual ratings are never returned. Pure.
 */
import { inPlaceScore, type InPlace } from "./ratings.js";

export interface CountryShare { country: string; consent: "none" | "aggregate" | "full"; ratings: { practice: string; inPlace?: InPlace }[] }
export interface PracticeSpread { practice: string; countries: number; distribution: Partial<Record<InPlace, number>>; mean: number | null; byCountry?: { country: string; inPlace: InPlace }[] }

/** Below this many sharing countries an aggregate could identify a single country's answer. */
export const MIN_AGGREGATE = 3;

export function regionalSpread(shares: CountryShare[], practices: string[]): { consenting: number; practices: PracticeSpread[] } {
  const consenting = shares.filter((s) => s.consent !== "none");
  return {
    consenting: consenting.length,
    practices: practices.map((practice) => {
      const rated = consenting.flatMap((s) => s.ratings.filter((r) => r.practice === practice && r.inPlace).map((r) => ({ country: s.country, consent: s.consent, inPlace: r.inPlace! })));
      const spread: PracticeSpread = { practice, countries: rated.length, distribution: {}, mean: null };
      // Shared in full, a rating is public to the region; aggregate-only ratings must never be
      // recoverable by subtracting the public ones, so they need company of their own.
      const aggregateOnly = rated.filter((r) => r.consent === "aggregate").length;
      if (rated.length >= MIN_AGGREGATE && (aggregateOnly === 0 || aggregateOnly >= MIN_AGGREGATE)) {
        for (const r of rated) spread.distribution[r.inPlace] = (spread.distribution[r.inPlace] ?? 0) + 1;
        const scored = rated.filter((r) => r.inPlace !== "N/A").map((r) => inPlaceScore[r.inPlace as Exclude<InPlace, "N/A">]);
        spread.mean = scored.length ? Math.round((scored.reduce((a, b) => a + b, 0) / scored.length) * 100) / 100 : null;
      }
      const full = rated.filter((r) => r.consent === "full");
      if (full.length) spread.byCountry = full.map((r) => ({ country: r.country, inPlace: r.inPlace }));
      return spread;
    }),
  };
}
