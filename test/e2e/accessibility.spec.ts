import { AxeBuilder } from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

// One page of every type the repository has, in English and in Arabic (right to left).
const pages = [
  ["home", "/"], ["practice list", "/practices?framework=hague"], ["practice", "/practices/hague-9"],
  ["manifestations", "/manifestations"], ["manifestation", "/manifestations/alliance"], ["contexts", "/contexts"],
  ["context", "/contexts/transitional"], ["watch points", "/watchpoints"], ["indicator", "/indicators/env-governance.eroding-state-institutions"],
  ["actors", "/actors"], ["actor", "/actors/prosecutors"], ["instruments", "/instruments"], ["instrument", "/instruments/untoc"],
  ["initiatives", "/initiatives"], ["research", "/research"], ["search", "/search?q=border"], ["not found", "/no-such-page"],
  ["sign in", "/login"], ["setup", "/setup?token=x"], ["workspaces (signed out)", "/workspaces"],
];

for (const lang of ["en", "ar"]) {
  for (const [name, path] of pages) {
    test(`${name} page (${lang}) has no serious or critical accessibility violation`, async ({ page }) => {
      await page.addInitScript((l) => localStorage.setItem("nexus.lang", l), lang);
      await page.goto(path);
      await expect(page.locator("main h1")).toBeVisible();
      await expect(page.locator("main [role=status]").filter({ hasText: /Loading|جارٍ/ })).toHaveCount(0);
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`)).toEqual([]);
    });
  }
}
