/**
 * Admiralty (NATO) grading: source reliability A-F and information credibility 1-6, turned
 * into weights. F and 6 mean "cannot be judged": weighted like a fairly unreliable grade,
 * not ignored, so ungraded reporting still counts but never dominates.
 */
export const reliabilities = ["A", "B", "C", "D", "E", "F"] as const;
export type Reliability = (typeof reliabilities)[number];
export const credibilities = [1, 2, 3, 4, 5, 6] as const;
export type Credibility = (typeof credibilities)[number];

const reliabilityWeight: Record<Reliability, number> = { A: 1, B: 0.85, C: 0.65, D: 0.45, E: 0.25, F: 0.4 };
const credibilityWeight: Record<Credibility, number> = { 1: 1, 2: 0.85, 3: 0.65, 4: 0.45, 5: 0.2, 6: 0.4 };

export const reliabilityMeaning: Record<Reliability, string> = {
  A: "completely reliable", B: "usually reliable", C: "fairly reliable", D: "not usually reliable", E: "unreliable", F: "reliability cannot be judged",
};
export const credibilityMeaning: Record<Credibility, string> = {
  1: "confirmed by other sources", 2: "probably true", 3: "possibly true", 4: "doubtful", 5: "improbable", 6: "truth cannot be judged",
};

/** Weight of one piece of evidence: the product of the two grades, between 0.05 and 1. */
export const gradeWeight = (r: Reliability, c: Credibility) => reliabilityWeight[r] * credibilityWeight[c];

/** Low-grade evidence: an unreliable source or doubtful information. */
export const isLowGrade = (r: Reliability, c: Credibility) => ["D", "E", "F"].includes(r) || c >= 4;

export const gradeLabel = (r: Reliability, c: Credibility) => `${r}${c}`;
