/** An area or group: its live analysis, observations, monthly timeline and assessments. */
import { IndicatorPicker } from "./IndicatorPicker.js";
import { useState } from "preact/hooks";
import { INCONSISTENCY_PENALTY } from "../../core/watch/analysis.js";
import { DEFINING, strengthPoints } from "../../core/watch/evidence.js";
import { gradeWeight } from "../../core/watch/grades.js";
import { msg } from "../../core/watch/messages.js";
import { countryName, practiceLabel, useTitle } from "../components/common.js";
import { t } from "../i18n.js";
import { send, type Session } from "../platform/session.js";
import { Field, fieldError, FormProblem, formatDate, Guard, onSubmit, Show, TlpBadge, useResource, useSubmit } from "../platform/ui.js";
import {
  alertsChanged, CheckList, CredibilitySelect, EnglishNote, enc, useEnglishTexts, formatPoints, indicatorName, leadClass, SelectField, today, useFactors,
  useWatchMessages, watchBase, WatchText, watchText, type Analysis, type ContextReading, type Factor, type Hypothesis, type WatchRecord,
} from "./shared.js";
import { Assessments, type AssessmentItem } from "./SubjectAssessments.js";
import "./analysis.css";
import { stixHref } from "./stixLinks.js";

interface SubjectData { id: string; kind: "area" | "group"; name: string; marking: string; workspace_id: string; body: Record<string, unknown>; analysis: Analysis }
interface ObservationRow {
  id: string; indicator: string; state: string; trend: string | null; observed_at: string; reported_at: string; source_ids: string[]; credibility: number; note: string; created_at: string;
}
interface TimelinePoint { date: string; leader: string; scores: Record<string, number> }

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
  const messagesReady = useWatchMessages();
  const englishKnown = useEnglishTexts();
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
      {messagesReady && englishKnown ? <AnalysisView a={s.analysis} kind={s.kind} /> : <p class="muted" role="status">{t("common.loading")}</p>}
      {canWrite && <ObservationForm subjectId={id} factors={factors} sources={sourceList} onAdded={changed} />}
      <section aria-labelledby="obs-history">
        <h2 id="obs-history">{t("watch.obs.history")}</h2>
        <p class="actions"><a href={`${base}/observations.csv`} download>{t("watch.obs.csv")}</a> <a href={stixHref(`subjects/${enc(id)}/bundle`)} download>{t("watch.stix.subject")}</a></p>
        <Show value={observations}>{(d) => <History items={d.items} factors={factors} sources={sourceList} />}</Show>
      </section>
      <section aria-labelledby="timeline-h">
        <h2 id="timeline-h">{t("watch.timeline.title")}</h2>
        <Show value={timeline}>{(d) => <Timeline points={d.points} names={Object.fromEntries(s.analysis.ranking.map((h) => [h.id, watchText(h.name)]))} />}</Show>
      </section>
      <Show value={assessments}>
        {(d) => <Assessments subjectId={id} items={d.items} ranking={s.analysis.ranking} me={session.user.id} canWrite={canWrite} onChange={reloadAssessments}
          workspace={s.workspace_id} canCoordinate={session.permissions.includes("plans.coordinate")} />}
      </Show>
    </>
  );
}

