import { readFileSync } from "node:fs";
import { z } from "zod";
import { id } from "../../core/fields.js";
import { NEXUS_SCHEMA_PATH, STIX_MEDIA_TYPE } from "../../core/stix/vocabulary.js";
import type { StixBundle } from "../../core/stix/export.js";
import { attachment } from "../http/attachment.js";
import { requestLanguage } from "../http/language.js";
import { localizeErrors } from "../http/validation.js";
import type { RouteRegistry } from "../http/routes.js";
import { actorOf } from "../platform/auth.service.js";
import type { StixService } from "./stix.service.js";
import { subscriptionInput, type SubscriptionsService } from "./subscriptions.js";
import { MAX_DEPTH, MAX_OBJECTS, STIX_IMPORT_LIMIT, type StixImportService } from "./import.service.js";
import { markings } from "../../core/platform/markings.js";

/** The reader's reason for AMBER+STRICT content, for a download link that cannot send the header; nothing else. */
const noQuery = z.strictObject({ reason: z.string().trim().max(500).optional() });
const schemaText = readFileSync(new URL("../../../docs/stix/nexus-extension.schema.json", import.meta.url), "utf8");

const send = (reply: Parameters<typeof attachment>[0], name: string, bundle: StixBundle) => {
  attachment(reply, `${name}.stix.json`, STIX_MEDIA_TYPE);
  // Bytes, so the media type goes out as written (see taxii.ts).
  return Buffer.from(JSON.stringify(bundle));
};

export function registerStixRoutes(routes: RouteRegistry, stix: StixService, imports: StixImportService, subscriptions: SubscriptionsService) {
  const base = "/api/v1/stix";
  routes.add({
    method: "GET", url: `${base}/workspaces/:workspace/subscriptions`, access: "records.read", tags: ["stix"],
    summary: "The workspace's subscriptions to remote TAXII 2.1 collections, with their last pull (when, how it went, counts, refusals); never the remote's token",
    params: z.strictObject({ workspace: id }), query: z.strictObject({}),
    handler: async ({ params, principal }) => subscriptions.list(principal!.user, params.workspace),
  });
  routes.add({
    method: "POST", url: `${base}/workspaces/:workspace/subscriptions`, access: "records.write", tags: ["stix"],
    summary: "Subscribe the workspace to a remote TAXII 2.1 collection (another deployment, MISP, OpenCTI): pulled every interval_minutes from where the last pull ended, imported all or nothing as you, refused data quarantined",
    params: z.strictObject({ workspace: id }), body: subscriptionInput,
    handler: async ({ params, body, principal, reply }) => { reply.code(201); return subscriptions.create(principal!.user, params.workspace, body); },
  });
  routes.add({
    method: "POST", url: `${base}/subscriptions/:id/pull`, access: "records.write", tags: ["stix"],
    summary: "Pull a subscription now; answers the subscription with this pull's status and counts",
    params: z.strictObject({ id }),
    handler: async ({ params, principal, req }) => subscriptions.pullNow(principal!.user, params.id, actorOf(principal, req)),
  });
  routes.add({
    method: "POST", url: `${base}/assessments/:id/push`, access: "plans.coordinate", tags: ["stix"],
    summary: "Push a published assessment to the remote collection of one of its workspace's subscriptions (a regional hub), as a STIX 2.1 envelope: the coordinator's push is the consent (audited; RED never leaves)",
    params: z.strictObject({ id }), body: z.strictObject({ subscription: id }),
    handler: async ({ params, body, principal, req }) => subscriptions.push(principal!.user, params.id, body.subscription, actorOf(principal, req)),
  });
  routes.add({
    method: "DELETE", url: `${base}/subscriptions/:id`, access: "records.write", tags: ["stix"],
    summary: "End a subscription (what it brought stays)",
    params: z.strictObject({ id }),
    handler: async ({ params, principal }) => subscriptions.remove(principal!.user, params.id),
  });
  routes.add({
    method: "POST", url: `${base}/workspaces/:workspace/import`, access: "records.write", tags: ["stix"],
    summary: `Import a STIX 2.1 bundle (application/json or ${STIX_MEDIA_TYPE}, up to ${STIX_IMPORT_LIMIT / 1024 / 1024} MB, ${MAX_OBJECTS} objects, ${MAX_DEPTH} levels deep): checked against the OASIS STIX 2.1 schemas, then areas, groups, sources, relationships and observations are created and other objects kept as they came, all or nothing. \`preview=true\` answers the same report and writes nothing. Objects without a TLP marking get \`marking\` (AMBER unless given). Objects imported before are skipped. A refused bundle answers 422 with every refusal by object and property`,
    params: z.strictObject({ workspace: id }),
    query: z.strictObject({ preview: z.enum(["true", "false"]).optional(), marking: z.enum(markings).optional() }),
    body: z.unknown(), bodyLimit: STIX_IMPORT_LIMIT,
    handler: async ({ params, query, body, principal, req, reply }) => {
      const r = await imports.import(principal!.user, params.workspace, body, { preview: query.preview === "true", marking: query.marking ?? "AMBER", origin: "upload" }, actorOf(principal, req));
      reply.code(r.status);
      // The refusals in the reader's language, as the error handler gives them for a problem.
      return { ...r.report, errors: localizeErrors(requestLanguage(req), "", r.report.errors).errors };
    },
  });
  routes.add({
    method: "GET", url: `${base}/workspaces/:workspace/imports`, access: "records.read", tags: ["stix"],
    summary: "The STIX imports into a workspace, newest first: when, by whom, from where, and their counts",
    params: z.strictObject({ workspace: id }), query: z.strictObject({}),
    handler: async ({ params, principal }) => imports.list(principal!.user, params.workspace),
  });
  routes.add({
    method: "GET", url: `${base}/workspaces/:workspace/bundle`, access: "records.read", tags: ["stix"],
    summary: "Nexus Watch of a workspace as a STIX 2.1 bundle: areas, groups, sources, relationships, observations, analyses and assessments the member reads, without RED (audited)",
    params: z.strictObject({ workspace: id }), query: noQuery,
    handler: async ({ params, principal, req, reply }) => send(reply, "workspace", await stix.workspace(principal!.user, params.workspace, actorOf(principal, req))),
  });
  routes.add({
    method: "GET", url: `${base}/subjects/:id/bundle`, access: "records.read", tags: ["stix"],
    summary: "An area or a group as a STIX 2.1 bundle with its observations, their sources, its relationships and its analysis, without RED (audited)",
    params: z.strictObject({ id }), query: noQuery,
    handler: async ({ params, principal, req, reply }) => send(reply, "subject", await stix.subject(principal!.user, params.id, actorOf(principal, req))),
  });
  routes.add({
    method: "GET", url: `${base}/assessments/:id/bundle`, access: "records.read", tags: ["stix"],
    summary: "An assessment as a STIX 2.1 report with its subject and evidence, a note for the analyst's judgement and an opinion for a consensus, without RED (audited)",
    params: z.strictObject({ id }), query: noQuery,
    handler: async ({ params, principal, req, reply }) => send(reply, "assessment", await stix.assessment(principal!.user, params.id, actorOf(principal, req))),
  });
  routes.add({
    method: "GET", url: NEXUS_SCHEMA_PATH, access: "public", tags: ["stix"],
    summary: "The JSON Schema of the Nexus Toolkit STIX 2.1 extension (the objects nexus-observation and nexus-analysis, and the nexus properties)",
    handler: async ({ reply }) => { reply.header("content-type", "application/schema+json"); return Buffer.from(schemaText); },
  });
}
