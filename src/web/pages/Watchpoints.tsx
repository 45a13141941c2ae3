import { useEffect } from "preact/hooks";
import { api, useLoad, type Entry } from "../api.js";
import { Citation, entryPage, Load, PracticeRefs, Section, useTitle } from "../components/common.js";
import { t } from "../i18n.js";

interface Link { manifestation: string; name: string; direction: string; strength: string; reasoning: string }
interface IndicatorBody { id: string; statement: string; question: string; present_when: string; links: Link[]; practices: { id: string; title: string }[] }

/** A link's target: a manifestation page, or "no nexus evident", which has no page of its own. */
function Target({ l }: { l: Link }) {
  return l.manifestation === "no-nexus" ? <span>{t("watchpoints.noNexus")}</span> : <a href={`/manifestations/${l.manifestation}`}>{l.name}</a>;
}

function Bearings({ links }: { links: Link[] }) {
  return (
    <ul class="bearings">
      {links.map((l) => (
        <li key={l.manifestation} class={`bearing ${l.direction}`} title={l.reasoning}>
          <Target l={l} /> <span>{t(`bearing.${l.direction}`)} · {t(`strength.${l.strength}`)}</span>
        </li>
      ))}
    </ul>
  );
}

export function Watchpoints({ params }: { params: Record<string, string> }) {
  useTitle(t("watchpoints.title"));
  const list = useLoad("watchpoints", () => api.list("watchpoints"));
  useEffect(() => {
    if (params.id && list.state === "ready") document.getElementById(params.id)?.scrollIntoView();
  }, [params.id, list.state]);
  return (
    <>
      <h1>{t("watchpoints.title")}</h1>
      <p class="lead">{t("watchpoints.lead")}</p>
      <Load value={list}>
        {(d) => (
          <>
            {(["environmental", "organizational", "search"] as const).map((group) => (
              <section key={group} aria-labelledby={`group-${group}`}>
                <h2 id={`group-${group}`}>{t(`watchpoints.group.${group}`)}</h2>
                {d.items.filter((f) => f.group === group).map((f) => <Factor key={f.id} f={f} />)}
              </section>
            ))}
          </>
        )}
      </Load>
    </>
  );
}

function Factor({ f }: { f: Entry }) {
  return (
    <section class="factor" id={f.id} aria-labelledby={`${f.id}-h`}>
      <h3 id={`${f.id}-h`}>{f.title}</h3>
      <p class="question">{String(f.question)}</p>
      <ul class="indicators">
        {(f.indicators as IndicatorBody[]).map((i) => (
          <li key={i.id}>
            <a href={`/indicators/${i.id}`}>{i.statement}</a>
            <Bearings links={i.links} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export const Indicator = entryPage("indicators", IndicatorView);

function IndicatorView({ e }: { e: Entry }) {
  const i = e as unknown as IndicatorBody & Entry;
  useTitle(i.statement);
  const factor = i.factor as { id: string; name: string };
  return (
    <article>
      <p class="eyebrow"><a href="/watchpoints">{t("watchpoints.title")}</a> · <a href={`/watchpoints/${factor.id}`}>{factor.name}</a></p>
      <h1>{i.statement}</h1>
      <dl>
        <dt>{t("watchpoints.question")}</dt><dd>{i.question}</dd>
        <dt>{t("watchpoints.presentWhen")}</dt><dd>{i.present_when}</dd>
      </dl>
      <Section title={t("watchpoints.bearingOn")} id="bearing">
        <table>
          <thead><tr><th scope="col">{t("nav.manifestations")}</th><th scope="col">{t("watchpoints.bearing")}</th><th scope="col">{t("watchpoints.reasoning")}</th></tr></thead>
          <tbody>{i.links.map((l) => (
            <tr key={l.manifestation}><td><Target l={l} /></td><td><span class={`bearing ${l.direction}`}>{t(`bearing.${l.direction}`)} · {t(`strength.${l.strength}`)}</span></td><td>{l.reasoning}</td></tr>
          ))}</tbody>
        </table>
      </Section>
      <Section title={t("watchpoints.responses")} id="responses">
        <PracticeRefs items={i.practices} />
      </Section>
      <Citation citation={i.citation as never} />
    </article>
  );
}
