/** The Action plan tab: concrete units, actions drafted from the gaps, the actions table and the timeline. */
import { useState } from "preact/hooks";
import { tp } from "./strings.js";
import type { Msg } from "../messages.js";
import { send } from "../platform/session.js";
import { Field, fieldError, FormProblem, onSubmit, Show, useResource, useSubmit } from "../platform/ui.js";
import { ActionsTable, AddAction } from "./ActionsTable.js";
import { Timeline } from "./Timeline.js";
import { ServerText, practiceShort, saBase, Saved, Select, Table, useActors, type ActionList, type Summary, type Unit } from "./shared.js";

interface DraftAction { practice: string; step: number; title: string; owner: { unit: string; name: string } | null; why: Msg; alsoFor?: string[] }

export function ActionPlanTab({ summary, canWrite, onChange }: { summary: Summary; canWrite: boolean; onChange: () => void }) {
  const [list, reload] = useResource<ActionList>(`${saBase(summary.id)}/actions`);
  const units = summary.units ?? [];
  const changed = () => { reload(); onChange(); };
  return (
    <section aria-labelledby="plan-h">
      <h2 id="plan-h">{tp("plan.title")}</h2>
      <p class="hint">{tp("plan.lead")}</p>
      <Units saId={summary.id} workspace={summary.workspace_id} units={units} canWrite={canWrite} onSaved={onChange} />
      {canWrite && <Draft saId={summary.id} units={units} onCreated={reload} />}
      <section aria-labelledby="actions-h">
        <h3 id="actions-h">{tp("actions.title")}</h3>
        <Show value={list}>
          {(d) => (
            <>
              <p class="plan-progress" role="status">{tp("actions.progress", { count: d.progress.total, done: d.progress.done, overdue: d.progress.overdue })}</p>
              <ActionsTable saId={summary.id} actions={d.actions} units={units} canWrite={canWrite} onChange={changed}
                priorityOf={(p) => summary.gaps.rows.find((r) => r.practice === p)?.priority ?? 0} order={summary.practices} />
              {canWrite && <AddAction saId={summary.id} practices={summary.practices} units={units} onAdded={reload} />}
              <Timeline list={d} />
            </>
          )}
        </Show>
      </section>
    </section>
  );
}

