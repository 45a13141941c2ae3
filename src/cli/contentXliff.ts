import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { defaultContentDir, readContentFiles } from "../content/readContent.js";
import { contentLanguages, type ContentLanguage } from "../content/translations.js";
import { validateContent } from "../core/knowledge/validate.js";
import { englishByPath, type XliffProblem, type XliffProblemKey } from "../content/xliff.js";
import { exportXliff } from "../content/xliffExport.js";
import { planXliffImport, writePlanned } from "../content/xliffImport.js";
import { parseArgs } from "./args.js";
import type { CliIo } from "./main.js";

/** English for the operator of the CLI: the import and export return message keys with parameters. */
const reasons: Record<XliffProblemKey, (p: Record<string, string | number>) => string> = {
  "xliff.xml": (p) => `not well-formed XML (line ${p.line}): ${p.reason}`,
  "xliff.notXliff": (p) => `the root element is <${p.found}>, not XLIFF 2's <xliff> (urn:oasis:names:tc:xliff:document:2.0)`,
  "xliff.version": (p) => `version "${p.version}" is not XLIFF 2.x`,
  "xliff.srcLang": (p) => `srcLang "${p.lang}" is not English (en)`,
  "xliff.trgLang": (p) => `trgLang "${p.lang}" is not a content language (${p.allowed})`,
  "xliff.noFiles": () => "no <file> element",
  "xliff.unexpected": (p) => `unexpected <${p.element}> element (line ${p.line})`,
  "xliff.file.noId": (p) => `a <file> without an id (line ${p.line})`,
  "xliff.file.unknown": () => "not a content file",
  "xliff.file.original": (p) => `original="${p.original}" does not match the file id`,
  "xliff.file.duplicate": () => "appears twice",
  "xliff.file.translationUnreadable": (p) => `content/${p.target} cannot be read: ${p.reason}`,
  "xliff.unit.noId": (p) => `a <unit> without an id (line ${p.line})`,
  "xliff.unit.unknown": () => "no entry with this id in the content file",
  "xliff.unit.duplicate": () => "appears twice",
  "xliff.unit.review": (p) => `the review metadata's ${p.field} is ${p.reason === "empty" ? "empty" : "not a date (YYYY-MM-DD)"}`,
  "xliff.segment.noId": (p) => `a <segment> without an id (line ${p.line})`,
  "xliff.segment.unknown": () => "not a text field of the entry",
  "xliff.segment.duplicate": () => "appears twice",
  "xliff.segment.noHash": () => `carries no hash of its English (mda:metaGroup category="nexus:source-hash")`,
  "xliff.segment.staleSource": (p) => `the English changed since the export (hash ${p.carried}, now ${p.current}): export it again`,
  "xliff.segment.state": (p) => `state "${p.state}" is not initial, translated, reviewed or final`,
  "xliff.segment.emptyTarget": (p) => `the target is empty but its state is ${p.state}`,
  "xliff.segment.inline": (p) => `the target holds <${p.element}>, which these texts cannot carry`,
  "xliff.segment.twoTargets": () => "has more than one target",
  "xliff.segment.glossary": (p) => `must use the glossary term "${p.term}" for "${p.en}"`,
};
export function formatXliffProblem(p: XliffProblem): string {
  const where = [p.file && `file ${p.file}`, p.unit && `unit ${p.unit}`, p.segment && `segment ${p.segment}`].filter(Boolean).join(", ");
  const reason = reasons[p.key](p.params ?? {});
  return where ? `${where}: ${reason}` : reason;
}

/**
 * `nexus content export-xliff --lang ar [--path P] [--all | --missing] [--out F]`: the XLIFF 2.1
 * document for a translation service (decision 0024); all units by default, with --missing only
 * the fields missing or stale.
 */
