import { useState } from "preact/hooks";
import { useTitle } from "../components/common.js";
import { t } from "../i18n.js";
import { currentReason, getJson, send, type Session } from "./session.js";
import {
  Field, fieldError, FormProblem, formatDate, Guard, markingRank, onSubmit, ShortId, Show, TlpBadge, useOrganisationNames, useResource, useSubmit, type Marking,
} from "./ui.js";
import { MarkingSelect, RecipientPicker, type Member } from "./Workspace.js";

interface RecordView {
  id: string; workspace_id: string; kind: string; marking: Marking; concerns_minor: boolean; organisation_id: string;
  created_at: string; updated_at: string; review_due_at: string | null; deleted_at: string | null; purge_after: string | null;
  title?: string; body?: Record<string, unknown>; recipients?: string[]; created_by?: string;
  access: { level: "content" | "metadata"; reason: string };
}
/** `people` names the viewer's organisation and the workspace's members; `others` counts everyone else who could read it. */
interface Visibility { marking: string; people: { id: string; name: string; organisation: string; why: string }[]; organisations: string[]; others: number; count: number; current: boolean }

export function RecordPage({ params }: { params: Record<string, string> }) {
  return <Guard permission="records.read" title={t("record.page")}>{(s) => <RecordLoader id={params.id} session={s} />}</Guard>;
}

function RecordLoader({ id, session }: { id: string; session: Session }) {
  const [rec, reload] = useResource<RecordView>(`/api/v1/records/${encodeURIComponent(id)}`);
  useTitle(rec.state === "ready" ? rec.data.title ?? t("record.page") : t("record.page"));
  if (rec.state !== "ready") return <><h1>{t("record.page")}</h1><Show value={rec}>{() => null}</Show></>;
  return <RecordBody rec={rec.data} reason={currentReason() ?? ""} session={session} reload={reload} />;
}

function RecordBody({ rec, reason, session, reload }: { rec: RecordView; reason: string; session: Session; reload: () => void }) {
  const content = rec.access.level === "content";
  const text = typeof rec.body?.text === "string" ? rec.body.text : "";
  const derived = Array.isArray(rec.body?.derived_from) ? (rec.body!.derived_from as string[]) : [];
  const extra = Object.entries(rec.body ?? {}).filter(([k]) => k !== "text" && k !== "derived_from");
  const [visVersion, setVisVersion] = useState(0);
  const orgName = useOrganisationNames();
  const overdue = rec.review_due_at && new Date(rec.review_due_at) < new Date();
  return (
    <>
      {content && <p class="eyebrow"><a href={`/workspaces/${encodeURIComponent(rec.workspace_id)}`}>{t("record.backToWorkspace")}</a></p>}
      <h1><bdi>{rec.title ?? t("record.untitled", { id: rec.id })}</bdi></h1>
      <p class="record-meta"><TlpBadge marking={rec.marking} /> <span class="kind">{rec.kind}</span>
        {rec.concerns_minor ? <span class="flag">{t("record.minorFlag")}</span> : null}</p>
      <div class="note access">
        <p><strong>{t("record.accessLevel")}</strong> {t(`record.level.${rec.access.level}`)}</p>
        <p><strong>{t("record.accessReason")}</strong> <bdi>{rec.access.reason}</bdi></p>
        {reason ? <p><strong>{t("record.yourReason")}</strong> <bdi>{reason}</bdi></p> : null}
      </div>
      {content && (
        <section aria-labelledby="rec-content">
          <h2 id="rec-content">{t("record.text")}</h2>
          {text ? <p class="record-text" dir="auto">{text}</p> : <p class="muted">{t("record.noText")}</p>}
          {extra.length > 0 && (
            <dl>{extra.map(([k, v]) => [<dt key={`${k}-t`}>{k}</dt>, <dd key={`${k}-d`} dir="auto">{typeof v === "string" ? v : JSON.stringify(v)}</dd>])}</dl>
          )}
          {derived.length > 0 && (
            <p>{t("record.derivedFrom")} {derived.map((d, i) => <>{i ? ", " : ""}<a key={d} href={`/records/${encodeURIComponent(d)}`}><ShortId id={d} /></a></>)}</p>
          )}
        </section>
      )}
      <section aria-labelledby="rec-details">
        <h2 id="rec-details">{t("record.details")}</h2>
        <dl>
          <dt>{t("record.organisation")}</dt><dd><bdi>{orgName(rec.organisation_id)}</bdi></dd>
          <dt>{t("record.created")}</dt><dd>{formatDate(rec.created_at, true)}</dd>
          <dt>{t("record.updated")}</dt><dd>{formatDate(rec.updated_at, true)}</dd>
          {rec.concerns_minor && rec.review_due_at ? <><dt>{t("record.reviewDue")}</dt><dd class={overdue ? "error" : undefined}>{formatDate(rec.review_due_at)}{overdue ? ` (${t("record.overdue")})` : ""}</dd></> : null}
          {rec.deleted_at ? <><dt>{t("record.deleted")}</dt><dd>{formatDate(rec.deleted_at)}</dd></> : null}
          {rec.purge_after ? <><dt>{t("record.purgeAfter")}</dt><dd>{formatDate(rec.purge_after)}</dd></> : null}
        </dl>
        {rec.concerns_minor && content && session.permissions.includes("records.write") && <MinorReview id={rec.id} onDone={reload} />}
      </section>
      {content && <VisibilityPanel id={rec.id} version={visVersion} />}
      {content && session.permissions.includes("records.write") && (
        <ChangeMarking rec={rec} me={session.user.id} onChanged={() => { reload(); setVisVersion((n) => n + 1); }} />
      )}
      {content && session.permissions.includes("removal.request") && <RemovalRequest id={rec.id} />}
    </>
  );
}

