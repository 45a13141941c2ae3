/**
 * The lean entry of the training participant's pages (learn.html): /learn, /learn/test/:phase,
 * /training, /training/:audience, /training/:audience/:module, /training/verify/:code. A phone
 * downloads a compact header and the training chunk, not the app (app.tsx, Layout, the whole
 * interface strings and message catalogue), so the first view stays within 60 KB gzipped and the
 * pages work offline after one visit. Any other link is a normal page load into the main app.
 */
import i18next from "i18next";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import "../styles.css";
import { applyDocumentLanguage, initialLanguage, languages, type Language } from "../languages.js";
import { match, navigate, useLocation } from "../router.js";
import { loadHome, loadLearn, loadLearnTest, loadModule, loadPath, loadVerify } from "../training/Training.js";
import { isParticipantPath } from "./paths.js";
import { leanStrings } from "./strings.js";

type Page = (props: { params: Record<string, string>; query: URLSearchParams }) => preact.JSX.Element;

const initial = initialLanguage();
i18next.init({
  lng: initial,
  fallbackLng: "en",
  resources: Object.fromEntries(Object.entries(leanStrings).map(([l, s]) => [l, { translation: s }])),
  interpolation: { escapeValue: false },
  initImmediate: false,
} as Parameters<typeof i18next.init>[0]);
applyDocumentLanguage(initial);
const t = (key: string, options?: Record<string, unknown>) => String(i18next.t(key, options as never));

const routes: [string, () => Promise<Page>][] = [
  ["/training", loadHome],
  ["/training/verify/:code", loadVerify],
  ["/learn", loadLearn],
  ["/learn/test/:phase", loadLearnTest],
  ["/training/:audience", loadPath],
  ["/training/:audience/:module", loadModule],
];
const pages = new Map<string, Page>();

function Route({ pattern, load, params, query }: { pattern: string; load: () => Promise<Page>; params: Record<string, string>; query: URLSearchParams }) {
  const [, setReady] = useState(0);
  const [failed, setFailed] = useState(false);
  const Loaded = pages.get(pattern);
  useEffect(() => {
    if (Loaded) return;
    let live = true;
    load().then((p) => { pages.set(pattern, p); if (live) setReady((n) => n + 1); }, () => live && setFailed(true));
    return () => { live = false; };
  }, [pattern]);
  if (Loaded) return <Loaded params={params} query={query} />;
  if (failed) return <><h1>{t("common.loadFailedTitle")}</h1><p role="alert" class="error">{t("common.loadFailed")}</p></>;
  return <p class="muted" role="status">{t("common.loading")}</p>;
}

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const f = () => setOnline(navigator.onLine);
    addEventListener("online", f);
    addEventListener("offline", f);
    return () => { removeEventListener("online", f); removeEventListener("offline", f); };
  }, []);
  return online;
}

function Shell() {
  const url = useLocation();
  const [, setLang] = useState(0);
  const online = useOnline();
  let page = <><h1>{t("notFound.title")}</h1><p>{t("notFound.body")}</p><p><a href="/">{t("notFound.home")}</a></p></>;
  for (const [pattern, load] of routes) {
    const params = match(pattern, url.pathname);
    if (params && isParticipantPath(url.pathname)) { page = <Route key={pattern} pattern={pattern} load={load} params={params} query={url.searchParams} />; break; }
  }
  const choose = async (code: Language) => {
    localStorage.setItem("nexus.lang", code);
    await i18next.changeLanguage(code);
    applyDocumentLanguage(code);
    setLang((n) => n + 1);
  };
  return (
    <>
      <a class="skip" href="#main">{t("nav.skip")}</a>
      <header class="site compact">
        <div class="bar">
          <a href="/" class="brand">{t("app.name")}</a>
          <label class="lang">
            <span class="visually-hidden">{t("nav.language")}</span>
            <select value={i18next.language} onChange={(e) => void choose((e.target as HTMLSelectElement).value as Language)}>
              {languages.map((l) => <option key={l.code} value={l.code} lang={l.code}>{l.name}</option>)}
            </select>
          </label>
        </div>
      </header>
      {!online && <p class="offline-banner" role="status">{t("offline.banner")}</p>}
      <main id="main" tabIndex={-1}>{page}</main>
    </>
  );
}

// Links to another participant page navigate in place; any other page (the knowledge base, the
// trainer's pages) is a normal load of the main app.
document.addEventListener("click", (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const a = (e.target as Element).closest?.("a");
  if (!a || a.target || a.hasAttribute("download")) return;
  const href = a.getAttribute("href");
  if (!href || !href.startsWith("/") || !isParticipantPath(new URL(href, location.origin).pathname)) return;
  e.preventDefault();
  navigate(href);
});

render(<Shell />, document.getElementById("app")!);

// Offline after one visit: the service worker keeps this entry, its imports and the reader's
// strings (PRECACHE_LEARN, written by scripts/precompress.mjs), again when the language changes.
// The knowledge bundle is not downloaded here: a participant's phone saves only what it shows.
async function keepOffline(): Promise<void> {
  const active = (await navigator.serviceWorker.ready).active;
  active?.postMessage({ type: "learn-offline", languages: [i18next.language] });
}
if ("serviceWorker" in navigator && location.protocol !== "file:") {
  addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js").then(keepOffline).catch(() => undefined);
    i18next.on("languageChanged", () => void keepOffline().catch(() => undefined));
  });
}
