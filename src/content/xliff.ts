/**
 * XLIFF 2.1 export and import of the knowledge-base translations (decision 0024), so translation
 * services work in their own CAT tools. One <file> per content file, one <unit> per entry, one
 * <segment> per text field; the hash of the English each segment translates travels in the
 * metadata module (mda), so the import can refuse a file whose English changed since export.
 * The import checks the whole document before it writes anything, and then writes every changed
 * translation file through a temporary file and a rename, all prepared before the first rename.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument, type Document } from "yaml";
import { z } from "zod";
import { collections, type CollectionName, type KnowledgeBase } from "../core/knowledge/schema.js";
import { translatableFields } from "./translations.js";

export const XLIFF_NS = "urn:oasis:names:tc:xliff:document:2.0";
export const MDA_NS = "urn:oasis:names:tc:xliff:metadata:2.0";
/** the categories of the metadata groups this export writes on each unit */
export const META = { hash: "nexus:source-hash", unofficial: "nexus:unofficial", review: "nexus:review" } as const;

// ---------------------------------------------------------------------------------------------
// Ids. XLIFF ids are NMTOKENs; content paths hold "/" and could hold other characters. Every
// character outside [A-Za-z0-9._-] becomes _xHHHH_ (its UTF-16 code unit in upper-case hex), and a
// literal "_" that would read as the start of such a sequence becomes _x005F_ (the mapping of XML
// names used by XmlConvert), so decoding is exact: practices/hague-1-9.yaml <-> practices_x002F_hague-1-9.yaml.

export function encodeId(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (/[A-Za-z0-9.-]/.test(c) || (c === "_" && !/^_x[0-9A-F]{4}_/.test(s.slice(i)))) out += c;
    else out += `_x${s.charCodeAt(i).toString(16).toUpperCase().padStart(4, "0")}_`;
  }
  return out;
}
export const decodeId = (s: string) => s.replace(/_x([0-9A-F]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

// ---------------------------------------------------------------------------------------------
// Problems: message keys with parameters (the CLI renders them); file, unit and segment are the
// decoded ids (content path, entry id, field path).

export type XliffProblemKey =
  | "xliff.xml" | "xliff.notXliff" | "xliff.version" | "xliff.srcLang" | "xliff.trgLang" | "xliff.noFiles" | "xliff.unexpected"
  | "xliff.file.noId" | "xliff.file.unknown" | "xliff.file.original" | "xliff.file.duplicate" | "xliff.file.translationUnreadable"
  | "xliff.unit.noId" | "xliff.unit.unknown" | "xliff.unit.duplicate" | "xliff.unit.review"
  | "xliff.segment.noId" | "xliff.segment.unknown" | "xliff.segment.duplicate" | "xliff.segment.noHash" | "xliff.segment.staleSource"
  | "xliff.segment.state" | "xliff.segment.emptyTarget" | "xliff.segment.inline" | "xliff.segment.twoTargets" | "xliff.segment.glossary";
export interface XliffProblem {
  key: XliffProblemKey;
  file?: string;
  unit?: string;
  segment?: string;
  params?: Record<string, string | number>;
}

// ---------------------------------------------------------------------------------------------
// What the export and the import share: the English by content file, and the translation files.

export interface EnglishEntry { id: string; fields: Map<string, string> }
/** Every content file with its entries (in the knowledge base's order) and their text fields. */
export function englishByPath(kb: KnowledgeBase): Map<string, EnglishEntry[]> {
  const out = new Map<string, EnglishEntry[]>();
  for (const name of Object.keys(collections) as CollectionName[]) {
    for (const entry of kb[name] as { id: string }[]) {
      const path = kb.origin.get(`${name}:${entry.id}`);
      if (!path) continue;
      const list = out.get(path) ?? [];
      list.push({ id: entry.id, fields: translatableFields(entry) });
      out.set(path, list);
    }
  }
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

export interface TField { text: string; source: string; unofficial?: boolean }
export interface TEntry { id: string; status?: string; reviewed_by?: string; reviewed_at?: string; fields?: Record<string, TField> }
/** Lenient on purpose: `content validate` judges these files; here only what the export and import read must hold. */
const translationFileShape = z.object({
  entries: z.array(z.object({
    id: z.string(),
    status: z.string().optional(),
    reviewed_by: z.string().optional(),
    reviewed_at: z.string().optional(),
    fields: z.record(z.string(), z.object({ text: z.string(), source: z.string(), unofficial: z.boolean().optional() })).nullish(),
  })).nullish(),
}).nullable();

export interface TranslationFile { full: string; text: string | null; doc: Document | null; entries: Map<string, TEntry> }
export function readTranslationFile(dir: string, lang: string, path: string): TranslationFile | { error: string } {
  const full = join(dir, "i18n", lang, path);
  if (!existsSync(full)) return { full, text: null, doc: null, entries: new Map() };
  const text = readFileSync(full, "utf8");
  const doc = parseDocument(text);
  if (doc.errors.length) return { error: doc.errors[0].message.split("\n")[0] };
  const shape = translationFileShape.safeParse(doc.toJS());
  if (!shape.success) return { error: shape.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ") };
  const entries = new Map<string, TEntry>();
  for (const e of shape.data?.entries ?? []) entries.set(e.id, { ...e, fields: e.fields ?? {} });
  // An empty file (the shell creates one before `content translate` fills it) counts as none.
  return { full, text, doc: shape.data ? doc : null, entries };
}
