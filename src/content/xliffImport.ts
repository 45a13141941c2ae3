/**
 * The XLIFF import (decision 0024): the whole document checked against the content before anything
 * is written; then each changed translation file edited in place and written through a temporary
 * file and a rename, all prepared before the first rename.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { isMap, isSeq, stringify, type Document, type YAMLMap, type YAMLSeq } from "yaml";
import { z } from "zod";
import type { KnowledgeBase } from "../core/knowledge/schema.js";
import { contentLanguages, glossaryBreaches, hashText, readGlossary, type ContentLanguage } from "./translations.js";
import { decodeId, englishByPath, MDA_NS, META, readTranslationFile, XLIFF_NS, type EnglishEntry, type TField, type TranslationFile, type XliffProblem } from "./xliff.js";
import { childElements, parseXml, XmlSyntaxError, type XmlElement } from "./xliffXml.js";

export interface PlannedWrite { /** absolute */ full: string; /** below the content folder: i18n/fr/practices/hague-1-9.yaml */ path: string; text: string; created: boolean }
export interface ImportPlan {
  lang: ContentLanguage;
  writes: PlannedWrite[];
  /** fields whose text, source hash or unofficial mark changes */
  fieldsChanged: number;
  entriesReviewed: number;
  entriesDraft: number;
  units: number;
  segments: number;
}
export type ImportResult = { ok: true; plan: ImportPlan } | { ok: false; problems: XliffProblem[] };

type Status = { kind: "keep" } | { kind: "draft" } | { kind: "reviewed"; by: string; at: string };
interface EntryChange { id: string; fields: Map<string, TField>; status: Status }

const attr = (el: XmlElement, name: string) => el.attrs.get(name);
const isoDate = z.iso.date();

/** The text of a <target>: character data, <mrk> annotations' text and <cp> characters; other inline codes are refused. */
function targetText(el: XmlElement): { text: string } | { inline: string } {
  let text = "";
  for (const c of el.children) {
    if (typeof c === "string") { text += c; continue; }
    if (c.ns === XLIFF_NS && c.name === "mrk") { const inner = targetText(c); if ("inline" in inner) return inner; text += inner.text; continue; }
    if (c.ns === XLIFF_NS && c.name === "cp") { const cp = parseInt(attr(c, "hex") ?? "", 16); if (Number.isNaN(cp)) return { inline: "cp" }; text += String.fromCodePoint(cp); continue; }
    return { inline: c.name };
  }
  return { text };
}

/** Metadata groups of a unit by category: meta type -> value. */
function unitMeta(unit: XmlElement): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  const walk = (group: XmlElement) => {
    const category = attr(group, "category") ?? "";
    const table = out.get(category) ?? new Map<string, string>();
    for (const c of childElements(group, MDA_NS)) {
      if (c.name === "metaGroup") walk(c);
      else if (c.name === "meta") table.set(attr(c, "type") ?? "", c.children.filter((x): x is string => typeof x === "string").join(""));
    }
    out.set(category, table);
  };
  for (const metadata of childElements(unit, MDA_NS, "metadata")) for (const g of childElements(metadata, MDA_NS, "metaGroup")) walk(g);
  return out;
}

