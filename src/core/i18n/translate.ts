/**
 * A renderer of messages for one language and its catalogue (decision 0025), shared by the
 * server (catalogues.ts, every language at hand) and the web (one bundle loaded at a time).
 * Number parameters are formatted for the language; a date parameter (YYYY-MM-DD) is written
 * out; lists of messages are joined with the language's separator; English stands in for a key
 * the catalogue lacks.
 */
import { catalogueEn } from "./catalogues.en.js";
import type { Catalogue } from "./messages.js";
import { makeTranslatorWith } from "./translator.js";

export const makeTranslator = (lang: string, catalogue: Catalogue) => makeTranslatorWith(lang, catalogue, catalogueEn);
export type Translate = ReturnType<typeof makeTranslator>;
