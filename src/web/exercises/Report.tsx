/**
 * /exercises/sessions/:id/report: the after-action report of a session. Which practices were
 * exercised and how well (every heatmap cell says why), the decisions against the aligned
 * options, the agencies at the table against the actors the practices expect, the evaluators'
 * observations and the hot wash; the facilitator's summary, lessons and improvement items; the
 * exports; and improvement items sent into a self-assessment's action plan.
 */
import { msgText, useMessages, withLang, type Msg } from "../messages.js";
import { useEffect, useState } from "preact/hooks";
import { practiceLabel, useTitle } from "../components/common.js";
import { getJson, send, type Session } from "../platform/session.js";
import { fieldError, FormProblem, Guard, onSubmit, Show, TlpBadge, useResource, useSubmit } from "../platform/ui.js";
import { AlignmentBadge, exApi, type Scenario, type SessionDetails } from "./facilitator.js";
import { enc } from "./shared.js";
import { tx, withStrings } from "./strings.js";

interface Cell { practice: string; decisions: number; alignedShare: number | null; observations: number; observationMean: number | null; level: "strong" | "mixed" | "weak" | "not exercised"; why: Msg[] }
interface DecisionResult { decision: string; phase: string; prompt: string; units: number; options: { id: string; text: string; alignment: string; count: number; chosen: boolean }[]; chosen: string | null; chosenAlignment: string | null; alignedShare: number | null; branch: string | null }
interface Improvement { practice: string; title: string; why: string; actors: string[]; owner: string; due?: string }
/** As the server gives it: drafted items speak in messages until the facilitator saves edits (decision 0025). */
interface ServerImprovement { practice: string; title: string | Msg; why: string | Msg[]; actors: string[]; owner: string; due?: string }
const itemText = (i: ServerImprovement): Improvement => ({ ...i, title: msgText(i.title), why: msgText(i.why) });
interface Edits { summary: string; lessons: string[]; improvements: Improvement[] }
interface ReportData {
  id: string; name: string; marking: string; scenario: { id: string; title: string; version: number };
  generated: {
    phasesPlayed: string[]; branchesTaken: { decision: string; branch: string }[]; heatmap: Cell[]; decisions: DecisionResult[];
    agencies: { roles: { role: string; name: string; actor: string; members: number; answers: number }[]; expected: string[]; missing: string[]; unexpected: string[] };
    observations: { by: string | Msg; rating: "P" | "S" | "M" | "U"; practice: string | null; objective: string | null; note: string }[];
    hotwash: { id: string; question: string; kind: "rating" | "text"; count: number; mean: number | null; texts: { by: string | Msg; text: string }[] }[];
    participants: number;
  };
  edits: Edits | null;
  improvements: ServerImprovement[];
  /** the institutions of the directory at the table, with the roles they played (decision 0035) */
  institutions?: { name: string; roles: string[] }[];
}
interface Named { id: string; title: string }

