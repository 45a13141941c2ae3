import { z } from "zod";
import { attachment, contentTypes } from "../http/attachment.js";
import { calendarDate, id, marking, name as nameOf, recipients as recipientList } from "../../core/fields.js";
import { readCsvUploadStream } from "../http/uploads.js";
import { fromZod } from "../http/validation.js";
import type { RouteRegistry } from "../http/routes.js";
import { actorOf } from "../platform/auth.service.js";
import type { Db } from "../../db/connection.js";
import type { WatchModel } from "../../core/watch/model.js";
import { appendAudit } from "../platform/audit.repository.js";
import type { AssessmentsService } from "./assessments.service.js";
import { assessmentReport } from "./report.js";
import { documentQuery, requestLanguage } from "../http/language.js";
import type { WatchService } from "./watch.service.js";
import { areaBody, groupBody, observationInput, relationshipBody, sourceBody, watchRuleBody } from "../../core/watch/records.js";
import { CSV_IMPORT_LIMIT, MAX_LISTED_ERRORS, observationColumns, requiredColumns } from "./csvList.js";

const name = nameOf(300);
const ws = z.strictObject({ workspace: id });
const subject = z.strictObject({ id });
/** Named readers of a TLP:RED record (members of the workspace), besides its creator. */
const recipients = recipientList.optional();
const judgement = z.strictObject({ manifestation: z.string().min(1), reason: z.string().trim().max(2000).optional() });
/** The observation CSV: text/csv, read as it arrives (the route's streamedBody); other bodies are checked with this. */
const csvBody = z.string({ error: "send the CSV as text/csv" }).min(1, "the CSV is empty").meta({ contentMediaType: "text/csv" });
/**
 * The record bodies are checked by the service (so that its errors name body.<field> and the
 * nested field, such as body.motivations.0.sources.1); the OpenAPI document shows the same
 * schemas through documentedBody.
 */
const subjectEnvelope = { name, marking, recipients, concerns_minor: z.boolean().optional() };

