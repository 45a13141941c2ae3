/**
 * Issue 12: every page type in each language the interface speaks, read as a person would: no
 * English sentence outside proper names (content, menus, labels, analysis, statements), no raw
 * knowledge-base id, and no serious or critical accessibility violation. Public pages, then the
 * signed-in pages of the four capabilities with a little data made through the API.
 */
import { AxeBuilder } from "@axe-core/playwright";
import { expect, request, test, type Page } from "@playwright/test";
import { loadContent } from "../../src/content/readContent.js";
import { signIn } from "./helpers.js";
import { E2E_PASSWORD, e2eUsers } from "./users.js";

/** The interface's languages other than English (src/web/i18n.ts `languages`). */
const LANGS = ["fr", "ar", "es", "ru", "zh"] as const;
const kb = loadContent().kb;
const scenario = kb.scenarios[0];

const publicPages: [string, string][] = [
  ["home", "/"], ["practice list", "/practices?framework=hague"], ["practice", "/practices/hague-9"],
  ["manifestations", "/manifestations"], ["manifestation", "/manifestations/alliance"], ["contexts", "/contexts"],
  ["context", "/contexts/transitional"], ["watch points", "/watchpoints"], ["indicator", "/indicators/env-governance.eroding-state-institutions"],
  ["actors", "/actors"], ["actor", "/actors/prosecutors"], ["instruments", "/instruments"], ["instrument", "/instruments/untoc"],
  ["initiatives", "/initiatives"], ["research", "/research"], ["sign in", "/login"], ["join", "/join"],
];

/** English function words (none that is also a common word of the other five): two different ones in one text mean English. */
const ENGLISH = ["the", "and", "of", "to", "with", "for", "is", "are", "this", "that", "not", "from", "by", "be", "was", "which", "their", "has", "have", "will", "can", "must", "should", "your", "you", "been", "were", "into", "than", "its", "they", "there", "these", "what", "when", "where", "who", "how", "yet", "all", "any", "each", "per", "one"];
/** Knowledge-base ids a person should never read (practice ids such as hague-4, addendum-12). */
const RAW_ID = /\b(hague|addendum|icct)-\d+\b/;

/** The texts of the page (and its labels) that read as English, or show a raw id. */
async function englishOn(page: Page): Promise<string[]> {
  return page.evaluate(({ words, rawId }) => {
    const english = new Set(words);
    const found: string[] = [];
    const skip = (el: Element | null) => Boolean(el?.closest("script, style, code, kbd, [translate=no], .visually-hidden-ids, [data-proper-name]"));
    const check = (text: string, where: string) => {
      const t = text.replace(/\s+/g, " ").trim();
      if (!t) return;
      if (new RegExp(rawId).test(t)) { found.push(`raw id in ${where}: ${t.slice(0, 120)}`); return; }
      const tokens = t.toLowerCase().match(/[a-z]+/g) ?? [];
      const hits = new Set(tokens.filter((w) => english.has(w)));
      if (tokens.length >= 3 && hits.size >= 2) found.push(`English in ${where}: ${t.slice(0, 120)}`);
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || skip(el) || !(el as HTMLElement).offsetParent && getComputedStyle(el).position !== "fixed") continue;
      check(n.textContent ?? "", el.tagName.toLowerCase() + (el.id ? `#${el.id}` : el.className ? `.${String(el.className).split(" ")[0]}` : ""));
    }
    for (const el of document.querySelectorAll("[aria-label], [title], [placeholder], img[alt]")) {
      if (skip(el)) continue;
      for (const a of ["aria-label", "title", "placeholder", "alt"]) { const v = el.getAttribute(a); if (v) check(v, `${el.tagName.toLowerCase()}[${a}]`); }
    }
    check(document.title, "title");
    return [...new Set(found)];
  }, { words: ENGLISH, rawId: RAW_ID.source });
}

async function settled(page: Page) {
  await expect(page.locator("main h1").first()).toBeVisible();
  await expect(page.locator("main [role=status][aria-busy=true], main .loading")).toHaveCount(0);
  await page.waitForLoadState("networkidle");
}

async function axe(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
}

for (const lang of LANGS) {
  test(`public pages in ${lang}: no English, no raw ids, no serious accessibility violation`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.addInitScript((l) => localStorage.setItem("nexus.lang", l), lang);
    const problems: Record<string, string[]> = {};
    for (const [name, path] of publicPages) {
      await page.goto(path);
      await settled(page);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      const found = [...(await englishOn(page)), ...(await axe(page))];
      if (found.length) problems[name] = found;
    }
    expect(problems).toEqual({});
  });

  test(`signed-in pages in ${lang}: workspace, Nexus Watch, self-assessment, exercises`, async ({ page, baseURL }) => {
    test.setTimeout(240_000);
    // Data through the API, named without English words (user data is shown as typed).
    const api = await request.newContext({ baseURL });
    await api.post("/api/v1/auth/login", { data: { email: e2eUsers.analyst.email, password: E2E_PASSWORD } });
    const csrf = (await (await api.get("/api/v1/auth/me")).json()).csrf_token as string;
    const post = async (url: string, data: unknown) => {
      const r = await api.post(url, { data, headers: { "x-csrf-token": csrf } });
      expect(r.status(), `${url}: ${await r.text()}`).toBeLessThan(300);
      return r.json();
    };
    const ws = (await post("/api/v1/workspaces", { name: `Zone ${lang} ${Date.now()}` })).id;
    const area = (await post(`/api/v1/watch/workspaces/${ws}/areas`, { name: "Sahel 7", marking: "AMBER", body: { country: "ML" } })).id;
    const sa = (await post(`/api/v1/plans/workspaces/${ws}/self-assessments`, { name: "Revue 2026", country: "KE", framework: "hague", marking: "AMBER" })).id;
    const session = (await post(`/api/v1/exercises/workspaces/${ws}/sessions`, { scenario: scenario.id, marking: "GREEN", language: lang })).id;
    await api.dispose();

    await signIn(page, "analyst");
    await page.evaluate((l) => localStorage.setItem("nexus.lang", l), lang);
    const pages: [string, string][] = [
      ["workspace", `/workspaces/${ws}`], ["watch home", `/watch/workspaces/${ws}`], ["watch subject", `/watch/subjects/${area}`],
      ["watch alerts", "/watch/alerts"], ["plans home", `/plans/workspaces/${ws}`], ["self-assessment", `/plans/self-assessments/${sa}`],
      ["exercise library", `/exercises/workspaces/${ws}`], ["scenario", `/exercises/scenarios/${scenario.id}`],
      ["console", `/exercises/sessions/${session}/console`], ["account", "/account"],
    ];
    const problems: Record<string, string[]> = {};
    for (const [name, path] of pages) {
      await page.goto(path);
      await settled(page);
      const found = [...(await englishOn(page)), ...(await axe(page))];
      if (found.length) problems[name] = found;
    }
    expect(problems).toEqual({});
  });
}
