import { api, useLoad } from "../api.js";
import { Load, useTitle } from "../components/common.js";
import { t } from "../i18n.js";
import { hasPermission, useSession } from "../platform/session.js";

const purposes = [
  { key: "understand", links: [["/manifestations", "nav.manifestations"], ["/contexts", "nav.contexts"]] },
  { key: "respond", links: [["/practices", "nav.practices"], ["/actors", "nav.actors"], ["/instruments", "nav.instruments"]] },
  { key: "monitor", links: [["/watchpoints", "nav.watchpoints"], ["/research", "nav.research"]] },
] as const;

/** What the secure workspace offers, with the way in: the workspaces when signed in, else signing in; players join with a code. */
function WorkWithIt() {
  const session = useSession();
  const way = hasPermission(session, "records.read")
    ? <a class="button" href="/workspaces">{t("home.work.open")}</a>
    : session.state === "signed-in" ? null : <a class="button" href="/login?next=%2Fworkspaces">{t("home.work.signIn")}</a>;
  return (
    <section aria-labelledby="work-h">
      <h2 id="work-h">{t("home.work.title")}</h2>
      <p>{t("home.work.lead")}</p>
      <div class="cards three">
        {(["assess", "watch", "exercise"] as const).map((k) => (
          <section class="card" key={k} aria-labelledby={`work-${k}`}>
            <h3 id={`work-${k}`}>{t(`home.work.${k}.title`)}</h3>
            <p>{t(`home.work.${k}.body`)}</p>
            {k === "exercise" ? <p><a href="/join">{t("home.work.join")}</a></p> : null}
          </section>
        ))}
      </div>
      {way ? <p>{way}</p> : null}
    </section>
  );
}

export function Home() {
  useTitle(undefined);
  const version = useLoad("version", api.version);
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p class="lead">{t("home.lead")}</p>
      <div class="cards three">
        {purposes.map((p) => (
          <section class="card" key={p.key} aria-labelledby={`purpose-${p.key}`}>
            <h2 id={`purpose-${p.key}`}>{t(`home.${p.key}.title`)}</h2>
            <p>{t(`home.${p.key}.body`)}</p>
            <ul class="inline">{p.links.map(([href, label]) => <li key={href}><a href={href}>{t(label)}</a></li>)}</ul>
          </section>
        ))}
      </div>
      <WorkWithIt />
      <h2>{t("home.frameworks")}</h2>
      <ul class="frameworks">
        <li><a href="/practices?framework=hague">{t("framework.hague")}</a> — {t("home.hagueBlurb")}</li>
        <li><a href="/practices?framework=addendum">{t("framework.addendum")}</a> — {t("home.addendumBlurb")}</li>
        <li><a href="/practices?framework=icct">{t("framework.icct")}</a> — {t("home.icctBlurb")}</li>
      </ul>
      <Load value={version}>
        {(v) => {
          const c = v.counts as { practices?: Record<string, number>; indicators?: number; instruments?: number; initiatives?: number } | undefined;
          return c?.practices ? (
            <p class="muted">{t("home.counts", { practices: Object.values(c.practices).reduce((a, b) => a + b, 0), indicators: c.indicators, instruments: c.instruments, initiatives: c.initiatives })}</p>
          ) : null;
        }}
      </Load>
      <p class="muted">{t("home.offline")}</p>
    </>
  );
}
