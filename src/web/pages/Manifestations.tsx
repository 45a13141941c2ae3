import { api, useLoad, type Entry } from "../api.js";
import { Citation, Countries, Load, PracticeRefs, RefList, Section, useTitle, type PracticeRef } from "../components/common.js";
import { t } from "../i18n.js";

/** The six manifestations on the line from transactional to organizational, as the toolkit draws them. */
function Continuum({ items, current }: { items: Entry[]; current?: string }) {
  const sorted = [...items].sort((a, b) => Number(a.continuum) - Number(b.continuum));
  return (
    <figure class="continuum" aria-labelledby="continuum-caption">
      <ol>
        {sorted.map((m) => (
          <li key={m.id} class={`family-${m.family} ${m.id === current ? "current" : ""}`}>
            <a href={`/manifestations/${m.id}`} aria-current={m.id === current ? "page" : undefined}>
              <span class="step">{String(m.continuum)}</span>
              <span class="name">{m.title}</span>
              <span class="family">{t(`family.${m.family}`)}</span>
            </a>
          </li>
        ))}
      </ol>
      <div class="axis" aria-hidden="true"><span>{t("family.transactional")}</span><span>{t("family.organizational")}</span></div>
      <figcaption id="continuum-caption">{t("manifestations.caption")}</figcaption>
    </figure>
  );
}

export function Manifestations() {
  useTitle(t("manifestations.title"));
  const list = useLoad("manifestations", () => api.list("manifestations"));
  return (
    <>
      <h1>{t("manifestations.title")}</h1>
      <p class="lead">{t("manifestations.lead")}</p>
      <Load value={list}>
        {(d) => (
          <>
            <Continuum items={d.items} />
            <div class="cards">
              {d.items.map((m) => (
                <section class="card" key={m.id} aria-labelledby={`m-${m.id}`}>
                  <h2 id={`m-${m.id}`}><a href={`/manifestations/${m.id}`}>{m.title}</a></h2>
                  <p class="muted">{t(`family.${m.family}`)}</p>
                  <p>{m.summary}</p>
                </section>
              ))}
            </div>
          </>
        )}
      </Load>
    </>
  );
}

interface Evidence { indicator: string; statement: string; direction: string; strength: string; reasoning: string }

export function Manifestation({ params }: { params: Record<string, string> }) {
  const m = useLoad(`manifestation:${params.id}`, () => api.get("manifestations", params.id));
  const all = useLoad("manifestations", () => api.list("manifestations"));
  return (
    <Load value={m}>
      {(m) => <ManifestationView m={m} all={all.state === "ready" ? all.data.items : []} />}
    </Load>
  );
}

function ManifestationView({ m, all }: { m: Entry; all: Entry[] }) {
  useTitle(m.title);
  const cases = (m.cases as { summary: string; countries: string[] }[]) ?? [];
  const evidence = (m.indicators as Evidence[]) ?? [];
  return (
    <article>
      <p class="eyebrow"><a href="/manifestations">{t("manifestations.title")}</a> · {t(`family.${m.family}`)}</p>
      <h1>{m.title}</h1>
      {all.length > 0 && <Continuum items={all} current={m.id} />}
      <p class="lead">{String(m.definition)}</p>
      <Section title={t("manifestations.characteristics")} id="characteristics">
        <ul>{(m.characteristics as string[]).map((c, i) => <li key={i}>{c}</li>)}</ul>
      </Section>
      {cases.length > 0 && (
        <Section title={t("manifestations.cases")} id="cases">
          <ul>{cases.map((c, i) => <li key={i}>{c.summary} {c.countries.length ? <span class="muted">(<Countries codes={c.countries} />)</span> : null}</li>)}</ul>
        </Section>
      )}
      <Section title={t("manifestations.evidence")} id="evidence">
        <table>
          <thead><tr><th scope="col">{t("watchpoints.indicator")}</th><th scope="col">{t("watchpoints.bearing")}</th><th scope="col">{t("watchpoints.reasoning")}</th></tr></thead>
          <tbody>
            {evidence.map((e) => (
              <tr key={e.indicator}>
                <td><a href={`/indicators/${e.indicator}`}>{e.statement}</a></td>
                <td><span class={`bearing ${e.direction}`}>{t(`bearing.${e.direction}`)} · {t(`strength.${e.strength}`)}</span></td>
                <td>{e.reasoning}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title={t("manifestations.contexts")} id="contexts"><RefList base="/contexts" items={m.contexts as never} empty={t("practice.noneListed")} /></Section>
      <Section title={t("manifestations.practices")} id="practices">
        <PracticeRefs items={m.practices as PracticeRef[]} />
      </Section>
      <Citation citation={m.citation as never} />
    </article>
  );
}
