import { z } from "zod";
import { attachment, contentTypes } from "../http/attachment.js";
import { reasonOf } from "../http/context.js";
import { decodeCursor, encodeCursor, pageQuery } from "../http/cursor.js";
import type { ListPosition } from "../records/kernel.js";
import { id, marking, name, recipients } from "../../core/fields.js";
import { reservedKinds } from "../../core/platform/reservedKinds.js";
import type { RouteRegistry } from "../http/routes.js";
import { actorOf } from "./auth.service.js";
import type { RecordsService } from "./records.service.js";
import type { WorkspacesService } from "./workspaces.service.js";

const kind = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, "must be a lower-case kind such as note")
  .refine((k) => !reservedKinds.includes(k), { message: "this kind is created through its own endpoints (/api/v1/watch or /api/v1/plans)" });
/** Free bodies; the kernel refuses profiling fields at any depth. */
const body = z.record(z.string(), z.unknown());
/** Why the reader needs AMBER+STRICT or RED content (the kernel checks it is a real reason). */
const reasonParam = z.string().trim().max(500).optional();
/** A list page's query (validated by `pageQuery`) as the service takes it, and its answer with the opaque cursor. */
const page = (query: { limit: number; cursor?: string }) => ({ limit: query.limit, after: query.cursor ? decodeCursor(query.cursor)! : undefined });
const paged = <T>({ items, next }: { items: T[]; next: ListPosition | null }) => ({ items, next_cursor: next ? encodeCursor(next) : null });

export function registerWorkspaceRoutes(routes: RouteRegistry, workspaces: WorkspacesService, records: RecordsService) {
  routes.add({
    method: "GET", url: "/api/v1/workspaces", access: "records.read", tags: ["workspaces"],
    summary: "Workspaces you are a member of",
    handler: async ({ principal }) => ({ items: await workspaces.mine(principal!.user) }),
  });
  routes.add({
    method: "POST", url: "/api/v1/workspaces", access: "workspaces.create", tags: ["workspaces"],
    summary: "Create a workspace; you become its first member",
    body: z.strictObject({ name: z.string().trim().min(2).max(200), description: z.string().max(2000).optional() }),
    handler: async ({ body, principal, req, reply }) => {
      reply.code(201);
      return workspaces.create(principal!.user, body, actorOf(principal, req));
    },
  });
  routes.add({
    method: "GET", url: "/api/v1/workspaces/:id", access: "records.read", tags: ["workspaces"],
    summary: "A workspace and its members (members only)",
    params: z.strictObject({ id }),
    handler: async ({ params, principal }) => workspaces.get(principal!.user, params.id),
  });
  routes.add({
    method: "GET", url: "/api/v1/workspaces/:id/members/preview", access: "records.read", tags: ["workspaces"],
    summary: "Who can see this: what a new member would gain access to, before adding them",
    params: z.strictObject({ id }), query: z.strictObject({ user_id: id }),
    handler: async ({ params, query, principal }) => workspaces.previewAdd(principal!.user, params.id, query.user_id),
  });
  routes.add({
    method: "POST", url: "/api/v1/workspaces/:id/members", access: "records.write", tags: ["workspaces"],
    summary: "Add a member or owner (from any organisation; owners only; never an oversight user)",
    params: z.strictObject({ id }), body: z.strictObject({ user_id: id, role: z.enum(["owner", "member"]).default("member") }),
    handler: async ({ params, body, principal, req }) => workspaces.addMember(principal!.user, params.id, body.user_id, actorOf(principal, req), body.role),
  });
  routes.add({
    method: "DELETE", url: "/api/v1/workspaces/:id/members/:userId", access: "records.write", tags: ["workspaces"],
    summary: "Revoke a membership; access ends at once (owners only; removing an owner needs a second owner to confirm)",
    params: z.strictObject({ id, userId: id }),
    handler: async ({ params, principal, req }) => workspaces.revokeMember(principal!.user, params.id, params.userId, actorOf(principal, req)),
  });
  routes.add({
    method: "GET", url: "/api/v1/workspaces/:id/records", access: "records.read", tags: ["records"],
    summary: "Records of a workspace that you may see, newest first, one page at a time: `limit` records (default 50, at most 200); the answer's `next_cursor`, sent back as `cursor`, gives the next page (null on the last)",
    params: z.strictObject({ id }), query: z.strictObject({ q: z.string().trim().min(1).max(200).optional(), reason: reasonParam, ...pageQuery }),
    handler: async ({ params, query, principal, req }) => paged(await records.list(principal!.user, { workspaceId: params.id, q: query.q, reason: reasonOf(req), ...page(query) }, actorOf(principal, req))),
  });
  routes.add({
    method: "POST", url: "/api/v1/workspaces/:id/records", access: "records.write", tags: ["records"],
    summary: "Create a record in a workspace, with a TLP marking",
    params: z.strictObject({ id }),
    body: z.strictObject({
      kind, title: name(300), body, marking, recipients: recipients.optional(),
      concerns_minor: z.boolean().optional(), derived_from: z.array(id).max(50).optional(),
    }),
    handler: async ({ params, body: input, principal, req, reply }) => {
      reply.code(201);
      return records.create(principal!.user, params.id, input, actorOf(principal, req));
    },
  });
}

