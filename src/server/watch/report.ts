/**
 * Assessment reports for sharing outside the platform: the report model (report.model.ts)
 * rendered as PDF (report.pdf.ts) or Word (report.docx.ts), marked with the assessment's TLP
 * label at the top and on every page.
 */
import type { WatchModel } from "../../core/watch/model.js";
import { contentTypes } from "../http/attachment.js";
import type { RecordRow } from "../platform/records.repository.js";
import type { AssessmentBody } from "./assessments.service.js";
import { renderDocx } from "./report.docx.js";
import { buildReportModel } from "./report.model.js";
import { renderPdf } from "./report.pdf.js";

export { buildReportModel, type ReportModel } from "./report.model.js";
export type ReportFormat = "pdf" | "docx";


export async function assessmentReport(
  format: ReportFormat, row: RecordRow & { body: AssessmentBody }, sources: RecordRow[], model: WatchModel, generatedOn = new Date().toISOString().slice(0, 10),
): Promise<{ buffer: Buffer; contentType: string; filename: string }> {
  const m = buildReportModel(row, new Map(sources.map((s) => [s.id, s])), model, generatedOn);
  const buffer = format === "pdf" ? await renderPdf(m) : await renderDocx(m);
  return { buffer, contentType: contentTypes[format], filename: `${m.filename}.${format}` };
}
