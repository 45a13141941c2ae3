/** The actions of the plan: a table, an edit form per action (owner, dates, status, dependencies, milestones) and a form to add one. */
import { useState } from "preact/hooks";
import { t } from "../i18n.js";
import { send } from "../platform/session.js";
import { Field, fieldError, FormProblem, onSubmit, useSubmit } from "../platform/ui.js";
import { actionStatuses, CheckList, dayLabel, En, enc, practiceShort, saBase, Saved, Select, type Action, type Unit } from "./shared.js";

type Milestone = Action["milestones"][number];

export function ActionsTable({ saId, actions, units, canWrite, onChange }: { saId: string; actions: Action[]; units: Unit[]; canWrite: boolean; onChange: () => void }) {
  const [editing, setEditing] = useState<string | null>(null);
  if (actions.length === 0) return <p class="muted">{t("plans.actions.none")}</p>;
  const labelOf = (id: string) => { const a = actions.find((x) => x.id === id); return a ? `${practiceShort(a.practice)}${a.step ? ` · ${t("plans.actions.step", { n: a.step })}` : ""}` : id; };
  const titleOf = (id: string) => actions.find((a) => a.id === id)?.title ?? id;
  const cols = [t("plans.actions.action"), t("plans.actions.owner"), t("plans.actions.start"), t("plans.actions.due"), t("plans.actions.status"), t("plans.actions.dependsOn"), t("plans.actions.milestones")];
  return (
    <div class="table-wrap">
      <table class="plan-actions">
        <caption class="visually-hidden">{t("plans.actions.title")}</caption>
        <thead><tr>{cols.map((c) => <th key={c} scope="col">{c}</th>)}{canWrite && <th scope="col"><span class="visually-hidden">{t("plans.actions.edit")}</span></th>}</tr></thead>
        <tbody>
          {actions.map((a) => [
            <tr key={a.id} class={a.overdue ? "plan-overdue" : undefined}>
              <th scope="row">
                <span class="muted small">{practiceShort(a.practice)}{a.step ? ` · ${t("plans.actions.step", { n: a.step })}` : ""}</span><br />
                <bdi>{a.title}</bdi>
              </th>
              <td>{a.owner ? <bdi>{a.owner.name}</bdi> : <span class="muted">{t("plans.actions.noOwner")}</span>}</td>
              <td class="nowrap">{dayLabel(a.start)}</td>
              <td class="nowrap">{dayLabel(a.due)}{a.overdue ? <> <span class="plan-overdue-flag">{t("plans.actions.overdue")}</span></> : null}</td>
              <td>
                {t(`plans.actionStatus.${a.status}`)}
                {a.warnings?.length ? (
                  <details class="plan-warnings">
                    <summary>{t("plans.actions.warnings", { count: a.warnings.length })}</summary>
                    <ul class="plan-compact" lang="en" dir="ltr">{a.warnings.map((w) => <li key={w}>{w}</li>)}</ul>
                  </details>
                ) : null}
              </td>
              <td>{a.depends_on.length ? <ul class="plan-compact">{a.depends_on.map((d) => <li key={d}><span title={titleOf(d)}>{labelOf(d)}</span></li>)}</ul> : "—"}</td>
              <td>{a.milestones.length ? <ul class="plan-compact">{a.milestones.map((m, i) => <li key={i}>{m.done ? "✓ " : ""}<bdi>{m.title}</bdi> ({dayLabel(m.due)})</li>)}</ul> : "—"}</td>
              {canWrite && (
                <td>
                  <button type="button" aria-expanded={editing === a.id ? "true" : "false"} onClick={() => setEditing(editing === a.id ? null : a.id)}>
                    {t("plans.actions.edit")}<span class="visually-hidden"> {a.title}</span>
                  </button>
                </td>
              )}
            </tr>,
            editing === a.id ? (
              <tr key={`${a.id}-edit`} class="plan-edit-row">
                <td colSpan={cols.length + 1}>
                  <EditAction saId={saId} action={a} others={actions.filter((x) => x.id !== a.id)} units={units}
                    onDone={(closed) => { if (closed) setEditing(null); onChange(); }} onCancel={() => setEditing(null)} />
                </td>
              </tr>
            ) : null,
          ])}
        </tbody>
      </table>
    </div>
  );
}

