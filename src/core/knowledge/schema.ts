/**
 * Zod schemas for the knowledge base in content/. One schema per entity kind; the same
 * nouns are used by the database, the API and the web UI.
 */
import { z } from "zod";

const id = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be lower-case kebab-case");
const indicatorId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$/, "must look like <factor-id>.<slug>");
const text = z.string().trim().min(1, "must not be empty");
const url = z
  .string()
  .regex(/^(https?:\/\/|www\.)[^\s<>"]+$/, "must be an http(s) link without spaces")
  .transform((s) => (s.startsWith("www.") ? `https://${s}` : s));
const country = z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code");

export const citationSchema = z.object({
  source: id,
  locator: text,
});

export const sourceSchema = z.object({
  id,
  title: text,
  publisher: text,
  year: z.number().int(),
  file: z.string().optional(),
  link: url.optional(),
});

export const areaSchema = z.object({ id, order: z.number().int(), name: text });

export const frameworkSchema = z.object({
  id: z.enum(["hague", "addendum", "icct"]),
  name: text,
  source: id,
  areas: z.array(areaSchema).min(1),
});

export const stepSchema = z.object({
  number: z.number().int().positive(),
  text,
  points: z.array(text).optional().default([]),
});

export const instrumentRefSchema = z.object({
  id,
  pinpoint: z.union([text, z.number()]).transform(String).optional(),
});

export const relatedSchema = z.object({ id, reason: text });

const practiceId = z.string().regex(/^(hague|addendum|icct)-[0-9]+$/, "must be hague-N, addendum-N or icct-N");

export const practiceSchema = z.object({
  id: practiceId,
  framework: z.enum(["hague", "addendum", "icct"]),
  area: id,
  number: z.number().int().positive(),
  title: text,
  summary: text,
  merged_with: id.optional(),
  steps: z.array(stepSchema).min(1, "a practice needs at least one step"),
  actors: z.array(id).default([]),
  instruments: z.array(instrumentRefSchema).default([]),
  examples: z.array(id).default([]),
  related: z.array(relatedSchema).default([]),
  manifestations: z.array(id).default([]),
  indicators: z.array(indicatorId).default([]),
  citation: citationSchema,
});

/**
 * The standards crosswalk (docs/decisions/0036): one entry per practice, named "crosswalk-" + the
 * practice id, mapping it with pinpoints to the international standards it implements (FATF
 * Recommendations "R.8", Security Council resolutions "para 15" / "paras 3-5", conventions and
 * protocols "art. 27" / "art. 27(1)" / "arts 18-19"), and saying which Hague practices an
 * Addendum (or ICCT) practice builds on. Pinpoints are checked against the instrument's kind in
 * validate.ts (crosswalk.ts parses them). `topic` and `reason` are reader text, translated like
 * every other (decision 0022).
 */
export const crosswalkLinkSchema = z.strictObject({
  instrument: id,
  pinpoint: z.union([text, z.number()]).transform(String),
  topic: text,
});
export const crosswalkBuildsOnSchema = z.strictObject({ practice: practiceId, reason: text });
export const crosswalkSchema = z.strictObject({
  id: z.string().regex(/^crosswalk-(hague|addendum|icct)-[0-9]+$/, "must be crosswalk- followed by the practice id"),
  practice: practiceId,
  links: z.array(crosswalkLinkSchema).default([]),
  builds_on: z.array(crosswalkBuildsOnSchema).default([]),
});

/**
 * The training question bank (docs/decisions/0038): one file per audience in
 * content/training/questions/<audience>.yaml. Each question cites exactly one entry (a practice, a
 * manifestation or an indicator) and says what it checks (recognise, apply, judge). Type rules,
 * ids, the cited entry, duplicate stems and the balance of objectives are checked in validate.ts
 * (src/core/training/bank.ts). `stem`, `case`, the options' `text` and `explanation` are reader
 * text, translated like every other (decision 0022).
 */
export const audienceIds = ["prosecutors", "judges", "police", "fiu", "prison-probation", "border-customs", "policy-makers", "civil-society"] as const;
export const questionTypes = ["single", "multiple", "scenario", "ordering"] as const;
export const learningObjectives = ["recognise", "apply", "judge"] as const;
export const questionOptionSchema = z.strictObject({
  id: z.enum(["a", "b", "c", "d", "e"]),
  text,
  correct: z.boolean().optional(),
});
export const questionSchema = z.strictObject({
  id: z.string().regex(/^q-[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)?-[0-9]+$/, "must be q- followed by the audience, the cited entry id and a number"),
  audience: z.enum(audienceIds),
  type: z.enum(questionTypes),
  about: z.strictObject({ practice: practiceId.optional(), manifestation: id.optional(), indicator: indicatorId.optional() }),
  objective: z.enum(learningObjectives),
  stem: text,
  case: text.optional(),
  options: z.array(questionOptionSchema).min(3, "give 3 to 5 options").max(5, "give 3 to 5 options"),
  explanation: text,
  citation: citationSchema,
});

export const manifestationIds = [
  "alliance",
  "appropriation-of-tactics",
  "integration",
  "hybrid",
  "transformation",
  "black-hole",
] as const;

/**
 * "No nexus evident", the seventh hypothesis of the Nexus Watch analysis. It is not a
 * manifestation: indicator links may name it (so that negative evidence can count for it), and
 * nothing else may.
 */
export const NO_NEXUS_ID = "no-nexus";
/** What an indicator link may point to: the six manifestations and "no nexus evident". */
export const hypothesisIds = [...manifestationIds, NO_NEXUS_ID] as const;

/**
 * Groups of watch-point factors: the toolkit's environmental and organizational factors, and
 * "search", the project's record of what was looked for and not found (explicit negative evidence).
 */
export const factorGroups = ["environmental", "organizational", "search"] as const;

export const caseSchema = z.object({
  summary: text,
  countries: z.array(country).default([]),
  citation: citationSchema,
});

export const manifestationSchema = z.object({
  id: z.enum(manifestationIds),
  name: text,
  family: z.enum(["transactional", "organizational", "environment"]),
  definition: text,
  characteristics: z.array(text).default([]),
  cases: z.array(caseSchema).default([]),
  continuum: z.number().int().min(1).max(6),
  citation: citationSchema,
});

export const contextSchema = z.object({
  id: z.enum(["politically-stable", "transitional", "post-conflict"]),
  name: text,
  summary: text,
  characteristics: z.array(text).default([]),
  manifestations: z.array(id).default([]),
  citation: citationSchema,
});

export const indicatorLinkSchema = z.object({
  manifestation: id,
  direction: z.enum(["for", "against"]),
  strength: z.enum(["weak", "moderate", "strong"]),
  reasoning: text,
  citation: citationSchema,
});

export const indicatorSchema = z.object({
  id: indicatorId,
  statement: text,
  question: text,
  present_when: text,
  practices: z.array(id).default([]),
  links: z.array(indicatorLinkSchema).min(1, "an indicator must bear on at least one manifestation"),
  citation: citationSchema,
});

export const factorSchema = z.object({
  id,
  group: z.enum(factorGroups),
  name: text,
  question: text,
  citation: citationSchema,
  indicators: z.array(indicatorSchema).min(1),
});

export const actorSchema = z.object({
  id,
  name: text,
  parent: id.nullable(),
  description: text,
});

export const instrumentSchema = z.object({
  id,
  name: text,
  short: z.union([text, z.number()]).transform(String).optional(),
  kind: z.enum([
    "convention",
    "protocol",
    "unsc-resolution",
    "unga-resolution",
    "gctf-document",
    "fatf-standard",
    "regional-instrument",
    "report",
    "guidance",
  ]),
  issuer: text,
  year: z.number().int().nullable().optional(),
  link: url.optional().nullable(),
  citation: citationSchema,
});

export const initiativeSchema = z.object({
  id,
  name: text,
  organisation: text.nullable().optional(),
  scope: z.enum(["global", "regional", "national", "local"]),
  countries: z.array(country).default([]),
  link: url.optional().nullable(),
  link_checked: z.union([z.string(), z.date()]).transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d)).nullable().optional(),
  summary: text,
  citation: citationSchema,
});

