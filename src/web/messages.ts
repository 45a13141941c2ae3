/**
 * Messages from the server (src/core/i18n, decision 0025) rendered in the reader's language:
 * English is built in; another language's bundle loads with the first page that needs it. Until
 * it is there (or if it fails to load) the English text stands in.
 */
import { catalogueEn } from "../core/i18n/catalogues.en.js";
import type { Catalogue, Msg } from "../core/i18n/messages.js";
import { makeTranslator } from "../core/i18n/translate.js";
import { messageStore, withLang } from "./messageStore.js";

const loaders: Record<string, () => Promise<Catalogue>> = {
  fr: () => import("../core/i18n/bundle.fr.js").then((m) => m.catalogueFr),
  ar: () => import("../core/i18n/bundle.ar.js").then((m) => m.catalogueAr),
  es: () => import("../core/i18n/bundle.es.js").then((m) => m.catalogueEs),
  ru: () => import("../core/i18n/bundle.ru.js").then((m) => m.catalogueRu),
  zh: () => import("../core/i18n/bundle.zh.js").then((m) => m.catalogueZh),
};
export const { useMessages, msgText } = messageStore(makeTranslator("en", catalogueEn), loaders, makeTranslator);

/** True when the text is not a message: a sentence the server stored in English. */
export const isPlainEnglish = (x: unknown) => typeof x === "string" && x !== "";

export type { Msg };

export { withLang };
