import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringSetTests, unknownKeys } from "../../locales/stringChecks.js";
import { trainingAr } from "./ar.js";
import { cohortAr } from "./cohort.ar.js";
import { cohortEn } from "./cohort.en.js";
import { cohortEs } from "./cohort.es.js";
import { cohortFr } from "./cohort.fr.js";
import { cohortRu } from "./cohort.ru.js";
import { cohortZh } from "./cohort.zh.js";
import { trainingEn } from "./en.js";
import { trainingEs } from "./es.js";
import { trainingFr } from "./fr.js";
import { trainingRu } from "./ru.js";
import { trainingZh } from "./zh.js";

describe("training strings", () => {
  stringSetTests("training", trainingEn, { fr: trainingFr, ar: trainingAr, es: trainingEs, ru: trainingRu, zh: trainingZh });
  stringSetTests("cohort", cohortEn, { fr: cohortFr, ar: cohortAr, es: cohortEs, ru: cohortRu, zh: cohortZh });
  it("cover every literal key the training pages use", () => {
    const r = unknownKeys(join(import.meta.dirname, ".."), "tx", [trainingEn, { cohort: cohortEn }]);
    expect(r.used).toBeGreaterThan(150);
    expect(r.unknown).toEqual([]);
  });

  it("give the workspace page's link to the cohorts the same label as the cohorts page", async () => {
    const { cohortsLinkLabels } = await import("../link.js");
    const sets = { en: cohortEn, fr: cohortFr, ar: cohortAr, es: cohortEs, ru: cohortRu, zh: cohortZh };
    expect(cohortsLinkLabels).toEqual(Object.fromEntries(Object.entries(sets).map(([lang, table]) => [lang, table.listTitle])));
  });

  it("leave no English cohort sentence untranslated", () => {
    // Words a language spells as English does ("Participants", "No") are allowed; a dash reads the same everywhere.
    const alike: Record<string, string[]> = { fr: ["colParticipants", "colPseudonym", "colInstitution", "testNow"], es: ["noBecause"] };
    for (const [lang, table] of Object.entries({ fr: cohortFr, ar: cohortAr, es: cohortEs, ru: cohortRu, zh: cohortZh })) {
      const same = Object.entries(cohortEn).filter(([k, v]) => v.length > 1 && (table as Record<string, string>)[k] === v && !(alike[lang] ?? []).includes(k)).map(([k]) => k);
      expect(same, lang).toEqual([]);
    }
  });
});
