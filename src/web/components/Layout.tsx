import type { ComponentChildren } from "preact";
import { useOffline } from "../api.js";
import { languages, setLanguage, t, type Language, i18next } from "../i18n.js";
import { SearchBox } from "./SearchBox.js";

const nav = [
  ["/practices", "nav.practices"],
  ["/manifestations", "nav.manifestations"],
  ["/contexts", "nav.contexts"],
  ["/watchpoints", "nav.watchpoints"],
  ["/actors", "nav.actors"],
  ["/instruments", "nav.instruments"],
  ["/initiatives", "nav.initiatives"],
  ["/research", "nav.research"],
] as const;

export function Layout({ path, children, onLanguage }: { path: string; children: ComponentChildren; onLanguage: () => void }) {
  const offline = useOffline();
  return (
    <>
      <a class="skip" href="#main">{t("nav.skip")}</a>
      <header class="site">
        <div class="bar">
          <a href="/" class="brand">{t("app.name")}</a>
          <SearchBox />
          <label class="lang">
            <span class="visually-hidden">{t("nav.language")}</span>
            <select
              value={i18next.language}
              onChange={async (e) => { await setLanguage((e.target as HTMLSelectElement).value as Language); onLanguage(); }}
            >
              {languages.map((l) => <option key={l.code} value={l.code} lang={l.code}>{l.name}</option>)}
            </select>
          </label>
        </div>
        <nav aria-label={t("nav.main")}>
          <ul>
            {nav.map(([href, key]) => (
              <li key={href}><a href={href} aria-current={path === href || path.startsWith(`${href}/`) ? "page" : undefined}>{t(key)}</a></li>
            ))}
          </ul>
        </nav>
      </header>
      {offline && <p class="offline-banner" role="status">{t("offline.banner")}</p>}
      <main id="main" tabIndex={-1}>{children}</main>
      <footer class="site">
        <p>{t("footer.about")}</p>
        <p><a href="/api/v1/openapi.json">{t("footer.api")}</a></p>
      </footer>
    </>
  );
}
