/**
 * The Nexus Watch record kinds and their bodies. Subjects (areas, groups), sources,
 * relationships, assessments and watch rules are platform records, so the access function,
 * markings, retention, removal and audit apply to them unchanged.
 */
import { z } from "zod";
import { calendarDate } from "../fields.js";
import { relationshipKinds } from "./evidence.js";
import { reliabilities } from "./grades.js";

export const watchKinds = ["area", "group", "source", "relationship", "assessment", "watch-rule"] as const;
export type WatchKind = (typeof watchKinds)[number];

const country = z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code such as ML or NE");

export const areaBody = z.strictObject({
  country,
  subnational: z.string().trim().max(200).optional(),
  point: z.strictObject({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180) }).optional(),
  context: z.enum(["politically-stable", "transitional", "post-conflict"], { error: "must be politically-stable, transitional or post-conflict" }).optional(),
  notes: z.string().max(5000).optional(),
});

const groupType = z.enum(["criminal", "terrorist", "other-armed", "unknown"], { error: "must be criminal, terrorist, other-armed or unknown" });
const credibility = z.number({ error: "must be an information credibility grade 1-6" }).int("must be an information credibility grade 1-6").min(1, "must be an information credibility grade 1-6").max(6, "must be an information credibility grade 1-6");

export const groupBody = z.strictObject({
  aliases: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  /** the type today */
  type: groupType,
  /** earlier types, dated: a paramilitary force that became a criminal band */
  types: z.array(z.strictObject({ from: calendarDate, type: groupType })).max(50).default([]),
  /**
   * Dated aims. With `aim`, an entry sets that kind of aim as primary or secondary from its date
   * and leaves the others ("a political veneer" is economic primary with political secondary);
   * without `aim` (entries made before aims were told apart) it is the group's whole motive from
   * then on. Sources and credibility grade it like an observation; without sources it counts as
   * analyst judgement.
   */
  motivations: z.array(z.strictObject({
    from: calendarDate,
    kind: z.enum(["ideological", "political", "economic", "both"], { error: "must be ideological, political, economic or both" }),
    aim: z.enum(["primary", "secondary"], { error: "must be primary or secondary" }).optional(),
    sources: z.array(z.string().min(1)).max(20).default([]),
    credibility: credibility.optional(),
  })).max(50).default([]),
  areas: z.array(z.string().min(1)).max(500).default([]),
  notes: z.string().max(5000).optional(),
});

export const sourceBody = z.strictObject({
  type: z.enum(["human", "official", "partner-agency", "open-source", "media", "academic", "ngo", "technical"], { error: "must be a source type such as open-source or partner-agency" }),
  reliability: z.enum(reliabilities, { error: "must be an Admiralty reliability grade A-F" }),
  notes: z.string().max(5000).optional(),
  /** the organisation behind the source, in the directory of institutions (decision 0035) */
  institution: z.string().min(1).max(100).optional(),
});

export const relationshipBody = z.strictObject({
  from: z.string().min(1), to: z.string().min(1),
  kind: z.enum(relationshipKinds, { error: `must be one of ${relationshipKinds.join(", ")}` }),
  service: z.string().max(200).optional(),
  start: calendarDate.optional(), end: calendarDate.nullable().optional(),
  sources: z.array(z.string().min(1)).min(1, "name at least one source"),
  credibility,
  notes: z.string().max(5000).optional(),
});

export const observationInput = z.strictObject({
  indicator: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, "must be an indicator id such as org-leadership.factions-forming"),
  state: z.enum(["present", "absent", "unknown"], { error: "must be present, absent or unknown" }),
  trend: z.enum(["rising", "stable", "falling"], { error: "must be rising, stable or falling" }).optional(),
  observed_at: calendarDate,
  reported_at: calendarDate.optional(),
  sources: z.array(z.string().min(1)).min(1, "name at least one source"),
  // A whole number, or (from a CSV cell) its digits only: no "0x3", "3e0", " 3" or "".
  credibility: z.union([z.number(), z.string().regex(/^[0-9]+$/).transform(Number)], { error: "must be an information credibility grade 1-6" })
    .pipe(z.number().int("must be an information credibility grade 1-6").min(1, "must be an information credibility grade 1-6").max(6, "must be an information credibility grade 1-6")),
  note: z.string().max(5000).optional(),
});
export type ObservationInput = z.infer<typeof observationInput>;

export const watchRuleBody = z.discriminatedUnion("rule", [
  z.strictObject({ rule: z.literal("indicator-present"), indicator: z.string().regex(/^[a-z0-9-]+\.[a-z0-9-]+$/, "must be an indicator id") }),
  z.strictObject({ rule: z.literal("leader-changed") }),
], { error: "rule must be indicator-present (with an indicator) or leader-changed" });
