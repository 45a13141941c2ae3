/**
 * Offline reading per language (decision 0026). The service worker keeps the knowledge bundle
 * of the languages the reader chose: the language they read in, and any they add under
 * "Offline reading" at the foot of every page. Before a bundle is downloaded, a small notice
 * says what is being saved and its size, with a way to stop it; when the browser asks to save
 * data (Save-Data), it asks first. The choices live in localStorage ("nexus.offline").
 *
 * Loaded after the page is idle (main.tsx), so none of it weighs on the first view.
 */
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { i18next, t, languages } from "../i18n.js";
import { request } from "../http.js";
import "./offlineReading.css";

const PREFS = "nexus.offline";
const NOT_NOW = "nexus.offline.notNow";
const DATA = "nexus-data";
const contentLanguages = languages.map((l) => l.code as string);

interface Prefs { enabled: boolean; keep: string[] }
interface LanguageInfo { lang: string; entries: number; translated: number; gzipBytes: number; etag: string }

export function readPrefs(): Prefs {
  try {
    const p = JSON.parse(localStorage.getItem(PREFS) ?? "{}") as Partial<Prefs>;
    return { enabled: p.enabled !== false, keep: Array.isArray(p.keep) ? p.keep.filter((l) => contentLanguages.includes(l)) : [] };
  } catch {
    return { enabled: true, keep: [] };
  }
}
const writePrefs = (p: Prefs) => localStorage.setItem(PREFS, JSON.stringify(p));

/** The languages whose bundles the reader wants: the one they read in, then those they keep. */
export function wantedLanguages(prefs: Prefs, current: string): string[] {
  if (!prefs.enabled) return [];
  return [...new Set([contentLanguages.includes(current) ? current : "en", ...prefs.keep])];
}

type Notice =
  | { kind: "none" }
  | { kind: "ask" | "saving" | "saved"; langs: string[]; bytes: number }
  | { kind: "failed" | "off" };

interface State { notice: Notice; info: LanguageInfo[]; saved: string[]; prefs: Prefs }
let state: State = { notice: { kind: "none" }, info: [], saved: [], prefs: readPrefs() };
const listeners = new Set<() => void>();
function update(change: Partial<State>) {
  state = { ...state, ...change };
  listeners.forEach((l) => l());
}

let answerAsk: ((yes: boolean) => void) | undefined;
let hideTimer: ReturnType<typeof setTimeout> | undefined;

/** Asks the service worker to keep exactly these languages, downloading those in `refresh`. */
async function tellWorker(languages: string[], refresh: string[]): Promise<{ ok: boolean; saved?: { lang: string }[] }> {
  const active = (await navigator.serviceWorker.ready).active;
  if (!active) return { ok: false };
  const channel = new MessageChannel();
  const answer = new Promise<{ ok: boolean; saved?: { lang: string }[] }>((resolve) => { channel.port1.onmessage = (e) => resolve(e.data); });
  active.postMessage({ type: "offline-languages", languages, refresh }, [channel.port2]);
  return answer;
}

async function savedLanguages(): Promise<string[]> {
  const cache = await caches.open(DATA);
  return (await cache.keys()).map((k) => new URL(k.url)).filter((u) => u.pathname === "/api/v1/bundle").map((u) => u.searchParams.get("lang") ?? "").filter(Boolean);
}

/** Brings the saved bundles in line with the reader's choices; one run at a time. */
let running: Promise<void> = Promise.resolve();
export function syncOfflineReading(): Promise<void> {
  running = running.then(syncOnce, syncOnce);
  return running;
}

async function syncOnce(): Promise<void> {
  const prefs = readPrefs();
  const wanted = wantedLanguages(prefs, i18next.language);
  if (!wanted.length) {
    await tellWorker([], []);
    update({ prefs, saved: await savedLanguages() });
    return;
  }
  let info: LanguageInfo[];
  try {
    info = (await request<{ languages: LanguageInfo[] }>("/api/v1/bundle/languages", { language: null })).languages;
  } catch {
    return; // offline or refused: keep what is saved
  }
  update({ info, prefs });
  const cache = await caches.open(DATA);
  const refresh: LanguageInfo[] = [];
  for (const lang of wanted) {
    const hit = await cache.match(`/api/v1/bundle?lang=${lang}`, { ignoreVary: true });
    const current = info.find((i) => i.lang === lang);
    if (current && hit?.headers.get("etag") !== current.etag) refresh.push(current);
  }
  if (!refresh.length) {
    await tellWorker(wanted, []);
    update({ saved: await savedLanguages() });
    return;
  }
  const langs = refresh.map((r) => r.lang);
  const bytes = refresh.reduce((n, r) => n + r.gzipBytes, 0);
  const saveData = (navigator as { connection?: { saveData?: boolean } }).connection?.saveData;
  if (saveData) {
    if (sessionStorage.getItem(NOT_NOW)) return;
    const yes = await new Promise<boolean>((resolve) => {
      answerAsk = resolve;
      show({ kind: "ask", langs, bytes });
    });
    answerAsk = undefined;
    if (!yes) {
      sessionStorage.setItem(NOT_NOW, "1");
      show({ kind: "none" });
      return;
    }
  }
  show({ kind: "saving", langs, bytes });
  const result = await tellWorker(wanted, langs).catch(() => ({ ok: false }));
  const saved = await savedLanguages();
  update({ saved });
  // The reader may have turned it off meanwhile: that notice stays.
  if (state.notice.kind !== "saving") return;
  show(result.ok ? { kind: "saved", langs, bytes } : { kind: "failed" });
}