const pct = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)} %`);
const levelKey = (l: string) => (l === "not exercised" ? "none" : l);

export function ReportPage({ params }: { params: Record<string, string> }) {
  return <Guard permission="records.read" title={tx("report.title")}>{(s) => <ReportView id={params.id} session={s} />}</Guard>;
}

/** Names of practices and actors from the public knowledge API, loaded once. */
function useNames(collection: "practices" | "actors") {
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    getJson<{ items: Named[] }>(`/api/v1/${collection}?limit=100`).then((r) => live && setNames(new Map(r.items.map((i) => [i.id, i.title]))), () => undefined);
    return () => { live = false; };
  }, [collection]);
  return names;
}

function ReportView({ id, session }: { id: string; session: Session }) {
  useMessages();
  const [report, reload] = useResource<ReportData>(`${exApi}/sessions/${enc(id)}/report`);
  const [details] = useResource<SessionDetails>(`${exApi}/sessions/${enc(id)}`);
  const scenarioId = report.state === "ready" ? report.data.scenario.id : null;
  const [scenario] = useResource<Scenario>(scenarioId ? `${exApi}/scenarios/${enc(scenarioId)}` : null);
  const practices = useNames("practices");
  const actors = useNames("actors");
  useTitle(report.state === "ready" ? tx("report.titleFor", { name: report.data.name }) : tx("report.title"));
  const canWrite = session.permissions.includes("records.write");
  if (report.state !== "ready") return <><h1>{tx("report.title")}</h1><Show value={report}>{() => null}</Show></>;
  const r = report.data;
  const g = r.generated;
  const sc = scenario.state === "ready" ? scenario.data : null;
  const phaseTitle = (p: string) => sc?.phases.find((x) => x.id === p)?.title ?? p;
  const practiceName = (p: string) => `${practiceLabel({ id: p })}${practices.get(p) ? ` — ${practices.get(p)}` : ""}`;
  const actorName = (a: string) => actors.get(a) ?? a;
  const file = (f: string) => withLang(`${exApi}/sessions/${enc(id)}/export/${f}`);
  // Practices nobody exercised all read the same; they are listed apart, so the table shows what happened.
  const exercised = g.heatmap.filter((c) => c.level !== "not exercised");
  const notExercised = g.heatmap.filter((c) => c.level === "not exercised");
  return (
    <>
      <p class="eyebrow"><a href={`/exercises/sessions/${enc(id)}/console`}>{tx("report.console")}</a></p>
      <h1>{tx("report.titleFor", { name: r.name })}</h1>
      <p class="record-meta">
        <TlpBadge marking={r.marking} />
        <span>{tx("console.scenario", { title: r.scenario.title, version: r.scenario.version })}</span>
        <span>{tx("report.participants", { count: g.participants })}</span>
      </p>
      <p>{tx("report.phasesPlayed")} {g.phasesPlayed.length ? g.phasesPlayed.map(phaseTitle).join(" → ") : tx("report.none")}</p>
      {r.edits?.summary ? <p class="lead" dir="auto">{r.edits.summary}</p> : null}

      <section aria-labelledby="rp-exports">
        <h2 id="rp-exports">{tx("report.exports")}</h2>
        <ul class="ex-docs">
          <li><a href={file("report.pdf")} download>{tx("report.pdf")}</a></li>
          <li><a href={file("report.docx")} download>{tx("report.docx")}</a></li>
          <li><a href={file("improvements.csv")} download>{tx("report.csv")}</a></li>
          <li><a href={file("events.json")} download>{tx("report.events")}</a></li>
        </ul>
      </section>

      <section aria-labelledby="rp-heatmap">
        <h2 id="rp-heatmap">{tx("report.heatmap")}</h2>
        <p class="hint">{tx("report.heatmapLead")}</p>
        <ul class="legend">
          {(["strong", "mixed", "weak", "none"] as const).map((l) => <li key={l}><span class={`ex-level ex-level-${l}`}>{tx(`report.level.${l}`)}</span> {tx(`report.levelMeaning.${l}`)}</li>)}
        </ul>
        <div class="table-wrap" tabIndex={0} role="region" aria-label={tx("report.heatmap")}>
          <table class="ex-heatmap">
            <caption class="visually-hidden">{tx("report.heatmap")}</caption>
            <thead>
              <tr><th scope="col">{tx("report.practice")}</th><th scope="col">{tx("report.levelCol")}</th><th scope="col">{tx("report.aligned")}</th><th scope="col">{tx("report.evaluatorMean")}</th><th scope="col">{tx("report.why")}</th></tr>
            </thead>
            <tbody>
              {exercised.map((c) => (
                <tr key={c.practice} data-practice={c.practice}>
                  <th scope="row"><a href={`/practices/${enc(c.practice)}`}>{practiceName(c.practice)}</a></th>
                  <td class={`ex-level-cell ex-level-${levelKey(c.level)}`}>{tx(`report.level.${levelKey(c.level)}`)}</td>
                  <td class="ex-num">{pct(c.alignedShare)}{c.decisions ? <span class="muted small"> {tx("report.decisionCount", { count: c.decisions })}</span> : null}</td>
                  <td class="ex-num">{c.observationMean === null ? "—" : `${c.observationMean.toFixed(1)} / 3`}{c.observations ? <span class="muted small"> {tx("report.observationCount", { count: c.observations })}</span> : null}</td>
                  <td><ul class="ex-why">{c.why.map((w, i) => <li key={i} dir="auto">{msgText(w)}</li>)}</ul></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {exercised.length === 0 ? <p class="muted">{tx("report.noneExercised")}</p> : null}
        {notExercised.length ? (
          <details class="ex-not-exercised">
            <summary>{tx("report.notExercised", { count: notExercised.length })}</summary>
            <p class="hint">{tx("report.levelMeaning.none")}</p>
            <ul>{notExercised.map((c) => <li key={c.practice} data-practice={c.practice}><a href={`/practices/${enc(c.practice)}`}>{practiceName(c.practice)}</a></li>)}</ul>
          </details>
        ) : null}
      </section>

      <section aria-labelledby="rp-decisions">
        <h2 id="rp-decisions">{tx("report.decisions")}</h2>
        {g.decisions.length === 0 ? <p class="muted">{tx("report.noDecisions")}</p> : g.decisions.map((d) => (
          <div key={d.decision} class="ex-card" data-decision={d.decision}>
            <h3 dir="auto">{d.prompt}</h3>
            <p class="muted">{tx("report.decisionMeta", { phase: phaseTitle(d.phase), units: d.units, aligned: pct(d.alignedShare) })}</p>
            <div class="table-wrap" tabIndex={0} role="region" aria-label={tx("scenario.optionsOf", { decision: d.prompt })}>
              <table>
                <caption class="visually-hidden">{tx("scenario.optionsOf", { decision: d.prompt })}</caption>
                <thead><tr><th scope="col">{tx("scenario.option")}</th><th scope="col">{tx("scenario.alignment")}</th><th scope="col">{tx("report.count")}</th><th scope="col">{tx("report.chosen")}</th></tr></thead>
                <tbody>
                  {d.options.map((o) => (
                    <tr key={o.id} class={o.chosen ? "ex-chosen" : undefined}>
                      <th scope="row" dir="auto">{o.text}</th>
                      <td><AlignmentBadge alignment={o.alignment} /></td>
                      <td class="ex-num">{o.count}</td>
                      <td>{o.chosen ? <strong>{tx("report.chosenYes")}</strong> : ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p>{d.chosen ? tx("report.roomChose", { option: d.options.find((o) => o.id === d.chosen)?.text ?? d.chosen }) : tx("report.noWinner")}{" "}
              {d.chosenAlignment ? <AlignmentBadge alignment={d.chosenAlignment} /> : null}</p>
            {d.branch ? <p class="note">{tx("report.branch", { phase: phaseTitle(d.branch) })}</p> : null}
          </div>
        ))}
      </section>

      <section aria-labelledby="rp-agencies">
        <h2 id="rp-agencies">{tx("report.agencies")}</h2>
        {g.agencies.roles.length === 0 ? <p class="muted">{tx("report.noRoles")}</p> : (
          <div class="table-wrap" tabIndex={0} role="region" aria-label={tx("report.rolesPlayed")}>
            <table>
              <caption class="visually-hidden">{tx("report.rolesPlayed")}</caption>
              <thead><tr><th scope="col">{tx("console.role")}</th><th scope="col">{tx("report.agency")}</th><th scope="col">{tx("report.members")}</th><th scope="col">{tx("report.answers")}</th></tr></thead>
              <tbody>
                {g.agencies.roles.map((x) => <tr key={x.role}><th scope="row">{x.name}</th><td>{actorName(x.actor)}</td><td class="ex-num">{x.members}</td><td class="ex-num">{x.answers}</td></tr>)}
              </tbody>
            </table>
          </div>
        )}
        <h3>{tx("report.expected")}</h3>
        {g.agencies.expected.length === 0 ? <p class="muted">{tx("report.none")}</p> : (
          <ul class="ex-agencies">
            {g.agencies.expected.map((a) => {
              const missing = g.agencies.missing.includes(a);
              return <li key={a} class={missing ? "ex-missing" : "ex-present"}>{actorName(a)} — <strong>{missing ? tx("report.missing") : tx("report.present")}</strong></li>;
            })}
          </ul>
        )}
        {g.agencies.unexpected.length ? <p>{tx("report.unexpected", { actors: g.agencies.unexpected.map(actorName).join(", ") })}</p> : null}
        {r.institutions?.length ? (
          <>
            <h3>{tx("report.institutions")}</h3>
            <ul>{r.institutions.map((i) => <li key={i.name}><bdi>{i.name}</bdi>{i.roles.length ? <span class="muted"> — {i.roles.join(", ")}</span> : null}</li>)}</ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="rp-observations">
        <h2 id="rp-observations">{tx("report.observations")}</h2>
        {g.observations.length === 0 ? <p class="muted">{tx("report.noObservations")}</p> : (
          <div class="table-wrap" tabIndex={0} role="region" aria-label={tx("report.observations")}>
            <table>
              <caption class="visually-hidden">{tx("report.observations")}</caption>
              <thead><tr><th scope="col">{tx("report.by")}</th><th scope="col">{tx("observe.rating")}</th><th scope="col">{tx("report.about")}</th><th scope="col">{tx("observe.note")}</th></tr></thead>
              <tbody>
                {g.observations.map((o, i) => (
                  <tr key={i}>
                    <th scope="row"><bdi>{msgText(o.by)}</bdi></th>
                    <td><strong dir="ltr">{o.rating}</strong> — {tx(`observe.meaning.${o.rating}`)}</td>
                    <td>{o.practice ? practiceLabel({ id: o.practice }) : sc?.objectives.find((x) => x.id === o.objective)?.text ?? o.objective}</td>
                    <td dir="auto">{o.note}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="rp-hotwash">
        <h2 id="rp-hotwash">{tx("hotwash.title")}</h2>
        {g.hotwash.map((q) => (
          <div key={q.id} class="ex-hotwash-q">
            <h3 dir="auto">{q.question}</h3>
            <p class="muted">{tx("report.hotwashCount", { count: q.count })}{q.mean !== null ? ` · ${tx("report.mean", { mean: q.mean })}` : ""}</p>
            {q.texts.length ? <ul>{q.texts.map((x, i) => <li key={i}><span dir="auto">{x.text}</span> <span class="muted">— <bdi>{x.by === "anonymous" ? tx("report.anonymous") : msgText(x.by)}</bdi></span></li>)}</ul> : null}
          </div>
        ))}
      </section>

      {canWrite ? <EditReport id={id} report={r} practices={practices} onSaved={reload} /> : null}
      {canWrite && details.state === "ready" ? <ToPlan id={id} ws={details.data.workspace} items={r.improvements.map(itemText)} /> : null}
    </>
  );
}

function EditReport({ id, report, practices, onSaved }: { id: string; report: ReportData; practices: Map<string, string>; onSaved: () => void }) {
  const initial: Edits = report.edits ?? { summary: "", lessons: [], improvements: report.improvements.map(itemText) };
  const [summary, setSummary] = useState(initial.summary);
  const [lessons, setLessons] = useState<string[]>(initial.lessons);
  // Until the facilitator changes an item, the items are read from the report on every render, so
  // drafted ones show in the reader's language once its messages have loaded (they load after the page).
  const [changed, setItems] = useState<Improvement[] | null>(null);
  const items = changed ?? initial.improvements.map((i) => ({ ...i, owner: i.owner ?? "" }));
  /** The items shown open: a new one, or one the server refused; the others fold to one line each. */
  const [open, setOpen] = useState<number[]>([]);
  const [lessonsOpen, setLessonsOpen] = useState(initial.lessons.length > 0);
  const [saved, setSaved] = useState("");
  const save = useSubmit(async () => {
    setSaved("");
    await send("PUT", `${exApi}/sessions/${enc(id)}/report`, {
      summary, lessons: lessons.map((l) => l.trim()).filter(Boolean),
      improvements: items.map(({ due, ...i }) => ({ practice: i.practice, title: i.title.trim(), why: i.why, actors: i.actors, owner: i.owner, ...(due ? { due } : {}) })),
    });
    setSaved(tx("report.saved"));
    onSaved();
  });
  const setItem = (n: number, patch: Partial<Improvement>) => { setItems(items.map((x, i) => (i === n ? { ...x, ...patch } : x))); setSaved(""); };
  const e = save.error;
  const itemHasError = (i: number) => ["title", "practice", "due", "actors", "why", "owner"].some((f) => fieldError(e, `improvements.${i}.${f}`));
  const isOpen = (i: number) => open.includes(i) || itemHasError(i);
  const toggle = (i: number, on: boolean) => setOpen(on ? [...new Set([...open, i])] : open.filter((x) => x !== i));
  // The scenario's own practices first: the ones an item is most likely about.
  const ofScenario = report.generated.heatmap.map((c) => c.practice);
  const others = [...practices.keys()].filter((p) => !ofScenario.includes(p));
  const practiceOption = (p: string) => <option key={p} value={p}>{practiceLabel({ id: p })}{practices.get(p) ? ` — ${practices.get(p)}` : ""}</option>;
  const label = (it: Improvement) => (it.practice ? practiceLabel({ id: it.practice }) : tx("report.noPractice"));
  return (
    <section aria-labelledby="rp-edit" class="panel">
      <h2 id="rp-edit">{tx("report.edit")}</h2>
      <form class="form" onSubmit={onSubmit(() => save.run())} noValidate>
        <FormProblem error={e} fields={["summary", "lessons", "improvements"]} />
        <div class="field">
          <label for="rp-summary">{tx("report.summary")}</label>
          <textarea id="rp-summary" rows={4} dir="auto" value={summary} maxLength={10000} onInput={(ev) => { setSummary(ev.currentTarget.value); setSaved(""); }} />
        </div>
        <details class="ex-edit-section" open={lessonsOpen || Boolean(fieldError(e, "lessons"))} onToggle={(ev) => setLessonsOpen((ev.currentTarget as HTMLDetailsElement).open)}>
          <summary>{tx("report.sectionCount", { section: tx("report.lessons"), n: lessons.length })}</summary>
          <fieldset class="field">
            <legend class="visually-hidden">{tx("report.lessons")}</legend>
            {lessons.map((l, i) => (
              <div key={i} class="ex-row">
                <label class="visually-hidden" for={`rp-lesson-${i}`}>{tx("report.lessonN", { n: i + 1 })}</label>
                <input id={`rp-lesson-${i}`} value={l} dir="auto" maxLength={2000} onInput={(ev) => { setLessons(lessons.map((x, j) => (j === i ? ev.currentTarget.value : x))); setSaved(""); }} />
                <button type="button" class="small" onClick={() => setLessons(lessons.filter((_, j) => j !== i))}>{tx("report.remove")}<span class="visually-hidden"> {tx("report.lessonN", { n: i + 1 })}</span></button>
              </div>
            ))}
            {fieldError(e, "lessons") ? <p class="field-error" role="alert">{fieldError(e, "lessons")}</p> : null}
            <p><button type="button" onClick={() => setLessons([...lessons, ""])}>{tx("report.addLesson")}</button></p>
          </fieldset>
        </details>
        <details class="ex-edit-section" open>
          <summary>{tx("report.sectionCount", { section: tx("report.improvements"), n: items.length })}</summary>
          <p class="hint">{report.edits ? tx("report.itemsSaved") : tx("report.itemsDrafted")}</p>
          {items.length === 0 ? <p class="muted">{tx("report.noItems")}</p> : null}
          {items.map((it, i) => (
            <details key={i} class="ex-item" open={isOpen(i)} onToggle={(ev) => toggle(i, (ev.currentTarget as HTMLDetailsElement).open)}>
              <summary>
                <span class="ex-item-n">{tx("report.itemN", { n: i + 1 })}</span>{" "}
                <span dir="auto">{it.title || tx("report.untitled")}</span>{" "}
                <span class="muted">({label(it)})</span>
                {itemHasError(i) ? <span class="field-error"> {tx("report.itemProblem")}</span> : null}
              </summary>
              <fieldset class="ex-item-fields">
                <legend class="visually-hidden">{tx("report.itemN", { n: i + 1 })}</legend>
                <div class="field">
                  <label for={`rp-it-${i}-title`}>{tx("report.itemTitle")}</label>
                  <input id={`rp-it-${i}-title`} value={it.title} dir="auto" maxLength={300} onInput={(ev) => setItem(i, { title: ev.currentTarget.value })}
                    aria-invalid={fieldError(e, `improvements.${i}.title`) ? "true" : undefined} />
                  {fieldError(e, `improvements.${i}.title`) ? <p class="field-error" role="alert">{fieldError(e, `improvements.${i}.title`)}</p> : null}
                </div>
                <div class="row">
                  <div class="field">
                    <label for={`rp-it-${i}-practice`}>{tx("report.practice")}</label>
                    <select id={`rp-it-${i}-practice`} value={it.practice} onChange={(ev) => setItem(i, { practice: ev.currentTarget.value })}
                      aria-invalid={fieldError(e, `improvements.${i}.practice`) ? "true" : undefined}>
                      <option value="">{tx("report.noPractice")}</option>
                      <optgroup label={tx("report.scenarioPractices")}>{ofScenario.map(practiceOption)}</optgroup>
                      {others.length ? <optgroup label={tx("report.otherPractices")}>{others.map(practiceOption)}</optgroup>
                        : it.practice && !ofScenario.includes(it.practice) ? practiceOption(it.practice) : null}
                    </select>
                    {fieldError(e, `improvements.${i}.practice`) ? <p class="field-error" role="alert">{fieldError(e, `improvements.${i}.practice`)}</p> : null}
                  </div>
                  <div class="field">
                    <label for={`rp-it-${i}-owner`}>{tx("report.owner")}</label>
                    <input id={`rp-it-${i}-owner`} value={it.owner} dir="auto" maxLength={200} onInput={(ev) => setItem(i, { owner: ev.currentTarget.value })} />
                  </div>
                  <div class="field">
                    <label for={`rp-it-${i}-due`}>{tx("report.due")}</label>
                    <input id={`rp-it-${i}-due`} type="date" value={it.due ?? ""} onInput={(ev) => setItem(i, { due: ev.currentTarget.value || undefined })}
                      aria-invalid={fieldError(e, `improvements.${i}.due`) ? "true" : undefined} />
                    {fieldError(e, `improvements.${i}.due`) ? <p class="field-error" role="alert">{fieldError(e, `improvements.${i}.due`)}</p> : null}
                  </div>
                </div>
                <div class="field">
                  <label for={`rp-it-${i}-why`}>{tx("report.itemWhy")}</label>
                  <textarea id={`rp-it-${i}-why`} rows={2} dir="auto" maxLength={2000} value={it.why} onInput={(ev) => setItem(i, { why: ev.currentTarget.value })} />
                </div>
                <p><button type="button" class="danger small" onClick={() => { setItems(items.filter((_, j) => j !== i)); setOpen(open.filter((x) => x !== i).map((x) => (x > i ? x - 1 : x))); setSaved(""); }}>{tx("report.removeItem", { n: i + 1 })}</button></p>
              </fieldset>
            </details>
          ))}
          <p><button type="button" onClick={() => { setItems([...items, { practice: "", title: "", why: "", actors: [], owner: "" }]); setOpen([...open, items.length]); }}>{tx("report.addItem")}</button></p>
        </details>
        <p><button type="submit" class="primary" disabled={save.busy}>{tx("report.save")}</button></p>
        <p class="ok" role="status">{saved}</p>
      </form>
    </section>
  );
}

function ToPlan({ id, ws, items }: { id: string; ws: string; items: Improvement[] }) {
  const [list] = useResource<{ items: { id: string; name: string; country: string }[] }>(`/api/v1/plans/workspaces/${enc(ws)}/self-assessments`);
  const [target, setTarget] = useState("");
  const [chosen, setChosen] = useState<number[]>([]);
  const [result, setResult] = useState("");
  const go = useSubmit(async () => {
    setResult("");
    const r = await send<{ created: number }>("POST", `${exApi}/sessions/${enc(id)}/improvements/to-plan`, { self_assessment: target, items: chosen });
    setResult(tx("report.sent", { count: r.created }));
    setChosen([]);
  });
  const itemError = (n: number) => fieldError(go.error, `items.${chosen.indexOf(n)}`);
  return (
    <section aria-labelledby="rp-plan" class="panel">
      <h2 id="rp-plan">{tx("report.toPlan")}</h2>
      <p class="hint">{tx("report.toPlanLead")}</p>
      <Show value={list}>
        {(data) => data.items.length === 0 ? <p class="muted">{tx("report.noAssessments")} <a href={`/plans/workspaces/${enc(ws)}`}>{tx("report.openPlans")}</a></p> : (
          <form class="form" onSubmit={onSubmit(() => go.run())} noValidate>
            <FormProblem error={go.error} fields={["items"]} />
            <div class="field">
              <label for="rp-plan-target">{tx("report.assessment")}</label>
              <select id="rp-plan-target" value={target} onChange={(ev) => setTarget(ev.currentTarget.value)}>
                <option value="">{tx("observe.choose")}</option>
                {data.items.map((a) => <option key={a.id} value={a.id}>{a.name} ({a.country})</option>)}
              </select>
            </div>
            <fieldset class="field">
              <legend>{tx("report.chooseItems")}</legend>
              {items.length === 0 ? <p class="muted">{tx("report.noItems")}</p> : (
                <ul class="checks">
                  {items.map((it, n) => (
                    <li key={n}>
                      <label class="check ex-check">
                        <input type="checkbox" checked={chosen.includes(n)} onChange={(ev) => setChosen(ev.currentTarget.checked ? [...chosen, n].sort((a, b) => a - b) : chosen.filter((x) => x !== n))} />
                        <span dir="auto">{it.title} <span class="muted">({it.practice ? practiceLabel({ id: it.practice }) : tx("report.noPractice")})</span></span>
                      </label>
                      {chosen.includes(n) && itemError(n) ? <p class="field-error" role="alert">{itemError(n)}</p> : null}
                    </li>
                  ))}
                </ul>
              )}
            </fieldset>
            <p><button type="submit" class="primary" disabled={go.busy || !target || chosen.length === 0}>{tx("report.send")}</button></p>
            <p class="ok" role="status">{result}</p>
          </form>
        )}
      </Show>
    </section>
  );
}

/** The page with its strings, for app.tsx. */
export const load = () => withStrings(["participant", "facilitator"], ReportPage);
