/**
 * Weight per language (issue 12, decision 0026), measured on a running server:
 * - the home page's first view in each interface language (HTML, JS and CSS, gzip), budget 100 KB;
 * - the background download the service worker makes for a reader of each content language:
 *   the app shell it precaches, that language's interface strings and its knowledge bundle, gzip
 *   and brotli (what a browser gets over HTTPS), budget 400 KB per language.
 * Figures, not assertions: test/offline-bundle.test.ts and test/e2e/offline-languages.spec.ts assert the budgets.
 */
import { get as httpGet } from "node:http";
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

/** Bytes of a response body as sent with this Accept-Encoding. */
function sentBytes(url: string, encoding: string): Promise<number> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers: { "accept-encoding": encoding } }, (res) => {
      let n = 0;
      res.on("data", (c: Buffer) => { n += c.length; });
      res.on("end", () => resolve(n));
    }).on("error", reject);
  });
}

async function firstView(base: string, lang: string): Promise<number> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const context = await browser.newContext({ serviceWorkers: "block" });
    await context.addInitScript((l) => localStorage.setItem("nexus.lang", l), lang);
    const page = await context.newPage();
    const urls: string[] = [];
    page.on("response", (r) => { if (["document", "script", "stylesheet"].includes(r.request().resourceType())) urls.push(r.url()); });
    await page.goto(`${base}/`, { waitUntil: "networkidle" });
    let total = 0;
    for (const u of urls) total += await sentBytes(u, "gzip");
    return total;
  } finally {
    await browser.close();
  }
}

export async function weightBench(base: string, webDir = "dist/web/") {
  const homeFirstViewGzipKB: Record<string, number> = {};
  for (const lang of ["en", "fr", "ar", "es", "ru", "zh"]) homeFirstViewGzipKB[lang] = round((await firstView(base, lang)) / 1024);

  // The shell the service worker precaches: its list is written into sw.js at build time.
  const sw = readFileSync(`${webDir}sw.js`, "utf8");
  const precache = JSON.parse(/const PRECACHE = (\[.*?\]) \|\|/.exec(sw)?.[1] ?? "[]") as string[];
  let shellGzip = 0;
  let shellBr = 0;
  for (const path of precache) {
    shellGzip += await sentBytes(`${base}${path}`, "gzip");
    shellBr += await sentBytes(`${base}${path}`, "br");
  }
  const perLanguage = JSON.parse(/const PRECACHE_LANGUAGES = (\{.*?\}) \|\|/.exec(sw)?.[1] ?? "{}") as Record<string, string[]>;
  const backgroundDownloadKB: Record<string, { bundleGzip: number; bundleBr: number; withShellGzip: number; withShellBr: number }> = {};
  for (const lang of ["en", "fr", "ar", "es", "ru", "zh"]) {
    let gzip = await sentBytes(`${base}/api/v1/bundle?lang=${lang}`, "gzip");
    let br = await sentBytes(`${base}/api/v1/bundle?lang=${lang}`, "br");
    const bundle = { bundleGzip: round(gzip / 1024), bundleBr: round(br / 1024) };
    for (const path of perLanguage[lang] ?? []) {
      gzip += await sentBytes(`${base}${path}`, "gzip");
      br += await sentBytes(`${base}${path}`, "br");
    }
    backgroundDownloadKB[lang] = { ...bundle, withShellGzip: round((gzip + shellGzip) / 1024), withShellBr: round((br + shellBr) / 1024) };
  }
  return {
    homeFirstViewGzipKB, budgetFirstViewGzipKB: 100,
    shellPrecacheKB: { files: precache.length, gzip: round(shellGzip / 1024), br: round(shellBr / 1024) },
    backgroundDownloadKB, budgetBackgroundDownloadGzipKB: 400,
  };
}
