/**
 * Messages from the server (src/core/i18n, decision 0025) rendered in the reader's language:
 * English is built in; another language's bundle loads with the first page that needs it. Until
 * it is there (or if it fails to load) the English text stands in.
 */
import { useEffect, useState } from "preact/hooks";
import { catalogueEn } from "../core/i18n/catalogues.en.js";
import type { Catalogue, Msg } from "../core/i18n/messages.js";
import { makeTranslator, type Translate } from "../core/i18n/translate.js";
import { i18next } from "./i18n.js";

const loaders: Record<string, () => Promise<Catalogue>> = {
  fr: () => import("../core/i18n/bundle.fr.js").then((m) => m.catalogueFr),
  ar: () => import("../core/i18n/bundle.ar.js").then((m) => m.catalogueAr),
  es: () => import("../core/i18n/bundle.es.js").then((m) => m.catalogueEs),
  ru: () => import("../core/i18n/bundle.ru.js").then((m) => m.catalogueRu),
  zh: () => import("../core/i18n/bundle.zh.js").then((m) => m.catalogueZh),
};
const translators = new Map<string, Translate>([["en", makeTranslator("en", catalogueEn)]]);
const loading = new Map<string, Promise<void>>();

function load(lang: string): Promise<void> {
  if (translators.has(lang) || !loaders[lang]) return Promise.resolve();
  let p = loading.get(lang);
  if (!p) {
    p = loaders[lang]().then((c) => { translators.set(lang, makeTranslator(lang, c)); }, () => undefined).finally(() => loading.delete(lang));
    loading.set(lang, p);
  }
  return p;
}

/** Loads the messages of the reader's language (again when it changes); re-renders once they are there. */
export function useMessages(): void {
  const [, rerender] = useState(0);
  const lang = i18next.language;
  useEffect(() => {
    let live = true;
    const go = (l: string) => { void load(l).then(() => { if (live) rerender((n) => n + 1); }); };
    go(lang);
    i18next.on("languageChanged", go);
    return () => { live = false; i18next.off("languageChanged", go); };
  }, [lang]);
}

/** The reader's text of a message, a list of messages, or a string (a person's words, or a sentence stored in English before messages). */
export function msgText(x: Msg | Msg[] | string | null | undefined): string {
  if (x === null || x === undefined) return "";
  return (translators.get(i18next.language) ?? translators.get("en")!)(x);
}

/** True when the text is not a message: a sentence the server stored in English. */
export const isPlainEnglish = (x: unknown) => typeof x === "string" && x !== "";

export type { Msg };

/** A download link in the reader's language: a link does not carry the app's chosen language, so the query does (decision 0025). */
export const withLang = (url: string) => `${url}${url.includes("?") ? "&" : "?"}lang=${encodeURIComponent(i18next.language)}`;