function PeopleTable({ vis, before, caption }: { vis: Visibility; before?: Set<string>; caption: string }) {
  return (
    <table>
      <caption>{caption}</caption>
      <thead><tr><th scope="col">{t("visibility.person")}</th><th scope="col">{t("visibility.organisation")}</th><th scope="col">{t("visibility.why")}</th></tr></thead>
      <tbody>
        {vis.people.map((p) => (
          <tr key={p.id} class={before && !before.has(p.id) ? "gains" : undefined}>
            <th scope="row"><bdi>{p.name}</bdi>{before && !before.has(p.id) ? <span class="flag">{t("visibility.gains")}</span> : null}</th>
            <td><bdi>{p.organisation}</bdi></td>
            <td><bdi>{p.why}</bdi></td>
          </tr>
        ))}
      </tbody>
      {vis.others > 0 && <tfoot><tr><td colSpan={3}>{t("visibility.others", { count: vis.others })}</td></tr></tfoot>}
    </table>
  );
}

function VisibilityPanel({ id, version }: { id: string; version: number }) {
  const [vis] = useResource<Visibility>(`/api/v1/records/${encodeURIComponent(id)}/visibility`, version);
  return (
    <section aria-labelledby="rec-visibility" class="panel">
      <h2 id="rec-visibility">{t("visibility.title")}</h2>
      <Show value={vis}>
        {(v) => (
          <>
            <p>{t("visibility.summary", { count: v.count })}</p>
            <p><strong>{t("visibility.organisations")}</strong> <bdi>{v.organisations.join(", ") || "—"}</bdi></p>
            <PeopleTable vis={v} caption={t("visibility.people")} />
          </>
        )}
      </Show>
    </section>
  );
}

