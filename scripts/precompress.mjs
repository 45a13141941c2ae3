// After `vite build`: writes the service worker's precache list and gzip/brotli copies of
// every text asset, so the server sends compressed files without compressing per request.
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { createHash } from "node:crypto";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const root = new URL("../dist/web/", import.meta.url).pathname;
const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const files = walk(root).filter((f) => !/\.(gz|br)$/.test(f) && !relative(root, f).startsWith(".vite"));

// What the service worker precaches (decision 0026): the page, and what reading and searching
// need offline (the entry and its imports, the offline search and the offline-reading notice);
// the interface strings of a language only for readers of that language. Every other chunk
// (the signed-in capabilities) is cached when first used.
const manifest = JSON.parse(readFileSync(join(root, ".vite/manifest.json"), "utf8"));
const reading = new Set();
const visit = (key) => {
  if (!manifest[key] || reading.has(key)) return;
  reading.add(key);
  for (const k of manifest[key].imports ?? []) visit(k);
};
for (const key of ["index.html", "offline.ts", "components/OfflineReading.tsx"]) {
  if (!manifest[key]) throw new Error(`precompress: ${key} is not in the build manifest`);
  visit(key);
}
const urlsOf = (key) => [manifest[key].file, ...(manifest[key].css ?? [])].map((f) => `/${f}`);
const precache = ["/", ...[...reading].flatMap(urlsOf)];
/**
 * lang -> the interface strings the reading pages load for it (dynamic imports named like
 * "fr-1234.js"). Strings a reading page loads lazily in English (a section's own set, such as the
 * practice page's standards) go to everyone: English is every reader's fallback.
 */
const precacheLanguages = {};
for (const key of reading) {
  for (const d of manifest[key].dynamicImports ?? []) {
    const lang = /(?:^|\/)(en|fr|ar|es|ru|zh)\.tsx?$/.exec(d)?.[1];
    if (lang === "en") precache.push(...urlsOf(d));
    else if (lang) (precacheLanguages[lang] ??= []).push(...urlsOf(d));
  }
}
const unique = (xs) => [...new Set(xs)];
/**
 * The lean entry of the training participant's pages (learn.html, issue 16) and its imports, with
 * the strings it loads per language: cached when such a page asks (learn/main.tsx), so a page
 * opened once works offline, without adding to what every reader of the app downloads.
 */
const learn = { shell: ["/learn.html"], languages: {} };
{
  if (!manifest["learn.html"]) throw new Error("precompress: learn.html is not in the build manifest");
  const graph = new Set();
  const walkGraph = (key) => {
    if (!manifest[key] || graph.has(key)) return;
    graph.add(key);
    for (const k of manifest[key].imports ?? []) walkGraph(k);
  };
  walkGraph("learn.html");
  learn.shell.push(...[...graph].flatMap(urlsOf));
  for (const key of graph) {
    for (const d of manifest[key].dynamicImports ?? []) {
      const lang = /(?:^|[/.])(en|fr|ar|es|ru|zh)\.tsx?$/.exec(d)?.[1];
      if (lang === "en") learn.shell.push(...urlsOf(d));
      else if (lang) (learn.languages[lang] ??= []).push(...urlsOf(d));
    }
  }
  learn.shell = unique(learn.shell);
  for (const l of Object.keys(learn.languages)) learn.languages[l] = unique(learn.languages[l]);
}
const swPath = join(root, "sw.js");
const sw = readFileSync(swPath, "utf8");
const version = createHash("sha256").update(files.map((f) => relative(root, f)).sort().join("|")).digest("base64url").slice(0, 12);
writeFileSync(swPath, sw
  .replace("self.__PRECACHE__", JSON.stringify(unique(precache)))
  .replace("self.__PRECACHE_LANGUAGES__", JSON.stringify(precacheLanguages))
  .replace("self.__PRECACHE_LEARN__", JSON.stringify(learn))
  .replace("__SW_VERSION__", version));

for (const f of walk(root).filter((f) => /\.(js|css|html|svg|json|txt)$/.test(f))) {
  const buf = readFileSync(f);
  writeFileSync(`${f}.gz`, gzipSync(buf, { level: 9 }));
  writeFileSync(`${f}.br`, brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
}
