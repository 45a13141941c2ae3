import { watchKinds } from "../watch/records.js";

/** Record kinds that belong to a capability: the generic record routes may not create or rewrite them. */
export const planKinds = ["self-assessment"] as const;
export const exerciseKinds = ["exercise-session"] as const;
/** STIX objects an import kept as they came (decision 0032). */
export const stixKinds = ["stix-object"] as const;
/** Cohorts of a regional training (decision 0039). */
export const trainingKinds = ["training-cohort"] as const;
export const reservedKinds: readonly string[] = [...watchKinds, ...planKinds, ...exerciseKinds, ...stixKinds, ...trainingKinds];
