/**
 * /play/:session: the phone page of a participant or evaluator, with the token this device got on
 * joining. Shows the role's private briefing, the status and timer, the open decision with large
 * touch targets, revealed results, the hot wash, and the feed of situations and injects; an
 * evaluator gets the observation form instead of the answer form. Reconnects by itself.
 */
import { useEffect, useState } from "preact/hooks";
import type { View } from "../../core/exercises/view.js";
import { useTitle } from "../components/common.js";
import { t } from "../i18n.js";
import type { PlayScenario } from "./attempt.js";
import { useLive } from "./live.js";
import { ConnLine, Countdown, Feed, forgetJoin, joinedSession, ResultBars, StatusBadge } from "./shared.js";
import { tx, withStrings } from "./strings.js";

export function PlayPage({ params }: { params: Record<string, string> }) {
  const joined = joinedSession(params.session);
  if (!joined) {
    return (
      <div class="ex-phone">
        <h1>{tx("play.notJoinedTitle")}</h1>
        <p>{tx("play.notJoined")}</p>
        <p><a class="button primary" href="/join">{tx("play.joinLink")}</a></p>
      </div>
    );
  }
  return <Play session={params.session} token={joined.token} pseudonym={joined.member.pseudonym} fallbackTitle={joined.title} />;
}

function Play({ session, token, pseudonym, fallbackTitle }: { session: string; token: string; pseudonym: string; fallbackTitle: string }) {
  const live = useLive<PlayScenario>({ session, token });
  const w = live.welcome;
  const sc = w?.scenario;
  useTitle(sc?.title ?? fallbackTitle);
  const v = live.view;
  const evaluator = w?.viewer.kind === "evaluator";
  const myRole = w?.role ?? null;
  const roleName = (id: string) => sc?.roles?.find((r) => r.id === id)?.name ?? id;

  const extras = useChunk(loadExtras, Boolean(v && sc && (evaluator || v.hotwash)));
  const decisions = useChunk(loadDecisions, Boolean(v && (v.decisions.length || v.status === "running")));
  if (live.conn === "refused") {
    return (
      <div class="ex-phone">
        <h1 dir="auto">{fallbackTitle}</h1>
        <p role="alert" class="error">{tx("conn.refused", { message: live.refused ?? "" })}</p>
        <p><a class="button" href="/join" onClick={() => forgetJoin(session)}>{tx("play.joinAgain")}</a></p>
      </div>
    );
  }
  const open = v?.decisions.filter((d) => d.state !== "revealed") ?? [];
  const revealed = v ? v.decisions.filter((d) => d.state === "revealed").reverse() : [];
  return (
    <div class="ex-phone ex-play">
      <ConnLine conn={live.conn} refused={live.refused} />
      <p class="eyebrow">
        {evaluator ? tx("play.youEvaluate", { name: pseudonym }) : myRole ? tx("play.youPlay", { name: pseudonym, role: myRole.name }) : tx("play.you", { name: pseudonym })}
      </p>
      <h1 dir="auto">{sc?.title ?? fallbackTitle}</h1>
      {v ? (
        <div class="ex-statusbar">
          <StatusBadge view={v} />
          {v.phase ? <span class="ex-phase" dir="auto">{v.phase.title}</span> : null}
          <Countdown timer={v.timer} />
        </div>
      ) : <p class="muted" role="status">{tx("conn.connecting")}</p>}
      {v ? <StatusHelp view={v} evaluator={evaluator} /> : null}
      {myRole ? (
        <details class="ex-briefing" open={v?.status === "lobby" || v?.status === "briefing"}>
          <summary>{tx("play.briefing", { role: myRole.name })}</summary>
          <p dir="auto">{myRole.briefing}</p>
        </details>
      ) : null}
      {sc?.summary ? (
        <details class="ex-briefing">
          <summary>{tx("play.summary")}</summary>
          <p dir="auto">{sc.summary}</p>
        </details>
      ) : null}

      {v && evaluator && sc && extras ? <extras.ObserveForm scenario={sc} view={v} send={live.command} /> : null}

      {v && (open.length > 0 || revealed.length > 0) ? (
        <section aria-labelledby="play-decisions">
          <h2 id="play-decisions">{tx("play.decisions")}</h2>
          {!decisions ? <p class="muted" role="status">{t("common.loading")}</p> : null}
          {decisions && open.map((d) => (
            <decisions.DecisionCard key={d.decision} d={d} view={v} evaluator={evaluator} myRole={myRole?.id ?? null} roleName={roleName} send={live.command} />
          ))}
          {revealed.map((d) => (
            <div class="ex-card" key={d.decision}>
              <h3 dir="auto">{d.prompt}</h3>
              <p class="muted">{tx("play.resultsTitle")}</p>
              {v.results[d.decision] ? <ResultBars options={d.options} tally={v.results[d.decision]} response={d.response} /> : null}
            </div>
          ))}
        </section>
      ) : null}

      {v?.hotwash && sc && extras ? <extras.HotwashForm session={session} questions={sc.hotwash} send={live.command} /> : null}

      <section aria-labelledby="play-feed">
        <h2 id="play-feed">{tx("feed.title")}</h2>
        {v ? <Feed items={v.feed} headingId="play-feed" /> : null}
      </section>
    </div>
  );
}

const loadExtras = () => import("./PlayExtras.js");
const loadDecisions = () => import("./PlayDecisions.js");
/**
 * A part of the page fetched only once it is needed (the phone's first view stays small): the
 * decision forms when a decision opens, the hot wash and the evaluator's form. Retries a failed fetch.
 */
function useChunk<M>(load: () => Promise<M>, needed: boolean): M | null {
  const [mod, setMod] = useState<M | null>(null);
  useEffect(() => {
    if (!needed || mod) return;
    let live = true;
    const attempt = (n: number) => load().then((m) => live && setMod(() => m), () => { if (live && n < 5) setTimeout(() => attempt(n + 1), 2000 * (n + 1)); });
    attempt(0);
    return () => { live = false; };
  }, [needed]);
  return mod;
}

function StatusHelp({ view, evaluator }: { view: View; evaluator: boolean }) {
  const k = view.paused && view.status !== "ended" ? "paused" : view.status;
  if (k === "running") return null;
  return <p class="ex-help">{tx(`play.help.${k}`)}{k === "lobby" && evaluator ? ` ${tx("play.help.lobbyEvaluator")}` : ""}</p>;
}


/** The page with its strings, for app.tsx. */
export const load = () => withStrings(["participant"], PlayPage);
