/**
 * Assessment reports for sharing outside the platform: the report model (report.model.ts) as a
 * generic document (report.document.ts), rendered as PDF or Word by the shared renderers, marked
 * with the assessment's TLP label at the top and on every page, in the reader's language.
 */
import type { Lang } from "../../core/i18n/format.js";
import type { WatchModel } from "../../core/watch/model.js";
import { renderDocumentDocx } from "../documents/docx.js";
import { renderDocumentPdf } from "../documents/pdf.js";
import { contentTypes } from "../http/attachment.js";
import type { RecordRow } from "../platform/records.repository.js";
import type { AssessmentBody } from "./assessments.service.js";
import { reportDocument } from "./report.document.js";
import { buildReportModel } from "./report.model.js";

export { buildReportModel, type ReportModel } from "./report.model.js";
export type ReportFormat = "pdf" | "docx";

export async function assessmentReport(
  format: ReportFormat, row: RecordRow & { body: AssessmentBody }, sources: RecordRow[], model: WatchModel, generatedOn = new Date().toISOString().slice(0, 10), lang: Lang = "en",
): Promise<{ buffer: Buffer; contentType: string; filename: string }> {
  const m = buildReportModel(row, new Map(sources.map((s) => [s.id, s])), model, generatedOn, lang);
  const doc = reportDocument(m);
  const buffer = format === "pdf" ? await renderDocumentPdf(doc) : await renderDocumentDocx(doc);
  return { buffer, contentType: contentTypes[format], filename: `${m.filename}.${format}` };
}
