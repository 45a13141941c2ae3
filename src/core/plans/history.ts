/**
 * Progress across review cycles: for each review, the state of every practice at its end (the
 * latest agreed rating up to that review, carried forward when a practice was not re-rated),
 * and the mean "in place" and "working" scores over the practices rated. Pure.
 */
import { inPlaceScore, workingScore, type InPlace, type Working } from "./ratings.js";

export interface Agreed { practice: string; cycle: number; in_place: InPlace | null; working: Working | null }

export function progressByReview(reviews: { number: number; name: string; started_at: string }[], agreed: Agreed[]) {
  const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null);
  return reviews.map((r) => {
    const state = new Map<string, Agreed>();
    for (const a of agreed.filter((x) => x.cycle <= r.number).sort((x, y) => x.cycle - y.cycle)) state.set(a.practice, a);
    const rows = [...state.values()];
    const ip = rows.filter((a) => a.in_place && a.in_place !== "N/A").map((a) => inPlaceScore[a.in_place as Exclude<InPlace, "N/A">]);
    const wk = rows.filter((a) => a.working).map((a) => workingScore[a.working!]);
    return { ...r, agreed: agreed.filter((x) => x.cycle === r.number).length, rated: rows.length, mean_in_place: mean(ip), mean_working: mean(wk) };
  });
}
