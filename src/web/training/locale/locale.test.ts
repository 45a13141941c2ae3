import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringSetTests, unknownKeys } from "../../locales/stringChecks.js";
import { trainingAr } from "./ar.js";
import { trainingEn } from "./en.js";
import { trainingEs } from "./es.js";
import { trainingFr } from "./fr.js";
import { trainingRu } from "./ru.js";
import { trainingZh } from "./zh.js";

describe("training strings", () => {
  stringSetTests("training", trainingEn, { fr: trainingFr, ar: trainingAr, es: trainingEs, ru: trainingRu, zh: trainingZh });
  it("cover every literal key the training pages use", () => {
    const r = unknownKeys(join(import.meta.dirname, ".."), "tx", [trainingEn]);
    expect(r.used).toBeGreaterThan(30);
    expect(r.unknown).toEqual([]);
  });
});
