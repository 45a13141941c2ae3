import { z } from "zod";
import { documentQuery } from "../http/language.js";
import { attachment } from "../http/attachment.js";
import { calendarDate, id, marking, name } from "../../core/fields.js";
import { inPlaceRatings, stepStatuses, workingRatings } from "../../core/plans/ratings.js";
import { actionStatuses } from "../../core/plans/timeline.js";
import { notFound } from "../http/problem.js";
import type { RouteRegistry } from "../http/routes.js";
import { actorOf } from "../platform/auth.service.js";
import type { ActionsService } from "./actions.service.js";
import { exportFiles, type PlanOutputs } from "./outputs.js";
import type { PlansService } from "./plans.service.js";
import type { RegionalService } from "./regional.service.js";

const practice = z.string().regex(/^(hague|addendum|icct)-[0-9]+$/, "must be a practice id such as hague-1");
const inPlace = z.enum(inPlaceRatings, { error: `must be one of ${inPlaceRatings.join(", ")}` });
const working = z.enum(workingRatings, { error: `must be one of ${workingRatings.join(", ")}` });
const text = (max: number, min = 1) => z.string().trim().min(min).max(max);
const actionFields = {
  step: z.number().int().positive().nullable().optional(),
  title: text(500),
  owner_unit: id.nullable().optional(),
  start: calendarDate.nullable().optional(),
  due: calendarDate.nullable().optional(),
  status: z.enum(actionStatuses, { error: `must be one of ${actionStatuses.join(", ")}` }).optional(),
  depends_on: z.array(id).max(50).optional(),
  milestones: z.array(z.strictObject({ title: text(300), due: calendarDate, done: z.boolean().default(false) })).max(20).optional(),
};
/** JSON with a base64 file of up to 2 MB fits in 3 MB. */
const UPLOAD_BODY_LIMIT = 3 * 1024 * 1024;

