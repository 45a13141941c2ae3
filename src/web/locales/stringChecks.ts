/** Checks shared by the tests of every set of UI strings: same keys in all languages, Arabic plurals, placeholders, literal keys used. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";

export const flatten = (o: object, prefix = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? flatten(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
export const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, "");
const value = (o: object, key: string): unknown => key.split(".").reduce<any>((x, p) => x?.[p], o);

export function stringSetTests(name: string, en: object, fr: object, ar: object) {
  it(`have the same keys in English, French and Arabic (${name})`, () => {
    const enKeys = new Set(flatten(en).map(base));
    expect(new Set(flatten(fr).map(base))).toEqual(enKeys);
    expect(new Set(flatten(ar).map(base))).toEqual(enKeys);
  });

  it(`have all six Arabic plural forms wherever English has plurals (${name})`, () => {
    const arKeys = flatten(ar);
    for (const plural of flatten(en).filter((k) => k.endsWith("_other")).map(base)) {
      for (const form of ["zero", "one", "two", "few", "many", "other"]) expect(arKeys).toContain(`${plural}_${form}`);
    }
  });

  it(`have no empty translation and keep every placeholder (${name})`, () => {
    for (const table of [en, fr, ar]) {
      for (const k of flatten(table)) expect(String(value(table, k)).trim(), k).not.toBe("");
    }
    for (const k of flatten(en)) {
      const wanted = [...String(value(en, k)).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).filter((p) => p !== "count").sort();
      for (const table of [fr, ar]) {
        for (const f of flatten(table).filter((x) => base(x) === base(k))) {
          const got = [...String(value(table, f)).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).filter((p) => p !== "count").sort();
          expect(got, `${name} ${f}`).toEqual(wanted);
        }
      }
    }
  });
}

/** The literal keys that the pages in `dir` pass to `fn("…")` and that the English strings lack. */
export function unknownKeys(dir: string, fn: string, en: object[]): { used: number; unknown: string[] } {
  const known = new Set(en.flatMap((o) => flatten(o)).map(base));
  const pattern = new RegExp(`\\b${fn}\\("([a-zA-Z0-9.-]+)"`, "g");
  const used = readdirSync(dir).filter((f) => /\.tsx?$/.test(f)).flatMap((f) => [...readFileSync(join(dir, f), "utf8").matchAll(pattern)].map((m) => m[1]));
  return { used: used.length, unknown: used.filter((k) => !known.has(k)) };
}
