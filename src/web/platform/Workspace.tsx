import { useState } from "preact/hooks";
import { useTitle } from "../components/common.js";
import { i18next, t } from "../i18n.js";
import { exercisesLinkLabel } from "../exercises/link.js";
import { cohortsLinkLabel } from "../training/link.js";
import { getJson, send, type Session } from "./session.js";
import {
  Field, fieldError, FormProblem, formatDate, Guard, markingKey, markings, markingRank, onSubmit, rolesText, Show, TlpBadge, useOrganisationNames, useResource, useSubmit, type Marking,
} from "./ui.js";

export interface Member { id: string; name: string; organisation: string; organisation_name: string; added_at: string; revoked_at: string | null }
interface WorkspaceDetail { id: string; name: string; description: string; created_at: string; members: Member[] }
export interface RecordSummary {
  id: string; kind: string; marking: string; title?: string; concerns_minor: boolean; created_at: string; review_due_at: string | null;
  access: { level: string; reason: string };
}
interface Preview { user: { id: string; name: string; organisation: string }; records_visible: number; by_marking: Record<string, number> }

export function Workspace({ params }: { params: Record<string, string> }) {
  return <Guard permission="records.read" title={t("ws.workspace")}>{(s) => <WorkspaceView id={params.id} session={s} />}</Guard>;
}

function WorkspaceView({ id, session }: { id: string; session: Session }) {
  const base = `/api/v1/workspaces/${encodeURIComponent(id)}`;
  const [ws, reloadWs] = useResource<WorkspaceDetail>(base);
  const [recordsVersion, setRecordsVersion] = useState(0);
  const reloadRecords = () => setRecordsVersion((n) => n + 1);
  useTitle(ws.state === "ready" ? ws.data.name : t("ws.workspace"));
  const canWrite = session.permissions.includes("records.write");
  if (ws.state !== "ready") return <><h1>{t("ws.workspace")}</h1><Show value={ws}>{() => null}</Show></>;
  const w = ws.data;
  return (
    <>
      <p class="eyebrow"><a href="/workspaces">{t("ws.title")}</a></p>
      <h1><bdi>{w.name}</bdi></h1>
      {w.description ? <p class="lead" dir="auto">{w.description}</p> : null}
      <p class="actions">
        <a class="button" href={`/watch/workspaces/${encodeURIComponent(id)}`}>{t("watch.open")}</a>
        <a class="button" href={`/plans/workspaces/${encodeURIComponent(id)}`}>{t("ws.plansLink")}</a>
        <a class="button" href={`/network/workspaces/${encodeURIComponent(id)}`}>{t("ws.networkLink")}</a>
        <a class="button" href={`/exercises/workspaces/${encodeURIComponent(id)}`}>{exercisesLinkLabel(i18next.language)}</a>
        <a class="button" href={`/training/workspaces/${encodeURIComponent(id)}/cohorts`}>{cohortsLinkLabel(i18next.language)}</a>
      </p>
      <section aria-labelledby="ws-records">
        <h2 id="ws-records">{t("ws.records")}</h2>
        <RecordPages url={`${base}/records`} refresh={recordsVersion} />
      </section>
      {canWrite ? <NewRecord workspaceId={id} members={w.members} me={session.user.id} onCreated={reloadRecords} />
        : <p class="note" role="note">{t("ws.readOnly", { roles: rolesText(session) })}</p>}
      <section aria-labelledby="ws-members">
        <h2 id="ws-members">{t("ws.members")}</h2>
        <MemberTable members={w.members} me={session.user.id} canWrite={canWrite} workspaceId={id} onChange={reloadWs} />
        {canWrite && <AddMember workspaceId={id} onAdded={() => { reloadWs(); }} />}
      </section>
    </>
  );
}

interface RecordPage { items: RecordSummary[]; next_cursor: string | null }

