/**
 * STIX 2.1 exchange for a workspace (decision 0032): download what the reader reads as a bundle,
 * and import a bundle from MISP, OpenCTI or another deployment: a preview first (what will be
 * created, kept as it came, skipped, or refused), then the import, all or nothing; the imports so far.
 */
import { useState } from "preact/hooks";
import { t } from "../i18n.js";
import { ProblemError, send, textBody } from "../platform/session.js";
import { formatDate, Show, useResource } from "../platform/ui.js";
import { enc } from "./shared.js";
import { stixHref } from "./stixLinks.js";
import { Subscriptions } from "./Subscriptions.js";

const stixBase = "/api/v1/stix";
const outcomes = ["create", "keep", "merge", "skip", "recompute", "definition"] as const;
type Outcome = (typeof outcomes)[number];
interface Item { index: number; stix_id: string; stix_type: string; name?: string; outcome: Outcome; target?: string; why?: string }
interface Report {
  import_id: string | null; preview: boolean; counts: Record<Outcome | "refused", number>;
  items: Item[]; errors: { param: string; message: string }[]; truncated?: boolean;
}
const isReport = (b: unknown): b is Report => !!b && typeof b === "object" && Array.isArray((b as Report).items) && Array.isArray((b as Report).errors);
const markings = ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT"] as const;
/** At most this many objects are listed under each outcome. */
const LISTED = 100;

/** "objects.3.name" as the reader counts: object 4, property name. */
function where(param: string): string {
  const m = /^objects\.(\d+)(?:\.(.+))?$/.exec(param);
  if (!m) return param;
  return m[2] ? t("watch.stix.at", { n: Number(m[1]) + 1, field: m[2] }) : t("watch.stix.object", { n: Number(m[1]) + 1 });
}

