// Service worker: keeps the app shell, and the knowledge bundle of each language the reader
// chose, so the repository can be read and searched offline after one visit (decision 0026).
// The precache lists are written at build time (scripts/precompress.mjs): what reading needs,
// and per language its interface strings; any other asset is kept when first used. The page
// says which languages to keep (a message "offline-languages"); only those are saved.
const PRECACHE = self.__PRECACHE__ || [];
const PRECACHE_LANGUAGES = self.__PRECACHE_LANGUAGES__ || {};
// The lean entry of the training participant's pages and its imports (and per language its strings),
// cached when such a page asks ("learn-offline"), not for every reader.
const PRECACHE_LEARN = self.__PRECACHE_LEARN__ || { shell: [], languages: {} };
const SHELL = "nexus-shell-__SW_VERSION__";
const DATA = "nexus-data";
const BUNDLE = "/api/v1/bundle";
const LANGUAGES = ["en", "fr", "ar", "es", "ru", "zh"];
const bundleKey = (lang) => `${BUNDLE}?lang=${lang}`;
// Bundles vary by Accept-Language only when no `lang` is asked; the saved ones always name it.
const ANY_VARY = { ignoreVary: true };
// The training participant's pages (src/web/learn/paths.ts has the same test).
const PARTICIPANT_PATH = /^\/(learn(\/test\/[^/]+)?|training(\/verify\/[^/]+|\/(?!workspaces\/|cohorts\/)[^/]+(\/[^/]+)?)?)\/?$/;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((c) => c.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL && k !== DATA).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

const offlineProblem = () =>
  new Response(JSON.stringify({ title: "Offline", status: 503, detail: "The server cannot be reached." }), {
    status: 503,
    headers: { "content-type": "application/problem+json", "x-nexus-offline": "1" },
  });

/** The language a bundle request or cache key is for, or null for the old key without one. */
const langOf = (url) => new URL(url).searchParams.get("lang");

/**
 * A bundle from the network while it answers; else the saved bundle of the language asked,
 * else one of another kept language (English first): its `lang` and each entry's `language`
 * say what the reader gets.
 */
async function bundleResponse(request) {
  try {
    const response = await fetch(request);
    if (response.status < 500) return response;
  } catch { /* offline: the saved copy below */ }
  const cache = await caches.open(DATA);
  const lang = langOf(request.url);
  const exact = lang && (await cache.match(bundleKey(lang), ANY_VARY));
  if (exact) return exact;
  for (const other of ["en", ...LANGUAGES]) {
    const hit = await cache.match(bundleKey(other), ANY_VARY);
    if (hit) return hit;
  }
  return offlineProblem();
}

/**
 * Keeps the bundles of `languages` and drops every other: `refresh` lists those to download
 * again (missing, or saved for an older content version); the others are revalidated by their
 * ETag only when asked. Answers what was saved, per language.
 */
async function keepLanguages(languages, refresh) {
  const wanted = languages.filter((l) => LANGUAGES.includes(l));
  const cache = await caches.open(DATA);
  for (const key of await cache.keys()) {
    if (new URL(key.url).pathname === BUNDLE && !wanted.includes(langOf(key.url))) await cache.delete(key, ANY_VARY);
  }
  // The interface strings of the kept languages, so the reader can switch to one offline.
  const shell = await caches.open(SHELL);
  for (const lang of wanted) await shell.addAll(PRECACHE_LANGUAGES[lang] || []).catch(() => undefined);
  const saved = [];
  for (const lang of wanted) {
    const old = await cache.match(bundleKey(lang), ANY_VARY);
    if (old && !refresh.includes(lang)) { saved.push({ lang, changed: false }); continue; }
    const etag = old && old.headers.get("etag");
    const response = await fetch(bundleKey(lang), { headers: etag ? { "if-none-match": etag } : {}, cache: "no-store" });
    if (response.status === 304 && old) { saved.push({ lang, changed: false }); continue; }
    if (!response.ok) throw new Error(`${lang}: HTTP ${response.status}`);
    await cache.put(bundleKey(lang), response);
    saved.push({ lang, changed: true });
  }
  return saved;
}

/** Assets have content-hashed names: the saved copy if any, else the network's, kept for next time. */
async function assetResponse(request) {
  const hit = await caches.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    caches.open(SHELL).then((c) => c.put(request, copy)).catch(() => undefined);
  }
  return response;
}

self.addEventListener("message", (event) => {
  const message = event.data;
  if (!message || message.type !== "offline-languages") return;
  const reply = (body) => event.ports[0] && event.ports[0].postMessage(body);
  event.waitUntil(
    keepLanguages(message.languages || [], message.refresh || [])
      .then((saved) => reply({ ok: true, saved }), (error) => reply({ ok: false, error: String(error && error.message || error) })),
  );
});

self.addEventListener("message", (event) => {
  const message = event.data;
  if (!message || message.type !== "learn-offline") return;
  const urls = [...PRECACHE_LEARN.shell, ...(message.languages || []).flatMap((l) => PRECACHE_LEARN.languages[l] || [])];
  const reply = (body) => event.ports[0] && event.ports[0].postMessage(body);
  event.waitUntil(
    caches.open(SHELL)
      .then((c) => Promise.all(urls.map(async (u) => { if (!(await c.match(u))) await c.add(u); })))
      .then(() => reply({ ok: true, urls }), (error) => reply({ ok: false, error: String(error && error.message || error) })),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== location.origin) return;
  if (request.mode === "navigate") {
    // Offline, a training participant's page gets the lean entry (learn.html; the same test as src/web/learn/paths.ts).
    const shell = PARTICIPANT_PATH.test(url.pathname) ? "/learn.html" : "/";
    event.respondWith(fetch(request).catch(async () => (await caches.match(shell)) || (await caches.match("/")) || offlineProblem()));
  } else if (url.pathname.startsWith("/assets/")) {
    event.respondWith(assetResponse(request));
  } else if (url.pathname === BUNDLE) {
    event.respondWith(bundleResponse(request));
  } else if (url.pathname.startsWith("/api/")) {
    event.respondWith(fetch(request).catch(offlineProblem));
  }
});
