/**
 * The reader's language for content and analysis texts: the first language of the request's
 * Accept-Language that the product speaks (the web app sends its own choice), else English.
 */
import type { FastifyRequest } from "fastify";
import { contentLanguages, type ContentLanguage } from "../../content/translations.js";

export type Language = "en" | ContentLanguage;
const supported = new Set<string>(["en", ...contentLanguages]);

export function languageOf(header: string | undefined): Language {
  for (const part of (header ?? "").split(",")) {
    const tag = part.split(";")[0].trim().toLowerCase().split("-")[0];
    if (supported.has(tag)) return tag as Language;
  }
  return "en";
}

export const requestLanguage = (req: FastifyRequest): Language => languageOf(req.headers["accept-language"]);
