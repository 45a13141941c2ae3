/** /exercises/workspaces/:id: the scenario library, the workspace's exercise sessions, and starting a new session. */
import { useState } from "preact/hooks";
import { practiceLabel, useTitle } from "../components/common.js";
import { i18next, languages as sessionLanguages } from "../i18n.js";
import { navigate } from "../router.js";
import { send, type Session } from "../platform/session.js";
import { fieldError, FormProblem, formatDate, Guard, onSubmit, Show, TlpBadge, useResource, useSubmit, type Marking } from "../platform/ui.js";
import { MarkingSelect } from "../platform/Workspace.js";
import { contextName, exApi, manifestationName, projectorKeyStore, type ScenarioItem, type SessionDetails, type SessionItem } from "./facilitator.js";
import { enc, StatusBadge } from "./shared.js";
import { tx, withStrings } from "./strings.js";

export function LibraryPage({ params }: { params: Record<string, string> }) {
  return <Guard permission="records.read" title={tx("library.title")}>{(s) => <Library ws={params.id} session={s} />}</Guard>;
}

function Library({ ws, session }: { ws: string; session: Session }) {
  const [workspace] = useResource<{ id: string; name: string }>(`/api/v1/workspaces/${enc(ws)}`);
  const [scenarios] = useResource<{ items: ScenarioItem[] }>(`${exApi}/scenarios`);
  const [sessions] = useResource<{ items: SessionItem[] }>(`${exApi}/workspaces/${enc(ws)}/sessions`);
  const name = workspace.state === "ready" ? workspace.data.name : "";
  useTitle(name ? tx("library.titleFor", { name }) : tx("library.title"));
  const canWrite = session.permissions.includes("records.write");
  const titleOf = (id: string) => (scenarios.state === "ready" ? scenarios.data.items.find((s) => s.id === id)?.title : undefined) ?? id;
  return (
    <>
      <p class="eyebrow"><a href={`/workspaces/${enc(ws)}`}>{name ? <bdi>{name}</bdi> : tx("library.workspace")}</a></p>
      <h1>{tx("library.title")}</h1>
      <p class="lead">{tx("library.lead")}</p>
      <Show value={workspace}>{() => null}</Show>

      <section aria-labelledby="ex-sessions">
        <h2 id="ex-sessions">{tx("library.sessions")}</h2>
        <Show value={sessions}>
          {(data) => data.items.length === 0 ? <p class="muted">{tx("library.noSessions")}</p> : (
            <div class="table-wrap" tabIndex={0} role="region" aria-label={tx("library.sessions")}>
              <table>
                <caption class="visually-hidden">{tx("library.sessions")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{tx("library.sessionName")}</th><th scope="col">{tx("library.scenario")}</th><th scope="col">{tx("library.status")}</th>
                    <th scope="col">{tx("library.participants")}</th><th scope="col">{tx("library.marking")}</th><th scope="col">{tx("library.created")}</th>
                    <th scope="col">{tx("library.report")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((s) => (
                    <tr key={s.id}>
                      <th scope="row"><a href={`/exercises/sessions/${enc(s.id)}/console`}><bdi>{s.name}</bdi></a></th>
                      <td>{titleOf(s.scenario)}</td>
                      <td><StatusBadge view={{ status: s.status, paused: false }} /></td>
                      <td>{s.participants}</td>
                      <td><TlpBadge marking={s.marking} /></td>
                      <td>{formatDate(s.created_at, true)}</td>
                      <td><a href={`/exercises/sessions/${enc(s.id)}/report`}>{tx("library.reportLink")}<span class="visually-hidden"> {s.name}</span></a></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Show>
      </section>

      {canWrite && scenarios.state === "ready" ? <StartSession ws={ws} scenarios={scenarios.data.items} /> : null}

      <section aria-labelledby="ex-library">
        <h2 id="ex-library">{tx("library.scenarios")}</h2>
        <Show value={scenarios}>
          {(data) => (
            <ul class="ex-cards">
              {data.items.map((s) => (
                <li key={s.id} class="card ex-scenario-card">
                  <h3><a href={`/exercises/scenarios/${enc(s.id)}?workspace=${enc(ws)}`}>{s.title}</a></h3>
                  <p class="ex-summary" dir="auto">{s.summary}</p>
                  <dl class="ex-facts">
                    <dt>{tx("library.context")}</dt><dd>{contextName(s.context)}</dd>
                    <dt>{tx("library.region")}</dt><dd dir="auto">{s.region}</dd>
                    <dt>{tx("library.manifestations")}</dt><dd>{s.manifestations.map(manifestationName).join(", ")}</dd>
                    <dt>{tx("library.practices")}</dt>
                    <dd><span title={s.practices.map((p) => practiceLabel({ id: p })).join(", ")}>{tx("library.practiceCount", { count: s.practices.length })}</span></dd>
                    <dt>{tx("library.phases")}</dt><dd>{s.phases}</dd>
                    <dt>{tx("library.roles")}</dt><dd>{s.roles.map((r) => r.name).join("; ")}</dd>
                  </dl>
                </li>
              ))}
            </ul>
          )}
        </Show>
      </section>
    </>
  );
}

function StartSession({ ws, scenarios }: { ws: string; scenarios: ScenarioItem[] }) {
  const [scenario, setScenario] = useState(scenarios[0]?.id ?? "");
  const [name, setName] = useState("");
  const [max, setMax] = useState("60");
  const [marking, setMarking] = useState<Marking>("AMBER");
  const [language, setLanguage] = useState<string>(i18next.language);
  const form = useSubmit(async () => {
    const body = { scenario, marking, max_participants: Number(max), language, ...(name.trim() ? { name: name.trim() } : {}) };
    const r = await send<SessionDetails & { projector_key: string }>("POST", `${exApi}/workspaces/${enc(ws)}/sessions`, body);
    // The projector key is returned only by this call: the console shows it from here.
    sessionStorage.setItem(projectorKeyStore(r.id), r.projector_key);
    navigate(`/exercises/sessions/${enc(r.id)}/console`);
  });
  const e = form.error;
  return (
    <section aria-labelledby="ex-start" class="panel">
      <h2 id="ex-start">{tx("library.start")}</h2>
      <form class="form narrow" onSubmit={onSubmit(() => form.run())} noValidate>
        <FormProblem error={e} fields={["scenario", "name", "max_participants", "marking", "language"]} />
        <div class="field">
          <label for="ex-start-scenario">{tx("library.scenario")}</label>
          <select id="ex-start-scenario" value={scenario} onChange={(ev) => setScenario(ev.currentTarget.value)} aria-invalid={fieldError(e, "scenario") ? "true" : undefined}>
            {scenarios.map((s) => <option key={s.id} value={s.id}>{s.title}</option>)}
          </select>
          {fieldError(e, "scenario") ? <p class="field-error" role="alert">{fieldError(e, "scenario")}</p> : null}
        </div>
        <div class="field">
          <label for="ex-start-name">{tx("library.sessionNameOptional")}</label>
          <p class="hint" id="ex-start-name-hint">{tx("library.sessionNameHint")}</p>
          <input id="ex-start-name" value={name} maxLength={200} dir="auto" aria-describedby="ex-start-name-hint" onInput={(ev) => setName(ev.currentTarget.value)} />
          {fieldError(e, "name") ? <p class="field-error" role="alert">{fieldError(e, "name")}</p> : null}
        </div>
        <div class="field">
          <label for="ex-start-max">{tx("library.max")}</label>
          <input id="ex-start-max" type="number" min={1} max={1000} value={max} onInput={(ev) => setMax(ev.currentTarget.value)}
            aria-invalid={fieldError(e, "max_participants") ? "true" : undefined} aria-describedby={fieldError(e, "max_participants") ? "ex-start-max-error" : undefined} />
          {fieldError(e, "max_participants") ? <p id="ex-start-max-error" class="field-error" role="alert">{fieldError(e, "max_participants")}</p> : null}
        </div>
        <div class="field">
          <label for="ex-start-language">{tx("library.projectorLanguage")}</label>
          <p class="hint" id="ex-start-language-hint">{tx("library.projectorLanguageHint")}</p>
          <select id="ex-start-language" value={language} aria-describedby="ex-start-language-hint" onChange={(ev) => setLanguage(ev.currentTarget.value)}>
            {sessionLanguages.map((l) => <option key={l.code} value={l.code} lang={l.code}>{l.name}</option>)}
          </select>
          {fieldError(e, "language") ? <p class="field-error" role="alert">{fieldError(e, "language")}</p> : null}
        </div>
        <MarkingSelect id="ex-start-marking" value={marking} onValue={setMarking} error={fieldError(e, "marking")} />
        <p><button type="submit" class="primary" disabled={form.busy || !scenario}>{tx("library.startButton")}</button></p>
      </form>
    </section>
  );
}

/** The page with its strings, for app.tsx. */
export const load = () => withStrings(["participant", "facilitator"], LibraryPage);
