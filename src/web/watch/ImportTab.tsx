/** The CSV import of observations: all rows or none, with a report of each rejected row. */
import { useState } from "preact/hooks";
import { t } from "../i18n.js";
import { ProblemError, send, textBody } from "../platform/session.js";
import { Field, onSubmit } from "../platform/ui.js";
import { alertsChanged, enc, watchBase } from "./shared.js";

/** `truncated`: more rows were rejected than `errors` lists (the first ones are listed, `rejected` counts all). */
interface ImportResult { imported: number; rejected: number; errors: { row: number; line: number; field: string; message: string }[]; truncated?: boolean }
const csvHeader = "subject,indicator,state,trend,observed_at,reported_at,sources,credibility,note";
const csvExample = 'Ménaka border zone,env-economic.poverty,present,rising,2026-08-01,,"""Reuters; Africa desk""; Field report 12",2,';

const isReport = (body: unknown): body is ImportResult =>
  !!body && typeof (body as ImportResult).rejected === "number" && Array.isArray((body as ImportResult).errors);

export function ImportTab({ ws, onDone }: { ws: string; onDone: () => void }) {
  const [csv, setCsv] = useState("");
  const [result, setResult] = useState<ImportResult | null>(null);
  const [problem, setProblem] = useState("");
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true); setResult(null); setProblem("");
    try {
      setResult(await send<ImportResult>("POST", `${watchBase}/workspaces/${enc(ws)}/observations/import`, textBody(csv, "text/csv")));
      onDone(); alertsChanged();
    } catch (e) {
      // 422: nothing imported; the answer reports each rejected row.
      if (e instanceof ProblemError && e.status === 422 && isReport(e.body)) setResult(e.body);
      else setProblem(e instanceof ProblemError && e.status > 0 ? e.errors[0]?.message ?? e.message : t("form.network"));
    } finally { setBusy(false); }
  };
  const readFile = async (file: File | undefined) => { if (file) setCsv(await file.text()); };
  return (
    <section aria-labelledby="w-import">
      <h2 id="w-import">{t("watch.import.title")}</h2>
      <p class="hint">{t("watch.import.lead")}</p>
      <p><code dir="ltr" class="csv-head">{csvHeader}</code></p>
      <p class="hint">{t("watch.import.sourcesHint")}</p>
      <p><code dir="ltr" class="csv-head">{csvExample}</code></p>
      <p class="hint">{t("watch.import.namesHint")}</p>
      <form class="form" onSubmit={onSubmit(run)} noValidate>
        <div class="field">
          <label for="import-file">{t("watch.import.file")}</label>
          <input id="import-file" type="file" accept=".csv,text/csv" onChange={(e) => readFile(e.currentTarget.files?.[0])} />
        </div>
        <Field id="import-csv" label={t("watch.import.text")} hint={t("watch.import.textHint")} multiline value={csv} onValue={setCsv} dir="ltr" error={problem || undefined} />
        <p><button class="primary" type="submit" disabled={busy || !csv.trim()}>{t("watch.import.submit")}</button></p>
      </form>
      {result && result.rejected === 0 && <p class="ok" role="status">{t("watch.import.done", { count: result.imported })}</p>}
      {result && result.rejected > 0 && (
        <div class="import-errors">
          <p class="error form-problem" role="alert">{t("watch.import.rejected", { count: result.rejected })}</p>
          {result.truncated && <p class="hint">{t("oversight.showing", { from: 1, to: result.errors.length, total: result.rejected })}</p>}
          <div class="table-wrap">
            <table>
              <caption>{t("watch.import.report")}</caption>
              <thead><tr><th scope="col">{t("watch.import.row")}</th><th scope="col">{t("watch.import.line")}</th><th scope="col">{t("watch.import.field")}</th><th scope="col">{t("watch.import.message")}</th></tr></thead>
              <tbody>
                {result.errors.map((r) => (
                  <tr key={`${r.row}-${r.field}`}><th scope="row">{r.row}</th><td>{r.line}</td><td><code>{r.field}</code></td><td lang="en" dir="ltr">{r.message}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
