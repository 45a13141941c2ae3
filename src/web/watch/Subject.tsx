/** An area or group: its live analysis, observations, monthly timeline and assessments. */
import { useState } from "preact/hooks";
import { countryName, practiceLabel, useTitle } from "../components/common.js";
import { t } from "../i18n.js";
import { getJson, ProblemError, send, type Session } from "../platform/session.js";
import { Field, fieldError, FormProblem, formatDate, Guard, onSubmit, problemText, Show, TlpBadge, useResource, useSubmit } from "../platform/ui.js";
import {
  alertsChanged, CheckList, CredibilitySelect, En, EnglishNote, enc, IndicatorSelect, indicatorName, leadClass, SelectField, today, useFactors, watchBase,
  type Analysis, type Factor, type Hypothesis, type WatchRecord,
} from "./shared.js";

interface SubjectData { id: string; kind: "area" | "group"; name: string; marking: string; workspace_id: string; body: Record<string, unknown>; analysis: Analysis }
interface ObservationRow {
  id: string; indicator: string; state: string; trend: string | null; observed_at: string; reported_at: string; source_ids: string[]; credibility: number; note: string; created_at: string;
}
interface TimelinePoint { date: string; leader: string; scores: Record<string, number> }
interface Judgement { manifestation: string; reason?: string }
interface AssessmentItem {
  id: string; marking: string; as_of: string; status: "draft" | "review" | "published"; author: string; author_name: string; leader: string;
  judgement: Judgement | null; published_at: string | null; supersedes: string | null; consensus_of: string[];
}

export function SubjectPage({ params }: { params: Record<string, string> }) {
  return <Guard permission="records.read" title={t("watch.subject")}>{(s) => <SubjectView id={params.id} session={s} />}</Guard>;
}

function SubjectView({ id, session }: { id: string; session: Session }) {
  const base = `${watchBase}/subjects/${enc(id)}`;
  const [subject, reloadSubject] = useResource<SubjectData>(base);
  const [observations, reloadObservations] = useResource<{ items: ObservationRow[] }>(`${base}/observations`);
  const [timeline, reloadTimeline] = useResource<{ points: TimelinePoint[] }>(`${base}/timeline`);
  const [assessments, reloadAssessments] = useResource<{ items: AssessmentItem[] }>(`${base}/assessments`);
  const ws = subject.state === "ready" ? subject.data.workspace_id : null;
  const [sources] = useResource<{ items: WatchRecord[] }>(ws ? `${watchBase}/workspaces/${enc(ws)}/records?kind=source` : null);
  const factors = useFactors();
  useTitle(subject.state === "ready" ? subject.data.name : t("watch.subject"));
  if (subject.state !== "ready") return <><h1>{t("watch.subject")}</h1><Show value={subject}>{() => null}</Show></>;
  const s = subject.data;
  const canWrite = session.permissions.includes("records.write");
  const sourceList = sources.state === "ready" ? sources.data.items : [];
  const b = s.body as { country?: string; subnational?: string; type?: string; aliases?: string[] };
  const changed = () => { reloadSubject(); reloadObservations(); reloadTimeline(); alertsChanged(); };
  return (
    <>
      <p class="eyebrow"><a href={`/watch/workspaces/${enc(s.workspace_id)}`}>{t("watch.title")}</a></p>
      <h1><bdi>{s.name}</bdi></h1>
      <p class="record-meta">
        <TlpBadge marking={s.marking} />
        <span class="kind">{t(`watch.kind.${s.kind}`)}</span>
        {s.kind === "area" && b.country ? <span>{countryName(b.country)}{b.subnational ? <> — <bdi>{b.subnational}</bdi></> : null}</span> : null}
        {s.kind === "group" && b.type ? <span>{t(`watch.groupType.${b.type}`)}{b.aliases?.length ? <> · <bdi>{b.aliases.join(", ")}</bdi></> : null}</span> : null}
      </p>
      <AnalysisView a={s.analysis} />
      {canWrite && <ObservationForm subjectId={id} factors={factors} sources={sourceList} onAdded={changed} />}
      <section aria-labelledby="obs-history">
        <h2 id="obs-history">{t("watch.obs.history")}</h2>
        <p><a href={`${base}/observations.csv`} download>{t("watch.obs.csv")}</a></p>
        <Show value={observations}>{(d) => <History items={d.items} factors={factors} sources={sourceList} />}</Show>
      </section>
      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">{t("watch.timeline.title")}</h2>
        <Show value={timeline}>{(d) => <Timeline points={d.points} names={Object.fromEntries(s.analysis.ranking.map((h) => [h.id, h.name]))} />}</Show>
      </section>
      <Show value={assessments}>
        {(d) => <Assessments subjectId={id} items={d.items} ranking={s.analysis.ranking} me={session.user.id} canWrite={canWrite} onChange={reloadAssessments} />}
      </Show>
    </>
  );
}

