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
import { formatDate, formatNumber, listSeparator, type Lang } from "./format.js";
import { isMsg, renderWith, type Catalogue, type Msg } from "./messages.js";

export { catalogueEn, namespacesEn };
export const catalogues: Record<Lang, Catalogue> = { en: catalogueEn, fr: catalogueFr, ar: catalogueAr, es: catalogueEs, ru: catalogueRu, zh: catalogueZh };
export const namespacesByLanguage: Record<Lang, Record<string, Record<string, string>>> = { en: namespacesEn, fr: namespacesFr, ar: namespacesAr, es: namespacesEs, ru: namespacesRu, zh: namespacesZh };
export const catalogueFor = (lang: string): Catalogue => catalogues[lang as Lang] ?? catalogueEn;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
/**
 * A renderer for one language: `t("docs.msg.h.summary")`, `t(key, params)` or `t(msg)`; a string
 * passes through (text stored before it was a message, or typed by a person). Number parameters
 * are formatted for the language; a date parameter (YYYY-MM-DD) is written out.
 */
export function translator(lang: string) {
  const catalogue = catalogueFor(lang);
  const o = { fallback: catalogueEn, separator: listSeparator(lang), number: (n: number) => formatNumber(lang, n) };
  const dated = (m: Msg): Msg => ({ key: m.key, ...(m.params ? { params: Object.fromEntries(Object.entries(m.params).map(([k, v]) => [k, typeof v === "string" && DATE.test(v) ? formatDate(lang, v) : Array.isArray(v) ? v.map(dated) : isMsg(v) ? dated(v) : v])) } : {}) });
  return (x: string | Msg | Msg[], params?: Msg["params"]): string => {
    if (Array.isArray(x)) return x.map((m) => renderWith(dated(m), catalogue, o)).join(o.separator);
    if (typeof x === "string") return params || /^[a-z]+\.msg\./.test(x) ? renderWith(dated({ key: x, params }), catalogue, o) : x;
    return renderWith(dated(x), catalogue, o);
  };
}
export type Translate = ReturnType<typeof translator>;
