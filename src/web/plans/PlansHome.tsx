/** A workspace's national implementation self-assessments: the list and the form that starts one. */
import { useState } from "preact/hooks";
import { countryName, useTitle } from "../components/common.js";
import { t } from "../i18n.js";
import { tp, withPlanStrings } from "./strings.js";
import { navigate } from "../router.js";
import { MarkingSelect } from "../platform/Workspace.js";
import { send, type Session } from "../platform/session.js";
import { fieldError, Field, FormProblem, formatDate, Guard, onSubmit, Show, TlpBadge, useResource, useSubmit, type Marking } from "../platform/ui.js";
import { countryOptions, enc, frameworksOf, plansBase, scopeText, Select, Table, usePractices } from "./shared.js";

/** A list entry; the practices and review may come as counts and numbers or in full. */
interface Item { id: string; name: string; country: string; marking: string; scope: { framework?: string; area?: string }; practices: number | string[]; review?: number | { number: number; name: string } | null; updated_at: string }
const countOf = (p: number | string[]) => (typeof p === "number" ? p : p.length);
const reviewOf = (r: Item["review"]) => (r === null || r === undefined ? null : typeof r === "number" ? { number: r, name: "" } : r);

export function PlansHome({ params }: { params: Record<string, string> }) {
  return <Guard permission="records.read" title={tp("title")}>{(s) => <PlansHomeView id={params.id} session={s} />}</Guard>;
}

function PlansHomeView({ id, session }: { id: string; session: Session }) {
  const [ws] = useResource<{ id: string; name: string }>(`/api/v1/workspaces/${enc(id)}`);
  const [list, reload] = useResource<{ items: Item[] }>(`${plansBase}/workspaces/${enc(id)}/self-assessments`);
  const name = ws.state === "ready" ? ws.data.name : "";
  useTitle(name ? tp("titleFor", { name }) : tp("title"));
  return (
    <>
      <p class="eyebrow"><a href={`/workspaces/${enc(id)}`}>{name ? <bdi>{name}</bdi> : t("ws.workspace")}</a></p>
      <h1>{tp("title")}</h1>
      <p class="lead">{tp("lead")}</p>
      <p class="actions"><a class="button" href={`/plans/regions/${enc(id)}`}>{tp("region.open")}</a></p>
      <Show value={ws}>{() => null}</Show>
      <section aria-labelledby="plans-list">
        <h2 id="plans-list">{tp("list")}</h2>
        <Show value={list}>
          {(d) => d.items.length === 0 ? <p class="muted">{tp("none")}</p> : (
            <Table caption={tp("list")} head={[tp("name"), tp("country"), tp("scope.label"), tp("review.current"), t("record.marking"), tp("updated")]}>
              {d.items.map((a) => (
                <tr key={a.id}>
                  <th scope="row"><a href={`/plans/self-assessments/${enc(a.id)}?workspace=${enc(id)}`}><bdi>{a.name}</bdi></a></th>
                  <td>{countryName(a.country)}</td>
                  <td>{scopeText(a.scope)} <span class="muted">({tp("practiceCount", { count: countOf(a.practices) })})</span></td>
                  <td>{reviewOf(a.review) ? tp("review.number", { n: reviewOf(a.review)!.number }) : "—"}</td>
                  <td><TlpBadge marking={a.marking} /></td>
                  <td class="nowrap">{formatDate(a.updated_at, true)}</td>
                </tr>
              ))}
            </Table>
          )}
        </Show>
      </section>
      {session.permissions.includes("records.write") ? <CreateForm ws={id} earlier={list.state === "ready" ? list.data.items : []} onCreated={reload} /> : <p class="muted">{tp("readOnly")}</p>}
    </>
  );
}

type ScopeKind = "all" | "framework" | "area";

function CreateForm({ ws, earlier, onCreated }: { ws: string; earlier: Item[]; onCreated: () => void }) {
  const practices = usePractices();
  const [name, setName] = useState("");
  const [country, setCountry] = useState("");
  const [scope, setScope] = useState<ScopeKind>("all");
  const [framework, setFramework] = useState("");
  const [area, setArea] = useState("");
  const [marking, setMarking] = useState<Marking>("AMBER");
  const [copyFrom, setCopyFrom] = useState("");
  const fws = frameworksOf(practices ?? []);
  const form = useSubmit(async () => {
    const r = await send<{ id: string }>("POST", `${plansBase}/workspaces/${enc(ws)}/self-assessments`, {
      name, country, marking, ...(scope === "framework" && framework ? { framework } : {}), ...(scope === "area" && area ? { area } : {}),
      ...(copyFrom ? { copy_from: copyFrom } : {}),
    });
    onCreated();
    navigate(`/plans/self-assessments/${enc(r.id)}?workspace=${enc(ws)}`);
  });
  const e = form.error;
  return (
    <section aria-labelledby="plans-new">
      <h2 id="plans-new">{tp("create.title")}</h2>
      <form class="form" onSubmit={onSubmit(() => form.run())} noValidate>
        <FormProblem error={e} fields={["name", "country", "framework", "area", "marking", "copy_from"]} />
        <Field id="sa-name" label={tp("name")} hint={tp("create.nameHint")} required value={name} onValue={setName} error={fieldError(e, "name")} />
        <Select id="sa-country" label={tp("country")} value={country} onValue={setCountry} error={fieldError(e, "country")} required>
          <option value="">{tp("create.chooseCountry")}</option>
          {countryOptions().map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
        </Select>
        <fieldset class="field" aria-describedby="sa-scope-hint">
          <legend>{tp("scope.label")}</legend>
          <p id="sa-scope-hint" class="hint">{tp("scope.hint")}</p>
          <ul class="checks plan-radios">
            {(["all", "framework", "area"] as const).map((k) => (
              <li key={k}>
                <label><input type="radio" name="sa-scope" value={k} checked={scope === k} onChange={() => setScope(k)} /> {tp(`scope.${k}`)}</label>
              </li>
            ))}
          </ul>
        </fieldset>
        {scope === "framework" && (
          <Select id="sa-framework" label={tp("gaps.framework")} value={framework} onValue={setFramework} error={fieldError(e, "framework")} required>
            <option value="">{tp("scope.choose")}</option>
            {fws.map((f) => <option key={f.framework} value={f.framework}>{t(`framework.${f.framework}`)}</option>)}
          </Select>
        )}
        {scope === "area" && (
          <Select id="sa-area" label={tp("gaps.area")} value={area} onValue={setArea} error={fieldError(e, "area")} required>
            <option value="">{tp("scope.choose")}</option>
            {fws.map((f) => (
              <optgroup key={f.framework} label={t(`framework.${f.framework}`)}>
                {f.areas.map((a) => <option key={a} value={a}>{t(`area.${a}`)}</option>)}
              </optgroup>
            ))}
          </Select>
        )}
        <MarkingSelect id="sa-marking" value={marking} onValue={setMarking} error={fieldError(e, "marking")} />
        {earlier.length > 0 && (
          <Select id="sa-copy" label={tp("create.copyFrom")} hint={tp("create.copyHint")} value={copyFrom} onValue={setCopyFrom} error={fieldError(e, "copy_from")}>
            <option value="">{tp("create.copyNone")}</option>
            {earlier.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </Select>
        )}
        <p><button class="primary" type="submit" disabled={form.busy}>{tp("create.submit")}</button></p>
      </form>
    </section>
  );
}

export const load = () => withPlanStrings(["plans"], PlansHome);
