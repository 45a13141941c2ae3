import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { useOffline } from "../api.js";
import { languages, setLanguage, t, type Language, i18next } from "../i18n.js";
import { SearchBox } from "./SearchBox.js";
import { navigate } from "../router.js";
import { getJson, hasPermission, ProblemError, send, signedOut, useSession } from "../platform/session.js";

/** Unread Nexus Watch alerts: one small request when signed in, again when a page says alerts may have changed. */
function useUnreadAlerts(enabled: boolean): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!enabled) { setCount(0); return; }
    let live = true;
    const load = () => getJson<{ items: { read_at: string | null }[] }>("/api/v1/watch/alerts").then(
      (d) => live && setCount(d.items.filter((a) => !a.read_at).length),
      // Refused: no count; out of reach: the last one stays.
      (e) => live && e instanceof ProblemError && e.status > 0 && setCount(0),
    );
    void load();
    addEventListener("nexus:alerts", load);
    return () => { live = false; removeEventListener("nexus:alerts", load); };
  }, [enabled]);
  return count;
}

/** Sign-in state in the header: a "Sign in" link, or the platform pages the user may open, their name and "Sign out". */
function AccountNav({ path }: { path: string }) {
  const s = useSession();
  const current = (href: string) => (path === href || path.startsWith(`${href}/`) ? "page" : undefined);
  const signOut = async () => {
    try { await send("POST", "/api/v1/auth/logout"); } catch { /* the session is gone either way */ }
    signedOut();
    navigate("/");
  };
  const unread = useUnreadAlerts(hasPermission(s, "records.read"));
  if (s.state === "loading") return null;
  return (
    <nav class="account" aria-label={t("nav.account")}>
      <ul>
        {s.state === "anonymous" ? (
          <li><a href="/login" aria-current={current("/login")}>{t("account.signIn")}</a></li>
        ) : (
          <>
            {hasPermission(s, "records.read") && <li><a href="/workspaces" aria-current={current("/workspaces")}>{t("nav.workspaces")}</a></li>}
            {hasPermission(s, "records.read") && (
              <li>
                <a href="/watch/alerts" aria-current={current("/watch/alerts")}>
                  {t("nav.alerts")}{unread > 0 ? <> <span class="count" aria-hidden="true">{unread}</span><span class="visually-hidden"> {t("nav.unread", { count: unread })}</span></> : null}
                </a>
              </li>
            )}
            {hasPermission(s, "audit.read") && <li><a href="/oversight" aria-current={current("/oversight")}>{t("nav.oversight")}</a></li>}
            {hasPermission(s, "users.manage") && <li><a href="/admin" aria-current={current("/admin")}>{t("nav.admin")}</a></li>}
            <li class="who"><a href="/account" aria-current={current("/account")}><span class="visually-hidden">{t("account.signedInAs")} </span>{s.session.user.name}</a></li>
            <li><button type="button" class="signout" onClick={signOut}>{t("account.signOut")}</button></li>
          </>
        )}
      </ul>
    </nav>
  );
}

const nav = [
  ["/practices", "nav.practices"],
  ["/manifestations", "nav.manifestations"],
  ["/contexts", "nav.contexts"],
  ["/watchpoints", "nav.watchpoints"],
  ["/actors", "nav.actors"],
  ["/instruments", "nav.instruments"],
  ["/crosswalk", "nav.crosswalk"],
  ["/training", "nav.training"],
  ["/initiatives", "nav.initiatives"],
  ["/research", "nav.research"],
] as const;

/** Exercise participants' pages (phones, no account): a compact bar with the language, not the site's navigation. */
const participantPage = (path: string) => /^\/(join|play)(\/|$)/.test(path);

export function Layout({ path, children, onLanguage }: { path: string; children: ComponentChildren; onLanguage: () => void }) {
  const offline = useOffline();
  const language = (
    <label class="lang">
      <span class="visually-hidden">{t("nav.language")}</span>
      <select
        value={i18next.language}
        onChange={async (e) => { await setLanguage((e.target as HTMLSelectElement).value as Language); onLanguage(); }}
      >
        {languages.map((l) => <option key={l.code} value={l.code} lang={l.code}>{l.name}</option>)}
      </select>
    </label>
  );
  if (participantPage(path)) {
    return (
      <>
        <a class="skip" href="#main">{t("nav.skip")}</a>
        <header class="site compact">
          <div class="bar">
            <span class="brand">{t("app.name")}</span>
            {language}
          </div>
        </header>
        {offline && <p class="offline-banner" role="status">{t("offline.banner")}</p>}
        <main id="main" tabIndex={-1}>{children}</main>
      </>
    );
  }
  return (
    <>
      <a class="skip" href="#main">{t("nav.skip")}</a>
      <header class="site">
        <div class="bar">
          <a href="/" class="brand">{t("app.name")}</a>
          <SearchBox />
          <AccountNav path={path} />
          {language}
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
