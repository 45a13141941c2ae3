/**
 * Self-paced training on a phone (decision 0038): /training (choose an audience), /training/:audience
 * (the learning path with progress) and /training/:audience/:module (objectives, reading, case study,
 * then the knowledge check one question at a time). The server sends the answers with the questions,
 * so the phone checks them itself; progress stays in localStorage (progress.ts), and each page's
 * answer is kept on the device too, so a page opened once works offline.
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { ProblemError, request } from "../http.js";
import { i18next, msgText, practiceLabel, t, useMessages, useTitle, withLang, type Msg } from "./lean.js";
import { isRight, markModule, readProgress, saveAnswer, type Progress } from "./progress.js";
import { tx, withTrainingStrings } from "./strings.js";
import { finishModule, syncWhenOnline } from "./cohortSync.js";
import { OptionsInput } from "./OptionsInput.js";
import "./training.css";

interface AudienceItem { id: string; name: Msg; modules: number; questions: number }
interface ReadingItem { kind: "practice" | "manifestation" | "watchpoint"; id: string; title: string; href: string; framework?: string; number?: number }
type CaseStudy =
  | { kind: "scenario"; id: string; title: string; summary: string; shared: string[] }
  | { kind: "manifestation-case"; manifestation: string; title: string; summary: string; href: string };
interface ModuleSummary { id: string; title: Msg; objectives: Msg[]; reading: ReadingItem[]; case_study: (CaseStudy & { language: string }) | null; questions: number }
interface Question {
  id: string; type: "single" | "multiple" | "scenario" | "ordering"; stem: string; case?: string;
  options: { id: string; text: string }[]; answer: string[]; explanation: string; language: string;
  about: { kind: string; id: string; href: string };
}
interface PathBody { audience: { id: string; name: Msg }; modules: ModuleSummary[] }
interface ModuleBody { audience: { id: string; name: Msg }; position: number; total: number; previous: string | null; next: string | null; module: Omit<ModuleSummary, "questions"> & { questions: Question[] } }

type Loaded<T> = { state: "loading" } | { state: "error"; message: string; status: number } | { state: "ready"; data: T; saved: boolean };

const cacheKey = (url: string) => `nexus.training.cache.${i18next.language}.${url}`;

/** A GET of the training API; its answer is kept on the device and stands in when the network fails. */
function useApi<T>(url: string): Loaded<T> {
  const [value, set] = useState<Loaded<T>>({ state: "loading" });
  const language = i18next.language;
  useEffect(() => {
    let live = true;
    set({ state: "loading" });
    let fromDevice = false;
    const offline = {
      // The network failed or the service worker says the server is out of reach: the copy kept on this device, if any.
      answer: async () => {
        const raw = localStorage.getItem(cacheKey(url));
        if (!raw) throw new ProblemError(0, "network");
        return JSON.parse(raw) as unknown;
      },
      onState: (o: boolean) => { fromDevice = o; },
    };
    request<T>(url, { offline }).then(
      (data) => {
        if (!fromDevice) { try { localStorage.setItem(cacheKey(url), JSON.stringify(data)); } catch { /* storage full: no offline copy */ } }
        if (live) set({ state: "ready", data, saved: fromDevice });
      },
      (e: Error) => {
        if (live) set({ state: "error", status: e instanceof ProblemError ? e.status : 0, message: e instanceof ProblemError ? (e.errors?.[0]?.message ?? e.message) : e.message });
      },
    );
    return () => { live = false; };
  }, [url, language]);
  return value;
}

function Loading<T>({ value, children }: { value: Loaded<T>; children: (data: T) => preact.ComponentChildren }) {
  if (value.state === "loading") return <p class="muted" role="status">{t("common.loading")}</p>;
  if (value.state === "error") return <><h1>{tx("title")}</h1><p class="error" role="alert">{t("common.error", { message: value.message })}</p><p><a href="/training">{tx("allAudiences")}</a></p></>;
  return <>{value.saved && <p class="note" role="status">{tx("offline")}</p>}{children(value.data)}</>;
}

const doneCount = (p: Progress, modules: { id: string }[]) => modules.filter((m) => p.done[m.id]).length;

