/**
 * Translations of the knowledge base (docs/decisions/0022). For each language, files under
 * content/i18n/<lang>/ mirror the English paths (content/i18n/fr/practices/hague-1-9.yaml
 * translates content/practices/hague-1-9.yaml). Each entry is keyed by its id and carries a status
 * (draft, or reviewed by whom and when) and, per field path (`steps.0.text`), the translated text
 * with the hash of the English text it translates, so an English change marks it stale. A glossary
 * per language (content/i18n/<lang>/glossary.yaml) fixes terms that every translation must use.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { collections, type CollectionName, type KnowledgeBase } from "../core/knowledge/schema.js";
import { collectionOf } from "../core/knowledge/validate.js";
import { READER_TEXT_KEYS } from "../core/knowledge/readerText.js";

export const contentLanguages = ["fr", "ar", "es", "ru", "zh"] as const;
export type ContentLanguage = (typeof contentLanguages)[number];

const SKIP = new Set(["citation", "id", "link", "url"]);

/** Every reader-facing text of an entry, by field path (`steps.0.text`); citations and ids are not text. */
export function translatableFields(entry: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (v: unknown, path: string[], key: string | null) => {
    if (typeof v === "string") { if (key && READER_TEXT_KEYS.has(key) && path.length) out.set(path.join("."), v); return; }
    if (Array.isArray(v)) { v.forEach((x, i) => walk(x, [...path, String(i)], key)); return; }
    if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) if (!SKIP.has(k)) walk(x, [...path, k], k);
  };
  walk(entry, [], null);
  return out;
}

export const hashText = (s: string) => createHash("sha256").update(s.normalize("NFC")).digest("hex").slice(0, 12);

const fieldSchema = z.strictObject({
  text: z.string().trim().min(1, "must not be empty"),
  source: z.string().regex(/^[0-9a-f]{12}$/, "must be the 12-hex hash of the English text"),
  /** set on the title of an instrument when no official title exists in the language: the translation is the team's */
  unofficial: z.boolean().optional(),
});
const entrySchema = z.strictObject({
  id: z.string().min(1),
  status: z.enum(["draft", "reviewed"], { error: "must be draft or reviewed" }),
  reviewed_by: z.string().trim().min(1).optional(),
  reviewed_at: z.iso.date().optional(),
  fields: z.record(z.string(), fieldSchema),
}).refine((e) => e.status !== "reviewed" || (e.reviewed_by && e.reviewed_at), { message: "a reviewed entry names reviewed_by and reviewed_at", path: ["status"] });
const fileSchema = z.strictObject({ language: z.enum(contentLanguages), entries: z.array(z.unknown()) });
const glossarySchema = z.strictObject({
  language: z.enum(contentLanguages),
  /** `term` may list accepted forms (an official title may order the words differently) */
  terms: z.array(z.strictObject({ en: z.string().min(1), term: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]), note: z.string().optional() })),
});

export interface TranslationProblem { file: string; entry: string; message: string }
export interface LanguageReport {
  language: ContentLanguage;
  /** reader-facing fields in the English knowledge base */
  fields: number;
  translated: number;
  stale: number;
  reviewedEntries: number;
  entries: number;
}
/** lang -> "collection:id" -> field path -> text (current translations only) */
export type Translations = Map<ContentLanguage, Map<string, Map<string, string>>>;