/**
 * A workspace's records, newest first, one page at a time (the server pages them): "Show more"
 * follows the page's cursor and adds the next page below. A reload starts again at the first page.
 */
function RecordPages({ url, refresh }: { url: string; refresh: number }) {
  const [first] = useResource<RecordPage>(url, refresh);
  const [later, setLater] = useState<{ after: RecordPage; items: RecordSummary[]; next: string | null } | null>(null);
  const more = useSubmit(async (after: RecordPage, sofar: RecordSummary[], cursor: string) => {
    const page = await getJson<RecordPage>(`${url}?cursor=${encodeURIComponent(cursor)}`);
    setLater({ after, items: [...sofar, ...page.items], next: page.next_cursor });
  });
  return (
    <Show value={first}>{(data) => {
      // Pages added to an older first page are dropped when the first page reloads.
      const extra = later?.after === data ? later : null;
      const items = extra ? [...data.items, ...extra.items] : data.items;
      const next = extra ? extra.next : data.next_cursor;
      return (
        <>
          <RecordTable items={items} />
          {next && (
            <p class="actions">
              <button type="button" disabled={more.busy} onClick={() => more.run(data, extra?.items ?? [], next)}>{t("ws.showMore")}</button>
            </p>
          )}
          <FormProblem error={more.error} />
        </>
      );
    }}</Show>
  );
}

