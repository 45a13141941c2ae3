/**
 * xAPI 1.0.3 statements about learning paths (docs/decisions/0041), built from plain data: a learner
 * answered a question; attempted, completed, passed or failed a module or a test. The actor is
 * never a person's name or email but an account at the deployment (`homePage`) under an opaque
 * pseudonymous id; the path is the statement's parent context activity. Activity ids are addresses
 * under the deployment's base (they need not resolve, but the module and path ones do: they are the
 * web pages of the path).
 *
 * Pure apart from the defaults of `id` (a random UUID v4) and `timestamp` (now), which a caller
 * may give.
 */
import type { LearnerQuestion } from "./learnerQuestion.js";
import { interactionType } from "./scorm.js";

export const XAPI_VERSION = "1.0.3";

export const verbs = {
  answered: "http://adlnet.gov/expapi/verbs/answered",
  attempted: "http://adlnet.gov/expapi/verbs/attempted",
  completed: "http://adlnet.gov/expapi/verbs/completed",
  passed: "http://adlnet.gov/expapi/verbs/passed",
  failed: "http://adlnet.gov/expapi/verbs/failed",
} as const;
export type VerbName = keyof typeof verbs;

export const activityTypes = {
  course: "http://adlnet.gov/expapi/activities/course",
  module: "http://adlnet.gov/expapi/activities/module",
  assessment: "http://adlnet.gov/expapi/activities/assessment",
  interaction: "http://adlnet.gov/expapi/activities/cmi.interaction",
} as const;

export type LanguageMap = Record<string, string>;
export interface Activity {
  objectType: "Activity";
  id: string;
  definition?: {
    name?: LanguageMap;
    type?: string;
    interactionType?: "choice" | "sequencing";
    correctResponsesPattern?: string[];
    choices?: { id: string; description: LanguageMap }[];
  };
}
export interface Statement {
  id: string;
  actor: { objectType: "Agent"; account: { homePage: string; name: string } };
  verb: { id: string; display: LanguageMap };
  object: Activity;
  result?: {
    success?: boolean;
    completion?: boolean;
    response?: string;
    score?: { scaled: number; raw: number; min: number; max: number };
    duration?: string;
  };
  context: {
    registration?: string;
    language: string;
    platform: string;
    contextActivities: { parent: Activity[]; grouping?: Activity[] };
  };
  timestamp: string;
  version: typeof XAPI_VERSION;
}

/** Who and where: the same for every statement of one learner in one path. */
export interface XapiScope {
  /** the deployment's base address (PUBLIC_URL), the account's homePage and the root of activity ids */
  homePage: string;
  /** an opaque pseudonymous id of the learner at that deployment (never a name or an email) */
  learner: string;
  audience: string;
  /** the path's name in the statement's language */
  pathName: string;
  /** the language the learner worked in (BCP 47) */
  language: string;
  /** a cohort's registration (UUID), when the learner is in one */
  registration?: string;
}
/** A caller's id and time for a statement (a random UUID and now by default). */
export interface StatementMeta { id?: string; timestamp?: string }

const UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const isUuidV4 = (s: string) => UUID4.test(s);
/** A learner id must look like nothing personal: no "@", no spaces, 8–128 characters of letters, digits, "-" and "_". */
const OPAQUE = /^[A-Za-z0-9_-]{8,128}$/;

const base = (s: XapiScope) => s.homePage.replace(/\/+$/, "");
export const pathActivityId = (s: XapiScope) => `${base(s)}/training/${s.audience}`;
export const moduleActivityId = (s: XapiScope, moduleId: string) => `${base(s)}/training/${s.audience}/${moduleId}`;
export const testActivityId = (s: XapiScope, testId: string) => `${base(s)}/training/${s.audience}/tests/${testId}`;
export const questionActivityId = (s: XapiScope, questionId: string) => `${base(s)}/training/questions/${questionId}`;

const pathActivity = (s: XapiScope): Activity => ({ objectType: "Activity", id: pathActivityId(s), definition: { name: { [s.language]: s.pathName }, type: activityTypes.course } });

