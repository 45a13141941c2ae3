import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringSetTests, unknownKeys } from "../../locales/stringChecks.js";
import { crosswalkAr } from "./ar.js";
import { crosswalkEn } from "./en.js";
import { crosswalkEs } from "./es.js";
import { crosswalkFr } from "./fr.js";
import { crosswalkRu } from "./ru.js";
import { crosswalkZh } from "./zh.js";

describe("standards crosswalk strings", () => {
  stringSetTests("crosswalk", crosswalkEn, { fr: crosswalkFr, ar: crosswalkAr, es: crosswalkEs, ru: crosswalkRu, zh: crosswalkZh });
  it("cover every literal key the crosswalk page and section use", () => {
    const r = unknownKeys(join(import.meta.dirname, ".."), "tx", [crosswalkEn]);
    expect(r.used).toBeGreaterThan(15);
    expect(r.unknown).toEqual([]);
  });
});
