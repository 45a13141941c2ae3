/**
 * The message catalogues of every language, for the server (the web loads one bundle at a time):
 * `catalogueFor(lang)` and `t(lang)`, which renders a message in the language with its numbers,
 * dates and list separator, English standing in for a missing key.
 */
import { catalogueAr, namespacesAr } from "./bundle.ar.js";
import { catalogueEs, namespacesEs } from "./bundle.es.js";
import { catalogueFr, namespacesFr } from "./bundle.fr.js";
import { catalogueRu, namespacesRu } from "./bundle.ru.js";
import { catalogueZh, namespacesZh } from "./bundle.zh.js";
import { catalogueEn, namespacesEn } from "./catalogues.en.js";
import type { Lang } from "./format.js";
import type { Catalogue } from "./messages.js";
import { makeTranslator } from "./translate.js";

export { catalogueEn, namespacesEn };
export const catalogues: Record<Lang, Catalogue> = { en: catalogueEn, fr: catalogueFr, ar: catalogueAr, es: catalogueEs, ru: catalogueRu, zh: catalogueZh };
export const namespacesByLanguage: Record<Lang, Record<string, Record<string, string>>> = { en: namespacesEn, fr: namespacesFr, ar: namespacesAr, es: namespacesEs, ru: namespacesRu, zh: namespacesZh };
export const catalogueFor = (lang: string): Catalogue => catalogues[lang as Lang] ?? catalogueEn;

/**
 * A renderer for one language: `t("docs.msg.h.summary")`, `t(key, params)` or `t(msg)`; a string
 * passes through (text stored before it was a message, or typed by a person). See translate.ts.
 */
export const translator = (lang: string) => makeTranslator(lang, catalogueFor(lang));
export type { Translate } from "./translate.js";