export function ExchangeTab({ ws, canWrite, onDone }: { ws: string; canWrite: boolean; onDone: () => void }) {
  const [text, setText] = useState("");
  const [marking, setMarking] = useState<string>("AMBER");
  const [report, setReport] = useState<Report | null>(null);
  const [problem, setProblem] = useState("");
  const [busy, setBusy] = useState(false);
  const [history, reloadHistory] = useResource<{ items: { id: string; created_at: string; origin: string; counts: Report["counts"]; created_by_name: string }[] }>(`${stixBase}/workspaces/${enc(ws)}/imports`);

  const run = async (preview: boolean) => {
    setBusy(true); setProblem("");
    if (!preview) setReport(null);
    try {
      const r = await send<Report>("POST", `${stixBase}/workspaces/${enc(ws)}/import?preview=${preview}&marking=${encodeURIComponent(marking)}`, textBody(text, "application/stix+json"));
      setReport(r);
      if (!preview) { setText(""); onDone(); reloadHistory(); }
    } catch (e) {
      // 422: nothing written; the answer lists every refusal by object and property.
      if (e instanceof ProblemError && e.status === 422 && isReport(e.body)) setReport(e.body);
      else if (e instanceof ProblemError && e.status > 0) setProblem(e.errors[0] ? `${where(e.errors[0].param)}: ${e.errors[0].message}` : e.message);
      else setProblem(t("form.network"));
    } finally { setBusy(false); }
  };
  const readFile = async (file: File | undefined) => {
    setReport(null); setProblem("");
    if (!file) return;
    setText(await file.text());
  };

  return (
    <section aria-labelledby="w-stix">
      <h2 id="w-stix">{t("watch.stix.title")}</h2>
      <p class="hint">{t("watch.stix.lead")}</p>
      <p><a class="button" href={stixHref(`workspaces/${enc(ws)}/bundle`)} download>{t("watch.stix.download")}</a></p>
      {canWrite ? (
        <form class="form" onSubmit={(e) => { e.preventDefault(); void run(true); }} noValidate aria-labelledby="w-stix-import">
          <h3 id="w-stix-import">{t("watch.stix.importTitle")}</h3>
          <p class="hint">{t("watch.stix.importLead")}</p>
          <div class="field">
            <label for="stix-file">{t("watch.stix.file")}</label>
            <input id="stix-file" type="file" accept=".json,application/json,application/stix+json" onChange={(e) => readFile(e.currentTarget.files?.[0])} />
          </div>
          <div class="field">
            <label for="stix-marking">{t("watch.stix.marking")}</label>
            <select id="stix-marking" value={marking} onChange={(e) => { setMarking(e.currentTarget.value); setReport(null); }} aria-describedby="stix-marking-hint">
              {markings.map((m) => <option key={m} value={m}>TLP:{m}</option>)}
            </select>
            <p class="hint" id="stix-marking-hint">{t("watch.stix.markingHint")}</p>
          </div>
          {problem ? <p class="error form-problem" role="alert">{problem}</p> : null}
          <p class="actions">
            <button type="submit" disabled={busy || !text}>{t("watch.stix.preview")}</button>
            {report?.preview && !report.errors.length ? <button type="button" class="primary" disabled={busy} onClick={() => run(false)}>{t("watch.stix.import")}</button> : null}
          </p>
        </form>
      ) : <p class="muted">{t("watch.readOnly")}</p>}
      {report ? <ReportView report={report} /> : null}
      <Subscriptions ws={ws} canWrite={canWrite} onPulled={() => { onDone(); reloadHistory(); }} />
      <h3>{t("watch.stix.history")}</h3>
      <Show value={history}>
        {(h) => h.items.length ? (
          <div class="table-wrap">
            <table>
              <caption class="visually-hidden">{t("watch.stix.history")}</caption>
              <thead><tr><th scope="col">{t("watch.stix.when")}</th><th scope="col">{t("watch.stix.by")}</th><th scope="col">{t("watch.stix.what")}</th></tr></thead>
              <tbody>
                {h.items.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">{formatDate(i.created_at, true)}</th>
                    <td><bdi>{i.created_by_name}</bdi></td>
                    <td>{t("watch.stix.summary", { create: i.counts.create, keep: i.counts.keep, skip: i.counts.skip })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : <p class="muted">{t("watch.stix.none")}</p>}
      </Show>
    </section>
  );
}

function ReportView({ report }: { report: Report }) {
  const refused = report.errors.length > 0;
  const label = (i: Item) => i.name ?? t("watch.stix.object", { n: i.index + 1 });
  return (
    <div class="stix-report" aria-live="polite">
      {refused ? (
        <>
          <p class="error form-problem" role="alert">{t("watch.stix.refused", { count: report.counts.refused })}</p>
          <ul>{report.errors.map((e, i) => <li key={i}><strong>{where(e.param)}</strong>: {e.message}</li>)}</ul>
          {report.truncated ? <p class="hint">{t("watch.stix.truncated", { n: report.errors.length })}</p> : null}
        </>
      ) : (
        <p class={report.preview ? "hint" : "ok"} role="status">
          {report.preview ? t("watch.stix.previewLead") : t("watch.stix.done")}{" "}
          {t("watch.stix.summary", { create: report.counts.create, keep: report.counts.keep, skip: report.counts.skip })}
        </p>
      )}
      {outcomes.filter((o) => report.items.some((i) => i.outcome === o)).map((o) => {
        const items = report.items.filter((i) => i.outcome === o);
        return (
          <details key={o} open={o === "create"}>
            <summary>{t(`watch.stix.outcome.${o}`)} ({items.length})</summary>
            <ul class="stix-items">
              {items.slice(0, LISTED).map((i) => (
                <li key={i.index}>
                  <bdi>{label(i)}</bdi> <span class="muted small">· {i.target ? t(`watch.stix.target.${i.target}`) : <code dir="ltr">{i.stix_type}</code>}{i.why ? ` · ${t(`watch.stix.why.${i.why}`)}` : ""}</span>
                </li>
              ))}
            </ul>
            {items.length > LISTED ? <p class="hint">{t("watch.stix.more", { count: items.length - LISTED })}</p> : null}
          </details>
        );
      })}
    </div>
  );
}
