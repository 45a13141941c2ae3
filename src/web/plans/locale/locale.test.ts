import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stringSetTests, unknownKeys } from "../../locales/stringChecks.js";
import { plansAr } from "./ar.js";
import { plansEn } from "./en.js";
import { plansFr } from "./fr.js";

describe("self-assessment strings", () => {
  stringSetTests("plans", plansEn, plansFr, plansAr);
  it("cover every literal key the self-assessment pages use", () => {
    const r = unknownKeys(join(import.meta.dirname, ".."), "tp", [plansEn]);
    expect(r.used).toBeGreaterThan(100);
    expect(r.unknown).toEqual([]);
  });
  it("give the workspace page's link the same label as the self-assessment pages", async () => {
    const [en, fr, ar] = await Promise.all([import("../../locales/en.js"), import("../../locales/fr.js"), import("../../locales/ar.js")]);
    expect([en.en.ws.plansLink, fr.fr.ws.plansLink, ar.ar.ws.plansLink]).toEqual([plansEn.open, plansFr.open, plansAr.open]);
  });
});
