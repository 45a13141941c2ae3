/** Checks shared by the tests of every set of UI strings: same keys in all languages, each language's plural forms, placeholders, literal keys used. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";

export const flatten = (o: object, prefix = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? flatten(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
export const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, "");
const value = (o: object, key: string): unknown => key.split(".").reduce<any>((x, p) => x?.[p], o);

/** `others`: each language's table, by language code (fr, ar, es, ru, zh). */
export function stringSetTests(name: string, en: object, others: Record<string, object>) {
  const enKeys = new Set(flatten(en).map(base));
  const plurals = flatten(en).filter((k) => k.endsWith("_other")).map(base);

  for (const [lang, table] of Object.entries(others)) {
    it(`have the same keys in English and ${lang} (${name})`, () => {
      expect(new Set(flatten(table).map(base))).toEqual(enKeys);
    });

    it(`have every plural form ${lang} uses wherever English has plurals (${name})`, () => {
      const keys = flatten(table);
      const forms = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      for (const plural of plurals) for (const form of forms) expect(keys, lang).toContain(`${plural}_${form}`);
    });

    it(`have no empty translation in ${lang} and keep every placeholder (${name})`, () => {
      for (const k of flatten(table)) expect(String(value(table, k)).trim(), k).not.toBe("");
      for (const k of flatten(en)) {
        const wanted = [...String(value(en, k)).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).filter((p) => p !== "count").sort();
        for (const f of flatten(table).filter((x) => base(x) === base(k))) {
          const got = [...String(value(table, f)).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).filter((p) => p !== "count").sort();
          expect(got, `${name} ${lang} ${f}`).toEqual(wanted);
        }
      }
    });
  }
}

/** The literal keys that the pages in `dir` pass to `fn("…")` and that the English strings lack. */
export function unknownKeys(dir: string, fn: string, en: object[]): { used: number; unknown: string[] } {
  const known = new Set(en.flatMap((o) => flatten(o)).map(base));
  const pattern = new RegExp(`\\b${fn}\\("([a-zA-Z0-9.-]+)"`, "g");
  const used = readdirSync(dir).filter((f) => /\.tsx?$/.test(f)).flatMap((f) => [...readFileSync(join(dir, f), "utf8").matchAll(pattern)].map((m) => m[1]));
  return { used: used.length, unknown: used.filter((k) => !known.has(k)) };
}