export function contentExportXliff(args: string[], io: CliIo): number {
  const name = "nexus content export-xliff";
  const parsed = parseArgs(args, { flags: ["--all", "--missing"], values: ["--lang", "--path", "--out", "--dir"] });
  if (!parsed.ok) { io.err(`${name}: ${parsed.error}`); return 2; }
  const lang = parsed.values.get("--lang") ?? "";
  const path = parsed.values.get("--path");
  const out = parsed.values.get("--out");
  const dir = parsed.values.get("--dir") ?? defaultContentDir;
  if (!(contentLanguages as readonly string[]).includes(lang)) { io.err(`${name}: --lang must be one of ${contentLanguages.join(", ")}`); return 2; }
  if (parsed.flags.has("--all") && parsed.flags.has("--missing")) { io.err(`${name}: --all and --missing exclude each other`); return 2; }
  if (!existsSync(dir)) { io.err(`${name}: --dir "${dir}" does not exist`); return 2; }
  const { kb } = validateContent(readContentFiles(dir).files); // the English only: the translations are read file by file
  if (path !== undefined && !englishByPath(kb).has(path)) { io.err(`${name}: --path must name a content file, e.g. practices/hague-1-9.yaml`); return 2; }
  const r = exportXliff(dir, kb, { lang: lang as ContentLanguage, path, missing: parsed.flags.has("--missing") });
  if (!r.ok) { for (const p of r.problems) io.err(`${name}: ${formatXliffProblem(p)}`); return 1; }
  if (!r.units) { io.err(`${name}: nothing to export: every text in ${lang} is translated and current`); return 0; }
  if (!out) { io.out(r.xml.replace(/\n$/, "")); return 0; }
  const temp = `${out}.${process.pid}.tmp`;
  writeFileSync(temp, r.xml);
  renameSync(temp, out);
  io.out(`wrote ${out}: ${r.files} file(s), ${r.units} unit(s), ${r.segments} segment(s), ${r.toTranslate} to translate`);
  return 0;
}

/**
 * `nexus content import-xliff --file F [--dry-run]`: checks the whole XLIFF document against the
 * content (ids, hashes of the English, targets, glossary) and writes the translation files only
 * when all of it holds; exit 1 naming each file, unit and segment at fault, with nothing written.
 */
export function contentImportXliff(args: string[], io: CliIo): number {
  const name = "nexus content import-xliff";
  const parsed = parseArgs(args, { flags: ["--dry-run"], values: ["--file", "--dir"] });
  if (!parsed.ok) { io.err(`${name}: ${parsed.error}`); return 2; }
  const file = parsed.values.get("--file");
  const dir = parsed.values.get("--dir") ?? defaultContentDir;
  if (!file) { io.err(`${name}: --file names the XLIFF file to import`); return 2; }
  if (!existsSync(file)) { io.err(`${name}: --file "${file}" does not exist`); return 2; }
  if (!existsSync(dir)) { io.err(`${name}: --dir "${dir}" does not exist`); return 2; }
  let xml: string;
  try { xml = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(file)); } catch {
    io.err(`${name}: ${file}: not UTF-8 text; nothing imported`);
    return 1;
  }
  const { kb } = validateContent(readContentFiles(dir).files); // the English only: the translations are read file by file
  const r = planXliffImport(dir, kb, xml);
  if (!r.ok) {
    for (const p of r.problems) io.err(`${name}: ${file}: ${formatXliffProblem(p)}`);
    io.err(`${r.problems.length} problem(s): nothing imported`);
    return 1;
  }
  const { plan } = r;
  const summary = `${plan.units} unit(s), ${plan.segments} segment(s) in ${plan.lang}: ${plan.fieldsChanged} field(s) changed, ${plan.entriesDraft} entr${plan.entriesDraft === 1 ? "y" : "ies"} set to draft, ${plan.entriesReviewed} reviewed`;
  const listing = plan.writes.map((w) => `  content/${w.path}${w.created ? " (new)" : ""}`);
  if (parsed.flags.has("--dry-run")) {
    io.out(`dry run: ${summary}; ${plan.writes.length} file(s) would be written${listing.length ? ":" : ""}`);
    for (const l of listing) io.out(l);
    return 0;
  }
  writePlanned(plan.writes);
  io.out(`imported ${summary}; ${plan.writes.length} file(s) written${listing.length ? ":" : ""}`);
  for (const l of listing) io.out(l);
  return 0;
}
