import { useEffect, useState } from "preact/hooks";
import { useTitle } from "../components/common.js";
import { t } from "../i18n.js";
import { navigate } from "../router.js";
import { send, type Session } from "./session.js";
import { Field, fieldError, FormProblem, formatDate, Guard, onSubmit, ShortId, Show, TlpBadge, useOrganisationNames, useResource, useSubmit } from "./ui.js";

interface AuditEntry {
  seq: number; at: string; actor_id: string | null; actor_name: string | null; actor_org: string | null; action: string; target_kind: string | null;
  target_id: string | null; ip: string | null; reason: string | null; details: unknown;
}

/** An audit action in words (its code beside it, for filtering); a code without a label shows as itself. */
const actionText = (code: string) => t(`auditAction.${code}`, { defaultValue: code });

/** The details of an entry as "key: value" lines; nested values stay compact JSON. */
function Details({ details }: { details: unknown }) {
  if (!details || typeof details !== "object") return null;
  const entries = Object.entries(details as Record<string, unknown>).filter(([, v]) => v !== undefined && v !== null);
  if (!entries.length) return null;
  return (
    <ul class="audit-details" dir="ltr">
      {entries.map(([k, v]) => <li key={k}><span class="muted">{k}:</span> <bdi>{typeof v === "object" ? JSON.stringify(v) : String(v)}</bdi></li>)}
    </ul>
  );
}
type Chain = { ok: true; count: number } | { ok: false; first: { seq: number; problem: string } };
interface Policy { kind: string; retention_days: number; minor_retention_days: number; grace_days: number; minor_review_days: number; legal_basis: string }
interface KindState { kind: string; active: number; soft_deleted: number; minors: number; reviews_overdue: number; next_purge: string | null }
interface RunProblem { code: string; params: Record<string, string | number>; message: string }
interface RetentionRun { id: string; ran_at: string; status: string; problems: RunProblem[]; planned_soft_delete: number; planned_purge: number; records_total: number }
interface SoftDeleted { id: string; kind: string; marking: string; deleted_at: string; purge_after: string | null }
interface RetentionState {
  policies: Policy[]; kinds: KindState[]; purged_total: number; soft_deleted: SoftDeleted[];
  guards: { max_share: number; max_gap_days: number }; pending_run: RetentionRun | null; last_run: RetentionRun | null;
}
interface Removal {
  id: string; record_id: string; requested_by: string; reason: string; status: "pending" | "approved" | "refused" | "executed";
  decided_by: string | null; decision_reason: string | null; decided_at: string | null; executed_at: string | null; created_at: string;
}

const PAGE = 100;
const filterNames = ["actor", "organisation", "action", "from", "to"] as const;
type Filters = Record<(typeof filterNames)[number], string>;

/** The day after a YYYY-MM-DD date: the API's "to" is exclusive, the form's "until" includes the day. */
const dayAfter = (d: string) => {
  const x = new Date(`${d}T00:00:00Z`);
  if (Number.isNaN(x.getTime())) return d;
  x.setUTCDate(x.getUTCDate() + 1);
  return x.toISOString().slice(0, 10);
};

/** The audit API query for the filters: the list, and the same filters for the CSV download. */
export function auditQuery(f: Partial<Filters>, extra: Record<string, string> = {}): string {
  const qs = new URLSearchParams();
  for (const name of filterNames) {
    const v = f[name]?.trim();
    if (v) qs.set(name, name === "to" ? dayAfter(v) : v);
  }
  for (const [k, v] of Object.entries(extra)) qs.set(k, v);
  return qs.toString();
}

export function Oversight({ query }: { query: URLSearchParams }) {
  useTitle(t("oversight.title"));
  return <Guard permission="audit.read" title={t("oversight.title")}>{(s) => <OversightView query={query} session={s} />}</Guard>;
}

function OversightView({ query, session }: { query: URLSearchParams; session: Session }) {
  return (
    <>
      <h1>{t("oversight.title")}</h1>
      <p class="lead">{t("oversight.lead")}</p>
      <ChainStatus />
      <AuditLog query={query} />
      {session.permissions.includes("retention.read") && <Retention canDecide={session.permissions.includes("removal.decide")} />}
      <Removals canDecide={session.permissions.includes("removal.decide")} />
    </>
  );
}

