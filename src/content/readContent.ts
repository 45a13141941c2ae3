import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { validateContent, type RawContentFile, type ValidationResult } from "../core/knowledge/validate.js";
import { listYaml, loadTranslations, type LanguageReport, type TranslationProblem, type Translations } from "./translations.js";

export const defaultContentDir = fileURLToPath(new URL("../../content/", import.meta.url));


/** Reads every YAML file under the content folder; syntax errors are reported, not thrown. */
export function readContentFiles(dir = defaultContentDir): { files: RawContentFile[]; version: string } {
  const hash = createHash("sha256");
  const files = listYaml(dir)
    .sort()
    .map((full) => {
      const path = relative(dir, full).split(sep).join("/");
      const textContent = readFileSync(full, "utf8");
      hash.update(path).update("\0").update(textContent).update("\0");
      return { path, textContent };
    })
    // Translations (content/i18n/) count in the version but are read by translations.ts.
    .filter(({ path }) => !path.startsWith("i18n/"))
    .map(({ path, textContent }) => {
      try {
        return { path, data: parse(textContent) as unknown };
      } catch (e) {
        return { path, data: undefined, parseError: (e as Error).message.split("\n")[0] };
      }
    });
  return { files, version: hash.digest("hex").slice(0, 16) };
}

/**
 * Reads and validates the knowledge base and its translations; the version is a hash of the
 * content files. Translation problems are reported apart: `nexus content validate` fails on them,
 * the server starts and leaves the faulty translations out.
 */
export function loadContent(dir = defaultContentDir): ValidationResult & { version: string; translations: Translations; translationProblems: TranslationProblem[]; translationReports: LanguageReport[] } {
  const { files, version } = readContentFiles(dir);
  const result = validateContent(files);
  const t = loadTranslations(dir, result.kb);
  return { ...result, version, translations: t.translations, translationProblems: t.problems, translationReports: t.reports };
}