export const themeSchema = z.object({
  id,
  number: z.number().int().positive(),
  title: text,
  summary: text,
  practices: z.array(id).default([]),
  citation: citationSchema,
});

export const researchPrioritySchema = z.object({
  id: z.string().regex(/^(rp|ns)-[a-z0-9-]+$/, "must start with rp- or ns-"),
  kind: z.enum(["research-priority", "knowledge-gap", "next-step"]),
  title: text,
  summary: text,
  practices: z.array(id).default([]),
  indicators: z.array(indicatorId).default([]),
  citation: citationSchema,
});

/**
 * How to rate one practice in a national self-assessment, FATF-style: "in place" (technical
 * compliance: C, LC, PC, NC) kept apart from "working" (effectiveness: High, Substantial,
 * Moderate, Low). Guiding questions and thresholds are grounded in the practice's steps.
 */
const thresholds = <K extends string>(keys: readonly K[]) =>
  z.strictObject(Object.fromEntries(keys.map((k) => [k, text])) as Record<K, typeof text>);
export const ratingGuidanceSchema = z.object({
  id: z.string().regex(/^(hague|addendum|icct)-[0-9]+$/, "must be the practice id it guides"),
  in_place: z.object({ questions: z.array(text).min(2, "give at least two guiding questions"), thresholds: thresholds(["C", "LC", "PC", "NC"] as const) }),
  working: z.object({ questions: z.array(text).min(2, "give at least two guiding questions"), thresholds: thresholds(["High", "Substantial", "Moderate", "Low"] as const) }),
  evidence: z.array(text).min(1, "name at least one kind of evidence"),
  steps: z.array(z.number().int().positive()).min(1, "name the steps the guidance is grounded in"),
  citation: citationSchema,
});

