import { describe, expect, it } from "vitest";
import { leanStrings } from "./strings.js";
import { en } from "../locales/en.js";
import { fr } from "../locales/fr.js";
import { ar } from "../locales/ar.js";
import { es } from "../locales/es.js";
import { ru } from "../locales/ru.js";
import { zh } from "../locales/zh.js";

const full: Record<string, object> = { en, fr, ar, es, ru, zh };

/** Every leaf of the lean strings, by dotted key. */
function leaves(o: object, prefix = ""): [string, string][] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v ? leaves(v, `${prefix}${k}.`) : [[`${prefix}${k}`, String(v)] as [string, string]]));
}
const at = (o: object, key: string) => key.split(".").reduce<unknown>((x, k) => (x as Record<string, unknown> | undefined)?.[k], o);

describe("lean participant strings", () => {
  it("has the six languages with the same keys", () => {
    expect(Object.keys(leanStrings).sort()).toEqual(Object.keys(full).sort());
    const keys = leaves(leanStrings.en).map(([k]) => k).sort();
    expect(keys).toContain("common.loading");
    for (const l of Object.keys(full)) expect(leaves(leanStrings[l]).map(([k]) => k).sort()).toEqual(keys);
  });
  it("matches the main interface strings in each language", () => {
    for (const [lang, strings] of Object.entries(leanStrings)) {
      for (const [key, text] of leaves(strings)) expect(`${lang} ${key} ${text}`).toBe(`${lang} ${key} ${String(at(full[lang], key))}`);
    }
  });
});
