/** The XLIFF 2.1 export of a language's translations (decision 0024); see xliff.ts for the shape. */
import type { KnowledgeBase } from "../core/knowledge/schema.js";
import { hashText, type ContentLanguage } from "./translations.js";
import { encodeId, englishByPath, MDA_NS, META, readTranslationFile, XLIFF_NS, type XliffProblem } from "./xliff.js";
import { escapeAttr, escapeText, INVALID_XML_CHARS } from "./xliffXml.js";

const RIGHT_TO_LEFT = new Set<string>(["ar"]);

export interface ExportOptions { lang: ContentLanguage; path?: string; missing?: boolean }
export type ExportResult =
  | { ok: true; xml: string; files: number; units: number; segments: number; toTranslate: number }
  | { ok: false; problems: XliffProblem[] };

/** Element content: text escaped, characters XML cannot hold as <cp hex="…"/>. */
const inlineText = (s: string) => escapeText(s).replace(INVALID_XML_CHARS, (c) => `<cp hex="${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}"/>`);

/** The XLIFF 2.1 document for `lang`: every content file (or one), every unit, or only those needing work. */
export function exportXliff(dir: string, kb: KnowledgeBase, opts: ExportOptions): ExportResult {
  const english = englishByPath(kb);
  const paths = opts.path ? [opts.path] : [...english.keys()];
  const problems: XliffProblem[] = [];
  const files: string[] = [];
  let units = 0, segments = 0, toTranslate = 0;
  for (const path of paths) {
    const t = readTranslationFile(dir, opts.lang, path);
    if ("error" in t) { problems.push({ key: "xliff.file.translationUnreadable", file: path, params: { target: `i18n/${opts.lang}/${path}`, reason: t.error } }); continue; }
    const unitXml: string[] = [];
    for (const entry of english.get(path) ?? []) {
      const existing = t.entries.get(entry.id);
      const reviewed = existing?.status === "reviewed" && existing.reviewed_by && existing.reviewed_at;
      const segs: { id: string; hash: string; state: string; english: string; target?: string; unofficial: boolean }[] = [];
      for (const [field, text] of entry.fields) {
        const hash = hashText(text);
        const have = existing?.fields?.[field];
        const current = have && have.source === hash;
        if (opts.missing && current) continue;
        // A stale translation goes out with its old text in state "initial", so the translator sees it.
        segs.push({ id: encodeId(field), hash, english: text, target: have?.text, unofficial: have?.unofficial === true, state: current ? (reviewed ? "reviewed" : "translated") : "initial" });
      }
      if (!segs.length) continue;
      units++;
      segments += segs.length;
      toTranslate += segs.filter((s) => s.state === "initial").length;
      const meta: string[] = [];
      if (reviewed) {
        meta.push(`        <mda:metaGroup category="${META.review}">`,
          `          <mda:meta type="reviewed_by">${escapeText(existing!.reviewed_by!)}</mda:meta>`,
          `          <mda:meta type="reviewed_at">${escapeText(existing!.reviewed_at!)}</mda:meta>`,
          `        </mda:metaGroup>`);
      }
      meta.push(`        <mda:metaGroup category="${META.hash}" appliesTo="source">`, ...segs.map((s) => `          <mda:meta type="${s.id}">${s.hash}</mda:meta>`), `        </mda:metaGroup>`);
      const unofficial = segs.filter((s) => s.unofficial);
      if (unofficial.length) meta.push(`        <mda:metaGroup category="${META.unofficial}" appliesTo="target">`, ...unofficial.map((s) => `          <mda:meta type="${s.id}">yes</mda:meta>`), `        </mda:metaGroup>`);
      unitXml.push(`    <unit id="${encodeId(entry.id)}">`, `      <mda:metadata>`, ...meta, `      </mda:metadata>`,
        ...segs.flatMap((s) => [
          `      <segment id="${s.id}" state="${s.state}">`,
          `        <source>${inlineText(s.english)}</source>`,
          ...(s.target !== undefined ? [`        <target>${inlineText(s.target)}</target>`] : []),
          `      </segment>`,
        ]),
        `    </unit>`);
    }
    if (!unitXml.length) continue;
    files.push([
      `  <file id="${encodeId(path)}" original="${escapeAttr(path)}" canResegment="no" srcDir="ltr" trgDir="${RIGHT_TO_LEFT.has(opts.lang) ? "rtl" : "ltr"}">`,
      ...unitXml,
      `  </file>`,
    ].join("\n"));
  }
  if (problems.length) return { ok: false, problems };
  const xml = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<xliff xmlns="${XLIFF_NS}" xmlns:mda="${MDA_NS}" version="2.1" srcLang="en" trgLang="${opts.lang}" xml:space="preserve">`,
    ...files,
    `</xliff>`,
    ``,
  ].join("\n");
  return { ok: true, xml, files: files.length, units, segments, toTranslate };
}