export function registerPlanRoutes(routes: RouteRegistry, plans: PlansService, actions: ActionsService, regional: RegionalService, outputs: PlanOutputs) {
  const base = "/api/v1/plans";
  const sa = `${base}/self-assessments/:id`;
  const tags = ["plans"];
  routes.add({
    method: "GET", url: "/api/v1/rating-guidance/:practice", access: "public", tags: ["knowledge"],
    summary: "Guiding questions and thresholds for rating one practice in place and working",
    params: z.strictObject({ practice }),
    handler: async ({ params }) => {
      const g = plans.kbIn().ratingGuidance.find((x) => x.id === params.practice);
      if (!g) throw notFound(`rating guidance for "${params.practice}"`);
      return g;
    },
  });
  routes.add({
    method: "GET", url: `${base}/workspaces/:workspace/self-assessments`, access: "records.read", tags,
    summary: "The workspace's self-assessments you may read",
    params: z.strictObject({ workspace: id }),
    handler: async ({ params, principal }) => plans.list(principal!.user, params.workspace),
  });
  routes.add({
    method: "POST", url: `${base}/workspaces/:workspace/self-assessments`, access: "records.write", tags,
    summary: "Start a self-assessment of a country or agency over all 55 practices, one framework, or one area; copy_from starts it from an earlier one (its agreed ratings, units, actors and assistance requests)",
    params: z.strictObject({ workspace: id }),
    body: z.strictObject({
      name: name(300), country: z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code"),
      framework: z.string().optional(), area: z.string().optional(), marking,
      copy_from: id.optional(),
    }),
    handler: async ({ params, body, principal, req, reply }) => { reply.code(201); return plans.create(principal!.user, params.workspace, body, actorOf(principal, req)); },
  });
  routes.add({
    method: "GET", url: sa, access: "records.read", tags,
    summary: "Ratings by contributor, disagreements, agreed ratings, details, evidence and the gap analysis",
    params: z.strictObject({ id }),
    handler: async ({ params, principal }) => plans.summary(principal!.user, params.id),
  });
  routes.add({
    method: "PUT", url: `${sa}/ratings/:practice`, access: "records.write", tags,
    summary: "Your institution's rating of one practice in the current review: in place, working, step statuses, comment; reused_from confirms the answer proposed from a linked practice of the standards crosswalk (saving without it clears it)",
    params: z.strictObject({ id, practice }),
    body: z.strictObject({
      institution: z.string().trim().min(2, "name the institution you rate for").max(200),
      in_place: inPlace.optional(), working: working.optional(),
      steps: z.record(z.string().regex(/^[0-9]+$/, "step keys are step numbers"), z.enum(stepStatuses, { error: `must be one of ${stepStatuses.join(", ")}` })).optional(),
      comment: z.string().max(5000).optional(),
      reused_from: practice.optional(),
    }),
    handler: async ({ params, body, principal, req }) => plans.rate(principal!.user, params.id, params.practice, body, actorOf(principal, req)),
  });
  routes.add({
    method: "POST", url: `${sa}/agreed/:practice`, access: "plans.coordinate", tags,
    summary: "Record the agreed rating of a practice for the current review, with the reason",
    params: z.strictObject({ id, practice }),
    body: z.strictObject({ in_place: inPlace.optional(), working: working.optional(), reason: z.string().trim().min(5, "say how the rating was agreed").max(2000) }),
    handler: async ({ params, body, principal, req, reply }) => { reply.code(201); return plans.agree(principal!.user, params.id, params.practice, body, actorOf(principal, req)); },
  });
  routes.add({
    method: "PUT", url: `${sa}/practices/:practice`, access: "records.write", tags,
    summary: "Responsible actors and units of a practice, and whether the country asks for technical assistance on it",
    params: z.strictObject({ id, practice }),
    body: z.strictObject({ actors: z.array(id).max(60).default([]), units: z.array(id).max(60).default([]), assistance_requested: z.boolean().default(false), assistance_note: z.string().max(2000).default("") }),
    handler: async ({ params, body, principal, req }) => plans.setDetails(principal!.user, params.id, params.practice, body, actorOf(principal, req)),
  });
  routes.add({
    method: "POST", url: `${sa}/evidence/:practice`, access: "records.write", tags, bodyLimit: UPLOAD_BODY_LIMIT,
    summary: "Attach evidence to a practice: a link, or a file (PDF, PNG, JPEG, DOCX, XLSX, CSV, text; at most 2 MB) in base64",
    params: z.strictObject({ id, practice }),
    body: z.discriminatedUnion("kind", [
      z.strictObject({ kind: z.literal("link"), label: text(300), url: z.url({ protocol: /^https?$/, error: "must be an http or https address" }) }),
      z.strictObject({ kind: z.literal("file"), label: z.string().max(300).optional(), filename: text(200), content_type: text(200), data: z.string().min(1, "the file is empty") }),
    ], { error: 'must be "link" or "file"' }),
    handler: async ({ params, body, principal, req, reply }) => { const e = await plans.addEvidence(principal!.user, params.id, params.practice, body, actorOf(principal, req)); reply.code(201); return e; },
  });
  routes.add({
    method: "GET", url: `${sa}/evidence/:evidence/file`, access: "records.read", tags,
    summary: "Download an uploaded evidence file",
    params: z.strictObject({ id, evidence: id }),
    handler: async ({ params, principal, reply }) => {
      const f = await plans.evidenceFile(principal!.user, params.id, params.evidence);
      return attachment(reply, f.filename, f.contentType).send(f.buffer);
    },
  });
  routes.add({
    method: "DELETE", url: `${sa}/evidence/:evidence`, access: "records.write", tags,
    summary: "Remove a piece of evidence",
    params: z.strictObject({ id, evidence: id }),
    handler: async ({ params, principal, req, reply }) => { await plans.removeEvidence(principal!.user, params.id, params.evidence, actorOf(principal, req)); return reply.code(204).send(); },
  });
  routes.add({
    method: "POST", url: `${sa}/reviews`, access: "plans.coordinate", tags,
    summary: "Start a follow-up review: contributors rate afresh, earlier agreed ratings stay in the history",
    params: z.strictObject({ id }),
    body: z.strictObject({ name: name(200) }),
    handler: async ({ params, body, principal, req, reply }) => { reply.code(201); return plans.startReview(principal!.user, params.id, body.name, actorOf(principal, req)); },
  });
  routes.add({
    method: "GET", url: `${sa}/history`, access: "records.read", tags,
    summary: "Progress across reviews, overall and per practice",
    params: z.strictObject({ id }),
    handler: async ({ params, principal }) => plans.fullHistory(principal!.user, params.id),
  });
  routes.add({
    method: "GET", url: `${sa}/history/:practice`, access: "records.read", tags,
    summary: "The agreed ratings of a practice across review cycles",
    params: z.strictObject({ id, practice }),
    handler: async ({ params, principal }) => plans.history(principal!.user, params.id, params.practice),
  });
  const unit = z.strictObject({ id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, "use lower-case letters, digits and dashes"), name: name(200), actor: z.string().min(1), institution: id.nullable().optional() });
  routes.add({
    method: "PUT", url: `${sa}/units`, access: "records.write", tags,
    summary: "The concrete units that own actions, each mapped to an actor of the taxonomy and, when known, to an institution of the workspace's directory",
    params: z.strictObject({ id }),
    body: z.strictObject({ units: z.array(unit).max(200) }),
    handler: async ({ params, body, principal, req }) => actions.setUnits(principal!.user, params.id, body.units, actorOf(principal, req)),
  });
  routes.add({
    method: "POST", url: `${sa}/action-plan/draft`, access: "records.write", tags,
    summary: "Draft actions from the gaps, one per unfinished step, owned by units mapped to the practice's key actors (not stored)",
    params: z.strictObject({ id }),
    body: z.strictObject({ units: z.array(z.strictObject({ id, name: name(200), actor: z.string().min(1) })).max(200).optional() }),
    handler: async ({ params, body, principal }) => actions.draft(principal!.user, params.id, body.units),
  });
  routes.add({
    method: "POST", url: `${sa}/actions/from-draft`, access: "records.write", tags,
    summary: "Store the drafted actions for the priority practices (all, or those named), skipping steps already planned",
    params: z.strictObject({ id }),
    body: z.strictObject({ practices: z.array(practice).max(55).optional() }),
    handler: async ({ params, body, principal, req, reply }) => { reply.code(201); return actions.fromDraft(principal!.user, params.id, body.practices, actorOf(principal, req)); },
  });
  routes.add({
    method: "GET", url: `${sa}/actions`, access: "records.read", tags,
    summary: "The action plan: actions with owners, dates, dependencies and milestones, the timeline's months and progress",
    params: z.strictObject({ id }),
    handler: async ({ params, principal }) => actions.list(principal!.user, params.id),
  });
  routes.add({
    method: "POST", url: `${sa}/actions`, access: "records.write", tags,
    summary: "Add an action to the plan",
    params: z.strictObject({ id }),
    body: z.strictObject({ practice, ...actionFields }),
    handler: async ({ params, body, principal, req, reply }) => { const a = await actions.create(principal!.user, params.id, body, actorOf(principal, req)); reply.code(201); return a; },
  });
  routes.add({
    method: "PATCH", url: `${sa}/actions/:action`, access: "records.write", tags,
    summary: "Change an action: owner, dates, status, dependencies, milestones",
    params: z.strictObject({ id, action: id }),
    body: z.strictObject({ ...actionFields, title: actionFields.title.optional() }),
    handler: async ({ params, body, principal, req }) => actions.update(principal!.user, params.id, params.action, body, actorOf(principal, req)),
  });
  routes.add({
    method: "DELETE", url: `${sa}/actions/:action`, access: "records.write", tags,
    summary: "Remove an action no other action depends on",
    params: z.strictObject({ id, action: id }),
    handler: async ({ params, principal, req, reply }) => { await actions.remove(principal!.user, params.id, params.action, actorOf(principal, req)); return reply.code(204).send(); },
  });
  routes.add({
    method: "PUT", url: `${sa}/share`, access: "plans.coordinate", tags,
    summary: "Opt in (aggregate or full) or out of sharing the agreed ratings with a regional workspace",
    params: z.strictObject({ id }),
    body: z.strictObject({ region: id, consent: z.enum(["none", "aggregate", "full"], { error: "must be none, aggregate or full" }) }),
    handler: async ({ params, body, principal, req }) => regional.share(principal!.user, params.id, body, actorOf(principal, req)),
  });
  routes.add({
    method: "GET", url: `${base}/regions/:workspace`, access: "records.read", tags,
    summary: "The regional dashboard: the spread of agreed ratings per practice across the countries that opted in",
    params: z.strictObject({ workspace: id }),
    handler: async ({ params, principal }) => regional.spread(principal!.user, params.workspace),
  });
  routes.add({
    method: "GET", url: `${sa}/assistance`, access: "records.read", tags,
    summary: "The technical-assistance needs report: gaps where help was asked, grouped by international organisation",
    params: z.strictObject({ id }),
    handler: async ({ params, principal }) => outputs.assistance(principal!.user, params.id),
  });
  routes.add({
    method: "GET", url: `${sa}/export/:file`, access: "records.read", tags,
    summary: `Outputs: ${exportFiles.join(", ")}`,
    params: z.strictObject({ id, file: z.enum(exportFiles, { error: `must be one of ${exportFiles.join(", ")}` }) }), query: documentQuery,
    handler: async ({ params, principal, req, reply }) => {
      const f = await outputs.file(principal!.user, params.id, params.file, actorOf(principal, req));
      return attachment(reply, f.filename, f.contentType).send(f.body);
    },
  });
}