function AnalysisView({ a, kind }: { a: Analysis; kind: "area" | "group" }) {
  const leader = a.ranking[0];
  const max = Math.max(0, ...a.ranking.map((h) => h.score));
  const min = Math.min(0, ...a.ranking.map((h) => h.score));
  const range = max - min || 1;
  const zero = (-min / range) * 100;
  const withheld = a.withheld && !a.warnings.some((w) => typeof w.message === "object" && w.message.key === "watch.msg.warn.withheld");
  const evidence = a.evidenceCount > 0;
  return (
    <section aria-labelledby="analysis-h">
      <h2 id="analysis-h">{t("watch.analysis.title")}</h2>
      <EnglishNote />
      {evidence ? null : <p class="muted">{t("watch.analysis.noEvidence")}</p>}
      <div class={`confidence confidence-${a.confidence.level}`}>
        <p><strong>{t("watch.analysis.confidenceLevel", { level: t(`watch.level.${a.confidence.level}`) })}</strong></p>
        <p><WatchText value={a.confidence.statement} /></p>
      </div>
      {(a.warnings.length > 0 || withheld) && (
        <div class="warnings" role="status">
          <h3>{t("watch.analysis.warnings")}</h3>
          <ul>
            {a.warnings.map((w, n) => <li key={`${w.code}-${n}`}><WatchText value={w.message} /></li>)}
            {withheld ? <li><WatchText value={msg("watch.msg.warn.withheld")} /></li> : null}
          </ul>
        </div>
      )}
      {leader && evidence && (
        <>
          <h3>{t("watch.analysis.whyFirst", { name: watchText(leader.name) })}</h3>
          <p><WatchText value={a.whyFirst} /></p>
        </>
      )}
      <h3 id="ranking-h">{t("watch.analysis.ranking")}</h3>
      <p class="hint score-unit">{t("watch.analysis.unit", {
        penalty: formatPoints(INCONSISTENCY_PENALTY), weak: strengthPoints.weak, moderate: strengthPoints.moderate, strong: strengthPoints.strong, defining: DEFINING,
        a1: formatPoints(gradeWeight("A", 1)), b2: formatPoints(gradeWeight("B", 2)), c3: formatPoints(gradeWeight("C", 3)),
      })}</p>
      <p class="hint">{t("watch.analysis.rankingHint")}</p>
      <ol class="ranking" aria-labelledby="ranking-h">
        {a.ranking.map((h) => <RankRow key={h.id} h={h} zero={zero} range={range} />)}
      </ol>
      {evidence && a.sensitivity ? <SensitivityView s={a.sensitivity} /> : null}
      {evidence && a.contributors?.length ? <Contributors a={a} kind={kind} /> : null}
      {a.context && <ContextView c={a.context} />}
      {a.diagnosticity.length > 0 && (
        <>
          <h3>{t("watch.analysis.diagnostic")}</h3>
          <p class="hint">{t("watch.analysis.diagnosticHint")}</p>
          <ul class="diagnostic">
            {a.diagnosticity.slice(0, 5).map((d) => <li key={d.key}><strong><WatchText value={d.label} /></strong> — <WatchText value={d.explanation} /></li>)}
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
                <div class="muted">
                  {(Array.isArray(p.reason) ? p.reason : [p.reason]).map((r, n) => <span key={n}>{n ? t("watch.analysis.listSeparator") : null}<WatchText value={r} /></span>)}
                </div>
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
    <li class={[h.rank === 1 ? "leader" : "", h.held ? "held" : ""].filter(Boolean).join(" ") || undefined}>
      <details>
        <summary>
          <span class="rank-name"><bdi>{watchText(h.name)}</bdi></span>
          <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect class="bar-track" x="0" y="0" width="100" height="10" />
            <rect class={`bar-value ${h.score < 0 ? "negative" : leadClass(h.id)}`} x={x} y="1" width={Math.max(w, 0.5)} height="8" />
            <line class="bar-zero" x1={zero} x2={zero} y1="0" y2="10" />
          </svg>
          <span class="rank-score" dir="ltr">{formatPoints(h.score)}</span>
          <span class="visually-hidden">{t("watch.analysis.scoreDetail", { support: formatPoints(h.support), inconsistency: formatPoints(h.inconsistency) })}</span>
        </summary>
        <p class="muted">{t("watch.analysis.scoreDetail", { support: formatPoints(h.support), inconsistency: formatPoints(h.inconsistency) })}</p>
        {h.explanation.length ? <ul class="explanation">{h.explanation.map((l, n) => <li key={n}><WatchText value={l} /></li>)}</ul> : <p class="muted">{t("watch.analysis.noLines")}</p>}
      </details>
      {h.held ? <p class="held-reason"><WatchText value={h.held} /></p> : null}
    </li>
  );
}

/** How little would change the leader: the margin, what taken away would flip it, what observed would. */
function SensitivityView({ s }: { s: NonNullable<Analysis["sensitivity"]> }) {
  return (
    <>
      <h3 id="sensitivity-h">{t("watch.analysis.sensitivity")}</h3>
      <p class="hint">{t("watch.analysis.sensitivityHint")}</p>
      <dl class="sensitivity" aria-labelledby="sensitivity-h">
        <dt>{t("watch.analysis.margin")}</dt>
        <dd>{t("watch.analysis.pointsValue", { points: formatPoints(s.margin) })}</dd>
        <dt>{t("watch.analysis.removal")}</dt>
        <dd><WatchText value={s.removal?.message ?? msg("watch.msg.sens.robust")} /></dd>
        <dt>{t("watch.analysis.addition")}</dt>
        <dd><WatchText value={s.addition?.message ?? msg("watch.msg.sens.noAddition")} /></dd>
      </dl>
    </>
  );
}

/** Points the area itself and each group give to the leading hypotheses (evidence about several groups is shared out). */
function Contributors({ a, kind }: { a: Analysis; kind: "area" | "group" }) {
  const columns = a.ranking.slice(0, 3);
  const rows = a.contributors ?? [];
  return (
    <>
      <h3 id="contrib-h">{t("watch.analysis.contrib.title")}</h3>
      <p class="hint" id="contrib-hint">{t("watch.analysis.contrib.hint")}</p>
      <div class="table-wrap" role="region" aria-labelledby="contrib-h" tabIndex={0}>
        <table class="contributors" aria-describedby="contrib-hint">
          <thead>
            <tr>
              <th scope="col">{t("watch.analysis.contrib.who")}</th>
              {columns.map((h) => <th scope="col" key={h.id}><bdi>{watchText(h.name)}</bdi></th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.subject ?? "\u0000self"}>
                <th scope="row">{r.subject === null ? t(`watch.analysis.contrib.self.${kind}`) : <bdi>{r.subject}</bdi>}</th>
                {columns.map((h) => <td key={h.id} class="num">{formatPoints(r.totals[h.id] ?? 0, true)}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The regional context: the analyst's when set (it orders the practices), and what the evidence suggests, with its reasons. */
function ContextView({ c }: { c: ContextReading }) {
  const name = (id: string) => t(`watch.context.${id}`);
  const s = c.suggested;
  const suggestion = !s ? (c.set ? t("watch.analysis.contextNoSuggestion") : null)
    : !c.set ? t("watch.analysis.contextSuggested", { name: name(s.id) })
    : s.id === c.id ? t("watch.analysis.contextAgrees") : t("watch.analysis.contextDiffers", { name: name(s.id) });
  return (
    <>
      <h3>{t("watch.analysis.context", { name: name(c.id) })}</h3>
      <p>{c.set ? <strong>{t("watch.analysis.contextSet")}</strong> : t("watch.analysis.contextNotSet")}</p>
      {suggestion ? <p>{suggestion}</p> : null}
      {s?.reasons.length ? <ul class="context-reasons">{s.reasons.map((r, n) => <li key={n}><WatchText value={r} /></li>)}</ul> : null}
    </>
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
        <IndicatorPicker id="obs-indicator" value={indicator} onValue={setIndicator} factors={factors} error={fieldError(e, "body.indicator")} />
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
        <CheckList id="obs-sources" legend={t("watch.sources")} hint={t("watch.obs.sourcesHint")} items={sources.map((s) => ({ id: s.id, text: s.title, label: <><bdi>{s.title}</bdi> <span class="muted">({String(s.body.reliability)})</span></> }))}
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
