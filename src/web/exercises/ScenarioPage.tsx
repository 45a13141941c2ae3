/**
 * /exercises/scenarios/:id: a whole scenario to read before running it (phases, injects with
 * their facilitator notes, decisions and how each option aligns with the good practices), its
 * printable documents, and an editor that checks a draft as the author types (the same checks as
 * `nexus content validate`). Saving is not offered: scenarios are content versioned in git.
 */
import { withLang } from "../messages.js";
import { useEffect, useRef, useState } from "preact/hooks";
import { practiceLabel, useTitle } from "../components/common.js";
import { send } from "../platform/session.js";
import { Guard, problemText, Show, useResource } from "../platform/ui.js";
import { AlignmentBadge, contextName, exApi, manifestationName, type Scenario } from "./facilitator.js";
import { enc } from "./shared.js";
import { tx, withStrings } from "./strings.js";

export function ScenarioPage({ params, query }: { params: Record<string, string>; query: URLSearchParams }) {
  return <Guard permission="records.read" title={tx("scenario.title")}>{() => <ScenarioView id={params.id} ws={query.get("workspace")} />}</Guard>;
}

function ScenarioView({ id, ws }: { id: string; ws: string | null }) {
  const [sc] = useResource<Scenario>(`${exApi}/scenarios/${enc(id)}`);
  useTitle(sc.state === "ready" ? sc.data.title : tx("scenario.title"));
  return (
    <>
      {ws ? <p class="eyebrow"><a href={`/exercises/workspaces/${enc(ws)}`}>{tx("library.title")}</a></p> : null}
      <Show value={sc}>{(s) => <ScenarioBody sc={s} />}</Show>
    </>
  );
}