/** Checks the whole XLIFF document against the content folder; returns the files to write, or every problem found. */
export function planXliffImport(dir: string, kb: KnowledgeBase, xml: string): ImportResult {
  let root: XmlElement;
  try { root = parseXml(xml); } catch (e) {
    if (e instanceof XmlSyntaxError) return { ok: false, problems: [{ key: "xliff.xml", params: { line: e.line, reason: e.reason } }] };
    throw e;
  }
  if (root.ns !== XLIFF_NS || root.name !== "xliff") return { ok: false, problems: [{ key: "xliff.notXliff", params: { found: root.ns ? `{${root.ns}}${root.name}` : root.name } }] };
  const problems: XliffProblem[] = [];
  const version = attr(root, "version") ?? "";
  if (!/^2\.[0-9]+$/.test(version)) problems.push({ key: "xliff.version", params: { version } });
  const srcLang = attr(root, "srcLang") ?? "";
  if (!/^en(-|$)/i.test(srcLang)) problems.push({ key: "xliff.srcLang", params: { lang: srcLang } });
  const trgLang = attr(root, "trgLang") ?? "";
  if (!(contentLanguages as readonly string[]).includes(trgLang)) problems.push({ key: "xliff.trgLang", params: { lang: trgLang, allowed: contentLanguages.join(", ") } });
  if (problems.length) return { ok: false, problems };
  const lang = trgLang as ContentLanguage;

  const english = englishByPath(kb);
  const glossary = readGlossary(dir, lang).terms;
  const fileEls = childElements(root, XLIFF_NS, "file");
  if (!fileEls.length) problems.push({ key: "xliff.noFiles" });
  for (const other of childElements(root, XLIFF_NS)) if (other.name !== "file") problems.push({ key: "xliff.unexpected", params: { element: other.name, line: other.line } });

  const changesByPath = new Map<string, { file: TranslationFile; changes: EntryChange[] }>();
  const seenFiles = new Set<string>();
  let units = 0, segments = 0;
  for (const fileEl of fileEls) {
    const rawId = attr(fileEl, "id");
    if (!rawId) { problems.push({ key: "xliff.file.noId", params: { line: fileEl.line } }); continue; }
    const path = decodeId(rawId);
    if (seenFiles.has(path)) { problems.push({ key: "xliff.file.duplicate", file: path }); continue; }
    seenFiles.add(path);
    const entries = english.get(path);
    if (!entries) { problems.push({ key: "xliff.file.unknown", file: path }); continue; }
    const original = attr(fileEl, "original");
    if (original !== undefined && original !== path) problems.push({ key: "xliff.file.original", file: path, params: { original } });
    const t = readTranslationFile(dir, lang, path);
    if ("error" in t) { problems.push({ key: "xliff.file.translationUnreadable", file: path, params: { target: `i18n/${lang}/${path}`, reason: t.error } }); continue; }
    for (const other of childElements(fileEl, XLIFF_NS)) if (!["unit", "notes", "skeleton"].includes(other.name)) problems.push({ key: "xliff.unexpected", file: path, params: { element: other.name, line: other.line } });
    const changes: EntryChange[] = [];
    const seenUnits = new Set<string>();
    for (const unitEl of childElements(fileEl, XLIFF_NS, "unit")) {
      const rawUnit = attr(unitEl, "id");
      if (!rawUnit) { problems.push({ key: "xliff.unit.noId", file: path, params: { line: unitEl.line } }); continue; }
      const unit = decodeId(rawUnit);
      if (seenUnits.has(unit)) { problems.push({ key: "xliff.unit.duplicate", file: path, unit }); continue; }
      seenUnits.add(unit);
      const entry = entries.find((e) => e.id === unit);
      if (!entry) { problems.push({ key: "xliff.unit.unknown", file: path, unit }); continue; }
      units++;
      const meta = unitMeta(unitEl);
      const hashes = meta.get(META.hash) ?? new Map<string, string>();
      const unofficial = meta.get(META.unofficial) ?? new Map<string, string>();
      const reviewMeta = meta.get(META.review);
      let review: { by: string; at: string } | null = null;
      if (reviewMeta) {
        const by = (reviewMeta.get("reviewed_by") ?? "").trim();
        const at = (reviewMeta.get("reviewed_at") ?? "").trim();
        if (!by) problems.push({ key: "xliff.unit.review", file: path, unit, params: { field: "reviewed_by", reason: "empty" } });
        else if (!isoDate.safeParse(at).success) problems.push({ key: "xliff.unit.review", file: path, unit, params: { field: "reviewed_at", reason: "notDate" } });
        else review = { by, at };
      }
      const existing = t.entries.get(unit);
      const fields = new Map<string, TField>();
      const states: string[] = [];
      const seenSegments = new Set<string>();
      for (const segEl of childElements(unitEl, XLIFF_NS, "segment")) {
        const rawSeg = attr(segEl, "id");
        if (!rawSeg) { problems.push({ key: "xliff.segment.noId", file: path, unit, params: { line: segEl.line } }); continue; }
        const segment = decodeId(rawSeg);
        const where = { file: path, unit, segment };
        if (seenSegments.has(segment)) { problems.push({ key: "xliff.segment.duplicate", ...where }); continue; }
        seenSegments.add(segment);
        const englishText = entry.fields.get(segment);
        if (englishText === undefined) { problems.push({ key: "xliff.segment.unknown", ...where }); continue; }
        segments++;
        const current = hashText(englishText);
        const carried = hashes.get(rawSeg) ?? hashes.get(segment);
        if (!carried) { problems.push({ key: "xliff.segment.noHash", ...where }); continue; }
        if (carried !== current) { problems.push({ key: "xliff.segment.staleSource", ...where, params: { carried, current } }); continue; }
        const state = attr(segEl, "state") ?? "initial";
        if (!["initial", "translated", "reviewed", "final"].includes(state)) { problems.push({ key: "xliff.segment.state", ...where, params: { state } }); continue; }
        states.push(state);
        const targets = childElements(segEl, XLIFF_NS, "target");
        if (targets.length > 1) { problems.push({ key: "xliff.segment.twoTargets", ...where }); continue; }
        if (!targets.length) continue; // not translated
        const read = targetText(targets[0]);
        if ("inline" in read) { problems.push({ key: "xliff.segment.inline", ...where, params: { element: read.inline } }); continue; }
        const have = existing?.fields?.[segment];
        if (!read.text.trim()) {
          // A tool may write an empty <target/> for what nobody translated yet: only a target said to be translated must hold text.
          if (state !== "initial") problems.push({ key: "xliff.segment.emptyTarget", ...where, params: { state } });
          continue;
        }
        // In state "initial", the old text of a stale field sent back untouched, or the English a tool
        // copied into the target to start from, is not a translation.
        if (state === "initial" && (read.text === have?.text || read.text === englishText)) continue;
        const mark = unofficial.has(rawSeg) || unofficial.has(segment);
        if (have && have.text === read.text && have.source === current && (have.unofficial === true) === mark) continue;
        for (const b of glossaryBreaches(glossary, lang, englishText, read.text)) problems.push({ key: "xliff.segment.glossary", ...where, params: { en: b.en, term: b.forms.join(" | ") } });
        fields.set(segment, { text: read.text, source: current, ...(mark ? { unofficial: true } : {}) });
      }
      // Status (decision 0024): reviewed only with a review the project does not have yet, named in the
      // unit's metadata and confirmed by every segment's state; otherwise a changed entry becomes a draft.
      const allReviewed = states.length > 0 && states.every((s) => s === "reviewed" || s === "final");
      const sameReview = existing?.status === "reviewed" && review && existing.reviewed_by === review.by && existing.reviewed_at === review.at;
      let status: Status = { kind: "keep" };
      if (review && allReviewed && !sameReview) status = { kind: "reviewed", ...review };
      else if (fields.size) status = { kind: "draft" };
      if (fields.size || status.kind !== "keep") changes.push({ id: unit, fields, status });
    }
    if (changes.length) changesByPath.set(path, { file: t, changes });
  }
  if (problems.length) return { ok: false, problems };

  const writes: PlannedWrite[] = [];
  let fieldsChanged = 0, entriesReviewed = 0, entriesDraft = 0;
  for (const [path, { file, changes }] of changesByPath) {
    const entries = english.get(path)!;
    const text = applyChanges(file, lang, entries, changes);
    for (const c of changes) {
      fieldsChanged += c.fields.size;
      if (c.status.kind === "reviewed") entriesReviewed++;
      if (c.status.kind === "draft") entriesDraft++;
    }
    if (text !== file.text) writes.push({ full: file.full, path: `i18n/${lang}/${path}`, text, created: file.text === null });
  }
  return { ok: true, plan: { lang, writes, fieldsChanged, entriesReviewed, entriesDraft, units, segments } };
}

