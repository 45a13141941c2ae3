/**
 * The Rate tab: one practice at a time (the practices in scope by framework and area; the chosen
 * one's form, guidance, ratings, evidence and responsibilities) or every practice in one grid.
 */
import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n.js";
import { tp } from "./strings.js";
import { getJson } from "../platform/session.js";
import { problemText } from "../platform/ui.js";
import { Evidence } from "./Evidence.js";
import { Guidance, type GuidanceData } from "./Guidance.js";
import { AgreeForm, OtherRatings, RatingForm } from "./RatingForms.js";
import { RatingGrid } from "./RatingGrid.js";
import { Responsibilities } from "./Responsibilities.js";
import { enc, EnglishNote, frameworksOf, practiceName, practiceShort, usePractices, type PracticeFull, type PracticeInfo, type Summary } from "./shared.js";

interface Props {
  summary: Summary; me: string; canWrite: boolean; canCoordinate: boolean; practice: string | null; view: string | null;
  onPractice: (id: string) => void; onView: (view: "one" | "grid") => void; onChange: () => void;
}

/** Below this width the list of practices folds away and a select picks the practice (styles.css keeps the same breakpoint). */
const NARROW = "(max-width: 56rem)";
const isNarrow = () => typeof matchMedia === "function" && matchMedia(NARROW).matches;

export function RateTab({ summary, me, canWrite, canCoordinate, practice, view, onPractice, onView, onChange }: Props) {
  const all = usePractices();
  const inScope = (all ?? []).filter((p) => summary.practices.includes(p.id));
  const chosen = practice && summary.practices.includes(practice) ? practice : summary.practices[0] ?? null;
  const grid = view === "grid" && canWrite;
  // On a phone the list of 25 practices would push the form thousands of pixels down: it starts folded.
  const [listOpen, setListOpen] = useState(() => !isNarrow());
  /** Set when the reader picks a practice, so its form takes the focus once loaded (not on first load). */
  const [focusFor, setFocusFor] = useState<string | null>(null);
  const pick = (id: string) => {
    setFocusFor(id);
    if (isNarrow()) setListOpen(false);
    onPractice(id);
  };
  return (
    <section aria-labelledby="rate-h">
      <h2 id="rate-h">{tp("rate.title")}</h2>
      <p class="hint">{tp("rate.lead")}</p>
      {canWrite ? (
        <div class="tabs plan-rate-views" role="group" aria-label={tp("rate.views")}>
          <button type="button" aria-pressed={grid ? "false" : "true"} onClick={() => onView("one")}>{tp("rate.viewOne")}</button>
          <button type="button" aria-pressed={grid ? "true" : "false"} onClick={() => onView("grid")}>{tp("rate.viewGrid")}</button>
        </div>
      ) : null}
      {grid ? (all === null ? <p class="muted" role="status">{t("common.loading")}</p> : <RatingGrid summary={summary} practices={inScope} me={me} onChange={onChange} />) : (
        <div class="plan-rate">
          <div class="plan-rate-side">
            {all !== null && chosen ? (
              <div class="field plan-pick-select">
                <label for="rate-pick">{tp("rate.pick")}</label>
                <select id="rate-pick" value={chosen} onChange={(e) => pick(e.currentTarget.value)}>
                  {inScope.map((p) => <option key={p.id} value={p.id}>{practiceShort(p.id)} — {p.title} ({tp(`rate.state.${stateOf(summary, me, p.id)}`)})</option>)}
                </select>
              </div>
            ) : null}
            <details class="plan-practices-fold" open={listOpen} onToggle={(e) => setListOpen((e.currentTarget as HTMLDetailsElement).open)}>
              <summary>{tp("rate.listSummary", { n: inScope.length, rated: inScope.filter((p) => stateOf(summary, me, p.id) !== "open").length })}</summary>
              <nav class="plan-practices" aria-labelledby="rate-list-h">
                <h3 id="rate-list-h" class="visually-hidden">{tp("rate.list")}</h3>
                {all === null ? <p class="muted" role="status">{t("common.loading")}</p> : <PracticeList practices={inScope} summary={summary} me={me} chosen={chosen} onPick={pick} />}
              </nav>
            </details>
          </div>
          <div class="plan-practice">
            {chosen ? <PracticePanel key={chosen} id={chosen} summary={summary} me={me} canWrite={canWrite} canCoordinate={canCoordinate} onChange={onChange}
              focus={focusFor === chosen} onFocused={() => setFocusFor(null)} /> : <p class="muted">{tp("rate.noPractices")}</p>}
          </div>
        </div>
      )}
    </section>
  );
}

/** The state of a practice for the list: agreed, disagreement, rated by you, or not yet. */
function stateOf(summary: Summary, me: string, id: string): "agreed" | "disagree" | "rated" | "open" {
  if (summary.disagreements.some((d) => d.practice === id)) return "disagree";
  if (summary.agreed.some((a) => a.practice === id && a.cycle === (summary.review?.number ?? 1))) return "agreed";
  if (summary.ratings.some((r) => r.practice === id && r.contributor_id === me)) return "rated";
  return "open";
}

