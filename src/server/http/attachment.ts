/** Files the API hands out for download: their content types, and the reply headers that make them an attachment. */
import type { FastifyReply } from "fastify";

export const contentTypes = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  ics: "text/calendar; charset=utf-8",
  json: "application/json",
} as const;
export type FileKind = keyof typeof contentTypes;

/** Marks the reply as a download named `filename` (characters outside letters, digits, dot and dash become "_"). */
export function attachment(reply: FastifyReply, filename: string, contentType: string): FastifyReply {
  return reply.type(contentType).header("content-disposition", `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`);
}
