/**
 * The two ratings of a practice in a national self-assessment, after FATF: technical
 * compliance ("in place") and effectiveness ("working"), kept apart because countries are
 * often compliant on paper and not effective in practice.
 */
import { msg, type Msg } from "../i18n/messages.js";

export const inPlaceRatings = ["C", "LC", "PC", "NC", "N/A"] as const;
export type InPlace = (typeof inPlaceRatings)[number];
export const workingRatings = ["High", "Substantial", "Moderate", "Low"] as const;
export type Working = (typeof workingRatings)[number];
export const stepStatuses = ["not-started", "planned", "in-progress", "done", "not-applicable"] as const;
export type StepStatus = (typeof stepStatuses)[number];

/** 0 (nothing) to 3 (fully); N/A has no score. */
export const inPlaceScore: Record<Exclude<InPlace, "N/A">, number> = { C: 3, LC: 2, PC: 1, NC: 0 };
export const workingScore: Record<Working, number> = { High: 3, Substantial: 2, Moderate: 1, Low: 0 };

/** The words for a rating, as messages (plans.msg.inPlace.*, plans.msg.working.*), or "not rated". */
export const inPlaceMsg = (r: InPlace | null | undefined): Msg => msg(r ? `plans.msg.inPlace.${r}` : "plans.msg.notRated");
export const workingMsg = (r: Working | null | undefined): Msg => msg(r ? `plans.msg.working.${r}` : "plans.msg.notRated");
