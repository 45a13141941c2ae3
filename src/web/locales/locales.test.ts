import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ar } from "./ar.js";
import { en } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { ru } from "./ru.js";
import { base, flatten, stringSetTests } from "./stringChecks.js";
import { zh } from "./zh.js";

const webDir = join(import.meta.dirname, "..");
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? sources(join(dir, f)) : /\.tsx?$/.test(f) && !f.endsWith(".test.ts") ? [join(dir, f)] : []));
const others = { fr, ar, es, ru, zh };

describe("UI strings", () => {
  stringSetTests("main", en, others);

  it("cover every literal key the web UI uses", () => {
    const enKeys = new Set(flatten(en).map(base));
    const used = sources(webDir).flatMap((f) => [...readFileSync(f, "utf8").matchAll(/\bt\("([a-zA-Z0-9.-]+)"/g)].map((m) => m[1]));
    expect(used.length).toBeGreaterThan(50);
    expect(used.filter((k) => !enKeys.has(k))).toEqual([]);
  });
});
