/**
 * The agencies at a session's table (decision 0035): institutions of the workspace's directory,
 * each with the scenario role it plays, suggested from the map for the scenario's roles.
 */
import { useEffect, useState } from "preact/hooks";
import { send } from "../platform/session.js";
import { FormProblem, fieldError, onSubmit, useResource, useSubmit } from "../platform/ui.js";
import type { SessionDetails } from "./facilitator.js";
import { enc } from "./shared.js";
import { tx } from "./strings.js";

interface Agency { institution: string; name: string; roles: string[] }
interface Seat { actor: string; institutions: { id: string; name: string }[] }

export function Agencies({ d, roles }: { d: SessionDetails; roles: { id: string; name: string }[] }) {
  const url = `/api/v1/exercises/sessions/${enc(d.id)}/agencies`;
  const [current] = useResource<{ items: Agency[]; withheld: number }>(url);
  const [dir] = useResource<{ institutions: { id: string; name: string }[] }>(`/api/v1/network/workspaces/${enc(d.workspace)}`);
  const [seats] = useResource<{ seats: Seat[] }>(`/api/v1/network/workspaces/${enc(d.workspace)}/table?scenario=${enc(d.scenario)}`);
  const [chosen, setChosen] = useState<Map<string, string>>(new Map());
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (current.state === "ready") setChosen(new Map(current.data.items.map((a) => [a.institution, a.roles[0] ?? ""])));
  }, [current.state]);
  const form = useSubmit(async () => {
    setSaved(false);
    await send("PUT", url, { agencies: [...chosen].map(([institution, role]) => ({ institution, roles: role ? [role] : [] })) });
    setSaved(true);
  });
  const institutions = dir.state === "ready" ? dir.data.institutions : [];
  const suggested = seats.state === "ready" ? [...new Set(seats.data.seats.flatMap((s) => s.institutions.map((i) => i.name)))] : [];
  const toggle = (id: string, on: boolean) => { const m = new Map(chosen); if (on) m.set(id, ""); else m.delete(id); setChosen(m); };
  const e = form.error;
  return (
    <section aria-labelledby="con-agencies" class="panel">
      <h2 id="con-agencies">{tx("console.agencies")}</h2>
      <p class="hint">{tx("console.agenciesLead")}</p>
      {current.state === "ready" && current.data.withheld > 0 ? <p class="muted">{tx("console.agenciesWithheld", { count: current.data.withheld })}</p> : null}
      {institutions.length === 0 ? (
        <p class="muted">{tx("console.agenciesNone")} <a href={`/network/workspaces/${enc(d.workspace)}`}>{tx("console.agenciesDirectory")}</a></p>
      ) : (
        <form class="form" onSubmit={onSubmit(() => form.run())} noValidate>
          <FormProblem error={e} fields={["agencies"]} />
          {suggested.length ? <p class="hint">{tx("console.agenciesSuggested", { names: suggested.join(", ") })}</p> : null}
          <ul class="checks">
            {institutions.map((i, n) => (
              <li key={i.id}>
                <label><input type="checkbox" checked={chosen.has(i.id)} onChange={(ev) => toggle(i.id, ev.currentTarget.checked)} /> <bdi>{i.name}</bdi></label>
                {chosen.has(i.id) && roles.length > 0 ? (
                  <div class="field">
                    <label for={`agency-role-${n}`}>{tx("console.agenciesRole", { name: i.name })}</label>
                    <select id={`agency-role-${n}`} value={chosen.get(i.id)} onChange={(ev) => setChosen(new Map(chosen).set(i.id, ev.currentTarget.value))}>
                      <option value="">{tx("console.agenciesNoRole")}</option>
                      {roles.map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
                    </select>
                  </div>
                ) : null}
                {fieldError(e, `agencies.${[...chosen.keys()].indexOf(i.id)}.institution`) ? <p class="field-error" role="alert">{fieldError(e, `agencies.${[...chosen.keys()].indexOf(i.id)}.institution`)}</p> : null}
              </li>
            ))}
          </ul>
          <p><button type="submit" disabled={form.busy}>{tx("console.agenciesSave")}</button></p>
          {saved ? <p class="ok" role="status">{tx("console.agenciesSaved")}</p> : null}
        </form>
      )}
    </section>
  );
}
