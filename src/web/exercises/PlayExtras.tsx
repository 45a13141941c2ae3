/** The phone page's forms that few need at first view, loaded when they appear: the hot wash, and the evaluator's observation form. */
import { useState } from "preact/hooks";
import type { View } from "../../core/exercises/view.js";
import { practiceLabel } from "../components/common.js";
import { OutcomeLine, useAttempt, type HotwashQuestion, type PlayScenario, type Send } from "./attempt.js";
import { tx } from "./strings.js";

const hotwashKey = (session: string) => `nexus.exercise.hotwash.${session}`;

export function HotwashForm({ session, questions, send }: { session: string; questions: HotwashQuestion[]; send: Send }) {
  const [answers, setAnswers] = useState<Record<string, string | number>>({});
  const [anonymous, setAnonymous] = useState(true);
  const [sent, setSent] = useState(() => localStorage.getItem(hotwashKey(session)) === "1");
  const { outcome, run } = useAttempt();
  const submit = async (e: Event) => {
    e.preventDefault();
    const given = Object.fromEntries(Object.entries(answers).filter(([, x]) => x !== ""));
    await run(JSON.stringify([given, anonymous]), (request) => ({ type: "hotwash", answers: given, anonymous, request }), send);
  };
  if (outcome.state === "done" && !sent) { localStorage.setItem(hotwashKey(session), "1"); setSent(true); }
  return (
    <section aria-labelledby="play-hotwash" class="ex-card">
      <h2 id="play-hotwash">{tx("hotwash.title")}</h2>
      {sent ? <p class="ok" role="status">{tx("hotwash.thanks")}</p> : (
        <form onSubmit={submit} noValidate>
          <p class="hint">{tx("hotwash.lead")}</p>
          {questions.map((q) => q.kind === "rating" ? (
            <fieldset class="field" key={q.id}>
              <legend dir="auto">{q.question}</legend>
              <p class="hint">{tx("hotwash.scale")}</p>
              <div class="ex-scale">
                {[1, 2, 3, 4, 5].map((n) => (
                  <label key={n} class="ex-scale-point">
                    <input type="radio" name={`hw-${q.id}`} value={n} checked={answers[q.id] === n} onChange={() => setAnswers({ ...answers, [q.id]: n })} />
                    <span>{n}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          ) : (
            <div class="field" key={q.id}>
              <label for={`hw-${q.id}`} dir="auto">{q.question}</label>
              <textarea id={`hw-${q.id}`} rows={3} maxLength={1500} dir="auto" value={String(answers[q.id] ?? "")} onInput={(e) => setAnswers({ ...answers, [q.id]: e.currentTarget.value })} />
            </div>
          ))}
          <label class="check ex-check">
            <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.currentTarget.checked)} />
            <span>{tx("hotwash.anonymous")}</span>
          </label>
          <p><button type="submit" class="primary ex-big-button" disabled={outcome.state === "sending"}>{tx("hotwash.submit")}</button></p>
          <OutcomeLine outcome={outcome} done={tx("hotwash.thanks")} />
        </form>
      )}
    </section>
  );
}

const ratings = ["P", "S", "M", "U"] as const;

export function ObserveForm({ scenario, view, send }: { scenario: PlayScenario; view: View; send: Send }) {
  const [rating, setRating] = useState("");
  const [target, setTarget] = useState("");
  const [note, setNote] = useState("");
  const [missing, setMissing] = useState<string[]>([]);
  const { outcome, run, reset } = useAttempt();
  const submit = async (e: Event) => {
    e.preventDefault();
    const lacking = [!rating ? "rating" : "", !target ? "target" : ""].filter(Boolean);
    setMissing(lacking);
    if (lacking.length) return;
    const [kind, id] = [target.slice(0, 1), target.slice(2)];
    const cmd = { rating, ...(kind === "p" ? { practice: id } : { objective: id }), note: note.trim() };
    await run(JSON.stringify(cmd), (request) => ({ type: "observe", ...cmd, request }), send);
  };
  if (outcome.state === "done" && note) { setNote(""); setRating(""); }
  return (
    <section aria-labelledby="play-observe" class="ex-card">
      <h2 id="play-observe">{tx("observe.title")}</h2>
      <p class="hint">{tx("observe.count", { count: view.observations })}</p>
      <form onSubmit={submit} noValidate>
        <fieldset class="field" aria-describedby={missing.includes("rating") ? "obs-rating-error" : undefined}>
          <legend>{tx("observe.rating")}</legend>
          <ul class="ex-options">
            {ratings.map((r) => (
              <li key={r}>
                <label class="ex-option">
                  <input type="radio" name="obs-rating" value={r} checked={rating === r} onChange={() => { setRating(r); reset(); }} />
                  <span><strong dir="ltr">{r}</strong> — {tx(`observe.meaning.${r}`)}</span>
                </label>
              </li>
            ))}
          </ul>
          {missing.includes("rating") ? <p id="obs-rating-error" class="field-error" role="alert">{tx("observe.ratingNeeded")}</p> : null}
        </fieldset>
        <div class="field">
          <label for="obs-target">{tx("observe.target")}</label>
          <select id="obs-target" value={target} onChange={(e) => { setTarget(e.currentTarget.value); reset(); }}
            aria-invalid={missing.includes("target") ? "true" : undefined} aria-describedby={missing.includes("target") ? "obs-target-error" : undefined}>
            <option value="">{tx("observe.choose")}</option>
            <optgroup label={tx("observe.objectives")}>
              {(scenario.objectives ?? []).map((o) => <option key={o.id} value={`o:${o.id}`}>{o.text}</option>)}
            </optgroup>
            <optgroup label={tx("observe.practices")}>
              {(scenario.practices ?? []).map((p) => <option key={p} value={`p:${p}`}>{practiceLabel({ id: p })}</option>)}
            </optgroup>
          </select>
          {missing.includes("target") ? <p id="obs-target-error" class="field-error" role="alert">{tx("observe.targetNeeded")}</p> : null}
        </div>
        <div class="field">
          <label for="obs-note">{tx("observe.note")}</label>
          <textarea id="obs-note" rows={3} maxLength={2000} dir="auto" value={note} onInput={(e) => { setNote(e.currentTarget.value); reset(); }} />
        </div>
        <p><button type="submit" class="primary ex-big-button" disabled={outcome.state === "sending"}>{tx("observe.submit")}</button></p>
        <OutcomeLine outcome={outcome} done={tx("observe.recorded")} />
      </form>
    </section>
  );
}