/** The new text of a translation file: the existing document edited in place (comments and layout kept), or a new one. */
function applyChanges(file: TranslationFile, lang: ContentLanguage, english: EnglishEntry[], changes: EntryChange[]): string {
  const entryOrder = new Map(english.map((e, i) => [e.id, i]));
  const fieldOrder = (id: string) => new Map([...(english.find((e) => e.id === id)?.fields.keys() ?? [])].map((f, i) => [f, i]));
  const ordered = (id: string, fields: Map<string, TField>) => {
    const order = fieldOrder(id);
    return Object.fromEntries([...fields].sort(([a], [b]) => (order.get(a) ?? 0) - (order.get(b) ?? 0)));
  };
  const newEntry = (c: EntryChange) => ({
    id: c.id,
    status: c.status.kind === "reviewed" ? "reviewed" : "draft",
    ...(c.status.kind === "reviewed" ? { reviewed_by: c.status.by, reviewed_at: c.status.at } : {}),
    fields: ordered(c.id, c.fields),
  });
  if (!file.doc) {
    const entries = [...changes].sort((a, b) => (entryOrder.get(a.id) ?? 0) - (entryOrder.get(b.id) ?? 0)).map(newEntry);
    return stringify({ language: lang, entries }, { lineWidth: 0 });
  }
  const doc = file.doc;
  let seq = doc.get("entries", true) as YAMLSeq | undefined;
  if (!isSeq(seq)) { seq = doc.createNode([]) as YAMLSeq; doc.set("entries", seq); }
  const idOf = (item: unknown) => (isMap(item) ? String(item.get("id")) : "");
  for (const c of changes) {
    const at = seq.items.findIndex((item) => idOf(item) === c.id);
    if (at < 0) {
      const before = seq.items.findIndex((item) => (entryOrder.get(idOf(item)) ?? Infinity) > (entryOrder.get(c.id) ?? 0));
      seq.items.splice(before < 0 ? seq.items.length : before, 0, doc.createNode(newEntry(c)));
      continue;
    }
    const entry = seq.items[at] as YAMLMap;
    let fields = entry.get("fields", true) as YAMLMap | undefined;
    if (!isMap(fields)) { fields = doc.createNode({}) as YAMLMap; entry.set("fields", fields); }
    const order = fieldOrder(c.id);
    for (const [path, f] of c.fields) {
      const node = fields.get(path, true);
      if (isMap(node)) {
        node.set("text", f.text);
        node.set("source", f.source);
        if (f.unofficial) node.set("unofficial", true); else node.delete("unofficial");
        continue;
      }
      const before = fields.items.findIndex((pair) => (order.get(String((pair.key as { value?: unknown })?.value ?? pair.key)) ?? Infinity) > (order.get(path) ?? 0));
      fields.items.splice(before < 0 ? fields.items.length : before, 0, doc.createPair(path, { ...f }));
    }
    if (c.status.kind === "draft") {
      entry.set("status", "draft");
      entry.delete("reviewed_by");
      entry.delete("reviewed_at");
    } else if (c.status.kind === "reviewed") {
      entry.set("status", "reviewed");
      setAfter(doc, entry, "reviewed_by", c.status.by, "status");
      setAfter(doc, entry, "reviewed_at", c.status.at, "reviewed_by");
    }
  }
  // Keep the file's own ending (some end with a blank line).
  const tail = /\s*$/.exec(file.text ?? "")?.[0] || "\n";
  return doc.toString({ lineWidth: 0 }).replace(/\s*$/, tail);
}

/** Sets a key of a mapping, placing it after another when it is new (so reviewed_by follows status). */
function setAfter(doc: Document, map: YAMLMap, key: string, value: string, after: string) {
  if (map.has(key)) { map.set(key, value); return; }
  const i = map.items.findIndex((pair) => String((pair.key as { value?: unknown })?.value ?? pair.key) === after);
  map.items.splice(i < 0 ? map.items.length : i + 1, 0, doc.createPair(key, value));
}

/**
 * Writes the planned files: each to a temporary file beside it first; only when all are written
 * are they renamed over the old ones (a rename replaces a file whole). If a temporary file cannot
 * be written, the ones already written are removed and nothing is replaced.
 */
export function writePlanned(writes: PlannedWrite[]): void {
  const temps: string[] = [];
  try {
    for (const w of writes) {
      mkdirSync(dirname(w.full), { recursive: true });
      const temp = `${w.full}.xliff-import-${process.pid}.tmp`;
      writeFileSync(temp, w.text);
      temps.push(temp);
    }
  } catch (e) {
    for (const t of temps) rmSync(t, { force: true });
    throw e;
  }
  writes.forEach((w, i) => renameSync(temps[i], w.full));
}
