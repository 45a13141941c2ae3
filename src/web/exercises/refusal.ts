/**
 * Why the live channel refused a command, in the reader's language. The server says it with a
 * message key of src/core/i18n and its parameters (the scenario's elements by their titles), and
 * with the text in the connection's language (for a participant, the language they joined in).
 * The page renders an exercises key in the language its reader reads now, from the exercises
 * catalogue of that language, loaded when a refusal first shows (a few kilobytes, kept off the
 * phone page until then). Until it is here, and for a key of another namespace (validation), the
 * server's text stands.
 */
import { useEffect, useState } from "preact/hooks";
import type { Catalogue, MsgParam } from "../../core/i18n/messages.js";
import { i18next } from "../i18n.js";

/** A refusal's reason as the server sends it. */
export interface Reason { key?: string; params?: Record<string, MsgParam>; message: string }

const catalogues: Record<string, () => Promise<Catalogue>> = {
  en: () => import("../../core/i18n/exercises/en.js").then((m) => m.exercisesEn),
  fr: () => import("../../core/i18n/exercises/fr.js").then((m) => m.exercisesFr),
  ar: () => import("../../core/i18n/exercises/ar.js").then((m) => m.exercisesAr),
  es: () => import("../../core/i18n/exercises/es.js").then((m) => m.exercisesEs),
  ru: () => import("../../core/i18n/exercises/ru.js").then((m) => m.exercisesRu),
  zh: () => import("../../core/i18n/exercises/zh.js").then((m) => m.exercisesZh),
};
const renderers = new Map<string, (r: Reason) => string | undefined>();
const loading = new Map<string, Promise<void>>();

function load(lang: string): Promise<void> {
  if (renderers.has(lang) || !catalogues[lang]) return Promise.resolve();
  let p = loading.get(lang);
  if (!p) {
    p = Promise.all([catalogues[lang](), import("../../core/i18n/messages.js"), import("../../core/i18n/format.js")])
      .then(([catalogue, { lookup, renderWith }, { formatNumber, listSeparator }]) => {
        const rules = new Intl.PluralRules(lang);
        const o = { separator: listSeparator(lang), number: (n: number) => formatNumber(lang, n), plural: (n: number) => rules.select(n) };
        renderers.set(lang, (r) => (r.key && lookup(catalogue, r.key) !== undefined ? renderWith({ key: r.key, params: r.params }, catalogue, o) : undefined));
      }, () => undefined)
      .finally(() => loading.delete(lang));
    loading.set(lang, p);
  }
  return p;
}

const exercisesKey = (r: Reason | null | undefined): r is Reason & { key: string } => typeof r?.key === "string" && r.key.startsWith("exercises.msg.");

/** The reason in the reader's language once its catalogue is here; the server's text until then. */
export function reasonText(r: Reason): string {
  return (exercisesKey(r) && renderers.get(i18next.language)?.(r)) || r.message;
}

/** While a refusal shows, loads the catalogue of the reader's language (again when it changes) and re-renders once it is here. */
export function useReason(r: Reason | null | undefined): void {
  const [, rerender] = useState(0);
  const lang = i18next.language;
  const wanted = exercisesKey(r) && !renderers.has(lang);
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    void load(lang).then(() => { if (live) rerender((n) => n + 1); });
    return () => { live = false; };
  }, [wanted, lang]);
}
