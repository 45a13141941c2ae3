import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exercisesAr } from "./ar.js";
import { exercisesEn } from "./en.js";
import { exercisesFr } from "./fr.js";
import { joinAr } from "./join.ar.js";
import { joinEn } from "./join.en.js";
import { joinFr } from "./join.fr.js";
import { participantAr } from "./participant.ar.js";
import { participantEn } from "./participant.en.js";
import { participantFr } from "./participant.fr.js";

const flatten = (o: object, prefix = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? flatten(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, "");
const value = (o: object, key: string): unknown => key.split(".").reduce<any>((x, p) => x?.[p], o);
const sets = [
  ["facilitator", exercisesEn, exercisesFr, exercisesAr],
  ["participant", participantEn, participantFr, participantAr],
  ["join", joinEn, joinFr, joinAr],
] as const;

describe("exercise strings", () => {
  for (const [name, en, fr, ar] of sets) {
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
          const forms = flatten(table).filter((x) => base(x) === base(k));
          for (const f of forms) {
            const got = [...String(value(table, f)).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).filter((p) => p !== "count").sort();
            expect(got, `${name} ${f}`).toEqual(wanted);
          }
        }
      }
    });
  }

  it("do not share top-level keys between the sets (they are merged under one key)", () => {
    const keys = [exercisesEn, participantEn, joinEn].flatMap((o) => Object.keys(o));
    expect(keys.length).toBe(new Set(keys).size);
  });

  it("cover every literal key the exercise pages use", () => {
    const dir = join(import.meta.dirname, "..");
    const known = new Set([...flatten(exercisesEn), ...flatten(participantEn), ...flatten(joinEn)].map(base));
    const used = readdirSync(dir).filter((f) => /\.tsx?$/.test(f)).flatMap((f) => [...readFileSync(join(dir, f), "utf8").matchAll(/\btx\("([a-zA-Z0-9.-]+)"/g)].map((m) => m[1]));
    expect(used.length).toBeGreaterThan(100);
    expect(used.filter((k) => !known.has(k))).toEqual([]);
  });

  it("give the workspace page's link the same label as the library", async () => {
    const { exercisesLinkLabels } = await import("../link.js");
    expect(exercisesLinkLabels).toEqual({ en: exercisesEn.library.open, fr: exercisesFr.library.open, ar: exercisesAr.library.open });
  });
});
