/** Who is responsible for a practice (actors of the taxonomy, concrete units) and whether technical assistance is requested. */
import { useState } from "preact/hooks";
import { tp } from "./strings.js";
import { send } from "../platform/session.js";
import { Field, fieldError, FormProblem, onSubmit, useSubmit } from "../platform/ui.js";
import { CheckList, enc, saBase, Saved, useActors, type ActorInfo, type PracticeDetail, type PracticeFull, type Unit } from "./shared.js";

export function Responsibilities({ saId, practice, detail, units, canWrite, onSaved }: {
  saId: string; practice: PracticeFull; detail: PracticeDetail | undefined; units: Unit[]; canWrite: boolean; onSaved: () => void;
}) {
  const actors = useActors();
  const [chosen, setChosen] = useState<string[]>(detail?.actors ?? []);
  const [chosenUnits, setChosenUnits] = useState<string[]>(detail?.units ?? []);
  const [assistance, setAssistance] = useState(detail?.assistance_requested ?? false);
  const [note, setNote] = useState(detail?.assistance_note ?? "");
  const [saved, setSaved] = useState("");
  const form = useSubmit(async () => {
    setSaved("");
    await send("PUT", `${saBase(saId)}/practices/${enc(practice.id)}`, { actors: chosen, units: chosenUnits, assistance_requested: assistance, assistance_note: assistance ? note : "" });
    setSaved(tp("resp.saved"));
    onSaved();
  });
  const e = form.error;
  const key = new Set(practice.actors.map((a) => a.id));
  const others = (actors ?? []).filter((a) => !key.has(a.id));
  const groups = groupByParent(others, actors ?? []);
  const actorName = (id: string) => actors?.find((a) => a.id === id)?.title ?? practice.actors.find((a) => a.id === id)?.name ?? id;
  if (!canWrite) {
    return (
      <section aria-labelledby="resp-h">
        <h4 id="resp-h">{tp("resp.title")}</h4>
        <p>{chosen.length ? chosen.map(actorName).join(", ") : <span class="muted">{tp("resp.noActors")}</span>}</p>
        {assistance ? <p>{tp("resp.assistanceRequested")} <bdi>{note}</bdi></p> : null}
      </section>
    );
  }
  return (
    <section aria-labelledby="resp-h" class="panel">
      <h4 id="resp-h">{tp("resp.title")}</h4>
      <form class="form" onSubmit={onSubmit(() => form.run())} noValidate>
        <FormProblem error={e} fields={["actors", "units", "assistance_requested", "assistance_note"]} />
        <CheckList id="resp-key-actors" legend={tp("resp.keyActors")} hint={tp("resp.keyActorsHint")}
          items={practice.actors.map((a) => ({ id: a.id, label: a.name }))} value={chosen} onValue={setChosen} error={fieldError(e, "actors")} empty={tp("resp.noKeyActors")} />
        {actors && (
          <details class="plan-more-actors" open={(detail?.actors ?? []).some((id) => !key.has(id))}>
            <summary>{tp("resp.otherActors")}</summary>
            {groups.map((g) => (
              <CheckList key={g.parent} id={`resp-actors-${g.parent}`} legend={g.name} items={g.items.map((a) => ({ id: a.id, label: a.title }))}
                value={chosen} onValue={setChosen} empty="" />
            ))}
          </details>
        )}
        <CheckList id="resp-units" legend={tp("resp.units")} hint={tp("resp.unitsHint")}
          items={units.map((u) => ({ id: u.id, text: u.name, label: <><bdi>{u.name}</bdi> <span class="muted">({actorName(u.actor)})</span></> }))}
          value={chosenUnits} onValue={setChosenUnits} error={fieldError(e, "units")} empty={tp("resp.noUnits")} />
        <div class="field">
          <label class="check">
            <input type="checkbox" id="resp-assistance" checked={assistance} onChange={(ev) => setAssistance(ev.currentTarget.checked)} aria-describedby="resp-assistance-hint" />
            {" "}{tp("resp.assistance")}
          </label>
          <p id="resp-assistance-hint" class="hint">{tp("resp.assistanceHint")}</p>
        </div>
        {assistance && <Field id="resp-assistance-note" label={tp("resp.assistanceNote")} multiline value={note} onValue={setNote} error={fieldError(e, "assistance_note")} />}
        <p><button class="primary" type="submit" disabled={form.busy}>{tp("resp.submit")}</button></p>
        <Saved text={saved} />
      </form>
    </section>
  );
}

/** Actors under their top-level group (government, justice, …); a top-level actor sits in its own group. */
function groupByParent(items: ActorInfo[], all: ActorInfo[]): { parent: string; name: string; items: ActorInfo[] }[] {
  const out: { parent: string; name: string; items: ActorInfo[] }[] = [];
  for (const a of items) {
    const parent = a.parent ?? a.id;
    let g = out.find((x) => x.parent === parent);
    if (!g) out.push(g = { parent, name: all.find((x) => x.id === parent)?.title ?? parent, items: [] });
    g.items.push(a);
  }
  return out;
}
