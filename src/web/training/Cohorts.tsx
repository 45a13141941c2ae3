/**
 * The trainer's side of a training cohort (decision 0039): /training/workspaces/:ws/cohorts lists
 * the cohorts one trains in a workspace and creates one; /training/cohorts/:id is the console: the
 * join code, link and QR, joining and the pre/post test opened or closed, each participant's
 * progress, the gains with what did not land and why, the report's downloads, certificates,
 * removal of a participant, and the weak practices sent into a self-assessment's action plan.
 */
import { useState } from "preact/hooks";
import { practiceLabel, useTitle } from "../components/common.js";
import { i18next, languages } from "../i18n.js";
import { msgText, useMessages, withLang, type Msg } from "../messages.js";
import { navigate } from "../router.js";
import { send, type Session } from "../platform/session.js";
import { fieldError, FormProblem, formatDate, Guard, onSubmit, problemText, Show, TlpBadge, useResource, useSubmit, type Marking } from "../platform/ui.js";
import { MarkingSelect } from "../platform/Workspace.js";
import { tx, withTrainingStrings } from "./strings.js";
import "./cohort.css";

const enc = encodeURIComponent;
const api = "/api/v1/training";

interface CohortItem { id: string; name: string | null; marking: string; withheld: boolean; audience?: string; audience_name?: Msg; participants: number; test_open: "pre" | "post" | null; created_at: string }
interface PathItem { id: string; name: Msg; modules: number }
interface PathModule { id: string; title: Msg }
interface Participant {
  id: string; pseudonym: string; audience: string; institution: string | null; joined_at: string;
  modules_done: { module: string; right: number; of: number }[];
  tests: { pre?: { answered: number; right: number }; post?: { answered: number; right: number } };
  certificate: { code: string; issued_at: string } | null;
}
export interface CohortDetails {
  id: string; name: string; marking: string; workspace: string; audience: { id: string; name: Msg }; language: string;
  join_code: string; join_url: string; joining_open: boolean; max_participants: number;
  test: { open: "pre" | "post" | null; questions: number };
  modules: { id: string; title: Msg; questions: number }[];
  schedule: { module: string; opens_on: string | null; due_on: string | null }[];
  institutions: { id: string; name: string }[];
  participants: Participant[];
}
interface Rate { pre: { right: number; of: number }; post: { right: number; of: number }; gain: number | null }
type Verdict = { landed: true } | { landed: false; reason: string; why: Msg };
interface Gains {
  participants: { joined: number; pre: number; post: number; both: number };
  overall: Rate;
  questions: (Rate & Verdict & { question: string; stem: string; about: { kind: string; id: string; title: string } })[];
  entries: (Rate & Verdict & { kind: string; id: string; title: string })[];
  audiences: (Rate & { audience: string; name: Msg; participants: number })[];
  weak_practices: string[];
}

const audienceName = (id: string) => msgText({ key: `training.msg.audience.${id}` });
const rate = (r: { right: number; of: number }) => (r.of ? tx("cohort.rate", { right: r.right, of: r.of }) : tx("cohort.dash"));
const gainText = (g: number | null) => (g === null ? tx("cohort.dash") : `${g > 0 ? "+" : ""}${g.toLocaleString(i18next.language)}`);
const testState = (open: "pre" | "post" | null) => (open === "pre" ? tx("cohort.testPre") : open === "post" ? tx("cohort.testPost") : tx("cohort.testNone"));
const entryName = (e: { kind: string; id: string; title: string }) => (e.kind === "practice" ? `${practiceLabel({ id: e.id })}: ${e.title}` : e.title);

// ————— /training/workspaces/:ws/cohorts —————

function CohortsPage({ params }: { params: Record<string, string> }) {
  useMessages();
  return <Guard permission="records.read" title={tx("cohort.listTitle")}>{(s) => <Cohorts ws={params.ws} session={s} />}</Guard>;
}

