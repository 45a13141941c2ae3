/** The decision cards of the phone page: the answer forms (one option, several, a ranking, text), loaded when the first decision opens. */
import { useState } from "preact/hooks";
import type { Answer } from "../../core/exercises/events.js";
import type { OpenDecision, View } from "../../core/exercises/view.js";
import { OutcomeLine, useAttempt, type Send } from "./attempt.js";
import { tx } from "./strings.js";

function answerText(d: OpenDecision, a: Answer): string {
  const name = (id: string) => d.options.find((o) => o.id === id)?.text ?? id;
  if ("option" in a) return name(a.option);
  if ("options" in a) return a.options.map(name).join("; ");
  if ("order" in a) return a.order.map((o, i) => `${i + 1}. ${name(o)}`).join("  ");
  return a.text;
}

export function DecisionCard({ d, view, evaluator, myRole, roleName, send }: { d: OpenDecision; view: View; evaluator: boolean; myRole: string | null; roleName: (id: string) => string; send: Send }) {
  const mine = view.answers[d.decision];
  const allowed = !evaluator && (d.scope !== "role" || (myRole !== null && d.roles.includes(myRole)));
  return (
    <div class="ex-card ex-decision">
      <h3 dir="auto">{d.prompt}</h3>
      <p class="hint">{tx(`play.scope.${d.scope}`)}{d.scope === "role" ? ` ${tx("play.decidingRoles", { roles: d.roles.map(roleName).join(", ") })}` : ""}</p>
      {mine ? <p class="ex-mine"><strong>{tx("play.yourAnswer")}</strong> <span dir="auto">{answerText(d, mine)}</span></p> : null}
      {d.state === "closed" ? <p class="ex-help">{tx("play.closed")}</p>
        : evaluator ? <ul class="ex-option-list">{d.options.map((o) => <li key={o.id} dir="auto">{o.text}</li>)}</ul>
        : allowed ? <AnswerForm d={d} mine={mine} send={send} />
        : <p class="ex-help">{tx("play.notYourDecision")}</p>}
    </div>
  );
}

function AnswerForm({ d, mine, send }: { d: OpenDecision; mine?: Answer; send: Send }) {
  const ids = d.options.map((o) => o.id);
  const [option, setOption] = useState(mine && "option" in mine ? mine.option : "");
  const [options, setOptions] = useState<string[]>(mine && "options" in mine ? mine.options : []);
  const [order, setOrder] = useState<string[]>(mine && "order" in mine ? mine.order : ids);
  const [text, setText] = useState(mine && "text" in mine ? mine.text : "");
  const [moved, setMoved] = useState("");
  const [missing, setMissing] = useState(false);
  const { outcome, run, reset } = useAttempt();
  const base = `ans-${d.decision}`;
  const name = (id: string) => d.options.find((o) => o.id === id)?.text ?? id;
  const answer = (): Answer | null => {
    if (d.response === "single") return option ? { option } : null;
    if (d.response === "multiple") return options.length ? { options: ids.filter((o) => options.includes(o)) } : null;
    if (d.response === "rank") return { order };
    return text.trim() ? { text: text.trim() } : null;
  };
  const changed = () => { setMissing(false); if (outcome.state !== "sending") reset(); };
  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    if (j < 0 || j >= order.length) return;
    const next = [...order];
    [next[i], next[j]] = [next[j], next[i]];
    setOrder(next);
    setMoved(tx("play.rank.moved", { option: name(order[i]), position: j + 1 }));
    changed();
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const a = answer();
    if (!a) { setMissing(true); return; }
    void run(JSON.stringify(a), (request) => ({ type: "respond", decision: d.decision, answer: a, request }), send);
  };
  const legendId = `${base}-legend`;
  return (
    <form onSubmit={submit} noValidate class="ex-answer">
      {d.response === "text" ? (
        <div class="field">
          <label for={`${base}-text`}>{tx("play.textAnswer")}</label>
          <textarea id={`${base}-text`} rows={4} maxLength={2000} value={text} dir="auto" onInput={(e) => { setText(e.currentTarget.value); changed(); }} />
        </div>
      ) : d.response === "rank" ? (
        <fieldset class="field">
          <legend id={legendId}>{tx("play.rank.legend")}</legend>
          <ol class="ex-rank">
            {order.map((id, i) => (
              <li key={id}>
                <span class="ex-rank-n" aria-hidden="true">{i + 1}</span>
                <span class="ex-rank-text" dir="auto">{name(id)}</span>
                <span class="ex-rank-buttons">
                  <button type="button" class="ex-touch" disabled={i === 0} onClick={() => move(i, -1)} aria-label={tx("play.rank.up", { option: name(id) })}>↑</button>
                  <button type="button" class="ex-touch" disabled={i === order.length - 1} onClick={() => move(i, 1)} aria-label={tx("play.rank.down", { option: name(id) })}>↓</button>
                </span>
              </li>
            ))}
          </ol>
          <p class="visually-hidden" aria-live="polite">{moved}</p>
        </fieldset>
      ) : (
        <fieldset class="field">
          <legend id={legendId}>{tx(d.response === "single" ? "play.chooseOne" : "play.chooseMany")}</legend>
          <ul class="ex-options">
            {d.options.map((o) => (
              <li key={o.id}>
                <label class="ex-option">
                  {d.response === "single"
                    ? <input type="radio" name={base} value={o.id} checked={option === o.id} onChange={() => { setOption(o.id); changed(); }} />
                    : <input type="checkbox" value={o.id} checked={options.includes(o.id)} onChange={(e) => { setOptions(e.currentTarget.checked ? [...options, o.id] : options.filter((x) => x !== o.id)); changed(); }} />}
                  <span dir="auto">{o.text}</span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      {missing ? <p class="field-error" role="alert">{tx("play.answerNeeded")}</p> : null}
      <p><button type="submit" class="primary ex-big-button" disabled={outcome.state === "sending"}>{mine ? tx("play.change") : tx("play.submit")}</button></p>
      <OutcomeLine outcome={outcome} done={tx("play.recorded")} />
    </form>
  );
}