function show(notice: Notice) {
  clearTimeout(hideTimer);
  update({ notice });
  if (notice.kind === "saved") hideTimer = setTimeout(() => update({ notice: { kind: "none" } }), 12_000);
}

function turnOff() {
  writePrefs({ ...readPrefs(), enabled: false });
  answerAsk?.(false);
  show({ kind: "off" });
  void syncOfflineReading();
}

function setPrefs(change: Partial<Prefs>) {
  writePrefs({ ...readPrefs(), ...change });
  update({ prefs: readPrefs() });
  void syncOfflineReading();
}

const languageName = (code: string) => languages.find((l) => l.code === code)?.name ?? code;
const listOf = (codes: string[]) => new Intl.ListFormat(i18next.language, { type: "conjunction" }).format(codes.map(languageName));
export const formatSize = (bytes: number, lang: string) =>
  new Intl.NumberFormat(lang, { style: "unit", unit: "kilobyte", unitDisplay: "short", maximumFractionDigits: 0 }).format(Math.max(1, Math.round(bytes / 1024)));

function useState_(): State {
  const [, set] = useState(0);
  useEffect(() => {
    const l = () => set((n) => n + 1);
    listeners.add(l);
    i18next.on("languageChanged", l);
    return () => { listeners.delete(l); i18next.off("languageChanged", l); };
  }, []);
  return state;
}

function NoticeView({ notice }: { notice: Notice }) {
  if (notice.kind === "none") return null;
  const close = () => show({ kind: "none" });
  const size = "bytes" in notice ? formatSize(notice.bytes, i18next.language) : "";
  const language = "langs" in notice ? listOf(notice.langs) : "";
  return (
    <div class="offline-notice">
      <p>{t(`offlineReading.${notice.kind}`, { language, size })}</p>
      <div class="actions">
        {notice.kind === "ask" && <button type="button" onClick={() => answerAsk?.(true)}>{t("offlineReading.save")}</button>}
        {notice.kind === "ask" && <button type="button" onClick={() => answerAsk?.(false)}>{t("offlineReading.notNow")}</button>}
        {(notice.kind === "ask" || notice.kind === "saving") && <button type="button" onClick={turnOff}>{t("offlineReading.turnOff")}</button>}
        {notice.kind !== "ask" && <button type="button" onClick={close}>{t("offlineReading.close")}</button>}
      </div>
    </div>
  );
}

function Settings({ s }: { s: State }) {
  const current = wantedLanguages({ enabled: true, keep: [] }, i18next.language)[0];
  const about = (code: string) => {
    const i = s.info.find((x) => x.lang === code);
    if (!i) return "";
    const parts = [formatSize(i.gzipBytes, i18next.language)];
    if (i.translated === 0) parts.push(t("offlineReading.englishForNow"));
    else if (i.translated < i.entries) parts.push(t("offlineReading.partly"));
    return ` (${parts.join(", ")})`;
  };
  return (
    <details class="offline-settings" onToggle={(e) => { if ((e.target as HTMLDetailsElement).open && !s.info.length) void syncOfflineReading(); }}>
      <summary>{t("offlineReading.title")}</summary>
      <label>
        <input type="checkbox" checked={s.prefs.enabled} onChange={(e) => setPrefs({ enabled: (e.target as HTMLInputElement).checked })} />
        {" "}{t("offlineReading.enabled")}
      </label>
      {s.prefs.enabled && (
        <fieldset>
          <legend>{t("offlineReading.keep")}</legend>
          {languages.map((l) => (
            <label key={l.code}>
              <input
                type="checkbox" checked={l.code === current || s.prefs.keep.includes(l.code)} disabled={l.code === current}
                onChange={(e) => {
                  const on = (e.target as HTMLInputElement).checked;
                  setPrefs({ keep: on ? [...s.prefs.keep, l.code] : s.prefs.keep.filter((k) => k !== l.code) });
                }}
              />
              {" "}<span lang={l.code}>{l.name}</span>{about(l.code)}{l.code === current ? ` · ${t("offlineReading.current")}` : ""}
            </label>
          ))}
        </fieldset>
      )}
      <p class="muted">{s.saved.length ? t("offlineReading.savedList", { languages: listOf(s.saved) }) : t("offlineReading.nothing")}</p>
    </details>
  );
}

function OfflineReading() {
  const s = useState_();
  return (
    <>
      <div role="status" aria-live="polite"><NoticeView notice={s.notice} /></div>
      <Settings s={s} />
    </>
  );
}

/** Renders the notice and the setting at the end of the page, and keeps the saved languages in line with the reader's. */
export function startOfflineReading(): void {
  const aside = document.createElement("aside");
  aside.className = "offline-reading";
  const label = () => aside.setAttribute("aria-label", t("offlineReading.title"));
  label();
  i18next.on("languageChanged", () => { label(); void syncOfflineReading(); });
  document.body.appendChild(aside);
  render(<OfflineReading />, aside);
  void syncOfflineReading().then(async () => update({ saved: await savedLanguages() }));
}
