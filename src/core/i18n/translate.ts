/**
 * A renderer of messages for one language and its catalogue (decision 0025), shared by the
 * server (catalogues.ts, every language at hand) and the web (one bundle loaded at a time).
 * Number parameters are formatted for the language; a date parameter (YYYY-MM-DD) is written
 * out; lists of messages are joined with the language's separator; English stands in for a key
 * the catalogue lacks.
 */
import { catalogueEn } from "./catalogues.en.js";
import { formatDate, formatNumber, listSeparator } from "./format.js";
import { isMsg, renderWith, type Catalogue, type Msg } from "./messages.js";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KEY = /^[a-z]+\.msg\./;

export function makeTranslator(lang: string, catalogue: Catalogue) {
  const rules = new Intl.PluralRules(lang);
  const o = { fallback: catalogueEn, separator: listSeparator(lang), number: (n: number) => formatNumber(lang, n), plural: (n: number) => rules.select(n) };
  const dated = (m: Msg): Msg => ({ key: m.key, ...(m.params ? { params: Object.fromEntries(Object.entries(m.params).map(([k, v]) => [k, typeof v === "string" && DATE.test(v) ? formatDate(lang, v) : Array.isArray(v) ? v.map(dated) : isMsg(v) ? dated(v) : v])) } : {}) });
  /** `t(msg)`, `t([msg, …])`, `t(key, params)`; any other string (a person's words, an older stored sentence) passes through. */
  return (x: string | Msg | Msg[], params?: Msg["params"]): string => {
    if (Array.isArray(x)) return x.map((m) => renderWith(dated(m), catalogue, o)).join(o.separator);
    if (typeof x === "string") return params || KEY.test(x) ? renderWith(dated({ key: x, params }), catalogue, o) : x;
    return renderWith(dated(x), catalogue, o);
  };
}
export type Translate = ReturnType<typeof makeTranslator>;