/** The English entries by collection and id, with their translatable fields. */
function englishFields(kb: KnowledgeBase) {
  const out = new Map<string, { collection: CollectionName; fields: Map<string, string> }>();
  for (const name of Object.keys(collections) as CollectionName[]) {
    for (const entry of kb[name] as { id: string }[]) out.set(`${name}:${entry.id}`, { collection: name, fields: translatableFields(entry) });
  }
  return out;
}
/** Every YAML file below a folder (none when it does not exist). */
export function listYaml(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => { const f = join(dir, n); return statSync(f).isDirectory() ? listYaml(f) : /\.ya?ml$/.test(n) ? [f] : []; });
}
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export interface GlossaryTerm { en: string; term: string | string[] }
/** A language's glossary (none when the file is missing); `problem` says why a malformed one was not read. */
export function readGlossary(contentDir: string, lang: ContentLanguage): { terms: GlossaryTerm[]; problem?: string } {
  const file = join(contentDir, "i18n", lang, "glossary.yaml");
  if (!existsSync(file)) return { terms: [] };
  const g = glossarySchema.safeParse(parse(readFileSync(file, "utf8")));
  return g.success ? { terms: g.data.terms } : { terms: [], problem: g.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ") };
}
/** The glossary terms the English `source` uses whose fixed translation (one of `forms`) the translated `text` lacks. */
export function glossaryBreaches(glossary: GlossaryTerm[], lang: string, source: string, text: string): { en: string; forms: string[] }[] {
  const out: { en: string; forms: string[] }[] = [];
  for (const g of glossary) {
    const forms = Array.isArray(g.term) ? g.term : [g.term];
    if (new RegExp(`\\b${escapeRe(g.en)}\\b`, "i").test(source) && !forms.some((form) => text.toLocaleLowerCase(lang).includes(form.toLocaleLowerCase(lang)))) out.push({ en: g.en, forms });
  }
  return out;
}

/**
 * Reads content/i18n: checks every file, reports completeness and staleness per language, enforces
 * the glossary (a field whose English uses a glossary term must use its fixed translation), and
 * returns the current (not stale) translations.
 */
export function loadTranslations(contentDir: string, kb: KnowledgeBase): { translations: Translations; problems: TranslationProblem[]; reports: LanguageReport[] } {
  const root = join(contentDir, "i18n");
  const english = englishFields(kb);
  const totalFields = [...english.values()].reduce((n, e) => n + e.fields.size, 0);
  const translations: Translations = new Map();
  const problems: TranslationProblem[] = [];
  const reports: LanguageReport[] = [];
  for (const lang of contentLanguages) {
    const dir = join(root, lang);
    const current = new Map<string, Map<string, string>>();
    let translated = 0, stale = 0, reviewedEntries = 0, entries = 0;
    const g = readGlossary(contentDir, lang);
    const glossary = g.terms;
    if (g.problem) problems.push({ file: `i18n/${lang}/glossary.yaml`, entry: "(file)", message: g.problem });
    for (const full of listYaml(dir)) {
      const rel = relative(dir, full).split(sep).join("/");
      if (rel === "glossary.yaml") continue;
      const file = `i18n/${lang}/${rel}`;
      const collection = collectionOf(rel);
      if (!collection) { problems.push({ file, entry: "(file)", message: `does not mirror a content file (content/${rel})` }); continue; }
      let data: unknown;
      try { data = parse(readFileSync(full, "utf8")); } catch (e) { problems.push({ file, entry: "(file)", message: (e as Error).message.split("\n")[0] }); continue; }
      const parsed = fileSchema.safeParse(data);
      if (!parsed.success) { problems.push({ file, entry: "(file)", message: parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ") }); continue; }
      if (parsed.data.language !== lang) problems.push({ file, entry: "(file)", message: `says language ${parsed.data.language} but sits under i18n/${lang}` });
      for (const [n, raw] of parsed.data.entries.entries()) {
        const one = entrySchema.safeParse(raw);
        if (!one.success) {
          problems.push({ file, entry: (raw as { id?: string })?.id ?? `entries.${n}`, message: one.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ") });
          continue;
        }
        const t = one.data;
        const key = `${collection}:${t.id}`;
        const en = english.get(key);
        if (!en) { problems.push({ file, entry: t.id, message: `no ${collection} entry "${t.id}" in the English knowledge base` }); continue; }
        entries++;
        if (t.status === "reviewed") reviewedEntries++;
        const fields = current.get(key) ?? new Map<string, string>();
        for (const [path, f] of Object.entries(t.fields)) {
          const source = en.fields.get(path);
          if (source === undefined) { problems.push({ file, entry: t.id, message: `${path} is not a text field of the English entry` }); continue; }
          if (f.source !== hashText(source)) { stale++; continue; }
          translated++;
          fields.set(path, f.text);
          for (const b of glossaryBreaches(glossary, lang, source, f.text)) {
            problems.push({ file, entry: t.id, message: `${path} must use the glossary term "${b.forms.join('" or "')}" for "${b.en}"` });
          }
        }
        current.set(key, fields);
      }
    }
    translations.set(lang, current);
    reports.push({ language: lang, fields: totalFields, translated, stale, reviewedEntries, entries });
  }
  return { translations, problems, reports };
}

function setPath(target: unknown, path: string, value: string) {
  const parts = path.split(".");
  let o = target as Record<string, unknown>;
  for (const p of parts.slice(0, -1)) {
    if (o[p] === undefined || o[p] === null || typeof o[p] !== "object") return;
    o = o[p] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1];
  if (typeof o[last] === "string") o[last] = value;
}

/** The knowledge base in `lang`: each current translation replaces its English field; the rest stays English. */
export function localize(kb: KnowledgeBase, lang: string, translations: Translations): KnowledgeBase {
  const table = translations.get(lang as ContentLanguage);
  if (!table?.size) return kb;
  const out = structuredClone(kb);
  for (const name of Object.keys(collections) as CollectionName[]) {
    for (const entry of out[name] as { id: string }[]) {
      const fields = table.get(`${name}:${entry.id}`);
      if (fields) for (const [path, text] of fields) setPath(entry, path, text);
    }
  }
  return out;
}
