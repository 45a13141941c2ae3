/**
 * The participant's side of a training cohort, on a phone and without an account (decision 0039):
 * /learn joins with the trainer's code under a pseudonym (the key the server gives is kept on the
 * device, cohortSync.ts), then shows "my cohort": the scheduled modules (opened on the self-paced
 * module pages, whose progress is sent to the cohort), the open test and one's own results, and
 * leaving with one's answers deleted. /learn/test/:phase is the whole test on one page, scored on
 * the server. /training/verify/:code checks a certificate, and says nothing more.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { ProblemError } from "../http.js";
import { i18next, languages, msgText, t, useMessages, useTitle, type Msg } from "./lean.js";
import { send } from "../platform/session.js";
import { forgetPlace, participantCall, readPlace, savePlace, syncCohort } from "./cohortSync.js";
import { readProgress } from "./progress.js";
import { tx, withTrainingStrings } from "./strings.js";
import { OptionsInput } from "./OptionsInput.js";
import "./training.css";
import "./cohort.css";

const enc = encodeURIComponent;
const api = "/api/v1/training";
type Phase = "pre" | "post";

interface TestState { open: Phase | null; questions: number; pre: { answered: number; right: number | null } | null; post: { answered: number; right: number | null } | null }
interface Me {
  cohort: { name: string; audience: { id: string; name: Msg }; language: string };
  me: { id: string; pseudonym: string; audience: string; certificate: string | null };
  test: TestState;
  modules: { module: string; opens_on: string | null; due_on: string | null; title: Msg; done: { at: string; right: number; of: number } | null }[];
}

const day = (d: string) => new Date(`${d}T12:00:00Z`).toLocaleDateString(i18next.language, { dateStyle: "medium", timeZone: "UTC" });
const messageOf = (e: unknown) => (e instanceof ProblemError ? (e.status === 0 ? tx("cohort.network") : e.status === 429 ? tx("cohort.tooMany") : e.errors[0]?.message ?? e.message) : String(e));

// ————— /learn —————

function LearnPage({ query }: { query: URLSearchParams }) {
  useMessages();
  const [place, setPlace] = useState(readPlace);
  const [notice, setNotice] = useState("");
  useTitle(place ? place.cohort || tx("cohort.learnTitle") : tx("cohort.learnTitle"));
  if (!place) return <JoinForm query={query} notice={notice} onJoined={(p) => { setNotice(""); setPlace(p); }} />;
  return <MyCohort token={place.token} onGone={(why) => { forgetPlace(); setNotice(why); setPlace(null); }} />;
}

function JoinForm({ query, notice, onJoined }: { query: URLSearchParams; notice: string; onJoined: (p: { token: string; audience: string; cohort: string }) => void }) {
  const [code, setCode] = useState((query.get("code") ?? "").toUpperCase());
  const [pseudonym, setPseudonym] = useState("");
  const [audience, setAudience] = useState("");
  const [institution, setInstitution] = useState("");
  const [consent, setConsent] = useState(false);
  const [info, setInfo] = useState<{ audience: { id: string; name: Msg }; institutions: { id: string; name: string }[] } | null>(null);
  const [paths, setPaths] = useState<{ id: string; name: Msg }[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState("");
  const [busy, setBusy] = useState(false);
  const problemRef = useRef<HTMLParagraphElement>(null);
  const normalised = code.replace(/[\s-]+/g, "").toUpperCase();

  useEffect(() => {
    let live = true;
    participantCall<{ items: { id: string; name: Msg }[] }>("GET", `${api}/paths`, null).then((r) => live && setPaths(r.items), () => undefined);
    return () => { live = false; };
  }, []);
  // What the code opens: the path's audience (the default choice) and the invited institutions.
  useEffect(() => {
    if (normalised.length !== 6) { setInfo(null); return; }
    let live = true;
    send<NonNullable<typeof info>>("POST", `${api}/join/info`, { code: normalised }).then(
      (r) => { if (!live) return; setInfo(r); setAudience((a) => a || r.audience.id); setErrors((e) => ({ ...e, code: "" })); },
      (e) => { if (live) { setInfo(null); setErrors((x) => ({ ...x, code: messageOf(e) })); } },
    );
    return () => { live = false; };
  }, [normalised]);
  useEffect(() => { if (problem) problemRef.current?.focus(); }, [problem]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setErrors({});
    setProblem("");
    if (!consent) { setErrors({ consent: tx("cohort.consentNeeded") }); document.getElementById("learn-consent")?.focus(); return; }
    setBusy(true);
    try {
      const r = await send<{ token: string; cohort: { name: string; audience: { id: string } } }>("POST", `${api}/join`, {
        code: normalised, pseudonym: pseudonym.trim(), language: i18next.language, consent: true,
        ...(audience ? { audience } : {}), ...(institution ? { institution } : {}),
      });
      const p = { token: r.token, audience: r.cohort.audience.id, cohort: r.cohort.name };
      savePlace(p);
      onJoined(p);
    } catch (err) {
      const byField = err instanceof ProblemError ? Object.fromEntries(err.errors.map((x) => [x.param, x.message])) : {};
      setErrors(byField);
      if (!Object.keys(byField).some((k) => ["code", "pseudonym", "audience", "institution", "consent"].includes(k))) setProblem(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  const described = (id: string, hint: boolean) => [hint ? `${id}-hint` : "", errors[id.replace("learn-", "")] ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  const fieldErr = (id: string, key: string) => (errors[key] ? <p id={`${id}-error`} class="field-error" role="alert">{errors[key]}</p> : null);
  return (
    <div class="co-phone">
      <h1>{tx("cohort.learnTitle")}</h1>
      <p class="lead">{tx("cohort.learnLead")}</p>
      {notice && <p class="note" role="status">{notice}</p>}
      <form class="form" onSubmit={submit} noValidate>
        {problem && <p class="error form-problem" role="alert" tabIndex={-1} ref={problemRef}>{problem}</p>}
        <div class="field">
          <label for="learn-code">{tx("cohort.code")}</label>
          <p id="learn-code-hint" class="hint">{tx("cohort.codeHint")}</p>
          <input id="learn-code" value={code} onInput={(e) => setCode(e.currentTarget.value.toUpperCase())} required autoComplete="off" autoCapitalize="characters"
            spellcheck={false} maxLength={20} dir="ltr" class="co-code-input" aria-describedby={described("learn-code", true)} aria-invalid={errors.code ? "true" : undefined} />
          {fieldErr("learn-code", "code")}
        </div>
        <div class="field">
          <label for="learn-pseudonym">{tx("cohort.pseudonym")}</label>
          <p id="learn-pseudonym-hint" class="hint">{tx("cohort.pseudonymHint")}</p>
          <input id="learn-pseudonym" value={pseudonym} onInput={(e) => setPseudonym(e.currentTarget.value)} required autoComplete="off" maxLength={40} dir="auto"
            aria-describedby={described("learn-pseudonym", true)} aria-invalid={errors.pseudonym ? "true" : undefined} />
          {fieldErr("learn-pseudonym", "pseudonym")}
        </div>
        <div class="field">
          <label for="learn-audience">{tx("cohort.yourAudience")}</label>
          <select id="learn-audience" value={audience} onChange={(e) => setAudience(e.currentTarget.value)} aria-describedby={described("learn-audience", false)} aria-invalid={errors.audience ? "true" : undefined}>
            {!audience && <option value="">{tx("cohort.choose")}</option>}
            {paths.map((p) => <option key={p.id} value={p.id}>{msgText(p.name)}</option>)}
          </select>
          {fieldErr("learn-audience", "audience")}
        </div>
        {info && info.institutions.length > 0 && (
          <div class="field">
            <label for="learn-institution">{tx("cohort.institution")}</label>
            <select id="learn-institution" value={institution} onChange={(e) => setInstitution(e.currentTarget.value)} aria-describedby={described("learn-institution", false)} aria-invalid={errors.institution ? "true" : undefined}>
              <option value="">{tx("cohort.noInstitution")}</option>
              {info.institutions.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
            </select>
            {fieldErr("learn-institution", "institution")}
          </div>
        )}
        <p class="muted">{tx("cohort.languageNote", { language: languages.find((l) => l.code === i18next.language)?.name ?? i18next.language })}</p>
        <div class="field co-consent">
          <h2 id="learn-consent-title">{tx("cohort.consentTitle")}</h2>
          <ul id="learn-consent-text">
            <li>{tx("cohort.consent1")}</li>
            <li>{tx("cohort.consent2")}</li>
          </ul>
          <label class="check">
            <input type="checkbox" id="learn-consent" checked={consent} onChange={(e) => setConsent(e.currentTarget.checked)}
              aria-describedby={`learn-consent-text${errors.consent ? " learn-consent-error" : ""}`} aria-invalid={errors.consent ? "true" : undefined} />
            <span>{tx("cohort.consent")}</span>
          </label>
          {fieldErr("learn-consent", "consent")}
        </div>
        <p><button type="submit" class="primary co-big" disabled={busy}>{busy ? tx("cohort.joining") : tx("cohort.joinButton")}</button></p>
      </form>
    </div>
  );
}

function MyCohort({ token, onGone }: { token: string; onGone: (why: string) => void }) {
  const [me, setMe] = useState<Me | null>(null);
  const [problem, setProblem] = useState("");
  const [asking, setAsking] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const language = i18next.language;
  useEffect(() => {
    let live = true;
    // Each visit sends the modules finished on this phone first, so the page shows them.
    void syncCohort().finally(() => participantCall<Me>("GET", `${api}/me`, token).then(
      (r) => { if (!live) return; setMe(r); const p = readPlace(); if (p && p.cohort !== r.cohort.name) savePlace({ ...p, cohort: r.cohort.name }); },
      (e) => { if (!live) return; if (e instanceof ProblemError && e.status === 401) onGone(tx("cohort.gone")); else setProblem(messageOf(e)); },
    ));
    return () => { live = false; };
  }, [token, language]);
  const leave = async () => {
    setLeaving(true);
    try {
      await participantCall("DELETE", `${api}/me`, token);
      onGone(tx("cohort.left"));
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setLeaving(false);
    }
  };
  if (!me) return <div class="co-phone"><h1>{tx("cohort.learnTitle")}</h1>{problem ? <p class="error" role="alert">{problem}</p> : <p class="muted" role="status">{t("common.loading")}</p>}</div>;
  const audience = me.cohort.audience.id;
  const local = readProgress(audience);
  const test = me.test;
  const open = test.open;
  const openDone = open ? (test[open]?.answered ?? 0) >= test.questions : false;
  const result = (phase: Phase) => {
    const r = test[phase];
    if (!r) return null;
    const label = phase === "pre" ? tx("cohort.testPreName") : tx("cohort.testPostName");
    return <li key={phase}>{r.right === null ? tx("cohort.resultAnswered", { test: label, answered: r.answered, of: test.questions }) : tx("cohort.resultRight", { test: label, answered: r.answered, of: test.questions, right: r.right })}</li>;
  };
  return (
    <div class="co-phone">
      <p class="eyebrow">{msgText(me.cohort.audience.name)}</p>
      <h1><bdi>{me.cohort.name}</bdi></h1>
      <p>{tx("cohort.youAre", { name: me.me.pseudonym })}</p>
      {problem && <p class="error" role="alert">{problem}</p>}
      <section aria-labelledby="learn-test" class="panel">
        <h2 id="learn-test">{tx("cohort.testNow")}</h2>
        {!open ? <p>{tx("cohort.noTestOpen")}</p>
          : openDone ? <p role="status">{tx("cohort.allAnswered", { n: test.questions })}</p>
          : <p><a class="button primary co-big" href={`/learn/test/${open}`}>{open === "pre" ? tx("cohort.takePre") : tx("cohort.takePost")}</a></p>}
        <h3>{tx("cohort.results")}</h3>
        {test.pre || test.post ? <ul>{result("pre")}{result("post")}</ul> : <p class="muted">{tx("cohort.noResults")}</p>}
        {me.me.certificate && (
          <p class="note">{tx("cohort.certificateYours")} <bdi dir="ltr" class="co-cert-code">{me.me.certificate}</bdi> <a href={`/training/verify/${enc(me.me.certificate)}`}>{tx("cohort.checkCertificate")}</a></p>
        )}
      </section>
      <section aria-labelledby="learn-modules">
        <h2 id="learn-modules">{tx("cohort.modules")}</h2>
        {me.modules.length === 0 ? <p class="muted">{tx("cohort.noModules")}</p> : (
          <ol class="training-list">
            {me.modules.map((m) => {
              const done = Boolean(m.done || local.done[m.module]);
              return (
                <li key={m.module} data-module={m.module}>
                  <a href={`/training/${enc(audience)}/${enc(m.module)}`}>
                    <strong>{msgText(m.title)}</strong>
                    {(m.opens_on || m.due_on) && <span class="muted">{[m.opens_on ? tx("cohort.opens", { date: day(m.opens_on) }) : "", m.due_on ? tx("cohort.due", { date: day(m.due_on) }) : ""].filter(Boolean).join(" · ")}</span>}
                    <span class={`training-status ${done ? "done" : "new"}`}>{done ? tx("statusDone") : tx("statusNew")}</span>
                  </a>
                </li>
              );
            })}
          </ol>
        )}
      </section>
      <section aria-labelledby="learn-leave" class="co-leave">
        <h2 id="learn-leave" class="visually-hidden">{tx("cohort.leave")}</h2>
        {!asking ? <p><button type="button" onClick={() => setAsking(true)}>{tx("cohort.leave")}</button></p> : (
          <div role="group" aria-labelledby="learn-leave-q" class="co-confirm">
            <p id="learn-leave-q">{tx("cohort.leaveConfirm")}</p>
            <div class="training-actions">
              <button type="button" class="danger" onClick={() => void leave()} disabled={leaving}>{tx("cohort.leaveYes")}</button>
              <button type="button" onClick={() => setAsking(false)}>{tx("cohort.cancel")}</button>
            </div>
          </div>
        )}
      </section>
    </div>
  );
}

// ————— /learn/test/:phase —————

interface TestQuestion { id: string; type: "single" | "multiple" | "scenario" | "ordering"; stem: string; case?: string; options: { id: string; text: string }[] }

function TestPage({ params }: { params: Record<string, string> }) {
  useMessages();
  const phase = params.phase as Phase;
  const place = readPlace();
  const title = phase === "post" ? tx("cohort.testPostName") : tx("cohort.testPreName");
  useTitle(title);
  const [test, setTest] = useState<{ questions: TestQuestion[]; answered: string[] } | null>(null);
  const [problem, setProblem] = useState("");
  const [chosen, setChosen] = useState<Record<string, string[]>>({});
  const [missing, setMissing] = useState<string[]>([]);
  const [result, setResult] = useState<{ answered: number; of: number; right: number | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  const language = i18next.language;
  useEffect(() => {
    if (!place || (phase !== "pre" && phase !== "post")) return;
    let live = true;
    participantCall<{ questions: TestQuestion[]; answered: string[] }>("GET", `${api}/me/test/${phase}`, place.token).then(
      (r) => {
        if (!live) return;
        setTest(r);
        // An ordering question starts in the order shown; choosing the others is up to the participant.
        setChosen((c) => ({ ...Object.fromEntries(r.questions.filter((q) => q.type === "ordering").map((q) => [q.id, q.options.map((o) => o.id)])), ...c }));
      },
      (e) => { if (live) setProblem(e instanceof ProblemError && e.status === 409 ? tx("cohort.testClosed") : messageOf(e)); },
    );
    return () => { live = false; };
  }, [phase, language]);
  useEffect(() => { if (result) resultRef.current?.focus(); }, [result]);

  if (!place) return <div class="co-phone"><h1>{title}</h1><p>{tx("cohort.notJoined")}</p><p><a href="/learn">{tx("cohort.learnTitle")}</a></p></div>;
  const back = <p><a href="/learn">{tx("cohort.backToCohort")}</a></p>;
  if (problem) return <div class="co-phone"><h1>{title}</h1><p class="error" role="alert">{problem}</p>{back}</div>;
  if (!test) return <div class="co-phone"><h1>{title}</h1><p class="muted" role="status">{t("common.loading")}</p></div>;
  const open = test.questions.filter((q) => !test.answered.includes(q.id));

  const submit = async (e: Event) => {
    e.preventDefault();
    const empty = open.filter((q) => !(chosen[q.id]?.length));
    setMissing(empty.map((q) => q.id));
    if (empty.length) { document.querySelector<HTMLElement>(`[data-question="${empty[0].id}"] input`)?.focus(); return; }
    setBusy(true);
    setProblem("");
    try {
      const r = await participantCall<{ answered: number; of: number; right: number | null }>("POST", `${api}/me/test/${phase}/answers`, place.token, { answers: open.map((q) => ({ question: q.id, response: chosen[q.id] })) });
      setResult(r);
    } catch (err) {
      setProblem(err instanceof ProblemError && err.status === 409 ? tx("cohort.testClosed") : messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  if (result || open.length === 0) {
    return (
      <div class="co-phone">
        <h1>{title}</h1>
        <div class="training-feedback right" role="status" tabIndex={-1} ref={resultRef}>
          <p><strong>{result ? tx("cohort.sentAnswered", { answered: result.answered, of: result.of }) : tx("cohort.allAnswered", { n: test.questions.length })}</strong></p>
          {result && result.right !== null && <p>{tx("cohort.sentRight", { right: result.right, of: result.of })}</p>}
        </div>
        {back}
      </div>
    );
  }
  return (
    <div class="co-phone">
      <h1>{title}</h1>
      <p class="lead">{tx("cohort.testLead")}</p>
      {test.answered.length > 0 && <p class="note">{tx("cohort.someAnswered", { n: test.answered.length, of: test.questions.length })}</p>}
      <form onSubmit={(e) => void submit(e)} noValidate class="training-check">
        {open.map((q, n) => {
          const c = chosen[q.id] ?? [];
          const multiple = q.type === "multiple";
          const isMissing = missing.includes(q.id) && !c.length;
          return (
            <fieldset key={q.id} data-question={q.id} aria-describedby={`lt-${q.id}-hint${isMissing ? ` lt-${q.id}-error` : ""}`} aria-invalid={isMissing ? "true" : undefined}>
              <legend><span class="muted">{tx("cohort.questionN", { n: n + 1, total: open.length })}</span> <span dir="auto">{q.stem}</span></legend>
              {q.case && <div class="training-case" dir="auto"><p><strong>{tx("theCase")}</strong></p><p>{q.case}</p></div>}
              <p class="muted" id={`lt-${q.id}-hint`}>{q.type === "ordering" ? tx("putInOrder") : multiple ? tx("chooseMany") : tx("chooseOne")}</p>
              <OptionsInput q={q} chosen={c} onChange={(next) => setChosen({ ...chosen, [q.id]: next })} idPrefix={`lt-${q.id}`} name={`lt-${q.id}`} textAttrs={{ dir: "auto" }} />
              {isMissing && <p id={`lt-${q.id}-error`} class="field-error" role="alert">{tx("cohort.unanswered")}</p>}
            </fieldset>
          );
        })}
        {missing.some((id) => !(chosen[id]?.length)) && <p class="error" role="alert">{tx("cohort.missingSummary", { n: missing.filter((id) => !(chosen[id]?.length)).length })}</p>}
        <div class="training-actions"><button type="submit" class="primary co-big" disabled={busy}>{busy ? tx("cohort.sending") : tx("cohort.submit")}</button></div>
      </form>
      {back}
    </div>
  );
}

// ————— /training/verify/:code —————

interface Verified { valid: true; code: string; holder: string; issued_on: string; path: { audience: string; name: Msg }; modules: Msg[] }

function VerifyPage({ params }: { params: Record<string, string> }) {
  useMessages();
  useTitle(tx("cohort.verifyTitle"));
  const [state, setState] = useState<{ s: "loading" } | { s: "valid"; v: Verified } | { s: "none" } | { s: "error"; message: string }>({ s: "loading" });
  const language = i18next.language;
  useEffect(() => {
    let live = true;
    participantCall<Verified>("GET", `${api}/certificates/${enc(params.code)}`, null).then(
      (v) => live && setState({ s: "valid", v }),
      (e) => live && setState(e instanceof ProblemError && (e.status === 404 || e.status === 400) ? { s: "none" } : { s: "error", message: messageOf(e) }),
    );
    return () => { live = false; };
  }, [params.code, language]);
  return (
    <div class="co-phone">
      <h1>{tx("cohort.verifyTitle")}</h1>
      {state.s === "loading" && <p class="muted" role="status">{t("common.loading")}</p>}
      {state.s === "none" && <p class="error" role="alert">{tx("cohort.verifyNone")}</p>}
      {state.s === "error" && <p class="error" role="alert">{state.message}</p>}
      {state.s === "valid" && (
        <div class="co-verified">
          <p class="training-status done co-valid" role="status">{tx("cohort.verifyValid")}</p>
          <dl>
            <dt>{tx("cohort.holder")}</dt><dd><bdi>{state.v.holder}</bdi></dd>
            <dt>{tx("cohort.audience")}</dt><dd>{msgText(state.v.path.name)}</dd>
            <dt>{tx("cohort.modulesLabel")}</dt><dd><ul>{state.v.modules.map((m, i) => <li key={i}>{msgText(m)}</li>)}</ul></dd>
            <dt>{tx("cohort.issuedOn")}</dt><dd>{day(state.v.issued_on)}</dd>
            <dt>{tx("cohort.verifyCode")}</dt><dd><bdi dir="ltr">{state.v.code}</bdi></dd>
          </dl>
        </div>
      )}
    </div>
  );
}

export const loadLearn = () => withTrainingStrings(["training"], LearnPage);
export const loadLearnTest = () => withTrainingStrings(["training"], TestPage);
export const loadVerify = () => withTrainingStrings(["training"], VerifyPage);