function AnalysisView({ a }: { a: Analysis }) {
  const leader = a.ranking[0];
  const max = Math.max(0, ...a.ranking.map((h) => h.score));
  const min = Math.min(0, ...a.ranking.map((h) => h.score));
  const range = max - min || 1;
  const zero = (-min / range) * 100;
  return (
    <section aria-labelledby="analysis-h">
      <h2 id="analysis-h">{t("watch.analysis.title")}</h2>
      <EnglishNote />
      {a.evidenceCount === 0 ? <p class="muted">{t("watch.analysis.noEvidence")}</p> : null}
      <div class={`confidence confidence-${a.confidence.level}`}>
        <p><strong>{t("watch.analysis.confidence")}: {t(`watch.level.${a.confidence.level}`)}</strong></p>
        <En block><p>{a.confidence.statement}</p></En>
      </div>
      {a.warnings.length > 0 && (
        <div class="warnings" role="status">
          <h3>{t("watch.analysis.warnings")}</h3>
          <ul lang="en" dir="ltr" class="en-text">{a.warnings.map((w) => <li key={w.code}>{w.message}</li>)}</ul>
        </div>
      )}
      {leader && a.evidenceCount > 0 && (
        <>
          <h3>{t("watch.analysis.whyFirst", { name: leader.name })}</h3>
          <En block><p>{a.whyFirst}</p></En>
        </>
      )}
      <h3 id="ranking-h">{t("watch.analysis.ranking")}</h3>
      <p class="hint">{t("watch.analysis.rankingHint")}</p>
      <ol class="ranking" aria-labelledby="ranking-h">
        {a.ranking.map((h) => <RankRow key={h.id} h={h} zero={zero} range={range} />)}
      </ol>
      {a.context && (
        <>
          <h3>{t("watch.analysis.context", { name: t(`watch.context.${a.context.id}`) })}</h3>
          <ul lang="en" dir="ltr" class="en-text">{a.context.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
        </>
      )}
      {a.diagnosticity.length > 0 && (
        <>
          <h3>{t("watch.analysis.diagnostic")}</h3>
          <p class="hint">{t("watch.analysis.diagnosticHint")}</p>
          <ul class="diagnostic en-text" lang="en" dir="ltr">
            {a.diagnosticity.slice(0, 5).map((d) => <li key={d.key}><strong>{d.label}</strong> — {d.explanation}</li>)}
          </ul>
        </>
      )}
      {a.practices.length > 0 && (
        <>
          <h3>{t("watch.analysis.practices")}</h3>
          <ul class="recommended">
            {a.practices.map((p) => (
              <li key={p.id}>
                <a href={`/practices/${p.id}`}>{practiceLabel(p)} — {p.title}</a>
                <div class="muted" lang="en" dir="ltr">{p.reason}</div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function RankRow({ h, zero, range }: { h: Hypothesis; zero: number; range: number }) {
  const w = (Math.abs(h.score) / range) * 100;
  const x = h.score >= 0 ? zero : zero - w;
  return (
    <li class={h.rank === 1 ? "leader" : undefined}>
      <details>
        <summary>
          <span class="rank-name"><bdi>{h.name}</bdi></span>
          <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect class="bar-track" x="0" y="0" width="100" height="10" />
            <rect class={`bar-value ${h.score < 0 ? "negative" : leadClass(h.id)}`} x={x} y="1" width={Math.max(w, 0.5)} height="8" />
            <line class="bar-zero" x1={zero} x2={zero} y1="0" y2="10" />
          </svg>
          <span class="rank-score" dir="ltr">{h.score}</span>
          <span class="visually-hidden">{t("watch.analysis.scoreDetail", { support: h.support, inconsistency: h.inconsistency })}</span>
        </summary>
        <p class="muted">{t("watch.analysis.scoreDetail", { support: h.support, inconsistency: h.inconsistency })}</p>
        {h.explanation.length ? <ul class="explanation" lang="en" dir="ltr">{h.explanation.map((l, n) => <li key={n}>{l}</li>)}</ul> : <p class="muted">{t("watch.analysis.noLines")}</p>}
      </details>
    </li>
  );
}

function ObservationForm({ subjectId, factors, sources, onAdded }: { subjectId: string; factors: Factor[] | null; sources: WatchRecord[]; onAdded: () => void }) {
  const [indicator, setIndicator] = useState("");
  const [state, setState] = useState("present");
  const [trend, setTrend] = useState("");
  const [observed, setObserved] = useState(today());
  const [reported, setReported] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [credibility, setCredibility] = useState("3");
  const [note, setNote] = useState("");
  const [saved, setSaved] = useState("");
  const form = useSubmit(async () => {
    setSaved("");
    await send("POST", `${watchBase}/subjects/${enc(subjectId)}/observations`, {
      indicator, state, ...(trend ? { trend } : {}), observed_at: observed, ...(reported ? { reported_at: reported } : {}), sources: chosen, credibility: Number(credibility), ...(note.trim() ? { note } : {}),
    });
    setSaved(t("watch.obs.saved", { indicator: indicatorName(factors, indicator) }));
    setNote("");
    onAdded();
  });
  const e = form.error;
  return (
    <section aria-labelledby="obs-add">
      <h2 id="obs-add">{t("watch.obs.add")}</h2>
      <form class="form panel" onSubmit={onSubmit(() => form.run())} noValidate>
        <FormProblem error={e} fields={["body.indicator", "body.state", "body.trend", "body.observed_at", "body.reported_at", "body.sources", "body.credibility", "body.note"]} />
        <IndicatorSelect id="obs-indicator" value={indicator} onValue={setIndicator} factors={factors} error={fieldError(e, "body.indicator")} />
        <div class="row">
          <SelectField id="obs-state" label={t("watch.obs.state")} value={state} onValue={setState} error={fieldError(e, "body.state")}>
            {["present", "absent", "unknown"].map((x) => <option key={x} value={x}>{t(`watch.state.${x}`)}</option>)}
          </SelectField>
          <SelectField id="obs-trend" label={t("watch.obs.trend")} value={trend} onValue={setTrend} error={fieldError(e, "body.trend")}>
            <option value="">{t("watch.obs.noTrend")}</option>
            {["rising", "stable", "falling"].map((x) => <option key={x} value={x}>{t(`watch.trend.${x}`)}</option>)}
          </SelectField>
        </div>
        <div class="row">
          <Field id="obs-observed" label={t("watch.obs.observed")} type="date" required value={observed} onValue={setObserved} error={fieldError(e, "body.observed_at")} dir="ltr" />
          <Field id="obs-reported" label={t("watch.obs.reported")} hint={t("watch.obs.reportedHint")} type="date" value={reported} onValue={setReported} error={fieldError(e, "body.reported_at")} dir="ltr" />
        </div>
        <CheckList id="obs-sources" legend={t("watch.sources")} hint={t("watch.obs.sourcesHint")} items={sources.map((s) => ({ id: s.id, label: <><bdi>{s.title}</bdi> <span class="muted">({String(s.body.reliability)})</span></> }))}
          value={chosen} onValue={setChosen} error={fieldError(e, "body.sources")} empty={t("watch.noSources")} />
        <CredibilitySelect id="obs-credibility" value={credibility} onValue={setCredibility} error={fieldError(e, "body.credibility")} />
        <Field id="obs-note" label={t("watch.obs.note")} multiline value={note} onValue={setNote} error={fieldError(e, "body.note")}
          hint={<><strong>{t("record.noProfilingTitle")}</strong> {t("record.noProfiling")}</>} hintClass="reminder" />
        <p><button class="primary" type="submit" disabled={form.busy}>{t("watch.obs.submit")}</button></p>
        <p class="ok" role="status">{saved}</p>
      </form>
    </section>
  );
}

function History({ items, factors, sources }: { items: ObservationRow[]; factors: Factor[] | null; sources: WatchRecord[] }) {
  const [all, setAll] = useState(false);
  if (!items.length) return <p class="muted">{t("watch.obs.none")}</p>;
  const shown = all ? items : items.slice(0, 15);
  const sourceName = (id: string) => sources.find((s) => s.id === id)?.title ?? id;
  return (
    <div class="table-wrap" role="region" aria-labelledby="obs-history" tabIndex={0}>
      <table class="observations">
        <thead>
          <tr>
            <th scope="col">{t("watch.obs.observed")}</th><th scope="col">{t("watch.indicator")}</th><th scope="col">{t("watch.obs.state")}</th>
            <th scope="col">{t("watch.obs.trend")}</th><th scope="col">{t("watch.sources")}</th><th scope="col">{t("watch.obs.grade")}</th>
            <th scope="col">{t("watch.obs.reported")}</th><th scope="col">{t("watch.obs.note")}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((o) => (
            <tr key={o.id}>
              <td class="nowrap">{formatDate(o.observed_at)}</td>
              <th scope="row">{indicatorName(factors, o.indicator)}</th>
              <td><span class={`state state-${o.state}`}>{t(`watch.state.${o.state}`)}</span></td>
              <td>{o.trend ? t(`watch.trend.${o.trend}`) : "—"}</td>
              <td>{o.source_ids.map((s, n) => <span key={s}>{n ? "; " : ""}<bdi>{sourceName(s)}</bdi></span>)}</td>
              <td>{o.credibility}</td>
              <td class="nowrap">{formatDate(o.reported_at)}</td>
              <td dir="auto">{o.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length > shown.length && <p><button type="button" onClick={() => setAll(true)}>{t("watch.obs.showAll", { count: items.length })}</button></p>}
    </div>
  );
}

/** Leader per month as coloured cells and the leader's score as a line; the list below is the text alternative. */
function Timeline({ points, names }: { points: TimelinePoint[]; names: Record<string, string> }) {
  if (!points.length) return <p class="muted">{t("watch.timeline.none")}</p>;
  const shown = points.slice(-36);
  const W = 600, cell = W / shown.length, top = 10, chartH = 60, stripY = top + chartH + 6, stripH = 16;
  const scores = shown.map((p) => (p.leader === "none" ? 0 : p.scores[p.leader] ?? 0));
  const maxS = Math.max(1, ...scores);
  const minS = Math.min(0, ...scores);
  const y = (v: number) => top + chartH - ((v - minS) / (maxS - minS)) * chartH;
  const line = scores.map((v, i) => `${(i + 0.5) * cell},${y(v)}`).join(" ");
  const leaders = [...new Set(shown.map((p) => p.leader))];
  const month = (d: string) => d.slice(0, 7);
  return (
    <figure class="timeline" dir="ltr">
      <svg viewBox={`0 0 ${W} ${stripY + stripH + 16}`} role="img" aria-labelledby="tl-title tl-desc" class="timeline-svg">
        <title id="tl-title">{t("watch.timeline.svgTitle")}</title>
        <desc id="tl-desc">{t("watch.timeline.svgDesc", { from: month(shown[0].date), to: month(shown.at(-1)!.date) })}</desc>
        <line class="axis" x1="0" x2={W} y1={y(0)} y2={y(0)} />
        {shown.length > 1 ? <polyline class="score-line" points={line} /> : null}
        {scores.map((v, i) => <circle key={i} class="score-dot" cx={(i + 0.5) * cell} cy={y(v)} r="2.5" />)}
        {shown.map((p, i) => (
          <rect key={p.date} class={`cell ${leadClass(p.leader)}`} x={i * cell + 0.5} y={stripY} width={Math.max(cell - 1, 1)} height={stripH}>
            <title>{`${month(p.date)}: ${p.leader === "none" ? t("watch.notEnough") : names[p.leader] ?? p.leader}`}</title>
          </rect>
        ))}
        <text class="tick" x="2" y={stripY + stripH + 13}>{month(shown[0].date)}</text>
        <text class="tick" x={W - 2} y={stripY + stripH + 13} text-anchor="end">{month(shown.at(-1)!.date)}</text>
      </svg>
      <figcaption>
        <ul class="legend" dir="auto">
          {leaders.map((l) => <li key={l}><span class={`swatch ${leadClass(l)}`} aria-hidden="true" /> {l === "none" ? t("watch.notEnough") : names[l] ?? l}</li>)}
        </ul>
        <details>
          <summary>{t("watch.timeline.asText")}</summary>
          <table>
            <thead><tr><th scope="col">{t("watch.timeline.month")}</th><th scope="col">{t("watch.leader")}</th><th scope="col">{t("watch.score")}</th></tr></thead>
            <tbody>{shown.map((p, i) => <tr key={p.date}><th scope="row">{month(p.date)}</th><td>{p.leader === "none" ? t("watch.notEnough") : names[p.leader] ?? p.leader}</td><td>{scores[i]}</td></tr>)}</tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  );
}

interface Comparison {
  a: { id: string; as_of: string; leader: string }; b: { id: string; as_of: string; leader: string };
  leader_changed: boolean; judgement_changed: boolean;
  indicator_changes: { indicator: string; statement: string; from: string; to: string }[];
  ranking: { id: string; name: string; from?: { rank: number; score: number }; to?: { rank: number; score: number } }[];
}
interface Disagreement {
  agree: boolean; analysts: AssessmentItem[];
  differences: { author_name: string; judgement: string | null; computed_leader: string; reason: string | null }[];
}

function Assessments({ subjectId, items, ranking, me, canWrite, onChange }: {
  subjectId: string; items: AssessmentItem[]; ranking: Hypothesis[]; me: string; canWrite: boolean; onChange: () => void;
}) {
  const names = Object.fromEntries(ranking.map((h) => [h.id, h.name]));
  const hyp = (id: string | null | undefined) => (id ? names[id] ?? id : "—");
  const sorted = [...items].sort((x, y) => (y.as_of + y.id).localeCompare(x.as_of + x.id));
  const supersededBy = (id: string) => items.find((x) => x.supersedes === id);
  const [rowError, setRowError] = useState<{ id: string; text: string } | null>(null);
  const act = useSubmit(async (a: AssessmentItem, status: "review" | "published") => {
    setRowError(null);
    try {
      await send("PATCH", `${watchBase}/assessments/${enc(a.id)}`, { status });
      onChange();
    } catch (e) {
      setRowError({ id: a.id, text: e instanceof ProblemError && e.status === 403 ? e.message : problemText(e) });
    }
  });
  return (
    <section aria-labelledby="assess-h">
      <h2 id="assess-h">{t("watch.assess.title")}</h2>
      <p class="hint">{t("watch.assess.lead")}</p>
      {sorted.length === 0 ? <p class="muted">{t("watch.assess.none")}</p> : (
        <div class="table-wrap">
          <table class="assessments">
            <caption>{t("watch.assess.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("watch.assess.asOf")}</th><th scope="col">{t("watch.assess.status")}</th><th scope="col">{t("watch.assess.author")}</th>
                <th scope="col">{t("watch.leader")}</th><th scope="col">{t("watch.assess.judgement")}</th><th scope="col">{t("watch.assess.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((a) => {
                const later = supersededBy(a.id);
                return (
                  <tr key={a.id} data-assessment={a.id}>
                    <th scope="row">{formatDate(a.as_of)} <TlpBadge marking={a.marking} /></th>
                    <td>
                      <span class={`status status-${a.status}`}>{t(`watch.status.${a.status}`)}</span>
                      {a.published_at ? <span class="muted"> {formatDate(a.published_at)}</span> : null}
                      {later ? <><br /><span class="muted">{t("watch.assess.superseded", { date: formatDate(later.as_of) })}</span></> : null}
                      {a.consensus_of.length ? <><br /><span class="flag">{t("watch.assess.consensus")}</span></> : null}
                    </td>
                    <td><bdi>{a.author_name}</bdi>{a.author === me ? <span class="muted"> {t("ws.you")}</span> : null}</td>
                    <td><bdi>{hyp(a.leader)}</bdi></td>
                    <td>{a.judgement ? <><bdi>{hyp(a.judgement.manifestation)}</bdi>{a.judgement.reason ? <><br /><span class="muted" dir="auto">{a.judgement.reason}</span></> : null}</> : "—"}</td>
                    <td>
                      <div class="actions">
                        {canWrite && a.status === "draft" && <button type="button" disabled={act.busy} onClick={() => act.run(a, "review")}>{t("watch.assess.toReview")}</button>}
                        {canWrite && a.status === "review" && <button type="button" class="primary" disabled={act.busy} onClick={() => act.run(a, "published")}>{t("watch.assess.publish")}</button>}
                        <a href={`${watchBase}/assessments/${enc(a.id)}/report.pdf`} download>{t("watch.assess.pdf")}</a>
                        <a href={`${watchBase}/assessments/${enc(a.id)}/report.docx`} download>{t("watch.assess.docx")}</a>
                      </div>
                      {rowError?.id === a.id ? <p class="error" role="alert">{rowError.text}</p> : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {canWrite && <CreateAssessment subjectId={subjectId} ranking={ranking} onCreated={onChange} />}
      {sorted.length >= 2 && <Compare items={sorted} hyp={hyp} />}
      {sorted.length >= 2 && <DisagreementView subjectId={subjectId} hyp={hyp} ranking={ranking} canWrite={canWrite} onChange={onChange} />}
    </section>
  );
}

function JudgementSelect({ id, label, ranking, value, onValue, error, optional }: { id: string; label: string; ranking: Hypothesis[]; value: string; onValue: (v: string) => void; error?: string; optional?: boolean }) {
  return (
    <SelectField id={id} label={label} value={value} onValue={onValue} error={error}>
      {optional ? <option value="">{t("watch.assess.noJudgement")}</option> : <option value="">{t("watch.assess.chooseJudgement")}</option>}
      {ranking.map((h) => <option key={h.id} value={h.id}>{h.name}{h.rank === 1 ? ` ${t("watch.assess.computedLeader")}` : ""}</option>)}
    </SelectField>
  );
}

function CreateAssessment({ subjectId, ranking, onCreated }: { subjectId: string; ranking: Hypothesis[]; onCreated: () => void }) {
  const [asOf, setAsOf] = useState("");
  const [judgement, setJudgement] = useState("");
  const [reason, setReason] = useState("");
  const [saved, setSaved] = useState("");
  const form = useSubmit(async () => {
    setSaved("");
    await send("POST", `${watchBase}/subjects/${enc(subjectId)}/assessments`, {
      ...(asOf ? { as_of: asOf } : {}), ...(judgement ? { judgement: { manifestation: judgement, ...(reason.trim() ? { reason: reason.trim() } : {}) } } : {}),
    });
    setSaved(t("watch.assess.created"));
    setReason("");
    onCreated();
  });
  const e = form.error;
  const differs = judgement && ranking[0] && judgement !== ranking[0].id;
  return (
    <div class="panel">
      <h3 id="assess-new">{t("watch.assess.create")}</h3>
      <form class="form" onSubmit={onSubmit(() => form.run())} noValidate aria-labelledby="assess-new">
        <FormProblem error={e} fields={["as_of", "judgement"]} />
        <Field id="assess-asof" label={t("watch.assess.asOfField")} hint={t("watch.assess.asOfHint")} type="date" value={asOf} onValue={setAsOf} error={fieldError(e, "as_of")} dir="ltr" />
        <JudgementSelect id="assess-judgement" label={t("watch.assess.judgement")} ranking={ranking} value={judgement} onValue={setJudgement} error={fieldError(e, "judgement.manifestation")} optional />
        <Field id="assess-reason" label={t("watch.assess.reason")} hint={differs ? t("watch.assess.reasonNeeded") : t("watch.assess.reasonHint")} multiline value={reason} onValue={setReason}
          error={fieldError(e, "judgement.reason")} />
        <p><button class="primary" type="submit" disabled={form.busy}>{t("watch.assess.createButton")}</button></p>
        <p class="ok" role="status">{saved}</p>
      </form>
    </div>
  );
}

function Compare({ items, hyp }: { items: AssessmentItem[]; hyp: (id: string | null | undefined) => string }) {
  const [a, setA] = useState(items[1]?.id ?? "");
  const [b, setB] = useState(items[0]?.id ?? "");
  const [result, setResult] = useState<Comparison | null>(null);
  const form = useSubmit(async () => { setResult(await getJson<Comparison>(`${watchBase}/compare?a=${enc(a)}&b=${enc(b)}`)); });
  const label = (x: AssessmentItem) => `${x.as_of} — ${x.author_name} — ${t(`watch.status.${x.status}`)}`;
  return (
    <div class="panel">
      <h3 id="compare-h">{t("watch.compare.title")}</h3>
      <form class="form" onSubmit={onSubmit(() => form.run())} noValidate aria-labelledby="compare-h">
        <FormProblem error={form.error} />
        <div class="row">
          <SelectField id="compare-a" label={t("watch.compare.a")} value={a} onValue={setA}>{items.map((x) => <option key={x.id} value={x.id}>{label(x)}</option>)}</SelectField>
          <SelectField id="compare-b" label={t("watch.compare.b")} value={b} onValue={setB}>{items.map((x) => <option key={x.id} value={x.id}>{label(x)}</option>)}</SelectField>
        </div>
        <p><button type="submit" disabled={form.busy || !a || !b || a === b}>{t("watch.compare.submit")}</button></p>
      </form>
      {result && (
        <div role="status" class="comparison">
          <p>{result.leader_changed ? t("watch.compare.leaderChanged", { from: hyp(result.a.leader), to: hyp(result.b.leader) }) : t("watch.compare.leaderSame", { name: hyp(result.b.leader) })}</p>
          <div class="table-wrap">
            <table>
              <caption>{t("watch.compare.indicators")}</caption>
              <thead><tr><th scope="col">{t("watch.indicator")}</th><th scope="col">{formatDate(result.a.as_of)}</th><th scope="col">{formatDate(result.b.as_of)}</th></tr></thead>
              <tbody>
                {result.indicator_changes.length === 0 ? <tr><td colSpan={3} class="muted">{t("watch.compare.noChanges")}</td></tr> : result.indicator_changes.map((c) => (
                  <tr key={c.indicator}><th scope="row">{c.statement}</th><td>{stateText(c.from)}</td><td>{stateText(c.to)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="table-wrap">
            <table>
              <caption>{t("watch.compare.ranking")}</caption>
              <thead><tr><th scope="col">{t("watch.hypothesis")}</th><th scope="col">{formatDate(result.a.as_of)}</th><th scope="col">{formatDate(result.b.as_of)}</th></tr></thead>
              <tbody>
                {result.ranking.map((r) => (
                  <tr key={r.id}>
                    <th scope="row"><bdi>{r.name}</bdi></th>
                    <td>{r.from ? t("watch.compare.rankScore", { rank: r.from.rank, score: r.from.score }) : "—"}</td>
                    <td>{r.to ? t("watch.compare.rankScore", { rank: r.to.rank, score: r.to.score }) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}

const stateText = (s: string) => (["present", "absent", "unknown"].includes(s) ? t(`watch.state.${s}`) : t("watch.state.notAssessed"));

function DisagreementView({ subjectId, hyp, ranking, canWrite, onChange }: {
  subjectId: string; hyp: (id: string | null | undefined) => string; ranking: Hypothesis[]; canWrite: boolean; onChange: () => void;
}) {
  const [d, setD] = useState<Disagreement | null>(null);
  const load = useSubmit(async () => { setD(await getJson<Disagreement>(`${watchBase}/subjects/${enc(subjectId)}/disagreement`)); });
  const [judgement, setJudgement] = useState("");
  const [reason, setReason] = useState("");
  const [saved, setSaved] = useState("");
  const record = useSubmit(async () => {
    setSaved("");
    await send("POST", `${watchBase}/subjects/${enc(subjectId)}/assessments`, {
      ...(judgement ? { judgement: { manifestation: judgement, ...(reason.trim() ? { reason: reason.trim() } : {}) } } : {}), consensus_of: d!.analysts.map((a) => a.id),
    });
    setSaved(t("watch.consensus.saved"));
    onChange();
  });
  const e = record.error;
  return (
    <div class="panel">
      <h3>{t("watch.consensus.title")}</h3>
      <p><button type="button" onClick={() => load.run()} disabled={load.busy}>{t("watch.consensus.show")}</button></p>
      <FormProblem error={load.error} />
      {d && (
        <div role="status">
          {d.analysts.length < 2 ? <p>{t("watch.consensus.oneAnalyst")}</p> : d.agree ? <p>{t("watch.consensus.agree")}</p> : (
            <>
              <p>{t("watch.consensus.differ")}</p>
              <table>
                <thead><tr><th scope="col">{t("watch.assess.author")}</th><th scope="col">{t("watch.assess.judgement")}</th><th scope="col">{t("watch.leader")}</th><th scope="col">{t("watch.assess.reason")}</th></tr></thead>
                <tbody>
                  {d.differences.map((x) => (
                    <tr key={x.author_name}><th scope="row"><bdi>{x.author_name}</bdi></th><td>{hyp(x.judgement)}</td><td>{hyp(x.computed_leader)}</td><td dir="auto">{x.reason ?? "—"}</td></tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}
      {d && canWrite && d.analysts.length >= 2 && (
        <form class="form" onSubmit={onSubmit(() => record.run())} noValidate>
          <h4>{t("watch.consensus.record")}</h4>
          <p class="hint">{t("watch.consensus.of", { count: d.analysts.length, names: d.analysts.map((a) => a.author_name).join(", ") })}</p>
          <FormProblem error={e} fields={["judgement", "consensus_of"]} />
          <JudgementSelect id="consensus-judgement" label={t("watch.consensus.judgement")} ranking={ranking} value={judgement} onValue={setJudgement} error={fieldError(e, "judgement.manifestation")} />
          <Field id="consensus-reason" label={t("watch.consensus.reason")} multiline required value={reason} onValue={setReason} error={fieldError(e, "judgement.reason")} />
          <p><button class="primary" type="submit" disabled={record.busy}>{t("watch.consensus.submit")}</button></p>
          <p class="ok" role="status">{saved}</p>
        </form>
      )}
    </div>
  );
}
