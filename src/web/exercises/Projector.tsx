/**
 * /exercises/sessions/:id/projector?key=…&code=…: the room's big screen, public with the
 * projector key (shown once when the session is created). It shows only what everyone may see:
 * the title, phase, situations and injects for all, the open decision, revealed results and the
 * timer; before the start, the join address and code in large type (the join code comes with the
 * link from the console, since the projector's channel does not carry it). After the reveal of a
 * decision answered in writing, a word cloud of the answers (src/core/exercises/words.ts, loaded
 * with this page only, never with the phone's).
 */
import { useEffect, useMemo } from "preact/hooks";
import { countWords } from "../../core/exercises/words.js";
import { useTitle } from "../components/common.js";
import { i18next } from "../i18n.js";
import "./projector.css";
import { useLive } from "./live.js";
import { ConnLine, Countdown, Feed, ResultBars, StatusBadge } from "./shared.js";
import { tx, withStrings } from "./strings.js";

export function ProjectorPage({ params, query }: { params: Record<string, string>; query: URLSearchParams }) {
  const key = query.get("key") ?? "";
  const code = (query.get("code") ?? "").toUpperCase();
  const live = useLive<{ title: string; summary: string }>(key ? { session: params.id, projector: key } : null);
  const v = live.view;
  const title = live.welcome?.scenario.title ?? tx("projector.title");
  // The join page as the server names it (from PUBLIC_URL; relative, so this page's address, when unset).
  const joinAt = new URL((live.welcome as { join_url?: string } | null)?.join_url ?? "/join", location.origin);
  const joinPage = `${joinAt.host}${joinAt.pathname}`;
  useTitle(title);
  useEffect(() => {
    document.body.classList.add("ex-projecting");
    return () => document.body.classList.remove("ex-projecting");
  }, []);
  if (!key) return <><h1>{tx("projector.title")}</h1><p role="alert" class="error">{tx("projector.noKey")}</p></>;
  if (live.conn === "refused") return <><h1>{tx("projector.title")}</h1><p role="alert" class="error">{tx("conn.refused", { message: live.refused ?? "" })}</p></>;
  const beforeStart = v && (v.status === "lobby" || v.status === "briefing");
  const current = v?.decisions.filter((d) => d.state !== "revealed").slice(-1)[0];
  const lastRevealed = v?.decisions.filter((d) => d.state === "revealed").slice(-1)[0];
  const situations = v?.feed.filter((f) => f.phase === v.phase?.id) ?? [];
  return (
    <div class="ex-projector">
      <ConnLine conn={live.conn} refused={live.refused} />
      <div class="ex-projector-head">
        <h1 dir="auto">{title}</h1>
        <button type="button" class="no-print" onClick={() => void document.documentElement.requestFullscreen?.().catch(() => undefined)}>{tx("projector.fullscreen")}</button>
      </div>
      {v ? (
        <div class="ex-statusbar ex-statusbar-big">
          <StatusBadge view={v} />
          {v.phase ? <span class="ex-phase" dir="auto">{v.phase.title}</span> : null}
        </div>
      ) : <p class="muted" role="status">{tx("conn.connecting")}</p>}
      {v?.timer ? <Countdown timer={v.timer} big /> : null}
      {beforeStart ? (
        <section aria-labelledby="pj-join" class="ex-join-panel">
          <h2 id="pj-join">{tx("projector.joinTitle")}</h2>
          <p class="ex-join-url" dir="ltr">{joinPage}</p>
          {code ? <p class="ex-join-code" dir="ltr" aria-label={tx("projector.codeAria", { code: code.split("").join(" ") })}>{code}</p> : null}
          <p class="ex-join-count">{tx("projector.joined", { count: v!.members.filter((m) => m.kind === "participant").length })}</p>
        </section>
      ) : null}
      {v?.status === "ended" ? <p class="ex-projector-ended">{tx("projector.ended")}</p> : null}
      {current ? (
        <section aria-labelledby="pj-decision" class="ex-projector-decision">
          <h2 id="pj-decision" dir="auto">{current.prompt}</h2>
          <ol class="ex-projector-options">{current.options.map((o) => <li key={o.id} dir="auto">{o.text}</li>)}</ol>
          <p class="ex-help">{tx(current.state === "open" ? "projector.answering" : "projector.closed")}</p>
          <p class="ex-join-count" aria-live="polite">{tx("projector.answered", { count: v!.answered[current.decision]?.length ?? 0 })}</p>
        </section>
      ) : null}
      {lastRevealed && v?.results[lastRevealed.decision] ? (
        <section aria-labelledby="pj-results">
          <h2 id="pj-results">{tx("projector.results")}</h2>
          <p class="ex-projector-prompt" dir="auto">{lastRevealed.prompt}</p>
          <ResultBars options={lastRevealed.options} tally={v.results[lastRevealed.decision]} response={lastRevealed.response} big />
          {v.results[lastRevealed.decision].texts?.length ? <WordCloud texts={v.results[lastRevealed.decision].texts!} /> : null}
        </section>
      ) : null}
      {v && v.status !== "lobby" ? (
        <section aria-labelledby="pj-feed">
          <h2 id="pj-feed">{tx("projector.now")}</h2>
          <Feed items={situations.length ? situations : v.feed.slice(-3)} headingId="pj-feed" big />
        </section>
      ) : null}
    </div>
  );
}

/**
 * The words of the revealed text answers, sized in five steps by how many answers use them, as
 * plain text the room reads from afar; a screen reader reads a list of "word: n answers". Each
 * word keeps its own direction; the cloud flows in the page's (right to left in Arabic).
 */
function WordCloud({ texts }: { texts: string[] }) {
  const lang = i18next.language;
  const words = useMemo(() => countWords(texts, { hint: lang }), [texts, lang]);
  if (!words.length) return null;
  return (
    <div class="ex-words-panel">
      <h3 id="pj-words">{tx("words.title")}</h3>
      <p class="ex-help">{tx("words.lead")}</p>
      <ul class="ex-words" aria-labelledby="pj-words">
        {words.map((w) => (
          <li key={w.word} class={`ex-word ex-word-${w.step}`}>
            <span aria-hidden="true" dir="auto">{w.word}</span>
            <span class="visually-hidden">{tx("words.item", { word: w.word, count: w.count })}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The page with its strings, for app.tsx. */
export const load = () => withStrings(["participant", "projector"], ProjectorPage);