function EditAction({ saId, action, others, units, onDone, onCancel }: {
  saId: string; action: Action; others: Action[]; units: Unit[]; onDone: (closed: boolean) => void; onCancel: () => void;
}) {
  const [title, setTitle] = useState(action.title);
  const [owner, setOwner] = useState(action.owner_unit ?? "");
  const [start, setStart] = useState(action.start?.slice(0, 10) ?? "");
  const [due, setDue] = useState(action.due?.slice(0, 10) ?? "");
  const [status, setStatus] = useState(action.status);
  const [deps, setDeps] = useState<string[]>(action.depends_on);
  const [milestones, setMilestones] = useState<Milestone[]>(action.milestones);
  const [saved, setSaved] = useState("");
  const url = `${saBase(saId)}/actions/${enc(action.id)}`;
  const save = useSubmit(async () => {
    setSaved("");
    await send("PATCH", url, {
      title, owner_unit: owner || null, start: start || null, due: due || null, status, depends_on: deps, milestones,
    });
    setSaved(t("plans.actions.saved"));
    onDone(false);
  });
  const remove = useSubmit(async () => {
    await send("DELETE", url);
    onDone(true);
  });
  const e = save.error;
  const setMs = (i: number, patch: Partial<Milestone>) => setMilestones(milestones.map((m, n) => (n === i ? { ...m, ...patch } : m)));
  const id = `act-${action.id}`;
  return (
    <form class="form plan-edit" onSubmit={onSubmit(() => save.run())} noValidate aria-label={t("plans.actions.editLabel", { title: action.title })}>
      <FormProblem error={e} fields={["title", "owner_unit", "start", "due", "status", "depends_on", "milestones"]} />
      <Field id={`${id}-title`} label={t("plans.actions.titleLabel")} value={title} onValue={setTitle} error={fieldError(e, "title")} />
      <div class="row">
        <Select id={`${id}-owner`} label={t("plans.actions.owner")} value={owner} onValue={setOwner} error={fieldError(e, "owner_unit")}>
          <option value="">{t("plans.actions.noOwner")}</option>
          {units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </Select>
        <Select id={`${id}-status`} label={t("plans.actions.status")} value={status} onValue={setStatus} error={fieldError(e, "status")}>
          {actionStatuses.map((s) => <option key={s} value={s}>{t(`plans.actionStatus.${s}`)}</option>)}
        </Select>
      </div>
      <div class="row">
        <Field id={`${id}-start`} label={t("plans.actions.start")} type="date" value={start} onValue={setStart} error={fieldError(e, "start")} dir="ltr" />
        <Field id={`${id}-due`} label={t("plans.actions.due")} type="date" value={due} onValue={setDue} error={fieldError(e, "due")} dir="ltr" />
      </div>
      <CheckList id={`${id}-deps`} legend={t("plans.actions.dependsOn")} hint={t("plans.actions.dependsHint")}
        items={others.map((o) => ({ id: o.id, label: <><span class="muted">{practiceShort(o.practice)}{o.step ? ` · ${t("plans.actions.step", { n: o.step })}` : ""}</span> <bdi>{o.title}</bdi></> }))}
        value={deps} onValue={setDeps} error={fieldError(e, "depends_on")} empty={t("plans.actions.noOthers")} />
      <fieldset class="field">
        <legend>{t("plans.actions.milestones")}</legend>
        {milestones.map((m, i) => (
          <div class="plan-milestone-row" key={i}>
            <Field id={`${id}-ms-title-${i}`} label={t("plans.actions.msTitle")} value={m.title} onValue={(v) => setMs(i, { title: v })} error={fieldError(e, `milestones.${i}.title`)} />
            <Field id={`${id}-ms-due-${i}`} label={t("plans.actions.msDue")} type="date" value={m.due?.slice(0, 10) ?? ""} onValue={(v) => setMs(i, { due: v })} error={fieldError(e, `milestones.${i}.due`)} dir="ltr" />
            <label class="check"><input type="checkbox" checked={m.done} onChange={(ev) => setMs(i, { done: ev.currentTarget.checked })} /> {t("plans.actions.msDone")}</label>
            <button type="button" class="danger" onClick={() => setMilestones(milestones.filter((_, n) => n !== i))}>
              {t("plans.actions.msRemove")}<span class="visually-hidden"> {m.title || i + 1}</span>
            </button>
          </div>
        ))}
        <p><button type="button" onClick={() => setMilestones([...milestones, { title: "", due: due || start, done: false }])}>{t("plans.actions.msAdd")}</button></p>
      </fieldset>
      {action.why ? <details><summary>{t("plans.actions.why")}</summary><En block><p>{action.why}</p></En></details> : null}
      <p class="actions">
        <button class="primary" type="submit" disabled={save.busy}>{t("plans.actions.save")}</button>
        <button type="button" onClick={onCancel}>{t("form.cancel")}</button>
        <button type="button" class="danger" disabled={remove.busy} onClick={() => remove.run()}>{t("plans.actions.delete")}</button>
      </p>
      <FormProblem error={remove.error} />
      <Saved text={saved} />
    </form>
  );
}

export function AddAction({ saId, practices, units, onAdded }: { saId: string; practices: string[]; units: Unit[]; onAdded: () => void }) {
  const [practice, setPractice] = useState(practices[0] ?? "");
  const [title, setTitle] = useState("");
  const [owner, setOwner] = useState("");
  const [start, setStart] = useState("");
  const [due, setDue] = useState("");
  const [saved, setSaved] = useState("");
  const form = useSubmit(async () => {
    setSaved("");
    await send("POST", `${saBase(saId)}/actions`, { practice, title, ...(owner ? { owner_unit: owner } : {}), ...(start ? { start } : {}), ...(due ? { due } : {}) });
    setSaved(t("plans.actions.added", { title }));
    setTitle("");
    onAdded();
  });
  const e = form.error;
  return (
    <details class="panel plan-add-action">
      <summary>{t("plans.actions.add")}</summary>
      <form class="form" onSubmit={onSubmit(() => form.run())} noValidate>
        <FormProblem error={e} fields={["practice", "title", "owner_unit", "start", "due"]} />
        <Select id="new-action-practice" label={t("plans.gaps.practice")} value={practice} onValue={setPractice} error={fieldError(e, "practice")}>
          {practices.map((p) => <option key={p} value={p}>{practiceShort(p)}</option>)}
        </Select>
        <Field id="new-action-title" label={t("plans.actions.titleLabel")} required value={title} onValue={setTitle} error={fieldError(e, "title")} />
        <Select id="new-action-owner" label={t("plans.actions.owner")} value={owner} onValue={setOwner} error={fieldError(e, "owner_unit")}>
          <option value="">{t("plans.actions.noOwner")}</option>
          {units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </Select>
        <div class="row">
          <Field id="new-action-start" label={t("plans.actions.start")} type="date" value={start} onValue={setStart} error={fieldError(e, "start")} dir="ltr" />
          <Field id="new-action-due" label={t("plans.actions.due")} type="date" value={due} onValue={setDue} error={fieldError(e, "due")} dir="ltr" />
        </div>
        <p><button class="primary" type="submit" disabled={form.busy}>{t("plans.actions.addSubmit")}</button></p>
        <Saved text={saved} />
      </form>
    </details>
  );
}