function ChangeMarking({ rec, me, onChanged }: { rec: RecordView; me: string; onChanged: () => void }) {
  const [marking, setMarking] = useState<Marking>(rec.marking);
  const [recipients, setRecipients] = useState<string[]>(rec.recipients ?? []);
  const [members, setMembers] = useState<Member[] | null>(null);
  const [preview, setPreview] = useState<{ now: Visibility; next: Visibility } | null>(null);
  const [reason, setReason] = useState("");
  const [done, setDone] = useState("");
  const base = `/api/v1/records/${encodeURIComponent(rec.id)}`;
  const loadMembers = async () => {
    if (members) return;
    try { setMembers((await getJson<{ members: Member[] }>(`/api/v1/workspaces/${encodeURIComponent(rec.workspace_id)}`)).members); } catch { setMembers([]); }
  };
  const pick = (m: Marking) => { setMarking(m); setPreview(null); setDone(""); if (m === "RED") void loadMembers(); };
  const widening = markingRank(marking) < markingRank(rec.marking) || (marking === "RED" && recipients.some((r) => !(rec.recipients ?? []).includes(r)));
  const check = useSubmit(async () => {
    const qs = new URLSearchParams({ marking });
    if (marking === "RED") qs.set("recipients", recipients.join(","));
    const [now, next] = await Promise.all([getJson<Visibility>(`${base}/visibility`), getJson<Visibility>(`${base}/visibility?${qs}`)]);
    setPreview({ now, next });
  });
  const apply = useSubmit(async () => {
    await send("PATCH", base, { marking, ...(marking === "RED" ? { recipients } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) });
    setPreview(null); setReason("");
    setDone(t("marking.changed", { marking: `TLP:${marking}` }));
    onChanged();
  });
  const before = preview ? new Set(preview.now.people.map((p) => p.id)) : undefined;
  return (
    <section aria-labelledby="rec-marking-change">
      <h2 id="rec-marking-change">{t("marking.title")}</h2>
      <p>{t("marking.lead")}</p>
      <form class="form" noValidate onSubmit={onSubmit(() => check.run())}>
        <FormProblem error={check.error} fields={["marking", "recipients"]} />
        <MarkingSelect id="change-marking" value={marking} onValue={pick} minor={rec.concerns_minor} error={fieldError(check.error, "marking")} />
        {marking === "RED" && members && (
          <RecipientPicker id="change-recipients" members={members} me={me} value={recipients} onValue={(v) => { setRecipients(v); setPreview(null); }} error={fieldError(check.error, "recipients")} />
        )}
        <p><button type="submit" disabled={check.busy}>{t("marking.preview")}</button></p>
      </form>
      <p class="ok" role="status">{done}</p>
      {preview && (
        <div class="preview">
          <h3>{t("marking.previewTitle", { marking: `TLP:${marking}` })}</h3>
          <p>{t("marking.previewCounts", { before: preview.now.count, after: preview.next.count })}</p>
          <p><strong>{t("visibility.organisations")}</strong> <bdi>{preview.next.organisations.join(", ") || "—"}</bdi></p>
          <PeopleTable vis={preview.next} before={before} caption={t("marking.previewPeople")} />
          <form class="form" noValidate onSubmit={onSubmit(() => apply.run())}>
            <FormProblem error={apply.error} fields={widening ? ["reason"] : []} />
            {widening && (
              <Field id="change-reason" label={t("marking.reason")} hint={t("marking.reasonHint")} required multiline value={reason} onValue={setReason} error={fieldError(apply.error, "reason")} />
            )}
            <p class="actions">
              <button class="primary" type="submit" disabled={apply.busy}>{t("marking.apply", { marking: `TLP:${marking}` })}</button>
              <button type="button" onClick={() => setPreview(null)}>{t("form.cancel")}</button>
            </p>
          </form>
        </div>
      )}
    </section>
  );
}

function RemovalRequest({ id }: { id: string }) {
  const [reason, setReason] = useState("");
  const [done, setDone] = useState(false);
  const form = useSubmit(async () => {
    await send("POST", `/api/v1/records/${encodeURIComponent(id)}/removal-requests`, { reason });
    setDone(true); setReason("");
  });
  return (
    <section aria-labelledby="rec-removal">
      <h2 id="rec-removal">{t("removal.title")}</h2>
      <p>{t("removal.lead")}</p>
      <form class="form" noValidate onSubmit={onSubmit(() => form.run())}>
        <FormProblem error={form.error} fields={["reason"]} />
        <Field id="removal-reason" label={t("removal.reason")} hint={t("removal.reasonHint")} required multiline value={reason} onValue={setReason} error={fieldError(form.error, "reason")} />
        <p><button type="submit" disabled={form.busy}>{t("removal.submit")}</button></p>
      </form>
      <p class="ok" role="status">{done ? t("removal.filed") : ""}</p>
    </section>
  );
}

function MinorReview({ id, onDone }: { id: string; onDone: () => void }) {
  const [note, setNote] = useState("");
  const form = useSubmit(async () => {
    await send("POST", `/api/v1/records/${encodeURIComponent(id)}/reviews`, { note });
    setNote("");
    onDone();
  });
  return (
    <form class="form" noValidate onSubmit={onSubmit(() => form.run())}>
      <FormProblem error={form.error} fields={["note"]} />
      <Field id="review-note" label={t("record.reviewNote")} hint={t("record.reviewHint")} required value={note} onValue={setNote} error={fieldError(form.error, "note")} />
      <p><button type="submit" disabled={form.busy}>{t("record.reviewSubmit")}</button></p>
    </form>
  );
}

