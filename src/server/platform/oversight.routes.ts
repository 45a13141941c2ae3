import { z } from "zod";
import type { Db } from "../../db/connection.js";
import { toCsv } from "../../core/csv.js";
import { dateTimeOrDate, id } from "../../core/fields.js";
import { attachment, contentTypes } from "../http/attachment.js";
import { can } from "../../core/platform/roles.js";
import type { RouteRegistry } from "../http/routes.js";
import { Problem } from "../http/problem.js";
import { appendAudit, listAudit, verifyAudit } from "./audit.repository.js";
import type { AuditAnchor } from "./auditAnchor.js";
import { actorOf } from "./auth.service.js";
import type { RecordsService } from "./records.service.js";
import type { RetentionService, RunResult } from "./retention.service.js";
import { invalid } from "../http/validation.js";

/**
 * The audit organisation a reader is confined to: their own, unless they were given deployment-wide
 * oversight from the command line (`nexus audit scope`, docs/decisions/0012); null when unconfined.
 */
async function auditScope(db: Db, userId: string): Promise<string | null> {
  const { rows } = await db.query<{ organisation_id: string; deployment_oversight_at: string | null }>(
    "select organisation_id, deployment_oversight_at from app_user where id = $1", [userId]);
  return rows[0]?.deployment_oversight_at ? null : (rows[0]?.organisation_id ?? "");
}

/** A retention run refused by its guards is a 409 naming the first problem (all of them in the detail); it was recorded and audited. */
function doneOr409(r: RunResult) {
  if (r.status === "done") return r;
  const [first] = r.problems;
  throw new Problem(409, "Retention run refused", `nothing was deleted: ${r.problems.map((p) => p.message).join("; ")}. Oversight confirms run ${r.run} with POST /api/v1/retention/runs/${r.run}/confirm`,
    [], { code: first.code, params: { ...first.params, run: r.run } });
}

