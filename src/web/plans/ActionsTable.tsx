/** The actions of the plan: grouped by practice, an edit form per action (owner, dates, status, dependencies, milestones) and a form to add one. */
import { useState } from "preact/hooks";
import { t } from "../i18n.js";
import { tp } from "./strings.js";
import { send } from "../platform/session.js";
import { Field, fieldError, FormProblem, onSubmit, useSubmit } from "../platform/ui.js";
import { actionStatuses, CheckList, dayLabel, enc, ServerText, practiceName, PracticeName, practiceShort, saBase, Saved, Select, usePractices, type Action, type Unit } from "./shared.js";

type Milestone = Action["milestones"][number];

/** One practice's actions: shown together under the practice's name, with how many are done and overdue. */
interface Group { practice: string; actions: Action[]; done: number; overdue: number; priority: number }

/**
 * Groups the actions by practice, most pressing first: the practice's gap priority, then how many
 * of its actions are overdue, then the order of the practices in scope. Within a practice, by step.
 */
export function groupActions(actions: Action[], priorityOf: (practice: string) => number, order: string[]): Group[] {
  const groups = new Map<string, Group>();
  for (const a of actions) {
    const g = groups.get(a.practice) ?? { practice: a.practice, actions: [], done: 0, overdue: 0, priority: priorityOf(a.practice) };
    g.actions.push(a);
    if (a.status === "done") g.done += 1;
    if (a.overdue) g.overdue += 1;
    groups.set(a.practice, g);
  }
  const rank = (p: string) => (order.includes(p) ? order.indexOf(p) : order.length);
  return [...groups.values()]
    .map((g) => ({ ...g, actions: [...g.actions].sort((x, y) => (x.step ?? 99) - (y.step ?? 99) || String(x.due ?? "9").localeCompare(String(y.due ?? "9"))) }))
    .sort((x, y) => y.priority - x.priority || y.overdue - x.overdue || rank(x.practice) - rank(y.practice));
}

/**
 * The actions of the plan, one collapsible section per practice (most pressing first, open; the
 * others folded to one line that counts their actions, done and overdue), so a plan of sixty
 * actions reads in one screen. The action being edited keeps its section open.
 */
export function ActionsTable({ saId, actions, units, canWrite, onChange, priorityOf, order }: {
  saId: string; actions: Action[]; units: Unit[]; canWrite: boolean; onChange: () => void; priorityOf: (practice: string) => number; order: string[];
}) {
  const practices = usePractices();
  const [editing, setEditing] = useState<string | null>(null);
  const groups = groupActions(actions, priorityOf, order);
  /** The sections the reader opened or closed; until they do, the most pressing one is open. */
  const [chosen, setOpen] = useState<string[] | null>(null);
  if (actions.length === 0) return <p class="muted">{tp("actions.none")}</p>;
  const open = chosen ?? (groups[0] ? [groups[0].practice] : []);
  const editingPractice = actions.find((a) => a.id === editing)?.practice;
  const isOpen = (p: string) => open.includes(p) || p === editingPractice;
  const toggle = (p: string, on: boolean) => { if (on !== open.includes(p)) setOpen(on ? [...open, p] : open.filter((x) => x !== p)); };
  return (
    <div class="plan-groups">
      {groups.length > 1 ? (
        <p class="actions plan-group-tools">
          <button type="button" class="small" onClick={() => setOpen(groups.map((g) => g.practice))}>{tp("actions.openAll")}</button>
          <button type="button" class="small" onClick={() => setOpen([])}>{tp("actions.closeAll")}</button>
        </p>
      ) : null}
      {groups.map((g) => {
        const name = practiceName(practices, g.practice);
        return (
          <details key={g.practice} class={`plan-group${g.overdue ? " plan-group-overdue" : ""}`} open={isOpen(g.practice)}
            onToggle={(e) => toggle(g.practice, (e.currentTarget as HTMLDetailsElement).open)}>
            <summary>
              <span class="plan-group-name"><PracticeName practices={practices} id={g.practice} /></span>{" "}
              <span class="plan-group-counts">
                {tp("actions.groupCount", { count: g.actions.length })}
                {" · "}{tp("actions.groupDone", { done: g.done })}
                {g.overdue ? <>{" · "}<span class="plan-overdue-flag">{tp("actions.groupOverdue", { overdue: g.overdue })}</span></> : null}
              </span>
            </summary>
            <GroupTable saId={saId} caption={tp("actions.groupCaption", { practice: name })} actions={g.actions} all={actions} units={units} canWrite={canWrite}
              editing={editing} setEditing={setEditing} onChange={onChange} />
          </details>
        );
      })}
    </div>
  );
}