/**
 * A table-top exercise scenario, one per file in content/scenarios/. Nested objects are strict
 * so that a misspelt key (say `facilitator_note`) is reported instead of silently dropped.
 * Ids of roles, objectives, phases, injects, decisions and hotwash questions share one space
 * within the scenario; option ids only need to be unique within their decision, because an
 * option is always named together with its decision. Cross-references are checked in
 * validate.ts (see docs/decisions/0009-scenario-library.md for the branching rules).
 */
export const injectKinds = ["news", "intelligence", "request", "report", "media", "call"] as const;
export const decisionScopes = ["individual", "role", "table", "plenary"] as const;
export const responseTypes = ["single", "multiple", "rank", "text"] as const;
export const alignments = ["aligned", "partial", "misaligned"] as const;

export const scenarioObjectiveSchema = z.strictObject({
  id,
  text,
  practices: z.array(practiceId).min(1, "tie the objective to at least one practice"),
});

export const scenarioRoleSchema = z.strictObject({
  id,
  name: text,
  actor: id,
  briefing: text,
});

export const injectReleaseSchema = z.discriminatedUnion("mode", [
  z.strictObject({ mode: z.literal("manual") }),
  z.strictObject({ mode: z.literal("conditional"), decision: id, option: id }),
]);

export const injectSchema = z.strictObject({
  id,
  kind: z.enum(injectKinds),
  title: text,
  text,
  audience: z.union([z.literal("all"), z.array(id).min(1, "name at least one role, or use all")]),
  release: injectReleaseSchema.default({ mode: "manual" }),
  facilitator_notes: text,
});

/**
 * A warning for the facilitator on an option that is right but risky: what the practice itself
 * says can go wrong, to raise with the room when the option is chosen. It names the practices
 * whose warning it repeats; the option must be tagged with them.
 */
export const optionCautionSchema = z.strictObject({
  text,
  practices: z.array(practiceId).min(1, "name the practice whose warning this is"),
});

export const decisionOptionSchema = z.strictObject({
  id,
  text,
  alignment: z.enum(alignments),
  rationale: text,
  practices: z.array(practiceId).min(1, "tag the option with the practices it tests"),
  actors: z.array(id).min(1, "tag the option with the actors who would carry it out"),
  /** id of a phase marked `branch: true`, later in the scenario, that this choice leads to */
  branch: id.optional(),
  /** for the facilitator only (never sent to participants) */
  caution: optionCautionSchema.optional(),
  /** international instruments (ids in content/instruments) the rationale relies on */
  instruments: z.array(id).default([]),
});

export const decisionPointSchema = z
  .strictObject({
    id,
    prompt: text,
    scope: z.enum(decisionScopes),
    /** the roles that decide when scope is "role" */
    roles: z.array(id).default([]),
    response: z.enum(responseTypes),
    options: z.array(decisionOptionSchema).min(2, "offer at least two options"),
  })
  .superRefine((d, ctx) => {
    if (d.scope === "role" && d.roles.length === 0) ctx.addIssue({ code: "custom", path: ["roles"], message: "a decision with scope role must name its roles" });
    if (!d.options.some((o) => o.alignment === "aligned")) ctx.addIssue({ code: "custom", path: ["options"], message: "at least one option must be aligned with the practices" });
  });

export const phaseSchema = z.strictObject({
  id,
  title: text,
  /** a branch phase is played only when a chosen option leads to it */
  branch: z.boolean().default(false),
  situation: text,
  injects: z.array(injectSchema).min(1, "a phase needs at least one inject"),
  decisions: z.array(decisionPointSchema).default([]),
});