function statement(s: XapiScope, verb: VerbName, object: Activity, result: Statement["result"] | undefined, meta: StatementMeta, grouping?: Activity[]): Statement {
  if (!OPAQUE.test(s.learner)) throw new Error("xAPI learner: must be an opaque pseudonymous id (8–128 letters, digits, - or _), never a name or an email");
  const id = meta.id ?? crypto.randomUUID();
  if (!isUuidV4(id)) throw new Error(`xAPI statement id: must be a UUID v4, got "${id}"`);
  if (s.registration !== undefined && !isUuidV4(s.registration)) throw new Error(`xAPI registration: must be a UUID v4, got "${s.registration}"`);
  return {
    id,
    actor: { objectType: "Agent", account: { homePage: base(s), name: s.learner } },
    verb: { id: verbs[verb], display: { "en-US": verb } },
    object,
    ...(result ? { result } : {}),
    context: {
      ...(s.registration ? { registration: s.registration } : {}),
      language: s.language,
      platform: "Nexus Toolkit",
      contextActivities: { parent: [pathActivity(s)], ...(grouping ? { grouping } : {}) },
    },
    timestamp: meta.timestamp ?? new Date().toISOString(),
    version: XAPI_VERSION,
  };
}

/** xAPI's form of a list of option ids: "a[,]b" (ordering in the given order). */
export const responsePattern = (ids: readonly string[]) => ids.join("[,]");

/**
 * A learner answered a question: the question as a cmi.interaction activity (choice, or sequencing
 * for ordering) with its right answer pattern and choices, the response and whether it was right.
 * `moduleId` puts the module in context (grouping) beside the path (parent).
 */
export function answeredStatement(s: XapiScope, q: Pick<LearnerQuestion, "id" | "type" | "stem" | "options" | "answer">, response: readonly string[], moduleId?: string, meta: StatementMeta = {}): Statement {
  const type = interactionType(q);
  const success = type === "sequencing" ? response.join() === q.answer.join() : response.length === q.answer.length && response.every((r) => q.answer.includes(r));
  const object: Activity = {
    objectType: "Activity",
    id: questionActivityId(s, q.id),
    definition: {
      name: { [s.language]: q.stem },
      type: activityTypes.interaction,
      interactionType: type,
      correctResponsesPattern: [responsePattern(q.answer)],
      choices: q.options.map((o) => ({ id: o.id, description: { [s.language]: o.text } })),
    },
  };
  const grouping = moduleId ? [{ objectType: "Activity" as const, id: moduleActivityId(s, moduleId), definition: { type: activityTypes.module } }] : undefined;
  return statement(s, "answered", object, { success, response: responsePattern(response) }, meta, grouping);
}

export interface Score { raw: number; min?: number; max: number }
/** The activity a progress statement is about: a module of the path, or one of its tests (pre, post). */
export type ProgressActivity = { kind: "module" | "test"; id: string; name: string };

/**
 * A learner attempted, completed, passed or failed a module or a test. With a score, the result
 * carries it (scaled = raw / max over min…max); passed and failed set success, completed and
 * passed set completion.
 */
export function progressStatement(s: XapiScope, verb: Exclude<VerbName, "answered">, activity: ProgressActivity, score?: Score, meta: StatementMeta = {}): Statement {
  const object: Activity = {
    objectType: "Activity",
    id: activity.kind === "module" ? moduleActivityId(s, activity.id) : testActivityId(s, activity.id),
    definition: { name: { [s.language]: activity.name }, type: activity.kind === "module" ? activityTypes.module : activityTypes.assessment },
  };
  const result: NonNullable<Statement["result"]> = {};
  if (verb === "passed" || verb === "failed") result.success = verb === "passed";
  if (verb === "completed" || verb === "passed") result.completion = true;
  if (score) {
    const min = score.min ?? 0;
    if (!(score.max > min) || score.raw < min || score.raw > score.max) throw new Error(`xAPI score: raw ${score.raw} must lie between min ${min} and max ${score.max}, and max above min`);
    result.score = { scaled: Math.round(((score.raw - min) / (score.max - min)) * 10_000) / 10_000, raw: score.raw, min, max: score.max };
  }
  return statement(s, verb, object, Object.keys(result).length ? result : undefined, meta);
}