function PracticeList({ practices, summary, me, chosen, onPick }: { practices: PracticeInfo[]; summary: Summary; me: string; chosen: string | null; onPick: (id: string) => void }) {
  return (
    <>
      {frameworksOf(practices).map((f) => (
        <div key={f.framework} class="plan-fw">
          <p class="plan-fw-name">{t(`framework.${f.framework}`)}</p>
          {f.areas.map((a) => (
            <div key={a}>
              {a !== f.framework ? <p class="plan-area-name" id={`area-${a}`}>{t(`area.${a}`)}</p> : null}
              <ul aria-labelledby={a !== f.framework ? `area-${a}` : undefined}>
                {practices.filter((p) => p.area === a).map((p) => {
                  const st = stateOf(summary, me, p.id);
                  return (
                    <li key={p.id}>
                      <button type="button" class={`plan-pick plan-state-${st}`} aria-current={p.id === chosen ? "true" : undefined} onClick={() => onPick(p.id)}>
                        <span class="plan-pick-id">{practiceShort(p.id)}</span> <span class="plan-pick-title" dir="auto">{p.title}</span>
                        <span class="plan-pick-state">{tp(`rate.state.${st}`)}</span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </div>
      ))}
    </>
  );
}

function PracticePanel({ id, summary, me, canWrite, canCoordinate, onChange, focus, onFocused }: {
  id: string; summary: Summary; me: string; canWrite: boolean; canCoordinate: boolean; onChange: () => void; focus: boolean; onFocused: () => void;
}) {
  const [practice, setPractice] = useState<PracticeFull | null>(null);
  const [guidance, setGuidance] = useState<GuidanceData | "missing" | null>(null);
  const [error, setError] = useState<unknown>(null);
  const all = usePractices();
  useEffect(() => {
    let live = true;
    getJson<PracticeFull>(`/api/v1/practices/${enc(id)}`).then((p) => live && setPractice(p), (e) => live && setError(e));
    getJson<GuidanceData>(`/api/v1/rating-guidance/${enc(id)}`).then((g) => live && setGuidance(g), () => live && setGuidance("missing"));
    return () => { live = false; };
  }, [id]);
  // A practice picked from the list or the select: once it has loaded, the form's heading takes the
  // focus (and scrolls into view), so keyboard and screen-reader users land where they rate.
  useEffect(() => {
    if (!focus || !practice) return;
    const heading = document.getElementById(canWrite ? "my-rating-h" : "practice-h");
    heading?.focus({ preventScroll: true });
    heading?.scrollIntoView({ block: "start" });
    onFocused();
  }, [focus, practice]);
  if (error) return <p class="error" role="alert">{problemText(error)}</p>;
  if (!practice) return <p class="muted" role="status">{t("common.loading")}</p>;
  const ratings = summary.ratings.filter((r) => r.practice === id);
  const disagreement = summary.disagreements.find((d) => d.practice === id);
  return (
    <article aria-labelledby="practice-h">
      <h3 id="practice-h" tabIndex={-1}>{practiceShort(id)} — {practice.title}</h3>
      <p><a href={`/practices/${enc(id)}`}>{tp("rate.readPractice")}</a></p>
      <EnglishNote language={practice.language} />
      {/* The form first, the guidance it refers to right below: on a phone the form is in the first screen. */}
      {canWrite && <RatingForm key={`${id}-${summary.review?.number ?? 0}`} saId={summary.id} practice={practice} mine={ratings.find((r) => r.contributor_id === me)} lastInstitution={summary.ratings.find((r) => r.contributor_id === me)?.institution ?? ""} onSaved={onChange}
        proposal={summary.proposals?.find((x) => x.practice === id)} nameOf={(p) => practiceName(all, p)} />}
      {guidance === null ? <p class="muted" role="status">{t("common.loading")}</p> : guidance === "missing" ? <p class="muted">{tp("guidance.missing")}</p> : <Guidance g={guidance} practice={practice} language={practice.language ?? "en"} />}
      <OtherRatings ratings={ratings} me={me} disagreement={Boolean(disagreement)} />
      <AgreeForm saId={summary.id} practice={id} summary={summary} disagreement={Boolean(disagreement)} canCoordinate={canCoordinate} onSaved={onChange} />
      <Evidence saId={summary.id} practice={id} items={(summary.evidence ?? []).filter((e) => e.practice === id)} canWrite={canWrite} onChange={onChange} />
      <Responsibilities saId={summary.id} practice={practice} detail={(summary.details ?? []).find((d) => d.practice === id)} units={summary.units ?? []} canWrite={canWrite} onSaved={onChange} />
    </article>
  );
}
