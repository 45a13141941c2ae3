import { useState } from "preact/hooks";
import { api, useLoad } from "../api.js";
import { Citation, Countries, ExternalLink, Load, Original, practiceLabel, Section, useTitle } from "../components/common.js";
import { t } from "../i18n.js";
import { PracticeStandards, type PracticeCrosswalk } from "../crosswalk/PracticeStandards.js";

interface Step { number: number; text: string; points: string[] }
interface PracticeBody {
  id: string; title: string; summary: string; framework: string; area: string; number: number;
  framework_name: string; area_name: string;
  merged_with?: { id: string; title: string };
  steps: Step[];
  actors: { id: string; name: string }[];
  instruments: { id: string; name: string; pinpoint?: string; link?: string | null }[];
  examples: { id: string; name: string; organisation?: string; countries: string[]; link?: string | null; summary?: string }[];
  related: { id: string; title: string; reason: string }[];
  manifestations: { id: string; name: string }[];
  indicators: { id: string; statement: string; factor?: string }[];
  citation: { source: string; locator: string; title?: string };
  /** the standards crosswalk (decision 0036); absent in an offline copy */
  crosswalk?: PracticeCrosswalk;
}

/** Step checklist ticks are the reader's own notes: kept in this browser only. */
function useChecklist(id: string) {
  const key = `nexus.checklist.${id}`;
  const [done, setDone] = useState<string[]>(() => JSON.parse(localStorage.getItem(key) ?? "[]"));
  const toggle = (step: string) => {
    const next = done.includes(step) ? done.filter((s) => s !== step) : [...done, step];
    localStorage.setItem(key, JSON.stringify(next));
    setDone(next);
  };
  return { done, toggle };
}

export function Practice({ params }: { params: Record<string, string> }) {
  const value = useLoad(`practice:${params.id}`, () => api.get("practices", params.id) as unknown as Promise<PracticeBody>);
  return <Load value={value}>{(p) => <PracticeView p={p} />}</Load>;
}

function PracticeView({ p }: { p: PracticeBody }) {
  useTitle(`${practiceLabel(p)} — ${p.title}`);
  const { done, toggle } = useChecklist(p.id);
  return (
    <article class="practice" lang={String((p as { language?: string }).language ?? "en")} dir={(p as { language?: string }).language === "ar" ? "rtl" : "ltr"}>
      <p class="eyebrow"><a href={`/practices?framework=${p.framework}`}>{t(`framework.${p.framework}`)}</a> · <a href={`/practices?framework=${p.framework}&area=${p.area}`}>{t(`area.${p.area}`)}</a></p>
      <h1><span class="num">{practiceLabel(p)}</span> {p.title}</h1>
      {p.merged_with && (
        <p class="note">{t("practice.mergedNote")} <a href={`/practices/${p.merged_with.id}`}>{practiceLabel(p.merged_with)} — {p.merged_with.title}</a></p>
      )}
      <p class="lead">{p.summary}</p>
      <div class="actions no-print">
        <button type="button" onClick={() => print()}>{t("practice.print")}</button>
      </div>

      <Section title={t("practice.steps")} id="steps">
        <p class="muted no-print">{t("practice.checklistHint", { done: done.length, total: p.steps.length })}</p>
        <ol class="steps">
          {p.steps.map((s) => (
            <li key={s.number}>
              <label>
                <input type="checkbox" checked={done.includes(String(s.number))} onChange={() => toggle(String(s.number))} />
                <span>{s.text}</span>
              </label>
              {s.points.length > 0 && <ul>{s.points.map((pt, i) => <li key={i}>{pt}</li>)}</ul>}
            </li>
          ))}
        </ol>
      </Section>

      <div class="columns">
        <Section title={t("practice.actors")} id="actors">
          {p.actors.length ? (
            <ul class="chips">{p.actors.map((a) => <li key={a.id}><a href={`/actors/${a.id}`}>{a.name}</a></li>)}</ul>
          ) : <p class="muted">{t("practice.noneListed")}</p>}
        </Section>
        <Section title={t("practice.instruments")} id="instruments">
          {p.instruments.length ? (
            <ul>{p.instruments.map((i) => (
              <li key={i.id}><a href={`/instruments/${i.id}`}>{i.name}</a>{i.pinpoint ? <span class="pinpoint">, <Original>{i.pinpoint}</Original></span> : null}</li>
            ))}</ul>
          ) : <p class="muted">{t("practice.noneListed")}</p>}
        </Section>
      </div>

      <PracticeStandards crosswalk={p.crosswalk} />

      <Section title={t("practice.examples")} id="examples">
        {p.examples.length ? (
          <ul class="examples">
            {p.examples.map((e) => (
              <li key={e.id}>
                <strong><ExternalLink href={e.link}>{e.name}</ExternalLink></strong>
                {e.organisation ? <span> — <Original>{e.organisation}</Original></span> : null}
                {e.countries.length ? <span class="muted"> (<Countries codes={e.countries} />)</span> : null}
                {e.summary ? <p>{e.summary}</p> : null}
              </li>
            ))}
          </ul>
        ) : <p class="muted">{t("practice.noneListed")}</p>}
      </Section>

      {p.related.length > 0 && (
        <Section title={t("practice.related")} id="related">
          <ul>{p.related.map((r) => (
            <li key={r.id}><a href={`/practices/${r.id}`}>{practiceLabel(r)} — {r.title}</a><p class="muted">{r.reason}</p></li>
          ))}</ul>
        </Section>
      )}
      {(p.manifestations.length > 0 || p.indicators.length > 0) && (
        <Section title={t("practice.addresses")} id="addresses">
          {p.manifestations.length > 0 && (
            <p>{t("practice.manifestations")}: {p.manifestations.map((m, i) => <>{i > 0 && ", "}<a href={`/manifestations/${m.id}`}>{m.name}</a></>)}</p>
          )}
          {p.indicators.length > 0 && (
            <ul>{p.indicators.map((i) => <li key={i.id}><a href={`/indicators/${i.id}`}>{i.statement}</a>{i.factor ? <span class="muted"> ({i.factor})</span> : null}</li>)}</ul>
          )}
        </Section>
      )}
      <Citation citation={p.citation} />
    </article>
  );
}