function Units({ saId, workspace, units, canWrite, onSaved }: { saId: string; workspace?: string; units: Unit[]; canWrite: boolean; onSaved: () => void }) {
  const actors = useActors();
  // The workspace's directory (decision 0035): a unit may be one of its institutions.
  const [dir] = useResource<{ institutions: { id: string; name: string; body: { actors: string[] } }[] }>(workspace ? `/api/v1/network/workspaces/${encodeURIComponent(workspace)}` : null);
  const institutions = dir.state === "ready" ? dir.data.institutions : [];
  const institutionName = (id: string | null | undefined) => institutions.find((x) => x.id === id)?.name;
  const [rows, setRows] = useState<Unit[]>(units.length ? units : []);
  const [saved, setSaved] = useState("");
  const form = useSubmit(async () => {
    setSaved("");
    const r = await send<{ units: Unit[] }>("PUT", `${saBase(saId)}/units`, { units: rows });
    setRows(r.units);
    setSaved(tp("units.saved", { count: r.units.length }));
    onSaved();
  });
  const e = form.error;
  const set = (i: number, patch: Partial<Unit>) => setRows(rows.map((u, n) => (n === i ? { ...u, ...patch } : u)));
  const actorName = (id: string) => actors?.find((a) => a.id === id)?.title ?? id;
  // Once units are defined they fold to one line: they are set up once and read rarely.
  const [open, setOpen] = useState(units.length === 0);
  return (
    <section aria-labelledby="units-h">
      <h3 id="units-h">{tp("units.title")}</h3>
      <details class="plan-units" open={open} onToggle={(ev) => setOpen((ev.currentTarget as HTMLDetailsElement).open)}>
      <summary>{units.length ? tp("units.summary", { n: units.length }) : tp("units.summaryNone")}</summary>
      <p class="hint">{tp("units.lead")} {canWrite ? tp("units.idHint") : ""}</p>
      {!canWrite ? (
        units.length === 0 ? <p class="muted">{tp("units.none")}</p> : (
          <Table caption={tp("units.title")} head={[tp("units.id"), tp("units.name"), tp("units.actor"), tp("units.institution")]}>
            {units.map((u) => <tr key={u.id}><td><bdi>{u.id}</bdi></td><th scope="row"><bdi>{u.name}</bdi></th><td>{actorName(u.actor)}</td><td>{institutionName(u.institution) ? <bdi>{institutionName(u.institution)}</bdi> : "—"}</td></tr>)}
          </Table>
        )
      ) : (
        <form class="form" onSubmit={onSubmit(() => form.run())} noValidate>
          <FormProblem error={e} fields={["units"]} />
          {rows.length === 0 && <p class="muted">{tp("units.none")}</p>}
          {rows.map((u, i) => (
            <fieldset key={i} class="plan-unit-row">
              <legend class="visually-hidden">{tp("units.row", { n: i + 1 })}</legend>
              <Field id={`unit-id-${i}`} label={tp("units.id")} value={u.id} onValue={(v) => set(i, { id: v })} error={fieldError(e, `units.${i}.id`)} dir="ltr" />
              <Field id={`unit-name-${i}`} label={tp("units.name")} value={u.name} onValue={(v) => set(i, { name: v })} error={fieldError(e, `units.${i}.name`)} />
              <Select id={`unit-actor-${i}`} label={tp("units.actor")} value={u.actor} onValue={(v) => set(i, { actor: v })} error={fieldError(e, `units.${i}.actor`)}>
                <option value="">{tp("units.chooseActor")}</option>
                {(actors ?? []).map((a) => <option key={a.id} value={a.id}>{a.title}</option>)}
              </Select>
              {institutions.length > 0 && (
                <Select id={`unit-institution-${i}`} label={tp("units.institution")} hint={tp("units.institutionHint")} value={u.institution ?? ""} error={fieldError(e, `units.${i}.institution`)}
                  onValue={(v) => {
                    const inst = institutions.find((x) => x.id === v);
                    set(i, { institution: v || null, ...(inst && !u.name ? { name: inst.name } : {}), ...(inst && !u.actor ? { actor: inst.body.actors[0] } : {}) });
                  }}>
                  <option value="">{tp("units.noInstitution")}</option>
                  {institutions.map((x) => <option key={x.id} value={x.id}>{x.name}</option>)}
                </Select>
              )}
              <button type="button" class="danger" onClick={() => setRows(rows.filter((_, n) => n !== i))}>
                {tp("units.remove")}<span class="visually-hidden"> {u.name || i + 1}</span>
              </button>
            </fieldset>
          ))}
          <p class="actions">
            <button type="button" onClick={() => setRows([...rows, { id: "", name: "", actor: "" }])}>{tp("units.add")}</button>
            <button class="primary" type="submit" disabled={form.busy}>{tp("units.submit")}</button>
          </p>
          <Saved text={saved} />
        </form>
      )}
      </details>
    </section>
  );
}

function Draft({ saId, units, onCreated }: { saId: string; units: Unit[]; onCreated: () => void }) {
  const [preview, setPreview] = useState<DraftAction[] | null>(null);
  const [saved, setSaved] = useState("");
  const look = useSubmit(async () => {
    setSaved("");
    setPreview((await send<{ actions: DraftAction[] }>("POST", `${saBase(saId)}/action-plan/draft`, { units })).actions);
  });
  const create = useSubmit(async () => {
    setSaved("");
    const r = await send<{ created: number }>("POST", `${saBase(saId)}/actions/from-draft`, {});
    setSaved(tp("draft.created", { count: r.created }));
    setPreview(null);
    onCreated();
  });
  return (
    <section aria-labelledby="draft-h">
      <h3 id="draft-h">{tp("draft.title")}</h3>
      <p class="hint">{tp("draft.lead")}</p>
      <FormProblem error={look.error ?? create.error} />
      <p class="actions">
        <button type="button" disabled={look.busy} onClick={() => look.run()}>{tp("draft.preview")}</button>
        <button type="button" class="primary" disabled={create.busy} onClick={() => create.run()}>{tp("draft.create")}</button>
      </p>
      <Saved text={saved} />
      {preview && (preview.length === 0 ? <p class="muted">{tp("draft.empty")}</p> : (
        <>
          <Table caption={tp("draft.previewCaption")} hideCaption={false} head={[tp("actions.action"), tp("actions.owner"), tp("actions.why")]}>
            {preview.map((a) => (
              <tr key={`${a.practice}-${a.step}`}>
                <th scope="row">
                  {practiceShort(a.practice)}{a.alsoFor?.length ? ` + ${a.alsoFor.map(practiceShort).join(" + ")}` : ""} · {tp("actions.step", { n: a.step })}<br />
                  {/* Drafted from the practices in the reader's language (the API reads them so). */}
                  <span dir="auto">{a.title}</span>
                </th>
                <td>{a.owner ? <bdi>{a.owner.name}</bdi> : <span class="muted">{tp("actions.noOwner")}</span>}</td>
                <td><ServerText value={a.why} /></td>
              </tr>
            ))}
          </Table>
        </>
      ))}
    </section>
  );
}
