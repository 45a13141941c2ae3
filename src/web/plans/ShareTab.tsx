/** Share & exports: regional sharing with explicit consent, the export files, and the technical-assistance needs. */
import { withLang, type Msg } from "../messages.js";
import { useState } from "preact/hooks";
import { i18next } from "../i18n.js";
import { tp } from "./strings.js";
import { send } from "../platform/session.js";
import { fieldError, FormProblem, onSubmit, Show, useResource, useSubmit } from "../platform/ui.js";
import { consents, EnglishNote, enc, practiceLanguage, PracticeName, saBase, Saved, Select, ServerText, usePractices, type Consent, type Summary } from "./shared.js";

const exportFiles = ["action-plan.pdf", "action-plan.docx", "ratings.csv", "actions.csv", "plan.xlsx", "due-dates.ics", "assistance.pdf", "assistance.docx"] as const;
const exportKey = (f: string) => f.replace(/[.-](\w)/g, (_, c: string) => c.toUpperCase());

/**
 * The assistance report as the API gives it in the reader's language (decision 0025): practice
 * titles from the knowledge base (English where a practice is not translated), the gap as a
 * message, the examples and instruments by their names, the note as the country typed it.
 */
interface Assistance { groups: { organisation: string; practices: { practice: string; title: string; gap: Msg | string; note: string; via: string[] }[] }[]; unassigned: { practice: string; title: string; gap: Msg | string; note: string }[] }

export function ShareTab({ summary, canCoordinate, onChange }: { summary: Summary; canCoordinate: boolean; onChange: () => void }) {
  return (
    <section aria-labelledby="share-h">
      <h2 id="share-h">{tp("share.title")}</h2>
      <Sharing summary={summary} canCoordinate={canCoordinate} onChange={onChange} />
      <section aria-labelledby="exports-h">
        <h3 id="exports-h">{tp("exports.title")}</h3>
        <p class="hint">{tp("exports.lead")}</p>
        <ul class="plan-exports">
          {exportFiles.map((f) => (
            <li key={f}>
              <a href={withLang(`${saBase(summary.id)}/export/${f}`)} download>{tp(`exports.${exportKey(f)}`)}</a> <span class="muted small" dir="ltr">{f}</span>
            </li>
          ))}
        </ul>
      </section>
      <AssistanceReport saId={summary.id} />
    </section>
  );
}

function Sharing({ summary, canCoordinate, onChange }: { summary: Summary; canCoordinate: boolean; onChange: () => void }) {
  const [workspaces] = useResource<{ items: { id: string; name: string }[] }>("/api/v1/workspaces");
  const shares = summary.shares ?? [];
  const own = summary.workspace_id ?? new URLSearchParams(location.search).get("workspace");
  const [region, setRegion] = useState(shares[0]?.region ?? "");
  const [consent, setConsent] = useState<Consent>(shares.find((s) => s.region === region)?.consent ?? "aggregate");
  const [saved, setSaved] = useState("");
  const form = useSubmit(async () => {
    setSaved("");
    await send("PUT", `${saBase(summary.id)}/share`, { region, consent });
    setSaved(tp("share.saved"));
    onChange();
  });
  const e = form.error;
  const pick = (id: string) => { setRegion(id); setConsent(shares.find((s) => s.region === id)?.consent ?? "aggregate"); };
  return (
    <section aria-labelledby="sharing-h">
      <h3 id="sharing-h">{tp("share.regional")}</h3>
      <p class="hint">{tp("share.lead")}</p>
      {shares.length === 0 ? <p class="muted">{tp("share.none")}</p> : (
        <ul>
          {shares.map((s) => (
            <li key={s.region}>
              <a href={`/plans/regions/${enc(s.region)}`}><bdi>{s.region_name ?? s.region}</bdi></a> — {tp(`consent.${s.consent}`)}
            </li>
          ))}
        </ul>
      )}
      {!canCoordinate ? <p class="hint">{tp("share.coordinatorOnly")}</p> : (
        <form class="form" onSubmit={onSubmit(() => form.run())} noValidate>
          <FormProblem error={e} fields={["region", "consent"]} />
          <Show value={workspaces}>
            {(w) => (
              <Select id="share-region" label={tp("share.region")} hint={tp("share.regionHint")} value={region} onValue={pick} error={fieldError(e, "region")} required>
                <option value="">{tp("share.chooseRegion")}</option>
                {w.items.filter((x) => x.id !== own).map((x) => <option key={x.id} value={x.id} dir="auto">{x.name}</option>)}
              </Select>
            )}
          </Show>
          <fieldset class="field" aria-describedby={fieldError(e, "consent") ? "share-consent-error" : undefined}>
            <legend>{tp("share.consent")}</legend>
            <ul class="checks plan-radios plan-consent">
              {consents.map((c) => (
                <li key={c}>
                  <label>
                    <input type="radio" name="share-consent" value={c} checked={consent === c} onChange={() => setConsent(c)} aria-describedby={`consent-${c}-hint`} />
                    {" "}<strong>{tp(`consent.${c}`)}</strong>
                  </label>
                  <p id={`consent-${c}-hint`} class="hint">{tp(`consent.${c}Hint`)}</p>
                </li>
              ))}
            </ul>
            {fieldError(e, "consent") ? <p id="share-consent-error" class="field-error" role="alert">{fieldError(e, "consent")}</p> : null}
          </fieldset>
          <p><button class="primary" type="submit" disabled={form.busy || !region}>{tp("share.submit")}</button></p>
          <Saved text={saved} />
        </form>
      )}
    </section>
  );
}

function AssistanceReport({ saId }: { saId: string }) {
  const [report] = useResource<Assistance>(`${saBase(saId)}/assistance`);
  const practices = usePractices();
  return (
    <section aria-labelledby="assist-h">
      <h3 id="assist-h">{tp("assist.title")}</h3>
      <p class="hint">{tp("assist.lead")}</p>
      <Show value={report}>
        {(r) => {
          const unassigned = r.unassigned ?? [];
          if (r.groups.length === 0 && unassigned.length === 0) return <p class="muted">{tp("assist.none")}</p>;
          // The note on English texts only where a practice shown is not translated (the rest comes in the reader's language).
          const listed = [...r.groups.flatMap((g) => g.practices), ...unassigned].map((p) => practiceLanguage(practices, p.practice));
          return (
            <>
              {practices ? <EnglishNote language={listed.includes("en") ? "en" : i18next.language} /> : null}
              {r.groups.map((g) => (
                <div key={g.organisation}>
                  <h4><bdi>{g.organisation}</bdi></h4>
                  <ul>{g.practices.map((p) => <li key={p.practice}><PracticeName practices={practices} id={p.practice} title={p.title} />{p.note ? <>: <bdi>{p.note}</bdi></> : null} <span class="muted small"><ServerText value={p.gap} />{p.via.length ? <> · <bdi>{p.via.join("; ")}</bdi></> : null}</span></li>)}</ul>
                </div>
              ))}
              {unassigned.length > 0 && (
                <>
                  <h4>{tp("assist.unassigned")}</h4>
                  <ul>{unassigned.map((p) => <li key={p.practice}><PracticeName practices={practices} id={p.practice} title={p.title} />{p.note ? <>: <bdi>{p.note}</bdi></> : null}</li>)}</ul>
                </>
              )}
            </>
          );
        }}
      </Show>
    </section>
  );
}