export function registerWatchRoutes(routes: RouteRegistry, watch: WatchService, assessments: AssessmentsService, model: WatchModel, db: Db) {
  const base = "/api/v1/watch";
  for (const kind of ["area", "group"] as const) {
    routes.add({
      method: "POST", url: `${base}/workspaces/:workspace/${kind}s`, access: "records.write", tags: ["watch"],
      summary: kind === "area" ? "Add an area: ISO country, optional sub-national name, map point, regional context and notes" : "Add a group: aliases, its type today and dated earlier types, dated motivations (kind, primary or secondary aim, sources, credibility), areas it operates in, notes",
      params: ws, body: z.strictObject({ ...subjectEnvelope, body: z.unknown() }),
      documentedBody: z.strictObject({ ...subjectEnvelope, body: kind === "area" ? areaBody : groupBody }),
      handler: async ({ params, body, principal, req, reply }) => {
        reply.code(201);
        return watch.createSubject(principal!.user, params.workspace, kind, body, actorOf(principal, req));
      },
    });
  }
  routes.add({
    method: "POST", url: `${base}/workspaces/:workspace/sources`, access: "records.write", tags: ["watch"],
    summary: "Add a source with its Admiralty reliability grade (A-F)",
    params: ws, body: z.strictObject({ name, marking, recipients, body: z.unknown() }),
    documentedBody: z.strictObject({ name, marking, recipients, body: sourceBody }),
    handler: async ({ params, body, principal, req, reply }) => { reply.code(201); return watch.createSource(principal!.user, params.workspace, body, actorOf(principal, req)); },
  });
  routes.add({
    method: "POST", url: `${base}/workspaces/:workspace/relationships`, access: "records.write", tags: ["watch"],
    summary: "Record a relationship between two groups: alliance (a lasting tie), transaction (a one-off or short deal), service provision, financing, intermediary, integration (`from` joins `to` as a whole), competition, successor (`to` succeeds `from`), splinter (`to` split off from `from`)",
    params: ws, body: z.strictObject({ marking, recipients, body: z.unknown() }),
    documentedBody: z.strictObject({ marking, recipients, body: relationshipBody }),
    handler: async ({ params, body, principal, req, reply }) => { reply.code(201); return watch.createRelationship(principal!.user, params.workspace, body, actorOf(principal, req)); },
  });
  routes.add({
    method: "GET", url: `${base}/workspaces/:workspace/records`, access: "records.read", tags: ["watch"],
    summary: "Areas, groups, sources, relationships and watch rules of a workspace that you may read",
    params: ws, query: z.strictObject({ kind: z.enum(["area", "group", "source", "relationship", "watch-rule", "assessment"]).optional() }),
    handler: async ({ params, query, principal }) => {
      const kinds = query.kind ? [query.kind] : ["area", "group", "source", "relationship", "watch-rule"];
      return { items: (await watch.visible(principal!.user, kinds, params.workspace)).map((r) => ({ id: r.id, kind: r.kind, title: r.title, marking: r.marking, body: r.body, created_at: r.created_at })) };
    },
  });
  routes.add({
    method: "POST", url: `${base}/workspaces/:workspace/observations/import`, access: "records.write", tags: ["watch"],
    summary: `Import observations from CSV (columns: ${observationColumns.join(", ")}; required: ${requiredColumns.join(", ")}). Subjects and sources by id or exact name; several sources separated by ";", a name containing ";" in double quotes; the name columns the export writes are read only when the id beside them is empty. All rows or none, with a report of each rejected row (the first ${MAX_LISTED_ERRORS} are listed, \`rejected\` counts them all, \`truncated\` is true when some are not listed). Up to ${CSV_IMPORT_LIMIT / 1024 / 1024} MB, read as it arrives`,
    params: ws, body: csvBody,
    // Read as it arrives and checked row by row, never held whole (decision 0030).
    streamedBody: "text/csv", bodyLimit: CSV_IMPORT_LIMIT,
    handler: async ({ params, body, stream, principal, req, reply }) => {
      const rows = readCsvUploadStream(stream ?? [body], { columns: observationColumns, required: requiredColumns });
      const result = await watch.importCsv(principal!.user, params.workspace, rows, actorOf(principal, req)).catch((e) => {
        // A streamed body that turns out empty gets the answer an empty body gets.
        if (stream?.empty) throw fromZod(csvBody.safeParse("").error!, "", { whole: "body" }, "field");
        throw e;
      });
      if (result.rejected) reply.code(422);
      return result;
    },
  });
  routes.add({
    method: "GET", url: `${base}/subjects/:id`, access: "records.read", tags: ["watch"],
    summary: "An area or group with its current analysis: ranking, explanations, warnings, suggested context, practices",
    params: subject, query: z.strictObject({ as_of: calendarDate.optional() }),
    handler: async ({ params, query, principal }) => {
      const s = await watch.subject(principal!.user, params.id);
      return { id: s.id, kind: s.kind, name: s.title, marking: s.marking, workspace_id: s.workspace_id, body: s.body, analysis: await watch.analysis(principal!.user, params.id, query.as_of) };
    },
  });
  routes.add({
    method: "GET", url: `${base}/subjects/:id/observations`, access: "records.read", tags: ["watch"],
    summary: "Every observation of a subject, newest first", params: subject,
    handler: async ({ params, principal }) => watch.observations(principal!.user, params.id),
  });
  routes.add({
    method: "GET", url: `${base}/subjects/:id/observations.csv`, access: "records.read", tags: ["watch"],
    summary: "Observations of a subject as CSV, in the columns the import reads, with the subject's name, the indicator's statement and the sources' names beside the ids (audited)", params: subject,
    handler: async ({ params, principal, req, reply }) => {
      attachment(reply, "observations.csv", contentTypes.csv);
      return watch.observationsCsv(principal!.user, params.id, actorOf(principal, req));
    },
  });
  routes.add({
    method: "POST", url: `${base}/subjects/:id/observations`, access: "records.write", tags: ["watch"],
    summary: "Record one observation: indicator, state, trend, dates, sources and information credibility (1-6)",
    params: subject, body: z.unknown(), documentedBody: observationInput,
    handler: async ({ params, body, principal, req, reply }) => { reply.code(201); return watch.addObservation(principal!.user, params.id, body, actorOf(principal, req)); },
  });
  routes.add({
    method: "GET", url: `${base}/subjects/:id/timeline`, access: "records.read", tags: ["watch"],
    summary: "Indicator states and the ranking at the end of each month", params: subject,
    handler: async ({ params, principal }) => watch.timeline(principal!.user, params.id),
  });
  routes.add({
    method: "GET", url: `${base}/subjects/:id/assessments`, access: "records.read", tags: ["watch"],
    summary: "Assessments of a subject", params: subject,
    handler: async ({ params, principal }) => ({ items: await assessments.list(principal!.user, params.id) }),
  });
  routes.add({
    method: "POST", url: `${base}/subjects/:id/assessments`, access: "records.write", tags: ["watch"],
    summary: "Snapshot the subject's observations and analysis as a draft assessment, with your judgement",
    params: subject, body: z.strictObject({ as_of: calendarDate.optional(), judgement: judgement.optional(), marking: marking.optional(), consensus_of: z.array(id).max(10).optional() }),
    handler: async ({ params, body, principal, req, reply }) => { reply.code(201); return assessments.create(principal!.user, params.id, body, actorOf(principal, req)); },
  });
  routes.add({
    method: "GET", url: `${base}/subjects/:id/disagreement`, access: "records.read", tags: ["watch"],
    summary: "Where analysts who assessed the subject independently differ", params: subject,
    handler: async ({ params, principal }) => assessments.disagreement(principal!.user, params.id),
  });
  routes.add({
    method: "GET", url: `${base}/assessments/:id`, access: "records.read", tags: ["watch"],
    summary: "One assessment", params: subject,
    handler: async ({ params, principal }) => assessments.get(principal!.user, params.id),
  });
  for (const format of ["pdf", "docx"] as const) {
    routes.add({
      method: "GET", url: `${base}/assessments/:id/report.${format}`, access: "records.read", tags: ["watch"],
      summary: `The assessment as a ${format === "pdf" ? "PDF" : "Word (DOCX)"} report, marked with its TLP label on every page (audited), in the reader's language (lang, else Accept-Language)`,
      params: subject, query: documentQuery,
      handler: async ({ params, principal, req, reply }) => {
        const user = principal!.user;
        const row = await assessments.get(user, params.id);
        const sources = await assessments.citedSources(row);
        const lang = requestLanguage(req);
        const report = await assessmentReport(format, row, sources, watch.modelIn(lang), undefined, lang);
        await db.transaction((tx) => appendAudit(tx, actorOf(principal, req), { action: "watch.report-export", targetKind: "record", targetId: row.id, details: { format } }));
        attachment(reply, report.filename, report.contentType);
        return report.buffer;
      },
    });
  }
  routes.add({
    method: "PATCH", url: `${base}/assessments/:id`, access: "records.write", tags: ["watch"],
    summary: "Change the judgement or move draft -> review -> published; published assessments are immutable",
    params: subject, body: z.strictObject({ status: z.enum(["draft", "review", "published"]).optional(), judgement: judgement.optional() }),
    handler: async ({ params, body, principal, req }) => assessments.update(principal!.user, params.id, body, actorOf(principal, req)),
  });
  routes.add({
    method: "GET", url: `${base}/compare`, access: "records.read", tags: ["watch"],
    summary: "What changed between two assessments of a subject",
    query: z.strictObject({ a: id, b: id }),
    handler: async ({ query, principal }) => assessments.compare(principal!.user, query.a, query.b),
  });
  routes.add({
    method: "POST", url: `${base}/workspaces/:workspace/rules`, access: "records.write", tags: ["watch"],
    summary: "A watch rule: alert me when an indicator becomes present, or when the leading manifestation changes",
    params: ws, body: z.strictObject({ marking, body: z.unknown() }), documentedBody: z.strictObject({ marking, body: watchRuleBody }),
    handler: async ({ params, body, principal, req, reply }) => { reply.code(201); return watch.createRule(principal!.user, params.workspace, body, actorOf(principal, req)); },
  });
  routes.add({
    method: "GET", url: `${base}/alerts`, access: "records.read", tags: ["watch"],
    summary: "Your alert inbox",
    handler: async ({ principal }) => ({ items: await watch.alerts(principal!.user) }),
  });
  routes.add({
    method: "POST", url: `${base}/alerts/:id/read`, access: "records.read", tags: ["watch"],
    summary: "Mark an alert read", params: subject,
    handler: async ({ params, principal }) => { await watch.markAlertRead(principal!.user, params.id); return { ok: true }; },
  });
  routes.add({
    method: "GET", url: `${base}/overview`, access: "records.read", tags: ["watch"],
    summary: "Areas with their leading manifestation and indicators present, for the map and the comparison table",
    query: z.strictObject({ workspace: id.optional() }),
    handler: async ({ query, principal }) => watch.overview(principal!.user, query.workspace),
  });
}
