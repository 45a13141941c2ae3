import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ar } from "../../locales/ar.js";
import { en } from "../../locales/en.js";
import { es } from "../../locales/es.js";
import { fr } from "../../locales/fr.js";
import { ru } from "../../locales/ru.js";
import { stringSetTests, unknownKeys } from "../../locales/stringChecks.js";
import { zh } from "../../locales/zh.js";
import { plansAr } from "./ar.js";
import { plansEn } from "./en.js";
import { plansEs } from "./es.js";
import { plansFr } from "./fr.js";
import { plansRu } from "./ru.js";
import { plansZh } from "./zh.js";

const others = { fr: plansFr, ar: plansAr, es: plansEs, ru: plansRu, zh: plansZh };

describe("self-assessment strings", () => {
  stringSetTests("plans", plansEn, others);
  it("cover every literal key the self-assessment pages use", () => {
    const r = unknownKeys(join(import.meta.dirname, ".."), "tp", [plansEn]);
    expect(r.used).toBeGreaterThan(100);
    expect(r.unknown).toEqual([]);
  });
  it("give the workspace page's link the same label as the self-assessment pages", () => {
    const main = { en: en.ws.plansLink, fr: fr.ws.plansLink, ar: ar.ws.plansLink, es: es.ws.plansLink, ru: ru.ws.plansLink, zh: zh.ws.plansLink };
    expect(main).toEqual({ en: plansEn.open, ...Object.fromEntries(Object.entries(others).map(([lang, t]) => [lang, t.open])) });
  });
});
