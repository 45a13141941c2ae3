import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringSetTests, unknownKeys } from "../../locales/stringChecks.js";
import { exercisesAr } from "./ar.js";
import { exercisesEn } from "./en.js";
import { exercisesFr } from "./fr.js";
import { joinAr } from "./join.ar.js";
import { joinEn } from "./join.en.js";
import { joinFr } from "./join.fr.js";
import { participantAr } from "./participant.ar.js";
import { participantEn } from "./participant.en.js";
import { participantFr } from "./participant.fr.js";

const sets = [
  ["facilitator", exercisesEn, exercisesFr, exercisesAr],
  ["participant", participantEn, participantFr, participantAr],
  ["join", joinEn, joinFr, joinAr],
] as const;

describe("exercise strings", () => {
  for (const [name, en, fr, ar] of sets) stringSetTests(name, en, fr, ar);

  it("do not share top-level keys between the sets (they are merged under one key)", () => {
    const keys = [exercisesEn, participantEn, joinEn].flatMap((o) => Object.keys(o));
    expect(keys.length).toBe(new Set(keys).size);
  });

  it("cover every literal key the exercise pages use", () => {
    const r = unknownKeys(join(import.meta.dirname, ".."), "tx", [exercisesEn, participantEn, joinEn]);
    expect(r.used).toBeGreaterThan(100);
    expect(r.unknown).toEqual([]);
  });

  it("give the workspace page's link the same label as the library", async () => {
    const { exercisesLinkLabels } = await import("../link.js");
    expect(exercisesLinkLabels).toEqual({ en: exercisesEn.library.open, fr: exercisesFr.library.open, ar: exercisesAr.library.open });
  });
});
