/**
 * The practice page's "Standards" section (decision 0036): the practice's crosswalk links
 * (instrument short name and pinpoint, each linking to the crosswalk page's answer for it) and
 * the practices it builds on or that build on it. Its strings load with it, not in the main bundle.
 */
import { useEffect, useState } from "preact/hooks";
import { Original, practiceLabel, Section } from "../components/common.js";
import { loadCrosswalkStrings, tx, useCrosswalkStrings } from "./strings.js";

export interface PracticeCrosswalk {
  /** `language`: what the topic or reason is in, English until translated */
  links: { instrument: string; instrument_short: string; instrument_name: string; pinpoint: string; topic: string; language?: string }[];
  builds_on: { id: string; title: string; framework?: string; reason: string; language?: string }[];
  built_on_by: { id: string; title: string; framework?: string; reason: string; language?: string }[];
}

export function PracticeStandards({ crosswalk }: { crosswalk?: PracticeCrosswalk }) {
  const [ready, setReady] = useState(false);
  useCrosswalkStrings();
  useEffect(() => { let live = true; loadCrosswalkStrings("crosswalk").then(() => live && setReady(true), () => undefined); return () => { live = false; }; }, []);
  if (!crosswalk || !ready) return null;
  const related = (title: string, id: string, items: PracticeCrosswalk["builds_on"]) => items.length > 0 && (
    <>
      <h3 id={id}>{title}</h3>
      <ul aria-labelledby={id}>{items.map((r) => <li key={r.id}><a href={`/practices/${r.id}`}>{practiceLabel(r)} — {r.title}</a><p class="muted" lang={r.language} dir="auto">{r.reason}</p></li>)}</ul>
    </>
  );
  return (
    <Section title={tx("standards")} id="standards">
      <p class="muted">{tx("standardsHint")}</p>
      {crosswalk.links.length ? (
        <ul class="standards">
          {crosswalk.links.map((l, n) => (
            <li key={n}>
              <a href={`/crosswalk?${new URLSearchParams({ q: l.pinpoint, instrument: l.instrument })}`} title={tx("findOthers", { target: `${l.instrument_short} ${l.pinpoint}` })}>
                <Original><abbr title={l.instrument_name}>{l.instrument_short}</abbr> {l.pinpoint}</Original>
              </a>: <span lang={l.language} dir="auto">{l.topic}</span>
            </li>
          ))}
        </ul>
      ) : <p class="muted">{tx("noStandards")}</p>}
      {related(tx("buildsOn"), "builds-on", crosswalk.builds_on)}
      {related(tx("builtOnBy"), "built-on-by", crosswalk.built_on_by)}
    </Section>
  );
}
