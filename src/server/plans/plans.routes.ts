import { z } from "zod";
import { markings } from "../../core/platform/markings.js";
import { inPlaceRatings, stepStatuses, workingRatings } from "../../core/plans/ratings.js";
import type { RouteRegistry } from "../http/routes.js";
import { actorOf } from "../platform/auth.service.js";
import type { PlansService } from "./plans.service.js";

const id = z.string().min(1).max(100);
const practice = z.string().regex(/^(hague|addendum|icct)-[0-9]+$/, "must be a practice id such as hague-1");
const inPlace = z.enum(inPlaceRatings, { error: `must be one of ${inPlaceRatings.join(", ")}` });
const working = z.enum(workingRatings, { error: `must be one of ${workingRatings.join(", ")}` });

export function registerPlanRoutes(routes: RouteRegistry, plans: PlansService) {
  const base = "/api/v1/plans";
  routes.add({
    method: "POST", url: `${base}/workspaces/:workspace/self-assessments`, access: "records.write", tags: ["plans"],
    summary: "Start a self-assessment of a country or agency over all 55 practices, one framework, or one area",
    params: z.strictObject({ workspace: id }),
    body: z.strictObject({
      name: z.string().trim().min(1).max(300), country: z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166-1 alpha-2 code"),
      framework: z.string().optional(), area: z.string().optional(), marking: z.enum(markings),
    }),
    handler: async ({ params, body, principal, req, reply }) => { reply.code(201); return plans.create(principal!.user, params.workspace, body, actorOf(principal, req)); },
  });
  routes.add({
    method: "GET", url: `${base}/self-assessments/:id`, access: "records.read", tags: ["plans"],
    summary: "Ratings by contributor, disagreements, agreed ratings and the gap analysis",
    params: z.strictObject({ id }),
    handler: async ({ params, principal }) => plans.summary(principal!.user, params.id),
  });
  routes.add({
    method: "PUT", url: `${base}/self-assessments/:id/ratings/:practice`, access: "records.write", tags: ["plans"],
    summary: "Your institution's rating of one practice: in place, working, step statuses, comment",
    params: z.strictObject({ id, practice }),
    body: z.strictObject({
      institution: z.string().trim().min(2, "name the institution you rate for").max(200),
      in_place: inPlace.optional(), working: working.optional(),
      steps: z.record(z.string().regex(/^[0-9]+$/, "step keys are step numbers"), z.enum(stepStatuses, { error: `must be one of ${stepStatuses.join(", ")}` })).optional(),
      comment: z.string().max(5000).optional(),
    }),
    handler: async ({ params, body, principal, req }) => plans.rate(principal!.user, params.id, params.practice, body, actorOf(principal, req)),
  });
  routes.add({
    method: "POST", url: `${base}/self-assessments/:id/agreed/:practice`, access: "records.write", tags: ["plans"],
    summary: "Record the agreed rating of a practice for this review cycle, with the reason",
    params: z.strictObject({ id, practice }),
    body: z.strictObject({ in_place: inPlace.optional(), working: working.optional(), reason: z.string().trim().min(5, "say how the rating was agreed").max(2000) }),
    handler: async ({ params, body, principal, req, reply }) => { reply.code(201); return plans.agree(principal!.user, params.id, params.practice, body, actorOf(principal, req)); },
  });
  routes.add({
    method: "GET", url: `${base}/self-assessments/:id/history/:practice`, access: "records.read", tags: ["plans"],
    summary: "The agreed ratings of a practice across review cycles",
    params: z.strictObject({ id, practice }),
    handler: async ({ params, principal }) => plans.history(principal!.user, params.id, params.practice),
  });
  routes.add({
    method: "POST", url: `${base}/self-assessments/:id/action-plan/draft`, access: "records.write", tags: ["plans"],
    summary: "Draft actions from the gaps, one per unfinished step, owned by units mapped to the practice's key actors",
    params: z.strictObject({ id }),
    body: z.strictObject({ units: z.array(z.strictObject({ id, name: z.string().trim().min(1).max(200), actor: z.string().min(1) })).max(200).default([]) }),
    handler: async ({ params, body, principal }) => plans.draftPlan(principal!.user, params.id, body.units),
  });
}