function GroupTable({ saId, caption, actions, all, units, canWrite, editing, setEditing, onChange }: {
  saId: string; caption: string; actions: Action[]; all: Action[]; units: Unit[]; canWrite: boolean; editing: string | null; setEditing: (id: string | null) => void; onChange: () => void;
}) {
  const labelOf = (id: string) => { const a = all.find((x) => x.id === id); return a ? `${practiceShort(a.practice)}${a.step ? ` · ${tp("actions.step", { n: a.step })}` : ""}` : tp("actions.unknown"); };
  const titleOf = (id: string) => all.find((a) => a.id === id)?.title ?? "";
  const cols = [tp("actions.action"), tp("actions.owner"), tp("actions.start"), tp("actions.due"), tp("actions.status"), tp("actions.dependsOn"), tp("actions.milestones")];
  return (
    <div class="table-wrap">
      <table class="plan-actions">
        <caption class="visually-hidden">{caption}</caption>
        <thead><tr>{cols.map((c) => <th key={c} scope="col">{c}</th>)}{canWrite && <th scope="col"><span class="visually-hidden">{tp("actions.edit")}</span></th>}</tr></thead>
        <tbody>
          {actions.map((a) => [
            <tr key={a.id} class={a.overdue ? "plan-overdue" : undefined}>
              <th scope="row">
                {a.step ? <><span class="muted small">{tp("actions.stepN", { n: a.step })}</span><br /></> : null}
                <bdi>{a.title}</bdi>
              </th>
              <td>{a.owner ? <bdi>{a.owner.name}</bdi> : <span class="muted">{tp("actions.noOwner")}</span>}</td>
              <td class="nowrap">{dayLabel(a.start)}</td>
              <td class="nowrap">{dayLabel(a.due)}{a.overdue ? <> <span class="plan-overdue-flag">{tp("actions.overdue")}</span></> : null}</td>
              <td>
                {tp(`actionStatus.${a.status}`)}
                {a.warnings?.length ? (
                  <details class="plan-warnings">
                    <summary>{tp("actions.warnings", { count: a.warnings.length })}</summary>
                    <ul class="plan-compact">{a.warnings.map((w, i) => <li key={i}><ServerText value={w} /></li>)}</ul>
                  </details>
                ) : null}
              </td>
              <td>{a.depends_on.length ? <ul class="plan-compact">{a.depends_on.map((d) => <li key={d}><span title={titleOf(d)}>{labelOf(d)}</span></li>)}</ul> : "—"}</td>
              <td>{a.milestones.length ? <ul class="plan-compact">{a.milestones.map((m, i) => <li key={i}>{m.done ? "✓ " : ""}<bdi>{m.title}</bdi> ({dayLabel(m.due)})</li>)}</ul> : "—"}</td>
              {canWrite && (
                <td>
                  <button type="button" aria-expanded={editing === a.id ? "true" : "false"} onClick={() => setEditing(editing === a.id ? null : a.id)}>
                    {tp("actions.edit")}<span class="visually-hidden"> {a.title}</span>
                  </button>
                </td>
              )}
            </tr>,
            editing === a.id ? (
              <tr key={`${a.id}-edit`} class="plan-edit-row">
                <td colSpan={cols.length + 1}>
                  <EditAction saId={saId} action={a} others={all.filter((x) => x.id !== a.id)} units={units}
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
    setSaved(tp("actions.saved"));
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
    <form class="form plan-edit" onSubmit={onSubmit(() => save.run())} noValidate aria-label={tp("actions.editLabel", { title: action.title })}>
      <FormProblem error={e} fields={["title", "owner_unit", "start", "due", "status", "depends_on", "milestones"]} />
      <Field id={`${id}-title`} label={tp("actions.titleLabel")} value={title} onValue={setTitle} error={fieldError(e, "title")} />
      <div class="row">
        <Select id={`${id}-owner`} label={tp("actions.owner")} value={owner} onValue={setOwner} error={fieldError(e, "owner_unit")}>
          <option value="">{tp("actions.noOwner")}</option>
          {units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </Select>
        <Select id={`${id}-status`} label={tp("actions.status")} value={status} onValue={setStatus} error={fieldError(e, "status")}>
          {actionStatuses.map((s) => <option key={s} value={s}>{tp(`actionStatus.${s}`)}</option>)}
        </Select>
      </div>
      <div class="row">
        <Field id={`${id}-start`} label={tp("actions.start")} type="date" value={start} onValue={setStart} error={fieldError(e, "start")} dir="ltr" />
        <Field id={`${id}-due`} label={tp("actions.due")} type="date" value={due} onValue={setDue} error={fieldError(e, "due")} dir="ltr" />
      </div>
      <CheckList id={`${id}-deps`} legend={tp("actions.dependsOn")} hint={tp("actions.dependsHint")}
        items={others.map((o) => ({ id: o.id, text: `${practiceShort(o.practice)} ${o.title}`, label: <><span class="muted">{practiceShort(o.practice)}{o.step ? ` · ${tp("actions.step", { n: o.step })}` : ""}</span> <bdi>{o.title}</bdi></> }))}
        value={deps} onValue={setDeps} error={fieldError(e, "depends_on")} empty={tp("actions.noOthers")} />
      <fieldset class="field">
        <legend>{tp("actions.milestones")}</legend>
        {milestones.map((m, i) => (
          <div class="plan-milestone-row" key={i}>
            <Field id={`${id}-ms-title-${i}`} label={tp("actions.msTitle")} value={m.title} onValue={(v) => setMs(i, { title: v })} error={fieldError(e, `milestones.${i}.title`)} />
            <Field id={`${id}-ms-due-${i}`} label={tp("actions.msDue")} type="date" value={m.due?.slice(0, 10) ?? ""} onValue={(v) => setMs(i, { due: v })} error={fieldError(e, `milestones.${i}.due`)} dir="ltr" />
            <label class="check"><input type="checkbox" checked={m.done} onChange={(ev) => setMs(i, { done: ev.currentTarget.checked })} /> {tp("actions.msDone")}</label>
            <button type="button" class="danger" onClick={() => setMilestones(milestones.filter((_, n) => n !== i))}>
              {tp("actions.msRemove")}<span class="visually-hidden"> {m.title || i + 1}</span>
            </button>
          </div>
        ))}
        <p><button type="button" onClick={() => setMilestones([...milestones, { title: "", due: due || start, done: false }])}>{tp("actions.msAdd")}</button></p>
      </fieldset>
      {action.why ? <details><summary>{tp("actions.why")}</summary><ServerText block value={action.why} /></details> : null}
      <p class="actions">
        <button class="primary" type="submit" disabled={save.busy}>{tp("actions.save")}</button>
        <button type="button" onClick={onCancel}>{t("form.cancel")}</button>
        <button type="button" class="danger" disabled={remove.busy} onClick={() => remove.run()}>{tp("actions.delete")}</button>
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
    setSaved(tp("actions.added", { title }));
    setTitle("");
    onAdded();
  });
  const e = form.error;
  return (
    <details class="panel plan-add-action">
      <summary>{tp("actions.add")}</summary>
      <form class="form" onSubmit={onSubmit(() => form.run())} noValidate>
        <FormProblem error={e} fields={["practice", "title", "owner_unit", "start", "due"]} />
        <Select id="new-action-practice" label={tp("gaps.practice")} value={practice} onValue={setPractice} error={fieldError(e, "practice")}>
          {practices.map((p) => <option key={p} value={p}>{practiceShort(p)}</option>)}
        </Select>
        <Field id="new-action-title" label={tp("actions.titleLabel")} required value={title} onValue={setTitle} error={fieldError(e, "title")} />
        <Select id="new-action-owner" label={tp("actions.owner")} value={owner} onValue={setOwner} error={fieldError(e, "owner_unit")}>
          <option value="">{tp("actions.noOwner")}</option>
          {units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </Select>
        <div class="row">
          <Field id="new-action-start" label={tp("actions.start")} type="date" value={start} onValue={setStart} error={fieldError(e, "start")} dir="ltr" />
          <Field id="new-action-due" label={tp("actions.due")} type="date" value={due} onValue={setDue} error={fieldError(e, "due")} dir="ltr" />
        </div>
        <p><button class="primary" type="submit" disabled={form.busy}>{tp("actions.addSubmit")}</button></p>
        <Saved text={saved} />
      </form>
    </details>
  );
}
