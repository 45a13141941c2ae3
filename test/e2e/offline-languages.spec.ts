/**
 * Offline reading per language (issue 12, decision 0026): the reader is told what is saved for
 * offline use and how much, before or while it downloads; switching to French saves the French
 * toolkit and drops the English one; offline, a French word finds the practice the server finds;
 * with Save-Data the app asks first; and the home page's first view stays within 100 KB gzipped
 * in every interface language.
 */
import { get as httpGet } from "node:http";
import { AxeBuilder } from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

/** No serious or critical accessibility violation in the notice and the setting. */
async function accessible(page: Page) {
  const results = await new AxeBuilder({ page }).include(".offline-reading").analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
}

/** The languages whose bundles this browser has saved. */
const savedLanguages = (page: Page) =>
  page.evaluate(async () => {
    const cache = await caches.open("nexus-data");
    return (await cache.keys()).map((k) => new URL(k.url)).filter((u) => u.pathname === "/api/v1/bundle").map((u) => u.searchParams.get("lang")).sort();
  });

test("switching to French saves the French toolkit with a notice and its size, and finds a practice offline by a French word", async ({ page, context }) => {
  await page.goto("/");
  const notice = page.getByRole("status").filter({ has: page.locator(".offline-notice") });
  await expect(notice).toContainText(/the toolkit in English .*\d+\s*kB/);
  await expect.poll(() => savedLanguages(page), { timeout: 20_000 }).toEqual(["en"]);

  await page.getByRole("combobox", { name: "Language" }).selectOption("fr");
  await expect(notice).toContainText(/la boîte à outils en Français.*\d+\s*ko/);
  await accessible(page);
  // French replaces English: the reader does not keep English.
  await expect.poll(() => savedLanguages(page), { timeout: 20_000 }).toEqual(["fr"]);
  await expect(notice).toContainText(/Enregistrée pour la lecture hors ligne/);

  // What the server finds for a French word, online.
  const online = await (await page.request.get("/api/v1/search?q=blanchiment&kind=practice&limit=5", { headers: { "accept-language": "fr" } })).json();
  expect(online.total).toBeGreaterThan(0);
  const practice = online.hits[0] as { id: string; title: string };

  await context.setOffline(true);
  await page.goto("/search?q=blanchiment");
  await expect(page.getByRole("status").filter({ hasText: "Vous êtes hors ligne" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "recherche dans la copie hors ligne" })).toBeVisible();
  await expect(page.getByRole("link", { name: practice.title })).toBeVisible();
  // The search box finds it too, and the practice opens offline in French.
  await page.getByRole("combobox", { name: "Rechercher dans la boîte à outils" }).fill("blanchiment");
  await expect(page.getByRole("option").filter({ hasText: practice.title }).first()).toBeVisible();
  await page.goto(`/practices/${practice.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(practice.title);
  await context.setOffline(false);
});

test("a reader may keep another language, and turn offline saving off", async ({ page }) => {
  await page.goto("/");
  await expect.poll(() => savedLanguages(page), { timeout: 20_000 }).toEqual(["en"]);
  const settings = page.getByRole("complementary", { name: "Offline reading" });
  await settings.getByText("Offline reading", { exact: true }).click();
  await settings.getByRole("checkbox", { name: /العربية/ }).check();
  await expect(page.getByRole("status").filter({ has: page.locator(".offline-notice") })).toContainText(/العربية.*\d+\s*kB/);
  await accessible(page);
  await expect.poll(() => savedLanguages(page), { timeout: 20_000 }).toEqual(["ar", "en"]);
  await expect(settings).toContainText(/Saved in this browser: (English and العربية|العربية and English)/);

  await settings.getByRole("checkbox", { name: "Save the toolkit in this browser to read it offline" }).uncheck();
  await expect.poll(() => savedLanguages(page), { timeout: 20_000 }).toEqual([]);
  expect(JSON.parse((await page.evaluate(() => localStorage.getItem("nexus.offline")))!)).toMatchObject({ enabled: false });
  await page.reload();
  await page.waitForTimeout(3000);
  await expect(page.locator(".offline-notice")).toHaveCount(0);
  expect(await savedLanguages(page)).toEqual([]);
});

test("when the browser asks to save data, the app asks before it downloads", async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(navigator, "connection", { value: { saveData: true }, configurable: true }));
  await page.goto("/");
  const notice = page.getByRole("status").filter({ has: page.locator(".offline-notice") });
  // The first answer of /api/v1/bundle/languages on a fresh server sizes every language's bundle: it may take a while.
  await expect(notice).toContainText(/Save the toolkit in English for offline reading\? It is \d+\s*kB/, { timeout: 20_000 });
  await page.waitForTimeout(1500);
  expect(await savedLanguages(page)).toEqual([]);
  await notice.getByRole("button", { name: "Save", exact: true }).click();
  await expect.poll(() => savedLanguages(page), { timeout: 20_000 }).toEqual(["en"]);
  await expect(notice).toContainText(/Saved for offline reading/);
});

/** The size of a response when the client accepts gzip only (the budget is in gzip bytes). */
function gzipBytes(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers: { "accept-encoding": "gzip" } }, (res) => {
      let n = 0;
      res.on("data", (c: Buffer) => { n += c.length; });
      res.on("end", () => resolve(n));
    }).on("error", reject);
  });
}

test("the home page's first view stays within 100 KB gzipped in every interface language", async ({ browser, baseURL }) => {
  const sizes: Record<string, number> = {};
  for (const lang of ["en", "fr", "ar", "es", "ru", "zh"]) {
    const context = await browser.newContext({ baseURL, serviceWorkers: "block" });
    await context.addInitScript((l) => localStorage.setItem("nexus.lang", l), lang);
    const page = await context.newPage();
    const urls: string[] = [];
    page.on("response", (r) => { if (["document", "script", "stylesheet"].includes(r.request().resourceType())) urls.push(r.url()); });
    await page.goto("/", { waitUntil: "networkidle" });
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
    let total = 0;
    for (const u of urls) total += await gzipBytes(u);
    sizes[lang] = Math.round(total / 1024);
    expect(urls.some((u) => new RegExp(`/assets/${lang}-`).test(u)) || lang === "en", `${lang} strings loaded`).toBe(true);
    expect(total, `${lang}: ${urls.join(", ")}`).toBeLessThanOrEqual(100 * 1024);
    await context.close();
  }
  console.info("home first view, KB gzipped:", sizes);
});

test("the service worker's background download stays within 400 KB gzipped for a reader of each language", async ({ baseURL }) => {
  // What it precaches for everyone, what it adds for a language's interface strings, and the language's bundle.
  const sw = await (await fetch(`${baseURL}/sw.js`)).text();
  const shell = JSON.parse(/const PRECACHE = (\[.*?\]) \|\|/.exec(sw)![1]) as string[];
  const perLanguage = JSON.parse(/const PRECACHE_LANGUAGES = (\{.*?\}) \|\|/.exec(sw)![1]) as Record<string, string[]>;
  expect(shell).toContain("/");
  expect(shell.some((u) => /\/assets\/offline-.*\.js$/.test(u))).toBe(true);
  expect(Object.keys(perLanguage).sort()).toEqual(["ar", "es", "fr", "ru", "zh"]);
  let shellBytes = 0;
  for (const u of shell) shellBytes += await gzipBytes(`${baseURL}${u}`);
  const sizes: Record<string, number> = {};
  for (const lang of ["en", "fr", "ar", "es", "ru", "zh"]) {
    let total = shellBytes + (await gzipBytes(`${baseURL}/api/v1/bundle?lang=${lang}`));
    for (const u of perLanguage[lang] ?? []) total += await gzipBytes(`${baseURL}${u}`);
    sizes[lang] = Math.round(total / 1024);
    expect(total, lang).toBeLessThanOrEqual(400 * 1024);
  }
  console.info("background download, KB gzipped:", { shell: Math.round(shellBytes / 1024), ...sizes });
});
