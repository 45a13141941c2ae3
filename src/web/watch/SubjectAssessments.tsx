/** Assessments of a subject: create, review and publish, compare two, disagreement and consensus. */
import { withLang } from "../messages.js";
import { useState } from "preact/hooks";
import { t } from "../i18n.js";
import { getJson, ProblemError, send } from "../platform/session.js";
import { Field, fieldError, FormProblem, formatDate, onSubmit, problemText, TlpBadge, useSubmit } from "../platform/ui.js";
import { enc, SelectField, watchBase, watchText, type Hypothesis, type WatchMsg } from "./shared.js";
import { stixHref } from "./stixLinks.js";
import { PushAssessment } from "./PushAssessment.js";


interface Judgement { manifestation: string; reason?: string }
export interface AssessmentItem {
  id: string; marking: string; as_of: string; status: "draft" | "review" | "published"; author: string; author_name: string; leader: string;
  judgement: Judgement | null; published_at: string | null; supersedes: string | null; consensus_of: string[];
}

interface Comparison {
  a: { id: string; as_of: string; leader: string }; b: { id: string; as_of: string; leader: string };
  leader_changed: boolean; judgement_changed: boolean;
  indicator_changes: { indicator: string; statement: string; from: string; to: string }[];
  ranking: { id: string; name: WatchMsg; from?: { rank: number; score: number }; to?: { rank: number; score: number } }[];
}
interface Disagreement {
  agree: boolean; analysts: AssessmentItem[];
  differences: { author_name: string; judgement: string | null; computed_leader: string; reason: string | null }[];
}

export function Assessments({ subjectId, items, ranking, me, canWrite, onChange, workspace, canCoordinate = false }: {
  subjectId: string; items: AssessmentItem[]; ranking: Hypothesis[]; me: string; canWrite: boolean; onChange: () => void;
  /** the subject's workspace: a coordinator may push its published assessments to a regional hub */
  workspace?: string; canCoordinate?: boolean;
}) {
  const names = Object.fromEntries(ranking.map((h) => [h.id, watchText(h.name)]));
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
                        <a href={withLang(`${watchBase}/assessments/${enc(a.id)}/report.pdf`)} download>{t("watch.assess.pdf")}</a>
                        <a href={withLang(`${watchBase}/assessments/${enc(a.id)}/report.docx`)} download>{t("watch.assess.docx")}</a>
                        <a href={stixHref(`assessments/${enc(a.id)}/bundle`)} download>{t("watch.stix.assessment")}</a>
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
      {canCoordinate && workspace ? <PushAssessment workspace={workspace} items={sorted} /> : null}
      {sorted.length >= 2 && <Compare items={sorted} hyp={hyp} />}
      {sorted.length >= 2 && <DisagreementView subjectId={subjectId} hyp={hyp} ranking={ranking} canWrite={canWrite} onChange={onChange} />}
    </section>
  );
}

function JudgementSelect({ id, label, ranking, value, onValue, error, optional }: { id: string; label: string; ranking: Hypothesis[]; value: string; onValue: (v: string) => void; error?: string; optional?: boolean }) {
  return (
    <SelectField id={id} label={label} value={value} onValue={onValue} error={error}>
      {optional ? <option value="">{t("watch.assess.noJudgement")}</option> : <option value="">{t("watch.assess.chooseJudgement")}</option>}
      {ranking.map((h) => <option key={h.id} value={h.id}>{watchText(h.name)}{h.rank === 1 ? ` ${t("watch.assess.computedLeader")}` : ""}</option>)}
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
                    <th scope="row"><bdi>{hyp(r.id)}</bdi></th>
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