function ChainStatus() {
  const [chain] = useResource<Chain>("/api/v1/audit/verify");
  return (
    <section aria-labelledby="chain-title">
      <h2 id="chain-title">{t("oversight.chain")}</h2>
      <Show value={chain}>
        {(c) => c.ok
          ? <p class="chain ok" role="status">{t("oversight.chainOk", { count: c.count })}</p>
          : <p class="chain bad" role="alert">{t("oversight.chainBad", { seq: c.first.seq, problem: t(`oversight.problem.${c.first.problem}`) })}</p>}
      </Show>
    </section>
  );
}

function AuditLog({ query }: { query: URLSearchParams }) {
  const applied: Filters = Object.fromEntries(filterNames.map((n) => [n, query.get(n) ?? ""])) as Filters;
  const offset = Math.max(0, Number(query.get("offset") ?? 0) || 0);
  const [draft, setDraft] = useState<Filters>(applied);
  const key = filterNames.map((n) => applied[n]).join("|");
  useEffect(() => setDraft(applied), [key]);
  const [audit] = useResource<{ total: number; entries: AuditEntry[] }>(`/api/v1/audit?${auditQuery(applied, { limit: String(PAGE), offset: String(offset) })}`);
  const pageUrl = (f: Partial<Filters>, off = 0) => {
    const qs = new URLSearchParams(Object.entries(f).filter(([, v]) => v?.trim()).map(([k, v]) => [k, v!.trim()]));
    if (off) qs.set("offset", String(off));
    return `/oversight${qs.size ? `?${qs}` : ""}`;
  };
  const orgName = useOrganisationNames();
  const set = (name: keyof Filters) => (v: string) => setDraft({ ...draft, [name]: v });
  const err = audit.state === "error" ? audit.error : null;
  const csv = `/api/v1/audit?${auditQuery(applied, { format: "csv", limit: "10000" })}`;
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">{t("oversight.audit")}</h2>
      <form class="facets audit-filters" aria-label={t("oversight.filters")} noValidate onSubmit={onSubmit(() => navigate(pageUrl(draft)))}>
        <Field id="audit-actor" label={t("oversight.person")} value={draft.actor} onValue={set("actor")} error={fieldError(err, "actor")} dir="ltr" />
        <Field id="audit-organisation" label={t("oversight.organisation")} value={draft.organisation} onValue={set("organisation")} error={fieldError(err, "organisation")} dir="ltr" />
        <Field id="audit-action" label={t("oversight.action")} hint={t("oversight.actionHint")} value={draft.action} onValue={set("action")} error={fieldError(err, "action")} dir="ltr" />
        <Field id="audit-from" label={t("oversight.from")} type="date" value={draft.from} onValue={set("from")} error={fieldError(err, "from")} />
        <Field id="audit-to" label={t("oversight.to")} type="date" value={draft.to} onValue={set("to")} error={fieldError(err, "to")} />
        <p class="actions">
          <button class="primary" type="submit">{t("oversight.apply")}</button>
          <button type="button" onClick={() => { const empty = { actor: "", organisation: "", action: "", from: "", to: "" }; setDraft(empty); navigate(pageUrl(empty)); }}>{t("oversight.clear")}</button>
        </p>
      </form>
      <p><a class="button" href={csv} download="audit.csv">{t("oversight.csv")}</a></p>
      <Show value={audit}>
        {(data) => (
          <>
            <p role="status">{t("oversight.showing", { from: data.total ? offset + 1 : 0, to: offset + data.entries.length, total: data.total })}</p>
            {data.entries.length > 0 && (
              <div class="table-wrap" role="region" aria-labelledby="audit-title" tabIndex={0}>
                <table class="audit">
                  <thead>
                    <tr>
                      <th scope="col">#</th><th scope="col">{t("oversight.when")}</th><th scope="col">{t("oversight.person")}</th>
                      <th scope="col">{t("oversight.organisation")}</th><th scope="col">{t("oversight.action")}</th>
                      <th scope="col">{t("oversight.target")}</th><th scope="col">{t("oversight.reason")}</th><th scope="col">{t("oversight.details")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.entries.map((e) => (
                      <tr key={e.seq}>
                        <th scope="row">{e.seq}</th>
                        <td class="nowrap">{formatDate(e.at, true)}</td>
                        <td>{e.actor_id ? <a href={pageUrl({ ...applied, actor: e.actor_id })} title={e.actor_id}>{e.actor_name ? <bdi>{e.actor_name}</bdi> : <ShortId id={e.actor_id} />}</a> : <span class="muted">{t("oversight.system")}</span>}</td>
                        <td><bdi>{e.actor_org ? orgName(e.actor_org) : ""}</bdi></td>
                        <td>{actionText(e.action)}<br /><code class="muted small" dir="ltr">{e.action}</code></td>
                        <td>{e.target_kind ? <>{t(`auditTarget.${e.target_kind}`, { defaultValue: e.target_kind })} {e.target_id ? (e.target_kind === "record" ? <a href={`/records/${encodeURIComponent(e.target_id)}`}><ShortId id={e.target_id} /></a> : <ShortId id={e.target_id} />) : null}</> : ""}</td>
                        <td><bdi>{e.reason ?? ""}</bdi></td>
                        <td><Details details={e.details} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {data.total > PAGE && (
              <nav class="pager" aria-label={t("oversight.pages")}>
                {offset > 0 && <a href={pageUrl(applied, Math.max(0, offset - PAGE))}>{t("oversight.newer")}</a>}
                {offset + PAGE < data.total && <a href={pageUrl(applied, offset + PAGE)}>{t("oversight.older")}</a>}
              </nav>
            )}
          </>
        )}
      </Show>
    </section>
  );
}

function Retention({ canDecide }: { canDecide: boolean }) {
  const [state, reload] = useResource<RetentionState>("/api/v1/retention");
  const [ran, setRan] = useState<{ softDeleted: number; purged: number } | null>(null);
  return (
    <section aria-labelledby="retention-title">
      <h2 id="retention-title">{t("retention.title")}</h2>
      <Show value={state}>
        {(s) => {
          const overdue = s.kinds.reduce((n, k) => n + k.reviews_overdue, 0);
          return (
            <>
              <p class={overdue ? "error" : "ok"} role="status">{t("retention.overdue", { count: overdue })}</p>
              {ran && <p role="status" class="ok">{t("retention.confirmed", ran)}</p>}
              {s.pending_run && <PendingRun run={s.pending_run} canDecide={canDecide} onDone={(r) => { setRan(r); reload(); }} />}
              <p class="muted">
                {t("retention.guards", { share: Math.round(s.guards.max_share * 1000) / 10, days: s.guards.max_gap_days })}{" "}
                {s.last_run ? t("retention.lastRun", { at: formatDate(s.last_run.ran_at, true) }) : t("retention.neverRun")}
              </p>
              <h3 id="policies-title">{t("retention.policies")}</h3>
              <div class="table-wrap" role="region" aria-labelledby="policies-title" tabIndex={0}>
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("retention.kind")}</th><th scope="col">{t("retention.keep")}</th><th scope="col">{t("retention.keepMinor")}</th>
                      <th scope="col">{t("retention.grace")}</th><th scope="col">{t("retention.review")}</th><th scope="col">{t("retention.legalBasis")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.policies.map((p) => (
                      <tr key={p.kind}>
                        <th scope="row">{p.kind === "default" ? t("retention.default") : <bdi>{p.kind}</bdi>}</th>
                        <td>{t("retention.days", { count: p.retention_days })}</td><td>{t("retention.days", { count: p.minor_retention_days })}</td>
                        <td>{t("retention.days", { count: p.grace_days })}</td><td>{t("retention.days", { count: p.minor_review_days })}</td>
                        <td><bdi>{p.legal_basis}</bdi></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <h3 id="kinds-title">{t("retention.counts")}</h3>
              {s.kinds.length === 0 ? <p class="muted">{t("retention.noRecords")}</p> : (
                <table>
                  <thead>
                    <tr>
                      <th scope="col">{t("retention.kind")}</th><th scope="col">{t("retention.active")}</th><th scope="col">{t("retention.softDeleted")}</th>
                      <th scope="col">{t("retention.minors")}</th><th scope="col">{t("retention.reviewsOverdue")}</th><th scope="col">{t("retention.nextPurge")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.kinds.map((k) => (
                      <tr key={k.kind}>
                        <th scope="row"><bdi>{k.kind}</bdi></th><td>{k.active}</td><td>{k.soft_deleted}</td><td>{k.minors}</td>
                        <td class={k.reviews_overdue ? "error" : undefined}>{k.reviews_overdue}</td><td>{formatDate(k.next_purge) || "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              <p class="muted">{t("retention.purged", { count: s.purged_total })}</p>
              <SoftDeletedRecords items={s.soft_deleted} canDecide={canDecide} onChange={reload} />
            </>
          );
        }}
      </Show>
    </section>
  );
}

/** Dates in a problem's parameters, shown in the reader's language. */
const problemParams = (p: RunProblem) =>
  Object.fromEntries(Object.entries(p.params).map(([k, v]) => [k, typeof v === "string" && /^\d{4}-\d{2}-\d{2}T/.test(v) ? formatDate(v, true) : v]));

/** A retention run its guards stopped: why, what it would delete, and oversight's confirmation with a reason. */
function PendingRun({ run, canDecide, onDone }: { run: RetentionRun; canDecide: boolean; onDone: (result: { softDeleted: number; purged: number }) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [localError, setLocalError] = useState("");
  const confirm = useSubmit(async () => {
    onDone(await send<{ softDeleted: number; purged: number }>("POST", `/api/v1/retention/runs/${encodeURIComponent(run.id)}/confirm`, { reason: reason.trim() }));
  });
  const submit = () => {
    if (reason.trim().length < 10) { setLocalError(t("retention.confirmReasonRequired")); return; }
    setLocalError("");
    void confirm.run();
  };
  const deletes = run.planned_soft_delete + run.planned_purge;
  return (
    <article class="card pending-run" aria-labelledby="pending-run-title">
      <h3 id="pending-run-title">{t("retention.pending")}</h3>
      <p>{t("retention.pendingLead", { at: formatDate(run.ran_at, true), softDelete: run.planned_soft_delete, purge: run.planned_purge, total: run.records_total })}</p>
      <ul>
        {run.problems.map((p) => <li key={p.code} class="error">{t(`retention.problem.${p.code.replace(/^retention\./, "")}`, { ...problemParams(p), defaultValue: p.message })}</li>)}
      </ul>
      {!canDecide ? <p class="muted">{t("retention.onlyOversight")}</p> : !open
        ? <p><button type="button" class="danger" onClick={() => setOpen(true)}>{t("retention.confirmStart")}</button></p>
        : (
          <form class="form" noValidate onSubmit={onSubmit(submit)}>
            <FormProblem error={confirm.error} fields={["reason"]} />
            <Field id={`confirm-${run.id}`} label={t("retention.confirmReason")} required multiline value={reason} onValue={setReason} error={localError || fieldError(confirm.error, "reason")} />
            <p class="actions">
              <button class="danger" type="submit" disabled={confirm.busy}>{t("retention.confirmYes", { count: deletes })}</button>
              <button type="button" onClick={() => setOpen(false)}>{t("form.cancel")}</button>
            </p>
          </form>
        )}
    </article>
  );
}

/** Records soft-deleted by retention, which oversight may bring back until they are purged. */
function SoftDeletedRecords({ items, canDecide, onChange }: { items: SoftDeleted[]; canDecide: boolean; onChange: () => void }) {
  const [restored, setRestored] = useState(false);
  return (
    <>
      <h3 id="deleted-title">{t("retention.deleted")}</h3>
      {restored && <p role="status" class="ok">{t("retention.restored")}</p>}
      {items.length === 0 ? <p class="muted">{t("retention.deletedNone")}</p> : (
        <div class="table-wrap" role="region" aria-labelledby="deleted-title" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("retention.record")}</th><th scope="col">{t("retention.kind")}</th><th scope="col">{t("retention.marking")}</th>
                <th scope="col">{t("retention.deletedOn")}</th><th scope="col">{t("retention.purgeOn")}</th>{canDecide && <th scope="col"><span class="visually-hidden">{t("retention.restoreYes")}</span></th>}
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <th scope="row"><a href={`/records/${encodeURIComponent(r.id)}`}><ShortId id={r.id} /></a></th>
                  <td><bdi>{r.kind}</bdi></td><td><TlpBadge marking={r.marking} /></td>
                  <td>{formatDate(r.deleted_at, true)}</td><td>{formatDate(r.purge_after) || "—"}</td>
                  {canDecide && <td><RestoreRecord id={r.id} onDone={() => { setRestored(true); onChange(); }} /></td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function RestoreRecord({ id, onDone }: { id: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [localError, setLocalError] = useState("");
  const restore = useSubmit(async () => {
    await send("POST", `/api/v1/records/${encodeURIComponent(id)}/restore`, { reason: reason.trim() });
    onDone();
  });
  if (!open) return <button type="button" onClick={() => setOpen(true)}>{t("retention.restore")}</button>;
  const submit = () => {
    if (reason.trim().length < 10) { setLocalError(t("retention.confirmReasonRequired")); return; }
    setLocalError("");
    void restore.run();
  };
  return (
    <form class="form" noValidate onSubmit={onSubmit(submit)}>
      <FormProblem error={restore.error} fields={["reason"]} />
      <Field id={`restore-${id}`} label={t("retention.restoreReason")} required value={reason} onValue={setReason} error={localError || fieldError(restore.error, "reason")} />
      <p class="actions">
        <button class="primary" type="submit" disabled={restore.busy}>{t("retention.restoreYes")}</button>
        <button type="button" onClick={() => setOpen(false)}>{t("form.cancel")}</button>
      </p>
    </form>
  );
}

function Removals({ canDecide }: { canDecide: boolean }) {
  const [list, reload] = useResource<{ items: Removal[] }>("/api/v1/removal-requests");
  return (
    <section aria-labelledby="removals-title">
      <h2 id="removals-title">{t("removal.requests")}</h2>
      <Show value={list}>
        {(data) => data.items.length === 0 ? <p class="muted">{t("removal.none")}</p> : (
          <ul class="removals">
            {data.items.map((r) => <li key={r.id}><RemovalCard r={r} canDecide={canDecide} onChange={reload} /></li>)}
          </ul>
        )}
      </Show>
    </section>
  );
}

function RemovalCard({ r, canDecide, onChange }: { r: Removal; canDecide: boolean; onChange: () => void }) {
  const [reason, setReason] = useState("");
  const [localError, setLocalError] = useState("");
  const [confirm, setConfirm] = useState(false);
  const decide = useSubmit(async (approve: boolean) => {
    await send("POST", `/api/v1/removal-requests/${encodeURIComponent(r.id)}/decision`, { approve, reason: reason.trim() });
    onChange();
  });
  const execute = useSubmit(async () => {
    await send("POST", `/api/v1/removal-requests/${encodeURIComponent(r.id)}/execute`);
    setConfirm(false);
    onChange();
  });
  const submitDecision = (approve: boolean) => {
    if (reason.trim().length < 5) { setLocalError(t("removal.decisionReasonRequired")); return; }
    setLocalError("");
    void decide.run(approve);
  };
  const fid = `decision-${r.id}`;
  return (
    <article class="card removal" aria-labelledby={`${fid}-title`}>
      <h3 id={`${fid}-title`}>
        {t("removal.for")} <a href={`/records/${encodeURIComponent(r.record_id)}`}><ShortId id={r.record_id} /></a>{" "}
        <span class={`status status-${r.status}`}>{t(`removal.status.${r.status}`)}</span>
      </h3>
      <dl>
        <dt>{t("removal.requestedBy")}</dt><dd><code dir="ltr">{r.requested_by}</code></dd>
        <dt>{t("removal.filedOn")}</dt><dd>{formatDate(r.created_at, true)}</dd>
        <dt>{t("removal.grounds")}</dt><dd><bdi>{r.reason}</bdi></dd>
        {r.decided_at ? <><dt>{t("removal.decision")}</dt><dd>{formatDate(r.decided_at, true)} — <bdi>{r.decision_reason}</bdi></dd></> : null}
        {r.executed_at ? <><dt>{t("removal.executedOn")}</dt><dd>{formatDate(r.executed_at, true)}</dd></> : null}
      </dl>
      {canDecide && r.status === "pending" && (
        <form class="form" noValidate onSubmit={onSubmit(() => submitDecision(true))}>
          <FormProblem error={decide.error} fields={["reason"]} />
          <Field id={fid} label={t("removal.decisionReason")} required multiline value={reason} onValue={setReason} error={localError || fieldError(decide.error, "reason")} />
          <p class="actions">
            <button class="primary" type="submit" disabled={decide.busy}>{t("removal.approve")}</button>
            <button type="button" class="danger" disabled={decide.busy} onClick={() => submitDecision(false)}>{t("removal.refuse")}</button>
          </p>
        </form>
      )}
      {canDecide && r.status === "approved" && (
        <div>
          <FormProblem error={execute.error} />
          {!confirm
            ? <p><button type="button" class="danger" onClick={() => setConfirm(true)}>{t("removal.execute")}</button></p>
            : (
              <p class="actions" role="group" aria-label={t("removal.execute")}>
                <span>{t("removal.executeConfirm")}</span>
                <button type="button" class="danger" disabled={execute.busy} onClick={() => execute.run()}>{t("removal.executeYes")}</button>
                <button type="button" onClick={() => setConfirm(false)}>{t("form.cancel")}</button>
              </p>
            )}
        </div>
      )}
    </article>
  );
}