export function registerRecordRoutes(routes: RouteRegistry, records: RecordsService) {
  routes.add({
    method: "GET", url: "/api/v1/records", access: "records.read", tags: ["records"],
    summary: "Search every record you may see (titles and text), newest first, one page at a time (`limit`, `cursor` and `next_cursor` as for a workspace's records); searches are audited",
    query: z.strictObject({ q: z.string().trim().min(1).max(200).optional(), reason: reasonParam, ...pageQuery }),
    handler: async ({ query, principal, req }) => paged(await records.list(principal!.user, { q: query.q, reason: reasonOf(req), ...page(query) }, actorOf(principal, req))),
  });
  routes.add({
    method: "GET", url: "/api/v1/records/export.csv", access: "records.read", tags: ["records"],
    summary: "CSV of the records you may read in full; exports are audited",
    query: z.strictObject({ workspace: id.optional(), reason: reasonParam }),
    handler: async ({ query, principal, req, reply }) => {
      const csv = await records.exportCsv(principal!.user, query.workspace, reasonOf(req), actorOf(principal, req));
      attachment(reply, "records.csv", contentTypes.csv);
      return csv;
    },
  });
  routes.add({
    method: "GET", url: "/api/v1/records/:id", access: "records.read", tags: ["records"],
    summary: "One record; AMBER+STRICT and RED ask for a reason, and every read of a marked record is audited",
    params: z.strictObject({ id }), query: z.strictObject({ reason: reasonParam }),
    handler: async ({ params, query, principal, req }) => records.get(principal!.user, params.id, reasonOf(req), actorOf(principal, req)),
  });
  routes.add({
    method: "PATCH", url: "/api/v1/records/:id", access: "records.write", tags: ["records"],
    summary: "Change a record; widening its audience needs a reason",
    params: z.strictObject({ id }),
    body: z.strictObject({
      title: name(300).optional(), body: body.optional(), marking: marking.optional(),
      recipients: recipients.optional(), concerns_minor: z.boolean().optional(), reason: z.string().trim().max(500).optional(),
    }),
    handler: async ({ params, body: patch, principal, req }) => records.update(principal!.user, params.id, patch, actorOf(principal, req)),
  });
  routes.add({
    method: "GET", url: "/api/v1/records/:id/visibility", access: "records.read", tags: ["records"],
    summary: "Who can see this record now, or under a proposed marking and recipients",
    params: z.strictObject({ id }),
    query: z.strictObject({ marking: marking.optional(), recipients: z.string().optional().transform((v) => (v ? v.split(",") : undefined)) }),
    handler: async ({ params, query, principal }) => records.visibility(principal!.user, params.id, query),
  });
  routes.add({
    method: "POST", url: "/api/v1/records/:id/oversight-grants", access: "records.write", tags: ["records"],
    summary: "Let an oversight user read this record in full",
    params: z.strictObject({ id }),
    body: z.strictObject({ user_id: id, reason: z.string().trim().min(5, "say why oversight needs the content").max(500), days: z.number().int().min(1).max(90).default(30) }),
    handler: async ({ params, body: b, principal, req, reply }) => {
      await records.grantOversight(principal!.user, params.id, b.user_id, b.reason, b.days, actorOf(principal, req));
      reply.code(201);
      return { ok: true };
    },
  });
  routes.add({
    method: "DELETE", url: "/api/v1/records/:id/oversight-grants/:userId", access: "records.read", tags: ["records"],
    summary: "End an oversight grant before it expires (a member of the workspace, or the overseer)",
    params: z.strictObject({ id, userId: id }),
    handler: async ({ params, principal, req, reply }) => {
      await records.revokeOversight(principal!.user, params.id, params.userId, actorOf(principal, req));
      reply.code(204);
    },
  });
  routes.add({
    method: "POST", url: "/api/v1/records/:id/lift-minor", access: "removal.decide", tags: ["records"],
    summary: "Oversight lifts the protection of a record about a minor, with a reason (audited)",
    params: z.strictObject({ id }), body: z.strictObject({ reason: z.string().trim().max(1000) }),
    handler: async ({ params, body: b, principal, req }) => records.liftMinor(principal!.user, params.id, b.reason, actorOf(principal, req)),
  });
  routes.add({
    method: "POST", url: "/api/v1/records/:id/reviews", access: "records.write", tags: ["records"],
    summary: "Record the periodic review of a record concerning a minor",
    params: z.strictObject({ id }), body: z.strictObject({ note: z.string().trim().min(5, "say what the review found").max(1000) }),
    handler: async ({ params, body: b, principal, req }) => records.review(principal!.user, params.id, b.note, actorOf(principal, req)),
  });
}
