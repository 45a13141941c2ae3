import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringSetTests, unknownKeys } from "../../locales/stringChecks.js";
import { networkAr } from "./ar.js";
import { networkEn } from "./en.js";
import { networkEs } from "./es.js";
import { networkFr } from "./fr.js";
import { networkRu } from "./ru.js";
import { networkZh } from "./zh.js";

describe("institutions directory and partnership map strings", () => {
  stringSetTests("network", networkEn, { fr: networkFr, ar: networkAr, es: networkEs, ru: networkRu, zh: networkZh });
  it("cover every literal key the network pages use", () => {
    const r = unknownKeys(join(import.meta.dirname, ".."), "tn", [networkEn]);
    expect(r.used).toBeGreaterThan(40);
    expect(r.unknown).toEqual([]);
  });
});
