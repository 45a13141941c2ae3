import { api, useLoad, type Entry } from "../api.js";
import { Citation, entryPage, ExternalLink, Load, Original, PracticeRefs, Section, useTitle } from "../components/common.js";
import { t } from "../i18n.js";

export function Instruments() {
  useTitle(t("instruments.title"));
  const list = useLoad("instruments", () => api.list("instruments", { limit: 200 }));
  return (
    <>
      <h1>{t("instruments.title")}</h1>
      <p class="lead">{t("instruments.lead")}</p>
      <Load value={list}>
        {(d) => {
          const kinds = [...new Set(d.items.map((i) => String(i.instrument_kind)))].sort();
          return kinds.map((k) => (
            <section key={k} aria-labelledby={`k-${k}`}>
              <h2 id={`k-${k}`}>{t(`instrumentKind.${k}`)}</h2>
              <ul>
                {d.items.filter((i) => i.instrument_kind === k).map((i) => (
                  <li key={i.id}><a href={`/instruments/${i.id}`}>{i.title}</a>{i.year ? <span class="muted"> ({String(i.year)})</span> : null}</li>
                ))}
              </ul>
            </section>
          ));
        }}
      </Load>
    </>
  );
}

export const Instrument = entryPage("instruments", InstrumentView);

function InstrumentView({ e: i }: { e: Entry }) {
  useTitle(i.title);
  const practices = i.practices as { id: string; title: string; pinpoint?: string }[];
  return (
    <article>
      <p class="eyebrow"><a href="/instruments">{t("instruments.title")}</a> · {t(`instrumentKind.${i.instrument_kind}`)}</p>
      <h1>{i.title}</h1>
      <dl>
        {i.short ? <><dt>{t("instruments.short")}</dt><dd>{String(i.short)}</dd></> : null}
        <dt>{t("instruments.issuer")}</dt><dd><Original>{String(i.issuer)}</Original></dd>
        {i.year ? <><dt>{t("instruments.year")}</dt><dd>{String(i.year)}</dd></> : null}
        {i.link ? <><dt>{t("instruments.link")}</dt><dd><ExternalLink href={String(i.link)}>{String(i.link)}</ExternalLink></dd></> : null}
      </dl>
      <Section title={t("instruments.citedBy", { count: practices.length })} id="cited">
        <PracticeRefs items={practices} />
      </Section>
      <Citation citation={i.citation as never} />
    </article>
  );
}
