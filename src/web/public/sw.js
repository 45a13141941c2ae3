// Service worker: keeps the app shell and the knowledge bundle so the repository can be
// read and searched offline after one visit. The precache list is written at build time.
const PRECACHE = self.__PRECACHE__ || [];
const SHELL = "nexus-shell-__SW_VERSION__";
const DATA = "nexus-data";

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

async function networkFirst(request, cacheName, fallbackKey) {
  try {
    const response = await fetch(request);
    if (response.ok) (await caches.open(cacheName)).put(fallbackKey || request, response.clone());
    return response;
  } catch {
    const cached = await caches.match(fallbackKey || request);
    return cached || offlineProblem();
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(async () => (await caches.match("/")) || offlineProblem()));
  } else if (url.pathname.startsWith("/assets/")) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  } else if (url.pathname === "/api/v1/bundle") {
    event.respondWith(networkFirst(request, DATA, "/api/v1/bundle"));
  } else if (url.pathname.startsWith("/api/")) {
    event.respondWith(fetch(request).catch(offlineProblem));
  }
});
