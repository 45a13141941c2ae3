import { api, useLoad, type Entry } from "../api.js";
import { Citation, ExternalLink, Load, practiceLabel, Section, useTitle } from "../components/common.js";
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

export function Instrument({ params }: { params: Record<string, string> }) {
  const v = useLoad(`instrument:${params.id}`, () => api.get("instruments", params.id));
  return <Load value={v}>{(i) => <InstrumentView i={i} />}</Load>;
}

function InstrumentView({ i }: { i: Entry }) {
  useTitle(i.title);
  const practices = i.practices as { id: string; title: string; pinpoint?: string }[];
  return (
    <article>
      <p class="eyebrow"><a href="/instruments">{t("instruments.title")}</a> · {t(`instrumentKind.${i.instrument_kind}`)}</p>
      <h1>{i.title}</h1>
      <dl>
        {i.short ? <><dt>{t("instruments.short")}</dt><dd>{String(i.short)}</dd></> : null}
        <dt>{t("instruments.issuer")}</dt><dd>{String(i.issuer)}</dd>
        {i.year ? <><dt>{t("instruments.year")}</dt><dd>{String(i.year)}</dd></> : null}
        {i.link ? <><dt>{t("instruments.link")}</dt><dd><ExternalLink href={String(i.link)}>{String(i.link)}</ExternalLink></dd></> : null}
      </dl>
      <Section title={t("instruments.citedBy", { count: practices.length })} id="cited">
        <ul>{practices.map((p, n) => <li key={`${p.id}-${n}`}><a href={`/practices/${p.id}`}>{practiceLabel(p)} — {p.title}</a>{p.pinpoint ? <span class="pinpoint"> ({p.pinpoint})</span> : null}</li>)}</ul>
      </Section>
      <Citation citation={i.citation as never} />
    </article>
  );
}