function TrainingHome() {
  useMessages();
  useTitle(tx("title"));
  const paths = useApi<{ items: AudienceItem[] }>("/api/v1/training/paths");
  return (
    <Loading value={paths}>
      {(data) => (
        <>
          <h1>{tx("title")}</h1>
          <p class="lead">{tx("lead")}</p>
          <h2 id="training-choose">{tx("choose")}</h2>
          <ul class="training-list" aria-labelledby="training-choose">
            {data.items.map((a) => {
              const done = Object.keys(readProgress(a.id).done).length;
              return (
                <li key={a.id}>
                  <a href={`/training/${a.id}`}>
                    <strong>{msgText(a.name)}</strong>
                    <span class="muted">{tx("sizes", { modules: a.modules, questions: a.questions })}</span>
                    {done > 0 && <span class="training-status done">{tx("progress", { done: Math.min(done, a.modules), total: a.modules })}</span>}
                  </a>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </Loading>
  );
}

function statusOf(p: Progress, module: string): "done" | "started" | "new" {
  if (p.done[module]) return "done";
  return Object.values(p.answers).some((a) => a.module === module) ? "started" : "new";
}
const statusText = { done: "statusDone", started: "statusStarted", new: "statusNew" } as const;

function PathPage({ params }: { params: Record<string, string> }) {
  useMessages();
  const audience = params.audience;
  const path = useApi<PathBody>(`/api/v1/training/paths/${encodeURIComponent(audience)}`);
  useTitle(path.state === "ready" ? `${msgText(path.data.audience.name)} · ${tx("title")}` : tx("title"));
  const progress = readProgress(audience);
  return (
    <Loading value={path}>
      {(data) => (
        <>
          <p><a href="/training">{tx("allAudiences")}</a></p>
          <h1>{msgText(data.audience.name)}</h1>
          <p class="lead">{tx("pathLead")}</p>
          <p class="muted" role="status">{tx("progress", { done: doneCount(progress, data.modules), total: data.modules.length })}</p>
          <ol class="training-list">
            {data.modules.map((m, i) => {
              const s = statusOf(progress, m.id);
              return (
                <li key={m.id} data-module={m.id}>
                  <a href={`/training/${audience}/${m.id}`}>
                    <span class="muted">{tx("moduleN", { n: i + 1 })}</span>
                    <strong>{msgText(m.title)}</strong>
                    <span class="muted">{tx("questionsN", { n: m.questions })}</span>
                    <span class={`training-status ${s}`}>{tx(statusText[s])}</span>
                  </a>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </Loading>
  );
}

function readingLabel(r: ReadingItem) {
  return r.kind === "practice" ? `${practiceLabel(r)}: ${r.title}` : r.title;
}

function ModulePage({ params }: { params: Record<string, string> }) {
  useMessages();
  const { audience, module } = params;
  const body = useApi<ModuleBody>(`/api/v1/training/paths/${encodeURIComponent(audience)}/modules/${encodeURIComponent(module)}`);
  useTitle(body.state === "ready" ? `${msgText(body.data.module.title)} · ${tx("title")}` : tx("title"));
  return (
    <Loading value={body}>
      {(data) => {
        const m = data.module;
        const c = m.case_study;
        return (
          <>
            <p><a href={`/training/${audience}`}>{msgText(data.audience.name)}</a></p>
            <p class="eyebrow">{tx("moduleN", { n: data.position })}</p>
            <h1>{msgText(m.title)}</h1>
            <section aria-labelledby="tm-objectives">
              <h2 id="tm-objectives">{tx("objectives")}</h2>
              <p>{tx("objectivesLead")}</p>
              <ul>{m.objectives.map((o, i) => <li key={i}>{msgText(o)}</li>)}</ul>
            </section>
            <section aria-labelledby="tm-reading">
              <h2 id="tm-reading">{tx("reading")}</h2>
              <ul>{m.reading.map((r) => <li key={`${r.kind}:${r.id}`}><a href={r.href}>{readingLabel(r)}</a></li>)}</ul>
            </section>
            {c && (
              <section aria-labelledby="tm-case">
                <h2 id="tm-case">{tx("caseStudy")}</h2>
                <div class="training-case">
                  <p {...(c.kind === "scenario" && c.language !== i18next.language ? { lang: c.language, dir: "auto" as const } : {})}><strong>{c.title}</strong></p>
                  <p {...(c.language !== i18next.language ? { lang: c.language, dir: "auto" as const } : {})}>{c.summary}</p>
                  <p class="muted">{c.kind === "scenario" ? tx("fromScenario") : <a href={c.href}>{tx("fromManifestation", { name: c.title })}</a>}</p>
                </div>
              </section>
            )}
            <KnowledgeCheck key={`${audience}/${m.id}`} audience={audience} module={m.id} questions={m.questions} />
            <TrainerKit audience={audience} module={m.id} />
            <nav class="training-actions" aria-label={tx("title")}>
              {data.previous && <a href={`/training/${audience}/${data.previous}`}>{tx("previous")}</a>}
              {data.next && <a href={`/training/${audience}/${data.next}`}>{tx("next")}</a>}
              <a href={`/training/${audience}`}>{tx("backToPath")}</a>
            </nav>
          </>
        );
      }}
    </Loading>
  );
}

/** The module's trainer kit (decision 0040): five downloads in the reader's language. */
function TrainerKit({ audience, module }: { audience: string; module: string }) {
  const file = (f: string) => withLang(`/api/v1/training/paths/${encodeURIComponent(audience)}/modules/${encodeURIComponent(module)}/kit/${f}`);
  const link = (f: string, label: string, what: string) => <a href={file(f)} download aria-label={`${what} (${label})`}>{label}</a>;
  return (
    <section aria-labelledby="tm-kit" class="training-kit">
      <h2 id="tm-kit">{tx("kit")}</h2>
      <p class="muted">{tx("kitLead")}</p>
      <ul>
        <li>{tx("kitAgenda")}: {link("agenda.pdf", "PDF", tx("kitAgenda"))} · {link("agenda.docx", "DOCX", tx("kitAgenda"))}</li>
        <li>{tx("kitHandout")}: {link("handout.pdf", "PDF", tx("kitHandout"))} · {link("handout.docx", "DOCX", tx("kitHandout"))}</li>
        <li>{tx("kitSlides")}: {link("slides.pptx", "PPTX", tx("kitSlides"))}</li>
      </ul>
    </section>
  );
}

function KnowledgeCheck({ audience, module, questions }: { audience: string; module: string; questions: Question[] }) {
  const [progress, setProgress] = useState(() => readProgress(audience));
  const firstOpen = () => { const i = questions.findIndex((q) => !progress.answers[q.id]); return i < 0 ? questions.length : i; };
  const [index, setIndex] = useState(firstOpen);
  const q = questions[index] as Question | undefined;
  const [chosen, setChosen] = useState<string[]>(q?.type === "ordering" ? q.options.map((o) => o.id) : []);
  const [checked, setChecked] = useState(false);
  const [hint, setHint] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const feedback = useRef<HTMLDivElement>(null);
  const started = useRef(false);

  useEffect(() => { if (started.current) heading.current?.focus(); started.current = true; }, [index]);
  useEffect(() => { if (checked) feedback.current?.focus(); }, [checked]);
  useEffect(() => {
    // Reaching the end finishes the module, on this device.
    if (questions.length && index >= questions.length && !progress.done[module]) setProgress(finishModule(audience, module));
  }, [index]);

  if (!questions.length) {
    return (
      <section aria-labelledby="tm-check" class="training-check">
        <h2 id="tm-check">{tx("check")}</h2>
        <p class="muted">{tx("noQuestions")}</p>
        {progress.done[module]
          ? <p role="status"><span class="training-status done">{tx("statusDone")}</span></p>
          : <div class="training-actions"><button type="button" class="primary" onClick={() => setProgress(finishModule(audience, module))}>{tx("markDone")}</button></div>}
      </section>
    );
  }

  if (!q) {
    const right = questions.filter((x) => progress.answers[x.id]?.right).length;
    return (
      <section aria-labelledby="tm-check" class="training-check">
        <h2 id="tm-check">{tx("check")}</h2>
        <h3 id="tm-result" ref={heading} tabIndex={-1}>{tx("result")}</h3>
        <p class="num">{tx("score", { right, total: questions.length })}</p>
        <p role="status"><span class="training-status done">{tx("statusDone")}</span> {tx("moduleDone")}</p>
        <div class="training-actions">
          <button type="button" onClick={() => {
            setProgress(markModule(audience, module, false, questions.map((x) => x.id)));
            setChecked(false); setHint(false);
            setChosen(questions[0].type === "ordering" ? questions[0].options.map((o) => o.id) : []);
            setIndex(0);
          }}>{tx("retry")}</button>
        </div>
      </section>
    );
  }

  const saved = progress.answers[q.id];
  const isRightNow = checked && saved ? saved.right : false;
  const textOf = (id: string) => q.options.find((o) => o.id === id)?.text ?? "";
  const check = () => {
    if (!chosen.length) { setHint(true); return; }
    setHint(false);
    setProgress(saveAnswer(audience, q.id, { chosen, right: isRight(q.type, chosen, q.answer), module }));
    setChecked(true);
  };
  const next = () => {
    const n = index + 1;
    const nq = questions[n];
    setChecked(false);
    setChosen(nq?.type === "ordering" ? nq.options.map((o) => o.id) : []);
    setIndex(n);
  };
  const lang = q.language !== i18next.language ? q.language : undefined;
  // Text still in English on another language's page: marked, and isolated so it reads left to right inside Arabic.
  const foreign = lang ? { lang, dir: "auto" as const } : {};
  const multiple = q.type === "multiple";

  return (
    <section aria-labelledby="tm-check" class="training-check">
      <h2 id="tm-check">{tx("check")}</h2>
      <h3 id="tq-heading" ref={heading} tabIndex={-1}>{tx("questionOf", { n: index + 1, total: questions.length })}</h3>
      {q.case && <div class="training-case" {...foreign}><p><strong>{tx("theCase")}</strong></p><p>{q.case}</p></div>}
      <fieldset aria-describedby="tq-hint">
        <legend {...foreign}>{q.stem}</legend>
        <p class="muted" id="tq-hint">{q.type === "ordering" ? tx("putInOrder") : multiple ? tx("chooseMany") : tx("chooseOne")}</p>
        <OptionsInput q={q} chosen={chosen} onChange={setChosen} idPrefix="tq" name={`tq-${q.id}`} disabled={checked} textAttrs={foreign} />
      </fieldset>
      {hint && <p class="error" role="alert">{tx("chooseFirst")}</p>}
      {!checked && <div class="training-actions"><button type="button" class="primary" onClick={check}>{tx("checkAnswer")}</button></div>}
      {checked && (
        <>
          <div class={`training-feedback ${isRightNow ? "right" : "wrong"}`} ref={feedback} tabIndex={-1} role="status">
            <p><strong>{isRightNow ? tx("right") : tx("wrong")}</strong></p>
            {!isRightNow && (
              <>
                <p>{tx("rightAnswer")}</p>
                {q.type === "ordering"
                  ? <ol {...foreign}>{q.answer.map((id) => <li key={id}>{textOf(id)}</li>)}</ol>
                  : <ul {...foreign}>{q.answer.map((id) => <li key={id}>{textOf(id)}</li>)}</ul>}
              </>
            )}
            <p {...foreign}>{q.explanation}</p>
            <p><a href={q.about.href}>{tx("readEntry")}</a></p>
          </div>
          <div class="training-actions">
            <button type="button" class="primary" onClick={next}>{index + 1 < questions.length ? tx("nextQuestion") : tx("seeResult")}</button>
          </div>
        </>
      )}
    </section>
  );
}

// A cohort's participant (decision 0039): finished modules go to the trainer when the network comes back.
syncWhenOnline();
// The participant's /learn pages and the certificate check are part of this chunk; the trainer's pages (Cohorts.tsx) are not,
// so the lean participant entry (learn.html) loads none of the platform's code.
export { loadLearn, loadLearnTest, loadVerify } from "./Learn.js";

export const loadHome = () => withTrainingStrings(["training"], TrainingHome);
export const loadPath = () => withTrainingStrings(["training"], PathPage);
export const loadModule = () => withTrainingStrings(["training"], ModulePage);