export function registerOversightRoutes(routes: RouteRegistry, db: Db, retention: RetentionService, records: RecordsService, anchor: AuditAnchor | null = null) {
  routes.add({
    method: "GET", url: "/api/v1/audit", access: "audit.read", tags: ["oversight"],
    summary: "The audit trail, filtered by person, organisation, action and time; CSV with format=csv. Oversight sees the entries of its own organisation's people unless given deployment-wide oversight. Reading it is itself audited.",
    query: z.strictObject({
      actor: id.optional(), organisation: id.optional(), action: z.string().regex(/^[a-z.-]+$/, "must be an action such as record.read").optional(),
      from: dateTimeOrDate.optional(), to: dateTimeOrDate.optional(), format: z.enum(["json", "csv"]).default("json"),
      limit: z.coerce.number().int().min(1).max(10000).default(200), offset: z.coerce.number().int().min(0).default(0),
    }),
    handler: async ({ query, principal, req, reply }) => {
      const scope = await auditScope(db, principal!.user.id);
      if (scope !== null && query.organisation && query.organisation !== scope) {
        throw invalid("organisation", "auditScope", { organisation: scope });
      }
      const result = await listAudit(db, { ...query, organisation: scope ?? query.organisation });
      await db.transaction((tx) => appendAudit(tx, actorOf(principal, req), { action: query.format === "csv" ? "audit.export" : "audit.read", details: { filter: { ...query, limit: undefined, offset: undefined }, rows: result.entries.length } }));
      if (query.format === "csv") {
        const head = ["seq", "at", "actor_id", "actor_org", "action", "target_kind", "target_id", "ip", "reason", "details", "hash"] as const;
        attachment(reply, "audit.csv", contentTypes.csv);
        return toCsv([[...head], ...result.entries.map((e) => head.map((h) => (h === "details" ? JSON.stringify(e.details) : e[h])))]);
      }
      return result;
    },
  });
  routes.add({
    method: "GET", url: "/api/v1/audit/verify", access: "audit.read", tags: ["oversight"],
    summary: "Check the audit hash chain and its signed checkpoints; names the first edited, deleted or moved entry, a cut tail or a forged checkpoint",
    handler: async () => (anchor ? verifyAudit(db, anchor) : verifyAudit(db)),
  });
  routes.add({
    method: "GET", url: "/api/v1/retention", access: "retention.read", tags: ["oversight"],
    summary: "Retention policies with their legal basis, records by state, overdue reviews of records about minors, the guards, the last run and a refused run awaiting confirmation; for oversight, the soft-deleted records it may restore",
    handler: async ({ principal }) => retention.state({ records: can(principal!.user.roles, "removal.decide") }),
  });
  routes.add({
    method: "PUT", url: "/api/v1/retention/:kind", access: "retention.manage", tags: ["oversight"],
    summary: "Set the retention period and legal basis for a record kind",
    params: z.strictObject({ kind: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, "must be a record kind or default") }),
    body: z.strictObject({
      retention_days: z.number().int().min(1).max(36500), minor_retention_days: z.number().int().min(1).max(36500),
      grace_days: z.number().int().min(0).max(365), minor_review_days: z.number().int().min(1).max(3650),
      legal_basis: z.string().trim().min(10, "name the law or agreement that allows keeping these records").max(2000),
    }),
    handler: async ({ params, body, principal, req }) => retention.setPolicy({ kind: params.kind, ...body }, actorOf(principal, req)),
  });
  routes.add({
    method: "POST", url: "/api/v1/retention/run", access: "retention.manage", tags: ["oversight"],
    summary: "Run the retention job now (it also runs every hour). A run refused by its guards (a clock earlier than the data or far past the last run, or more than RETENTION_MAX_SHARE of the records) deletes nothing, answers 409 and waits for oversight to confirm it",
    handler: async ({ principal, req }) => doneOr409(await retention.run(actorOf(principal, req))),
  });
  routes.add({
    method: "POST", url: "/api/v1/retention/runs/:id/confirm", access: "removal.decide", tags: ["oversight"],
    summary: "Oversight confirms a refused retention run, with a reason; it proceeds unless it now finds a problem the refused run did not show (then 409 with the new run)",
    params: z.strictObject({ id }), body: z.strictObject({ reason: z.string().trim().min(10, "say why the run may proceed").max(2000) }),
    handler: async ({ params, body, principal, req }) => doneOr409(await retention.confirm(params.id, principal!.user.id, body.reason, actorOf(principal, req))),
  });
  routes.add({
    method: "POST", url: "/api/v1/records/:id/restore", access: "removal.decide", tags: ["oversight"],
    summary: "Oversight brings back a record soft-deleted by retention, before its purge, with a reason; what depended on it comes back with it",
    params: z.strictObject({ id }), body: z.strictObject({ reason: z.string().trim().min(10, "say why the record is restored").max(2000) }),
    handler: async ({ params, body, principal, req }) => retention.restore(await records.viewerOf(principal!.user), params.id, body.reason, actorOf(principal, req)),
  });
  routes.add({
    method: "POST", url: "/api/v1/records/:id/removal-requests", access: "removal.request", tags: ["oversight"],
    summary: "Ask for a record to be removed; oversight decides",
    params: z.strictObject({ id }), body: z.strictObject({ reason: z.string().trim().min(10, "give the grounds for removal").max(2000) }),
    handler: async ({ params, body, principal, req, reply }) => {
      await records.assertActionable(principal!.user, params.id);
      reply.code(201);
      return retention.fileRemoval(principal!.user.id, params.id, body.reason, actorOf(principal, req));
    },
  });
  routes.add({
    method: "GET", url: "/api/v1/removal-requests", access: "authenticated", tags: ["oversight"],
    summary: "Removal requests: all of them for oversight, your own otherwise",
    handler: async ({ principal }) => ({ items: await retention.listRemovals(can(principal!.user.roles, "removal.decide") ? null : principal!.user.id) }),
  });
  routes.add({
    method: "POST", url: "/api/v1/removal-requests/:id/decision", access: "removal.decide", tags: ["oversight"],
    summary: "Approve or refuse a removal request, with the reason",
    params: z.strictObject({ id }), body: z.strictObject({ approve: z.boolean(), reason: z.string().trim().min(5).max(2000) }),
    handler: async ({ params, body, principal, req }) => retention.decideRemoval(principal!.user.id, params.id, body.approve, body.reason, actorOf(principal, req)),
  });
  routes.add({
    method: "POST", url: "/api/v1/removal-requests/:id/execute", access: "removal.decide", tags: ["oversight"],
    summary: "Carry out an approved removal; the audit keeps the fact, not the content",
    params: z.strictObject({ id }),
    handler: async ({ params, principal, req }) => retention.executeRemoval(params.id, actorOf(principal, req)),
  });
}