function ScenarioBody({ sc }: { sc: Scenario }) {
  const roleName = (id: string) => sc.roles.find((r) => r.id === id)?.name ?? id;
  const audience = (a: "all" | string[]) => (a === "all" ? tx("scenario.everyone") : a.map(roleName).join(", "));
  const ledBy = (phase: string) => sc.phases.flatMap((p) => p.decisions.flatMap((d) => d.options.filter((o) => o.branch === phase).map((o) => ({ d, o }))));
  const doc = (file: string) => withLang(`${exApi}/scenarios/${enc(sc.id)}/${file}`);
  return (
    <>
      <h1 dir="auto">{sc.title}</h1>
      <p class="lead" dir="auto">{sc.summary}</p>
      <dl class="ex-facts">
        <dt>{tx("library.context")}</dt><dd>{contextName(sc.context)}</dd>
        <dt>{tx("library.region")}</dt><dd dir="auto">{sc.region}</dd>
        <dt>{tx("library.manifestations")}</dt><dd>{sc.manifestations.map(manifestationName).join(", ")}</dd>
        <dt>{tx("library.practices")}</dt>
        <dd><ul class="inline">{sc.practices.map((p) => <li key={p}><a href={`/practices/${enc(p)}`}>{practiceLabel({ id: p })}</a></li>)}</ul></dd>
        <dt>{tx("scenario.version")}</dt><dd>{sc.version}</dd>
      </dl>

      <section aria-labelledby="sc-docs">
        <h2 id="sc-docs">{tx("scenario.documents")}</h2>
        <ul class="ex-docs">
          {(["manual", "handbook"] as const).map((d) => (
            <li key={d}>{tx(`scenario.${d}`)}:{" "}
              <a href={doc(`${d}.pdf`)} download aria-label={`${tx(`scenario.${d}`)} (PDF)`}>PDF</a> · <a href={doc(`${d}.docx`)} download aria-label={`${tx(`scenario.${d}`)} (DOCX)`}>DOCX</a>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="sc-objectives">
        <h2 id="sc-objectives">{tx("scenario.objectives")}</h2>
        <ul>{sc.objectives.map((o) => <li key={o.id}><span dir="auto">{o.text}</span> <span class="muted">({o.practices.map((p) => practiceLabel({ id: p })).join(", ")})</span></li>)}</ul>
      </section>

      <section aria-labelledby="sc-roles">
        <h2 id="sc-roles">{tx("scenario.roles")}</h2>
        {sc.roles.map((r) => (
          <div key={r.id} class="ex-role">
            <h3><span dir="auto">{r.name}</span> <code class="ex-code">{r.id}</code></h3>
            <p class="muted">{tx("scenario.actor", { actor: r.actor })}</p>
            <p dir="auto">{r.briefing}</p>
          </div>
        ))}
      </section>

      <section aria-labelledby="sc-phases">
        <h2 id="sc-phases">{tx("scenario.phases")}</h2>
        {sc.phases.map((p, i) => (
          <div key={p.id} class={`ex-phase-block${p.branch ? " ex-branch" : ""}`}>
            <h3>{tx("scenario.phaseN", { n: i + 1, title: p.title })}{p.branch ? <span class="badge">{tx("scenario.branch")}</span> : null}</h3>
            {p.branch ? (
              <p class="note">{tx("scenario.branchWhen", { options: ledBy(p.id).map(({ d, o }) => `“${o.text}” (${d.id})`).join("; ") })}</p>
            ) : null}
            <p class="ex-situation" dir="auto">{p.situation}</p>
            <h4>{tx("scenario.injects")}</h4>
            <ul class="ex-injects">
              {p.injects.map((inj) => (
                <li key={inj.id}>
                  <p><strong dir="auto">{inj.title}</strong> <span class="ex-kind">{tx(`feed.kind.${inj.kind}`)}</span></p>
                  <p class="muted">{tx("scenario.audience", { who: audience(inj.audience) })} · {inj.release.mode === "manual" ? tx("scenario.manualRelease") : tx("scenario.conditional", { option: inj.release.option, decision: inj.release.decision })}</p>
                  <p dir="auto">{inj.text}</p>
                  <p class="ex-notes"><strong>{tx("scenario.notes")}</strong> <span dir="auto">{inj.facilitator_notes}</span></p>
                </li>
              ))}
            </ul>
            {p.decisions.length ? <h4>{tx("scenario.decisions")}</h4> : null}
            {p.decisions.map((d) => (
              <div key={d.id} class="ex-decision-block">
                <p dir="auto"><strong>{d.prompt}</strong></p>
                <p class="muted">{tx(`scope.${d.scope}`)} · {tx(`response.${d.response}`)}{d.scope === "role" ? ` · ${d.roles.map(roleName).join(", ")}` : ""}</p>
                <div class="table-wrap" tabIndex={0} role="region" aria-label={tx("scenario.optionsOf", { decision: d.prompt })}>
                  <table class="ex-options-table">
                    <caption class="visually-hidden">{tx("scenario.optionsOf", { decision: d.prompt })}</caption>
                    <thead><tr><th scope="col">{tx("scenario.option")}</th><th scope="col">{tx("scenario.alignment")}</th><th scope="col">{tx("scenario.rationale")}</th><th scope="col">{tx("library.practices")}</th></tr></thead>
                    <tbody>
                      {d.options.map((o) => (
                        <tr key={o.id}>
                          <th scope="row"><span dir="auto">{o.text}</span>{o.branch ? <span class="badge">{tx("scenario.leadsTo", { phase: sc.phases.find((x) => x.id === o.branch)?.title ?? o.branch })}</span> : null}</th>
                          <td><AlignmentBadge alignment={o.alignment} /></td>
                          <td>
                            <span dir="auto">{o.rationale}</span>
                            {o.instruments?.length ? (
                              <span class="ex-instruments"> {tx("scenario.instruments")}{" "}
                                {o.instruments.map((i, k) => <span key={i}>{k ? ", " : ""}<a href={`/instruments/${enc(i)}`}>{i}</a></span>)}
                              </span>
                            ) : null}
                            {o.caution ? <p class="ex-caution note"><strong>{tx("scenario.caution")}</strong> <span dir="auto">{o.caution.text}</span></p> : null}
                          </td>
                          <td>{o.practices.map((x) => practiceLabel({ id: x })).join(", ")}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            ))}
          </div>
        ))}
      </section>

      <section aria-labelledby="sc-hotwash">
        <h2 id="sc-hotwash">{tx("scenario.hotwash")}</h2>
        <ul>{sc.hotwash.map((q) => <li key={q.id}><span dir="auto">{q.question}</span> <span class="muted">({tx(`scenario.hotwashKind.${q.kind}`)})</span></li>)}</ul>
      </section>

      <Editor sc={sc} />
    </>
  );
}

type Check = { state: "idle" | "checking" } | { state: "done"; ok: boolean; problems: { path: string; message: string }[] } | { state: "error"; message: string };

function Editor({ sc }: { sc: Scenario }) {
  const [text, setText] = useState<string | null>(null);
  const [check, setCheck] = useState<Check>({ state: "idle" });
  const seq = useRef(0);
  useEffect(() => {
    let live = true;
    // The YAML library loads with this editor only.
    import("yaml").then((y) => live && setText(y.stringify(sc, { lineWidth: 100 })), () => live && setText(JSON.stringify(sc, null, 2)));
    return () => { live = false; };
  }, [sc.id]);
  useEffect(() => {
    if (text === null) return;
    const n = ++seq.current;
    const h = setTimeout(() => {
      setCheck({ state: "checking" });
      send<{ ok: boolean; problems: { path: string; message: string }[] }>("POST", `${exApi}/scenarios/validate`, { text })
        .then((r) => n === seq.current && setCheck({ state: "done", ...r }), (e) => n === seq.current && setCheck({ state: "error", message: problemText(e) }));
    }, 400);
    return () => clearTimeout(h);
  }, [text]);
  return (
    <section aria-labelledby="sc-editor">
      <h2 id="sc-editor">{tx("editor.title")}</h2>
      <p class="note">{tx("editor.noSave")}</p>
      {text === null ? <p class="muted" role="status">{tx("editor.loading")}</p> : (
        <div class="field">
          <label for="sc-editor-text">{tx("editor.label")}</label>
          <p class="hint" id="sc-editor-hint">{tx("editor.hint")}</p>
          <textarea id="sc-editor-text" class="ex-editor" rows={24} spellcheck={false} dir="ltr" value={text} aria-describedby="sc-editor-hint sc-editor-result"
            onInput={(e) => setText(e.currentTarget.value)} />
        </div>
      )}
      <div id="sc-editor-result" class="ex-check-result" aria-live="polite">
        {check.state === "checking" ? <p class="muted">{tx("editor.checking")}</p>
          : check.state === "error" ? <p class="error">{check.message}</p>
          : check.state === "done" && check.ok ? <p class="ok">{tx("editor.ok")}</p>
          : check.state === "done" ? (
            <>
              <p class="error">{tx("editor.problems", { count: check.problems.length })}</p>
              <ul class="ex-problems">{check.problems.map((p, i) => <li key={i}><code dir="ltr">{p.path || tx("editor.wholeFile")}</code> {p.message}</li>)}</ul>
            </>
          ) : null}
      </div>
    </section>
  );
}

/** The page with its strings, for app.tsx. */
export const load = () => withStrings(["participant", "facilitator"], ScenarioPage);
