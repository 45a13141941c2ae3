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
import { exercisesEs } from "./es.js";
import { exercisesRu } from "./ru.js";
import { exercisesZh } from "./zh.js";
import { participantEs } from "./participant.es.js";
import { participantRu } from "./participant.ru.js";
import { participantZh } from "./participant.zh.js";
import { joinEs } from "./join.es.js";
import { joinRu } from "./join.ru.js";
import { joinZh } from "./join.zh.js";
import { projectorAr } from "./projector.ar.js";
import { projectorEn } from "./projector.en.js";
import { projectorEs } from "./projector.es.js";
import { projectorFr } from "./projector.fr.js";
import { projectorRu } from "./projector.ru.js";
import { projectorZh } from "./projector.zh.js";

const sets = [
  ["facilitator", exercisesEn, { fr: exercisesFr, ar: exercisesAr, es: exercisesEs, ru: exercisesRu, zh: exercisesZh }],
  ["participant", participantEn, { fr: participantFr, ar: participantAr, es: participantEs, ru: participantRu, zh: participantZh }],
  ["join", joinEn, { fr: joinFr, ar: joinAr, es: joinEs, ru: joinRu, zh: joinZh }],
  ["projector", projectorEn, { fr: projectorFr, ar: projectorAr, es: projectorEs, ru: projectorRu, zh: projectorZh }],
] as const;

describe("exercise strings", () => {
  for (const [name, en, others] of sets) stringSetTests(name, en, others);

  it("do not share top-level keys between the sets (they are merged under one key)", () => {
    const keys = [exercisesEn, participantEn, joinEn, projectorEn].flatMap((o) => Object.keys(o));
    expect(keys.length).toBe(new Set(keys).size);
  });

  it("cover every literal key the exercise pages use", () => {
    const r = unknownKeys(join(import.meta.dirname, ".."), "tx", [exercisesEn, participantEn, joinEn, projectorEn]);
    expect(r.used).toBeGreaterThan(100);
    expect(r.unknown).toEqual([]);
  });

  it("give the workspace page's link the same label as the library", async () => {
    const { exercisesLinkLabels } = await import("../link.js");
    expect(exercisesLinkLabels).toEqual(Object.fromEntries(Object.entries({ en: exercisesEn, ...sets[0][2] }).map(([lang, table]) => [lang, table.library.open])));
  });
});
