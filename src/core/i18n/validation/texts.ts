/**
 * The fixed sentences of validation in each language (decision 0028): `validationTextIn(lang, s)`
 * is the translation of the server's sentence `s`, `s` itself in English, and undefined when `s`
 * is not one of them (a sentence that carries a value stays as written).
 */
import { validationTextsAr } from "./ar.js";
import { validationTexts, type ValidationText } from "./en.js";
import { validationTextsEs } from "./es.js";
import { validationTextsFr } from "./fr.js";
import { validationTextsRu } from "./ru.js";
import { validationTextsZh } from "./zh.js";

const known = new Set<string>(validationTexts);
const tables: Record<string, Record<ValidationText, string>> = { fr: validationTextsFr, ar: validationTextsAr, es: validationTextsEs, ru: validationTextsRu, zh: validationTextsZh };

export function validationTextIn(lang: string, s: string): string | undefined {
  if (!known.has(s)) return undefined;
  return tables[lang]?.[s as ValidationText] ?? s;
}