function RecordTable({ items }: { items: RecordSummary[] }) {
  if (!items.length) return <p class="muted">{t("ws.noRecords")}</p>;
  return (
    <div class="table-wrap" role="region" aria-labelledby="ws-records" tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t("record.title")}</th><th scope="col">{t("record.kind")}</th>
            <th scope="col">{t("record.marking")}</th><th scope="col">{t("record.created")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                <a href={`/records/${encodeURIComponent(r.id)}`}><bdi>{r.title ?? t("record.untitled", { marking: r.marking })}</bdi></a>
                {r.concerns_minor ? <span class="flag">{t("record.minorFlag")}</span> : null}
              </th>
              <td>{r.kind}</td>
              <td><TlpBadge marking={r.marking} /></td>
              <td>{formatDate(r.created_at, true)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MemberTable({ members, me, canWrite, workspaceId, onChange }: { members: Member[]; me: string; canWrite: boolean; workspaceId: string; onChange: () => void }) {
  const revoke = useSubmit(async (m: Member) => {
    await send("DELETE", `/api/v1/workspaces/${encodeURIComponent(workspaceId)}/members/${encodeURIComponent(m.id)}`);
    onChange();
  });
  return (
    <>
      <FormProblem error={revoke.error} />
      <table>
        <thead>
          <tr>
            <th scope="col">{t("ws.memberName")}</th><th scope="col">{t("ws.organisation")}</th>
            <th scope="col">{t("ws.status")}</th>{canWrite && <th scope="col"><span class="visually-hidden">{t("ws.actions")}</span></th>}
          </tr>
        </thead>
        <tbody>
          {members.map((m) => (
            <tr key={m.id} class={m.revoked_at ? "revoked" : undefined}>
              <th scope="row"><bdi>{m.name}</bdi>{m.id === me ? <span class="muted"> {t("ws.you")}</span> : null}</th>
              <td><bdi>{m.organisation_name}</bdi></td>
              <td>{m.revoked_at ? t("ws.revokedOn", { date: formatDate(m.revoked_at) }) : t("ws.activeSince", { date: formatDate(m.added_at) })}</td>
              {canWrite && (
                <td>
                  {!m.revoked_at && m.id !== me && (
                    <button type="button" class="danger" disabled={revoke.busy} onClick={() => revoke.run(m)}>
                      {t("ws.revoke")}<span class="visually-hidden"> {m.name}</span>
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function AddMember({ workspaceId, onAdded }: { workspaceId: string; onAdded: () => void }) {
  const base = `/api/v1/workspaces/${encodeURIComponent(workspaceId)}/members`;
  const [userId, setUserId] = useState("");
  const [preview, setPreview] = useState<Preview | null>(null);
  const [done, setDone] = useState("");
  const orgName = useOrganisationNames();
  const check = useSubmit(async () => {
    setDone("");
    setPreview(await getJson<Preview>(`${base}/preview?user_id=${encodeURIComponent(userId.trim())}`));
  });
  const add = useSubmit(async () => {
    await send("POST", base, { user_id: preview!.user.id });
    setDone(t("ws.added", { name: preview!.user.name }));
    setPreview(null);
    setUserId("");
    onAdded();
  });
  return (
    <div class="panel">
      <h3>{t("ws.addMember")}</h3>
      <form class="form" onSubmit={onSubmit(() => check.run())} noValidate>
        <FormProblem error={check.error} fields={["user_id"]} />
        <Field id="member-user" label={t("ws.userId")} hint={t("ws.userIdHint")} required value={userId}
          onValue={(v) => { setUserId(v); setPreview(null); }} error={fieldError(check.error, "user_id")} dir="ltr" />
        <p><button type="submit" disabled={check.busy || !userId.trim()}>{t("ws.previewButton")}</button></p>
      </form>
      <p class="ok" role="status">{done}</p>
      {preview && (
        <div class="preview" aria-labelledby="member-preview-title">
          <h4 id="member-preview-title">{t("visibility.title")}</h4>
          <p>{t("ws.previewText", { name: preview.user.name, organisation: orgName(preview.user.organisation), count: preview.records_visible })}</p>
          {preview.records_visible > 0 && (
            <ul class="inline">
              {markings.filter((m) => preview.by_marking[m]).map((m) => <li key={m}><TlpBadge marking={m} /> {preview.by_marking[m]}</li>)}
            </ul>
          )}
          <FormProblem error={add.error} />
          <p class="actions">
            <button type="button" class="primary" disabled={add.busy} onClick={() => add.run()}>{t("ws.confirmAdd", { name: preview.user.name })}</button>
            <button type="button" onClick={() => setPreview(null)}>{t("form.cancel")}</button>
          </p>
        </div>
      )}
    </div>
  );
}

/** The TLP levels, each with its one-line meaning; the chosen one is marked. */
export function MarkingLegend({ id, selected, minor }: { id: string; selected: string; minor?: boolean }) {
  return (
    <ul id={id} class="tlp-legend">
      {markings.map((m) => (
        <li key={m} class={m === selected ? "selected" : undefined} aria-current={m === selected ? "true" : undefined}>
          <TlpBadge marking={m} /> {t(`tlp.${markingKey(m)}`)}
          {minor && markingRank(m) < markingRank("AMBER") ? <span class="muted"> {t("record.notForMinors")}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export function MarkingSelect({ id, value, onValue, minor, error }: { id: string; value: string; onValue: (m: Marking) => void; minor?: boolean; error?: string }) {
  return (
    <div class="field">
      <label for={id}>{t("record.marking")}</label>
      <select id={id} value={value} onChange={(e) => onValue(e.currentTarget.value as Marking)}
        aria-describedby={[`${id}-legend`, error ? `${id}-error` : ""].filter(Boolean).join(" ")} aria-invalid={error ? "true" : undefined}>
        {markings.map((m) => <option key={m} value={m} disabled={minor && markingRank(m) < markingRank("AMBER")}>TLP:{m}</option>)}
      </select>
      <MarkingLegend id={`${id}-legend`} selected={value} minor={minor} />
      {error ? <p id={`${id}-error`} class="field-error" role="alert">{error}</p> : null}
    </div>
  );
}

export function RecipientPicker({ id, members, me, value, onValue, error }: { id: string; members: Member[]; me: string; value: string[]; onValue: (v: string[]) => void; error?: string }) {
  const choices = members.filter((m) => !m.revoked_at && m.id !== me);
  return (
    <fieldset class="field" aria-describedby={error ? `${id}-error` : `${id}-hint`}>
      <legend>{t("record.recipients")}</legend>
      <p id={`${id}-hint`} class="hint">{t("record.recipientsHint")}</p>
      {choices.length === 0 ? <p class="muted">{t("record.noRecipients")}</p> : (
        <ul class="checks">
          {choices.map((m) => (
            <li key={m.id}>
              <label>
                <input type="checkbox" checked={value.includes(m.id)}
                  onChange={(e) => onValue(e.currentTarget.checked ? [...value, m.id] : value.filter((x) => x !== m.id))} />
                {" "}<bdi>{m.name}</bdi> <span class="muted">(<bdi>{m.organisation_name}</bdi>)</span>
              </label>
            </li>
          ))}
        </ul>
      )}
      {error ? <p id={`${id}-error`} class="field-error" role="alert">{error}</p> : null}
    </fieldset>
  );
}

function NewRecord({ workspaceId, members, me, onCreated }: { workspaceId: string; members: Member[]; me: string; onCreated: () => void }) {
  const [kind, setKind] = useState("note");
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [marking, setMarking] = useState<Marking>("AMBER");
  const [minor, setMinor] = useState(false);
  const [recipients, setRecipients] = useState<string[]>([]);
  const [created, setCreated] = useState<{ id: string; title: string } | null>(null);
  const form = useSubmit(async () => {
    setCreated(null);
    const r = await send<{ id: string; title: string }>("POST", `/api/v1/workspaces/${encodeURIComponent(workspaceId)}/records`, {
      kind: kind.trim(), title, body: { text }, marking, concerns_minor: minor, ...(marking === "RED" ? { recipients } : {}),
    });
    setCreated(r);
    setTitle(""); setText(""); setRecipients([]);
    onCreated();
  });
  const e = form.error;
  const setMinorAndMarking = (v: boolean) => {
    setMinor(v);
    if (v && markingRank(marking) < markingRank("AMBER")) setMarking("AMBER");
  };
  return (
    <section aria-labelledby="rec-new">
      <h2 id="rec-new">{t("record.create")}</h2>
      <form class="form" onSubmit={onSubmit(() => form.run())} noValidate>
        <FormProblem error={e} fields={["kind", "title", "body", "marking", "recipients", "concerns_minor"]} />
        <Field id="rec-title" label={t("record.title")} required value={title} onValue={setTitle} error={fieldError(e, "title")} />
        <div class="short">
          <Field id="rec-kind" label={t("record.kind")} hint={t("record.kindHint")} required value={kind} onValue={setKind} error={fieldError(e, "kind")} dir="ltr" />
        </div>
        <Field id="rec-text" label={t("record.text")} multiline value={text} onValue={setText} error={fieldError(e, "body")}
          hint={<><strong>{t("record.noProfilingTitle")}</strong> {t("record.noProfiling")}</>} hintClass="reminder" />
        <MarkingSelect id="rec-marking" value={marking} onValue={setMarking} minor={minor} error={fieldError(e, "marking")} />
        <div class="field">
          <label class="check">
            <input type="checkbox" id="rec-minor" checked={minor} onChange={(ev) => setMinorAndMarking(ev.currentTarget.checked)} aria-describedby="rec-minor-hint" />
            {" "}{t("record.minor")}
          </label>
          <p id="rec-minor-hint" class="hint">{t("record.minorHint")}</p>
        </div>
        {marking === "RED" && <RecipientPicker id="rec-recipients" members={members} me={me} value={recipients} onValue={setRecipients} error={fieldError(e, "recipients")} />}
        <p><button class="primary" type="submit" disabled={form.busy}>{t("record.createButton")}</button></p>
        <p class="ok" role="status">{created && <>{t("record.createdOk")} <a href={`/records/${encodeURIComponent(created.id)}`}>{created.title}</a></>}</p>
      </form>
    </section>
  );
}
