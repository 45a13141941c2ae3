import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ar } from "./ar.js";
import { en } from "./en.js";
import { fr } from "./fr.js";

const flatten = (o: object, prefix = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? flatten(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, "");
const webDir = join(import.meta.dirname, "..");
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? sources(join(dir, f)) : /\.tsx?$/.test(f) && !f.endsWith(".test.ts") ? [join(dir, f)] : []));

describe("UI strings", () => {
  const enKeys = new Set(flatten(en).map(base));

  it("are complete in French", () => {
    expect(new Set(flatten(fr).map(base))).toEqual(enKeys);
  });

  it("are complete in Arabic, with all six Arabic plural forms where English has plurals", () => {
    const arKeys = flatten(ar);
    expect(new Set(arKeys.map(base))).toEqual(enKeys);
    for (const plural of flatten(en).filter((k) => k.endsWith("_other")).map(base)) {
      for (const form of ["zero", "one", "two", "few", "many", "other"]) expect(arKeys).toContain(`${plural}_${form}`);
    }
  });

  it("cover every literal key the web UI uses", () => {
    const used = sources(webDir).flatMap((f) => [...readFileSync(f, "utf8").matchAll(/\bt\("([a-zA-Z0-9.-]+)"/g)].map((m) => m[1]));
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((k) => !enKeys.has(k))).toEqual([]);
  });

  it("have no empty translations", () => {
    for (const [lang, table] of [["fr", fr], ["ar", ar]] as const) {
      const empty = flatten(table).filter((k) => k.split(".").reduce<any>((o, p) => o[p], table).trim() === "");
      expect(empty, lang).toEqual([]);
    }
  });
});
