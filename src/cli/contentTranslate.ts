import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { defaultContentDir, loadContent } from "../content/readContent.js";
import { contentLanguages, hashText, translatableFields } from "../content/translations.js";
import { collectionOf } from "../core/knowledge/validate.js";
import { parseArgs } from "./args.js";
import type { CliIo } from "./main.js";

/**
 * `nexus content translate --lang fr --path practices/hague-1-9.yaml`: prints the translation file
 * for one content file, keeping what is already translated and current, and adding every field
 * still missing or stale with its English text and hash, as drafts to translate (decision 0022).
 */
export function contentTranslate(args: string[], io: CliIo): number {
  const parsed = parseArgs(args, { values: ["--lang", "--path", "--dir"] });
  if (!parsed.ok) { io.err(`nexus content translate: ${parsed.error}`); return 2; }
  const lang = parsed.values.get("--lang") ?? "";
  const path = parsed.values.get("--path") ?? "";
  const dir = parsed.values.get("--dir") ?? defaultContentDir;
  if (!(contentLanguages as readonly string[]).includes(lang)) { io.err(`nexus content translate: --lang must be one of ${contentLanguages.join(", ")}`); return 2; }
  const collection = collectionOf(path);
  if (!collection || !existsSync(join(dir, path))) { io.err(`nexus content translate: --path must name a content file, e.g. practices/hague-1-9.yaml`); return 2; }
  const { kb } = loadContent(dir);
  const ids = new Set(kb[collection].filter((e) => kb.origin.get(`${collection}:${(e as { id: string }).id}`) === path || kb.origin.get((e as { id: string }).id) === path).map((e) => (e as { id: string }).id));
  const existingFile = join(dir, "i18n", lang, path);
  // An empty file (the shell truncates the target of `>` before this runs) counts as none.
  const existing = (existsSync(existingFile) ? (parse(readFileSync(existingFile, "utf8")) as { entries?: { id: string; status: string; fields: Record<string, { text: string; source: string }> }[] } | null) : null) ?? {};
  const entries = (kb[collection] as { id: string }[]).filter((e) => ids.has(e.id)).map((e) => {
    const before = existing.entries?.find((x) => x.id === e.id);
    const fields: Record<string, { text: string; source: string }> = {};
    for (const [field, english] of translatableFields(e)) {
      const kept = before?.fields?.[field];
      fields[field] = kept && kept.source === hashText(english) ? kept : { text: english, source: hashText(english) };
    }
    return { id: e.id, status: before?.status ?? "draft", fields };
  });
  io.out(stringify({ language: lang, entries }, { lineWidth: 0 }));
  return 0;
}
