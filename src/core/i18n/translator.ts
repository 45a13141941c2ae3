/**
 * The message renderer of translate.ts with the English fallback passed in, so a web page that
 * needs only a few namespaces (the training pages on a phone) does not carry the whole English
 * catalogue. translate.ts binds it to the full catalogue for the server and the main web app.
 */
import { formatDate, formatNumber, listSeparator } from "./format.js";
import { isMsg, renderWith, type Catalogue, type Msg } from "./messages.js";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KEY = /^[a-z]+\.msg\./;

export function makeTranslatorWith(lang: string, catalogue: Catalogue, fallback: Catalogue) {
  const rules = new Intl.PluralRules(lang);
  const o = { fallback, separator: listSeparator(lang), number: (n: number) => formatNumber(lang, n), plural: (n: number) => rules.select(n) };
  const dated = (m: Msg): Msg => ({ key: m.key, ...(m.params ? { params: Object.fromEntries(Object.entries(m.params).map(([k, v]) => [k, typeof v === "string" && DATE.test(v) ? formatDate(lang, v) : Array.isArray(v) ? v.map(dated) : isMsg(v) ? dated(v) : v])) } : {}) });
  /** `t(msg)`, `t([msg, …])`, `t(key, params)`; any other string (a person's words, an older stored sentence) passes through. */
  return (x: string | Msg | Msg[], params?: Msg["params"]): string => {
    if (Array.isArray(x)) return x.map((m) => renderWith(dated(m), catalogue, o)).join(o.separator);
    if (typeof x === "string") return params || KEY.test(x) ? renderWith(dated({ key: x, params }), catalogue, o) : x;
    return renderWith(dated(x), catalogue, o);
  };
}