function Cohorts({ ws, session }: { ws: string; session: Session }) {
  const [workspace] = useResource<{ id: string; name: string }>(`/api/v1/workspaces/${enc(ws)}`);
  const [list] = useResource<{ items: CohortItem[] }>(`${api}/workspaces/${enc(ws)}/cohorts`);
  const name = workspace.state === "ready" ? workspace.data.name : "";
  useTitle(tx("cohort.listTitle"));
  return (
    <>
      <p class="eyebrow"><a href={`/workspaces/${enc(ws)}`}>{name ? <bdi>{name}</bdi> : tx("cohort.workspace")}</a></p>
      <h1>{tx("cohort.listTitle")}</h1>
      <p class="lead">{tx("cohort.listLead")}</p>
      <section aria-labelledby="co-mine">
        <h2 id="co-mine">{tx("cohort.mine")}</h2>
        <Show value={list}>
          {(data) => data.items.length === 0 ? <p class="muted">{tx("cohort.none")}</p> : (
            <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="co-mine">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{tx("cohort.colName")}</th><th scope="col">{tx("cohort.audience")}</th><th scope="col">{tx("cohort.colParticipants")}</th>
                    <th scope="col">{tx("cohort.colTest")}</th><th scope="col">{tx("cohort.colMarking")}</th><th scope="col">{tx("cohort.colCreated")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((c) => (
                    <tr key={c.id}>
                      <th scope="row"><a href={`/training/cohorts/${enc(c.id)}`}>{c.name ? <bdi>{c.name}</bdi> : tx("cohort.withheld")}</a></th>
                      <td>{c.audience ? audienceName(c.audience) : ""}</td>
                      <td class="num">{c.participants}</td>
                      <td>{testState(c.test_open)}</td>
                      <td><TlpBadge marking={c.marking} /></td>
                      <td>{formatDate(c.created_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Show>
      </section>
      {session.permissions.includes("records.write") && <NewCohort ws={ws} />}
    </>
  );
}

interface Slot { on: boolean; opens_on: string; due_on: string }

function NewCohort({ ws }: { ws: string }) {
  const [paths] = useResource<{ items: PathItem[] }>(`${api}/paths`);
  const [directory] = useResource<{ institutions: { id: string; name: string }[] }>(`/api/v1/network/workspaces/${enc(ws)}`);
  const [name, setName] = useState("");
  const [audience, setAudience] = useState("");
  const [language, setLanguage] = useState<string>(i18next.language);
  const [marking, setMarking] = useState<Marking>("AMBER");
  const [size, setSize] = useState("10");
  const [slots, setSlots] = useState<Record<string, Slot>>({});
  const [invited, setInvited] = useState<string[]>([]);
  const [path] = useResource<{ modules: PathModule[] }>(audience ? `${api}/paths/${enc(audience)}` : null);
  const modules = audience && path.state === "ready" ? path.data.modules : [];
  const create = useSubmit(async () => {
    const schedule = modules.filter((m) => slots[m.id]?.on).map((m) => ({ module: m.id, opens_on: slots[m.id].opens_on || null, due_on: slots[m.id].due_on || null }));
    const r = await send<{ id: string }>("POST", `${api}/workspaces/${enc(ws)}/cohorts`, {
      name: name.trim(), audience, language, marking, test_size: Number(size), schedule, institutions: invited,
    });
    navigate(`/training/cohorts/${enc(r.id)}`);
  });
  const err = (p: string) => fieldError(create.error, p);
  const slot = (id: string) => slots[id] ?? { on: false, opens_on: "", due_on: "" };
  const setSlot = (id: string, patch: Partial<Slot>) => setSlots({ ...slots, [id]: { ...slot(id), ...patch } });
  const scheduleError = (i: string) => {
    const n = modules.filter((m) => slots[m.id]?.on).findIndex((m) => m.id === i);
    return n < 0 ? undefined : fieldError(create.error, `schedule.${n}`);
  };
  return (
    <section aria-labelledby="co-new" class="panel">
      <h2 id="co-new">{tx("cohort.create")}</h2>
      <form class="form" onSubmit={onSubmit(() => create.run())} noValidate>
        <FormProblem error={create.error} fields={["name", "audience", "language", "marking", "test_size", "schedule", "institutions"]} />
        <div class="field">
          <label for="co-name">{tx("cohort.name")}</label>
          <input id="co-name" value={name} dir="auto" maxLength={200} required onInput={(e) => setName(e.currentTarget.value)}
            aria-invalid={err("name") ? "true" : undefined} aria-describedby={err("name") ? "co-name-error" : undefined} />
          {err("name") && <p id="co-name-error" class="field-error" role="alert">{err("name")}</p>}
        </div>
        <div class="field">
          <label for="co-audience">{tx("cohort.audience")}</label>
          <select id="co-audience" value={audience} required onChange={(e) => { setAudience(e.currentTarget.value); setSlots({}); }}
            aria-invalid={err("audience") ? "true" : undefined} aria-describedby={err("audience") ? "co-audience-error" : undefined}>
            <option value="">{tx("cohort.choose")}</option>
            {paths.state === "ready" && paths.data.items.map((p) => <option key={p.id} value={p.id}>{msgText(p.name)}</option>)}
          </select>
          {err("audience") && <p id="co-audience-error" class="field-error" role="alert">{err("audience")}</p>}
        </div>
        <div class="field">
          <label for="co-language">{tx("cohort.language")}</label>
          <select id="co-language" value={language} onChange={(e) => setLanguage(e.currentTarget.value)}>
            {languages.map((l) => <option key={l.code} value={l.code} lang={l.code}>{l.name}</option>)}
          </select>
        </div>
        <MarkingSelect id="co-marking" value={marking} onValue={setMarking} error={err("marking")} />
        <div class="field">
          <label for="co-size">{tx("cohort.testSize")}</label>
          <p id="co-size-hint" class="hint">{tx("cohort.testSizeHint")}</p>
          <input id="co-size" type="number" min={3} max={20} value={size} onInput={(e) => setSize(e.currentTarget.value)} class="co-narrow"
            aria-invalid={err("test_size") ? "true" : undefined} aria-describedby={`co-size-hint${err("test_size") ? " co-size-error" : ""}`} />
          {err("test_size") && <p id="co-size-error" class="field-error" role="alert">{err("test_size")}</p>}
        </div>
        {audience && (
          <fieldset class="field">
            <legend>{tx("cohort.schedule")}</legend>
            <p class="hint">{tx("cohort.scheduleHint")}</p>
            <Show value={path}>
              {() => (
                <ul class="co-slots">
                  {modules.map((m) => {
                    const s = slot(m.id);
                    const title = msgText(m.title);
                    const e = scheduleError(m.id);
                    return (
                      <li key={m.id}>
                        <label class="check"><input type="checkbox" checked={s.on} onChange={(ev) => setSlot(m.id, { on: ev.currentTarget.checked })} /> <span>{title}</span></label>
                        {s.on && (
                          <div class="co-dates">
                            <label>{tx("cohort.opensOn")}<span class="visually-hidden"> {title}</span>
                              <input type="date" value={s.opens_on} onInput={(ev) => setSlot(m.id, { opens_on: ev.currentTarget.value })} /></label>
                            <label>{tx("cohort.dueOn")}<span class="visually-hidden"> {title}</span>
                              <input type="date" value={s.due_on} onInput={(ev) => setSlot(m.id, { due_on: ev.currentTarget.value })} /></label>
                          </div>
                        )}
                        {e && <p class="field-error" role="alert">{e}</p>}
                      </li>
                    );
                  })}
                </ul>
              )}
            </Show>
          </fieldset>
        )}
        <fieldset class="field">
          <legend>{tx("cohort.invite")}</legend>
          <p class="hint">{tx("cohort.inviteHint")}</p>
          <Show value={directory}>
            {(d) => d.institutions.length === 0 ? <p class="muted">{tx("cohort.noInstitutions")}</p> : (
              <ul class="co-slots">
                {d.institutions.map((i) => (
                  <li key={i.id}>
                    <label class="check"><input type="checkbox" checked={invited.includes(i.id)} onChange={(ev) => setInvited(ev.currentTarget.checked ? [...invited, i.id] : invited.filter((x) => x !== i.id))} /> <bdi>{i.name}</bdi></label>
                    {invited.includes(i.id) && fieldError(create.error, `institutions.${invited.indexOf(i.id)}`) && <p class="field-error" role="alert">{fieldError(create.error, `institutions.${invited.indexOf(i.id)}`)}</p>}
                  </li>
                ))}
              </ul>
            )}
          </Show>
        </fieldset>
        <p><button type="submit" class="primary" disabled={create.busy}>{tx("cohort.createButton")}</button></p>
      </form>
    </section>
  );
}

// ————— /training/cohorts/:id —————

function ConsolePage({ params }: { params: Record<string, string> }) {
  useMessages();
  return <Guard permission="records.read" title={tx("cohort.listTitle")}>{(s) => <Console id={params.id} session={s} />}</Guard>;
}

function Console({ id, session }: { id: string; session: Session }) {
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((n) => n + 1);
  const [cohort] = useResource<CohortDetails>(`${api}/cohorts/${enc(id)}`, version);
  const [gains] = useResource<Gains>(`${api}/cohorts/${enc(id)}/gains`, version);
  useTitle(cohort.state === "ready" ? `${cohort.data.name} · ${tx("cohort.listTitle")}` : tx("cohort.listTitle"));
  const canWrite = session.permissions.includes("records.write");
  if (cohort.state !== "ready") return <><h1>{tx("cohort.listTitle")}</h1><Show value={cohort}>{() => null}</Show></>;
  const c = cohort.data;
  return (
    <>
      <p class="eyebrow"><a href={`/training/workspaces/${enc(c.workspace)}/cohorts`}>{tx("cohort.listTitle")}</a></p>
      <h1><bdi>{c.name}</bdi></h1>
      <p><TlpBadge marking={c.marking} /> {tx("cohort.pathLine", { path: msgText(c.audience.name) })}</p>
      <JoinPanel c={c} canWrite={canWrite} onChange={reload} />
      <TestPanel c={c} canWrite={canWrite} onChange={reload} />
      <Participants c={c} canWrite={canWrite} onChange={reload} />
      <section aria-labelledby="co-gains">
        <h2 id="co-gains">{tx("cohort.gains")}</h2>
        <Show value={gains}>{(g) => <GainsView g={g} />}</Show>
      </section>
      <section aria-labelledby="co-downloads">
        <h2 id="co-downloads">{tx("cohort.downloads")}</h2>
        <ul class="co-downloads">
          <li><a href={withLang(`${api}/cohorts/${enc(id)}/report/report.pdf`)} download>{tx("cohort.reportPdf")}</a></li>
          <li><a href={withLang(`${api}/cohorts/${enc(id)}/report/report.docx`)} download>{tx("cohort.reportDocx")}</a></li>
          <li><a href={withLang(`${api}/cohorts/${enc(id)}/report/gains.csv`)} download>{tx("cohort.gainsCsv")}</a></li>
        </ul>
      </section>
      {canWrite && <Certificates id={id} onChange={reload} />}
      {canWrite && gains.state === "ready" && <ToPlan id={id} ws={c.workspace} g={gains.data} />}
    </>
  );
}

function JoinPanel({ c, canWrite, onChange }: { c: CohortDetails; canWrite: boolean; onChange: () => void }) {
  const toggle = useSubmit(async () => { await send("PATCH", `${api}/cohorts/${enc(c.id)}`, { joining_open: !c.joining_open }); onChange(); });
  const link = new URL(c.join_url, location.origin).href;
  return (
    <section aria-labelledby="co-join" class="panel co-join">
      <h2 id="co-join">{tx("cohort.join")}</h2>
      <div class="co-join-grid">
        <div>
          <p class="co-label" id="co-code-label">{tx("cohort.joinCode")}</p>
          <p class="co-code" dir="ltr" data-code={c.join_code}>{c.join_code}</p>
          <p class="co-label">{tx("cohort.joinLink")}</p>
          <p class="co-link" dir="ltr"><a href={c.join_url}>{link}</a></p>
          <p role="status">{c.joining_open ? tx("cohort.joiningOpen") : tx("cohort.joiningClosed")}</p>
          {canWrite && <p><button type="button" onClick={() => toggle.run()} disabled={toggle.busy}>{c.joining_open ? tx("cohort.closeJoining") : tx("cohort.openJoining")}</button></p>}
          <FormProblem error={toggle.error} />
        </div>
        <img class="co-qr" src={`${api}/cohorts/${enc(c.id)}/qr.svg`} alt={tx("cohort.qr")} width={200} height={200} />
      </div>
    </section>
  );
}

function TestPanel({ c, canWrite, onChange }: { c: CohortDetails; canWrite: boolean; onChange: () => void }) {
  const set = useSubmit(async (open: "pre" | "post" | null) => { await send("PATCH", `${api}/cohorts/${enc(c.id)}`, { test_open: open }); onChange(); });
  const state = c.test.open === "pre" ? tx("cohort.statePre") : c.test.open === "post" ? tx("cohort.statePost") : tx("cohort.stateNone");
  return (
    <section aria-labelledby="co-test" class="panel">
      <h2 id="co-test">{tx("cohort.test")}</h2>
      <p role="status"><strong>{state}</strong> {tx("cohort.questionsN", { n: c.test.questions })}</p>
      {canWrite && (
        <div class="training-actions">
          {c.test.open !== "pre" && <button type="button" onClick={() => set.run("pre")} disabled={set.busy}>{tx("cohort.openPre")}</button>}
          {c.test.open !== "post" && <button type="button" onClick={() => set.run("post")} disabled={set.busy}>{tx("cohort.openPost")}</button>}
          {c.test.open !== null && <button type="button" onClick={() => set.run(null)} disabled={set.busy}>{tx("cohort.closeTest")}</button>}
        </div>
      )}
      <FormProblem error={set.error} />
    </section>
  );
}

function Participants({ c, canWrite, onChange }: { c: CohortDetails; canWrite: boolean; onChange: () => void }) {
  const [asking, setAsking] = useState<string | null>(null);
  const [done, setDone] = useState("");
  const remove = useSubmit(async (p: Participant) => {
    await send("DELETE", `${api}/cohorts/${enc(c.id)}/participants/${enc(p.id)}`);
    setAsking(null);
    setDone(tx("cohort.removed", { name: p.pseudonym }));
    onChange();
  });
  const scheduled = c.schedule.length;
  const test = (t?: { answered: number; right: number }) => (t ? tx("cohort.answered", { right: t.right, answered: t.answered }) : tx("cohort.notTaken"));
  return (
    <section aria-labelledby="co-people">
      <h2 id="co-people">{tx("cohort.participants")} <span class="muted">({c.participants.length})</span></h2>
      <p class="ok" role="status">{done}</p>
      <FormProblem error={remove.error} />
      {c.participants.length === 0 ? <p class="muted">{tx("cohort.noParticipants")}</p> : (
        <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="co-people">
          <table class="co-table">
            <thead>
              <tr>
                <th scope="col">{tx("cohort.colPseudonym")}</th><th scope="col">{tx("cohort.colAudience")}</th><th scope="col">{tx("cohort.colInstitution")}</th>
                <th scope="col">{tx("cohort.colModules")}</th><th scope="col">{tx("cohort.colPre")}</th><th scope="col">{tx("cohort.colPost")}</th>
                <th scope="col">{tx("cohort.colCertificate")}</th>{canWrite && <th scope="col">{tx("cohort.colActions")}</th>}
              </tr>
            </thead>
            <tbody>
              {c.participants.map((p) => {
                const modulesDone = p.modules_done.filter((m) => !scheduled || c.schedule.some((s) => s.module === m.module)).length;
                return (
                  <tr key={p.id} data-participant={p.pseudonym}>
                    <th scope="row"><bdi>{p.pseudonym}</bdi></th>
                    <td>{audienceName(p.audience)}</td>
                    <td>{p.institution ? <bdi>{p.institution}</bdi> : tx("cohort.dash")}</td>
                    <td class="co-modules">{tx("cohort.modulesDone", { done: modulesDone, total: scheduled || c.modules.length })}</td>
                    <td class="co-pre">{test(p.tests.pre)}</td>
                    <td class="co-post">{test(p.tests.post)}</td>
                    <td>{p.certificate
                      ? <a href={withLang(`${api}/cohorts/${enc(c.id)}/participants/${enc(p.id)}/certificate.pdf`)} download>{tx("cohort.certificatePdf")}<span class="visually-hidden"> {p.pseudonym}</span></a>
                      : tx("cohort.noCertificate")}</td>
                    {canWrite && (
                      <td>
                        {asking === p.id ? (
                          <div role="group" aria-label={tx("cohort.removeConfirm", { name: p.pseudonym })} class="co-confirm">
                            <p>{tx("cohort.removeConfirm", { name: p.pseudonym })}</p>
                            <button type="button" class="danger" onClick={() => remove.run(p)} disabled={remove.busy}>{tx("cohort.removeYes")}</button>
                            <button type="button" onClick={() => setAsking(null)}>{tx("cohort.cancel")}</button>
                          </div>
                        ) : <button type="button" onClick={() => { setDone(""); setAsking(p.id); }}>{tx("cohort.remove")}<span class="visually-hidden"> {p.pseudonym}</span></button>}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RateCells({ r }: { r: Rate }) {
  return <><td class="num">{rate(r.pre)}</td><td class="num">{rate(r.post)}</td><td class="num">{gainText(r.gain)}</td></>;
}
const landedText = (v: Verdict) => (v.landed ? tx("cohort.yes") : tx("cohort.noBecause", { why: msgText(v.why) }));

function GainsView({ g }: { g: Gains }) {
  const o = g.overall;
  const missed = g.entries.filter((e) => !e.landed) as (Gains["entries"][number] & { landed: false; why: Msg })[];
  const head = (first: string) => (
    <thead><tr><th scope="col">{first}</th><th scope="col">{tx("cohort.colBefore")}</th><th scope="col">{tx("cohort.colAfter")}</th><th scope="col">{tx("cohort.colGain")}</th><th scope="col">{tx("cohort.colLanded")}</th></tr></thead>
  );
  return (
    <>
      <p class="hint">{tx("cohort.gainsLead")}</p>
      <p>{tx("cohort.counts", g.participants)}</p>
      <p class="co-overall" data-testid="co-overall">{o.gain === null
        ? tx("cohort.overallNone", { preRight: o.pre.right, preOf: o.pre.of, postRight: o.post.right, postOf: o.post.of })
        : tx("cohort.overall", { preRight: o.pre.right, preOf: o.pre.of, postRight: o.post.right, postOf: o.post.of, gain: gainText(o.gain) })}</p>
      <h3 id="co-missed">{tx("cohort.notLanded")}</h3>
      {missed.length === 0 ? <p>{tx("cohort.allLanded")}</p> : (
        <ul aria-labelledby="co-missed" class="co-missed">
          {missed.map((e) => <li key={`${e.kind}:${e.id}`}><strong>{entryName(e)}</strong>: {msgText(e.why)} ({tx("cohort.beforeAfter", { before: rate(e.pre), after: rate(e.post) })})</li>)}
        </ul>
      )}
      <h3 id="co-by-entry">{tx("cohort.byEntry")}</h3>
      <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="co-by-entry">
        <table class="co-table">
          {head(tx("cohort.colEntry"))}
          <tbody>{g.entries.map((e) => <tr key={`${e.kind}:${e.id}`}><th scope="row">{entryName(e)}</th><RateCells r={e} /><td>{landedText(e)}</td></tr>)}</tbody>
        </table>
      </div>
      <h3 id="co-by-question">{tx("cohort.byQuestion")}</h3>
      <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="co-by-question">
        <table class="co-table">
          {head(tx("cohort.colQuestion"))}
          <tbody>{g.questions.map((q) => <tr key={q.question}><th scope="row" dir="auto">{q.stem}</th><RateCells r={q} /><td>{landedText(q)}</td></tr>)}</tbody>
        </table>
      </div>
      <h3 id="co-by-audience">{tx("cohort.byAudience")}</h3>
      {g.audiences.length === 0 ? <p class="muted">{tx("cohort.noPairs")}</p> : (
        <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="co-by-audience">
          <table class="co-table">
            <thead><tr><th scope="col">{tx("cohort.colAudience")}</th><th scope="col">{tx("cohort.colParticipants")}</th><th scope="col">{tx("cohort.colBefore")}</th><th scope="col">{tx("cohort.colAfter")}</th><th scope="col">{tx("cohort.colGain")}</th></tr></thead>
            <tbody>{g.audiences.map((a) => <tr key={a.audience}><th scope="row">{msgText(a.name)}</th><td class="num">{a.participants}</td><RateCells r={a} /></tr>)}</tbody>
          </table>
        </div>
      )}
    </>
  );
}

function Certificates({ id, onChange }: { id: string; onChange: () => void }) {
  const [result, setResult] = useState("");
  const issue = useSubmit(async () => {
    setResult("");
    const r = await send<{ issued: number; certificates: unknown[]; not_finished: number }>("POST", `${api}/cohorts/${enc(id)}/certificates`);
    setResult(tx("cohort.issued", { issued: r.issued, total: r.certificates.length, notFinished: r.not_finished }));
    onChange();
  });
  return (
    <section aria-labelledby="co-certs" class="panel">
      <h2 id="co-certs">{tx("cohort.certificates")}</h2>
      <p class="hint">{tx("cohort.certificatesLead")}</p>
      <p><button type="button" class="primary" onClick={() => issue.run()} disabled={issue.busy}>{tx("cohort.issue")}</button></p>
      <FormProblem error={issue.error} />
      <p class="ok" role="status">{result}</p>
    </section>
  );
}

function ToPlan({ id, ws, g }: { id: string; ws: string; g: Gains }) {
  const [list] = useResource<{ items: { id: string; name: string; country: string }[] }>(`/api/v1/plans/workspaces/${enc(ws)}/self-assessments`);
  const [target, setTarget] = useState("");
  const [chosen, setChosen] = useState<string[]>(g.weak_practices);
  const [result, setResult] = useState("");
  const go = useSubmit(async () => {
    setResult("");
    const r = await send<{ created: number }>("POST", `${api}/cohorts/${enc(id)}/to-plan`, { self_assessment: target, practices: chosen });
    setResult(tx("cohort.sent", { n: r.created }));
  });
  const titleOf = (p: string) => g.entries.find((e) => e.kind === "practice" && e.id === p)?.title ?? "";
  return (
    <section aria-labelledby="co-plan" class="panel">
      <h2 id="co-plan">{tx("cohort.toPlan")}</h2>
      <p class="hint">{tx("cohort.toPlanLead")}</p>
      {g.weak_practices.length === 0 ? <p class="muted">{tx("cohort.noWeak")}</p> : (
        <Show value={list}>
          {(data) => data.items.length === 0 ? <p class="muted">{tx("cohort.noAssessments")} <a href={`/plans/workspaces/${enc(ws)}`}>{tx("cohort.openPlans")}</a></p> : (
            <form class="form" onSubmit={onSubmit(() => go.run())} noValidate>
              <div class="field">
                <label for="co-plan-target">{tx("cohort.assessment")}</label>
                <select id="co-plan-target" value={target} onChange={(ev) => setTarget(ev.currentTarget.value)}
                  aria-invalid={fieldError(go.error, "self_assessment") ? "true" : undefined}>
                  <option value="">{tx("cohort.choose")}</option>
                  {data.items.map((a) => <option key={a.id} value={a.id}>{a.name} ({a.country})</option>)}
                </select>
                {fieldError(go.error, "self_assessment") && <p class="field-error" role="alert">{fieldError(go.error, "self_assessment")}</p>}
              </div>
              <fieldset class="field">
                <legend>{tx("cohort.weak")}</legend>
                <ul class="co-slots">
                  {g.weak_practices.map((p) => (
                    <li key={p}>
                      <label class="check">
                        <input type="checkbox" checked={chosen.includes(p)} onChange={(ev) => setChosen(ev.currentTarget.checked ? g.weak_practices.filter((x) => x === p || chosen.includes(x)) : chosen.filter((x) => x !== p))} />
                        <span>{practiceLabel({ id: p })}: {titleOf(p)}</span>
                      </label>
                      {chosen.includes(p) && fieldError(go.error, `practices.${chosen.indexOf(p)}`) && <p class="field-error" role="alert">{fieldError(go.error, `practices.${chosen.indexOf(p)}`)}</p>}
                    </li>
                  ))}
                </ul>
              </fieldset>
              {go.error ? <p class="error form-problem" role="alert">{problemText(go.error)}</p> : null}
              <p><button type="submit" class="primary" disabled={go.busy || !target || chosen.length === 0}>{tx("cohort.send")}</button></p>
              <p class="ok" role="status">{result}</p>
            </form>
          )}
        </Show>
      )}
    </section>
  );
}

export const loadCohorts = () => withTrainingStrings(["training"], CohortsPage);
export const loadConsole = () => withTrainingStrings(["training"], ConsolePage);