export const hotwashQuestionSchema = z.strictObject({
  id,
  question: text,
  kind: z.enum(["rating", "text"]),
});

export const scenarioSchema = z.strictObject({
  id,
  version: z.number().int().positive(),
  title: text,
  summary: text,
  context: id,
  region: text,
  manifestations: z.array(id).min(1, "name the manifestations the scenario exhibits"),
  practices: z.array(practiceId).min(1, "name the practices the scenario exercises"),
  objectives: z.array(scenarioObjectiveSchema).min(1, "give at least one objective"),
  roles: z.array(scenarioRoleSchema).min(2, "a scenario needs at least two roles"),
  phases: z.array(phaseSchema).min(2, "a scenario needs at least two phases"),
  hotwash: z.array(hotwashQuestionSchema).min(1, "give at least one hotwash question"),
  /** the documented real-case patterns the scenario is built on */
  grounding: z.array(z.strictObject({ pattern: text, citation: citationSchema })).min(1, "ground the scenario in at least one documented pattern"),
  citation: citationSchema,
});

export type Citation = z.infer<typeof citationSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type Framework = z.infer<typeof frameworkSchema>;
export type Practice = z.infer<typeof practiceSchema>;
export type Manifestation = z.infer<typeof manifestationSchema>;
export type Context = z.infer<typeof contextSchema>;
export type Factor = z.infer<typeof factorSchema>;
export type Indicator = z.infer<typeof indicatorSchema>;
export type Actor = z.infer<typeof actorSchema>;
export type Instrument = z.infer<typeof instrumentSchema>;
export type Initiative = z.infer<typeof initiativeSchema>;
export type Theme = z.infer<typeof themeSchema>;
export type ResearchPriority = z.infer<typeof researchPrioritySchema>;
export type RatingGuidance = z.infer<typeof ratingGuidanceSchema>;
export type Crosswalk = z.infer<typeof crosswalkSchema>;
export type CrosswalkLink = z.infer<typeof crosswalkLinkSchema>;
export type Question = z.infer<typeof questionSchema>;
export type Audience = (typeof audienceIds)[number];
export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioPhase = z.infer<typeof phaseSchema>;
export type Inject = z.infer<typeof injectSchema>;
export type DecisionPoint = z.infer<typeof decisionPointSchema>;
export type DecisionOption = z.infer<typeof decisionOptionSchema>;

/** Where each collection lives under content/ and how its entries are checked. */
export const collections = {
  sources: { path: "sources.yaml", schema: sourceSchema },
  frameworks: { path: "frameworks.yaml", schema: frameworkSchema },
  actors: { path: "actors.yaml", schema: actorSchema },
  manifestations: { path: "manifestations.yaml", schema: manifestationSchema },
  contexts: { path: "contexts.yaml", schema: contextSchema },
  factors: { path: "watchpoints.yaml", schema: factorSchema },
  themes: { path: "themes.yaml", schema: themeSchema },
  researchPriorities: { path: "research-priorities.yaml", schema: researchPrioritySchema },
  ratingGuidance: { path: "rating-guidance/", schema: ratingGuidanceSchema },
  practices: { path: "practices/", schema: practiceSchema },
  instruments: { path: "instruments/", schema: instrumentSchema },
  initiatives: { path: "initiatives/", schema: initiativeSchema },
  /** one scenario per file, as a YAML mapping, in a file named after its id */
  scenarios: { path: "scenarios/", schema: scenarioSchema, onePerFile: true },
  /** the standards crosswalk: one entry per practice (docs/decisions/0036) */
  crosswalk: { path: "crosswalk/", schema: crosswalkSchema },
  /** the training question bank: one file per audience (docs/decisions/0038) */
  questions: { path: "training/questions/", schema: questionSchema },
} as const;

export type CollectionName = keyof typeof collections;

/** The whole knowledge base after parsing; every entry remembers the file it came from. */
export interface KnowledgeBase {
  sources: Source[];
  frameworks: Framework[];
  actors: Actor[];
  manifestations: Manifestation[];
  contexts: Context[];
  factors: Factor[];
  themes: Theme[];
  researchPriorities: ResearchPriority[];
  ratingGuidance: RatingGuidance[];
  practices: Practice[];
  instruments: Instrument[];
  initiatives: Initiative[];
  scenarios: Scenario[];
  crosswalk: Crosswalk[];
  questions: Question[];
  /** entry id -> file (relative to content/) */
  origin: Map<string, string>;
}
