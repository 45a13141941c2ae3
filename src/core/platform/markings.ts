/** TLP 2.0 markings, from widest to narrowest audience. */
export const markings = ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"] as const;
export type Marking = (typeof markings)[number];

const rank = (m: Marking) => markings.indexOf(m);

/** True when `a` shares with fewer people than (or the same as) `b`. */
export const isAtLeast = (a: Marking, b: Marking) => rank(a) >= rank(b);

/** The narrowest of several markings: what a record derived from all of them must carry at least. */
export function narrowest(ms: Marking[]): Marking {
  return ms.reduce<Marking>((acc, m) => (rank(m) > rank(acc) ? m : acc), "CLEAR");
}

/** Records about a child must never be shared wider than AMBER. */
export const MINOR_MINIMUM: Marking = "AMBER";

/** Markings at which the reader is asked why they need access, and the answer is audited. */
export const reasonRequired = (m: Marking) => m === "AMBER+STRICT" || m === "RED";
