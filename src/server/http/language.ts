/**
 * The reader's language for content, analysis texts and documents: the `lang` query parameter
 * when it names a language the product speaks (a download link carries the app's chosen language
 * that way, decision 0025), else the first language of the request's Accept-Language that the
 * product speaks (the web app sends its own choice), else English.
 */
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import { contentLanguages, type ContentLanguage } from "../../content/translations.js";

export type Language = "en" | ContentLanguage;
export const languages = ["en", ...contentLanguages] as const;
const supported = new Set<string>(languages);

export function languageOf(header: string | undefined): Language {
  for (const part of (header ?? "").split(",")) {
    const tag = part.split(";")[0].trim().toLowerCase().split("-")[0];
    if (supported.has(tag)) return tag as Language;
  }
  return "en";
}

export function requestLanguage(req: FastifyRequest): Language {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
  if (typeof q === "string" && supported.has(q)) return q as Language;
  return languageOf(req.headers["accept-language"]);
}

/**
 * The query of a document or export route: `lang` (checked, so a wrong one is refused naming the
 * parameter) and `reason` (read by the request context for AMBER+STRICT and RED records).
 */
export const documentQuery = z.strictObject({
  lang: z.enum(languages, { error: `must be one of ${languages.join(", ")}` }).optional(),
  reason: z.string().max(2000).optional(),
});
