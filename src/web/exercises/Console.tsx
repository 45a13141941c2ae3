/**
 * /exercises/sessions/:id/console: the facilitator runs the session from here. Join code and QR,
 * evaluator code, projector link, role links; who is in the room by role and table; and the
 * pacing: briefing, phases (the ones the rules allow next), situation, injects with their
 * audience, release rule and notes, decisions with the live count of answers and, once revealed,
 * the tally against the aligned options; pause, timer, hot wash and end.
 */
import qrcode from "qrcode-generator";
import { useEffect, useMemo, useState } from "preact/hooks";
import { dueAt, upcoming } from "../../core/exercises/schedule.js";
import type { View } from "../../core/exercises/view.js";
import { useTitle } from "../components/common.js";
import { i18next } from "../i18n.js";
import { getJson, send, type Session } from "../platform/session.js";
import { Guard, problemText, Show, TlpBadge, useResource } from "../platform/ui.js";
import { AlignmentBadge, allowedNext, exApi, projectorKeyStore, type Scenario, type SessionDetails } from "./facilitator.js";
import { useLive, type Command, type Refusal } from "./live.js";
import { reasonText, useReason } from "./refusal.js";
import { ConnLine, Countdown, enc, Feed, ResultBars, StatusBadge } from "./shared.js";
import { tx, withStrings } from "./strings.js";
import { Agencies } from "./Agencies.js";

export function ConsolePage({ params }: { params: Record<string, string> }) {
  return <Guard permission="records.write" title={tx("console.title")}>{(s) => <ConsoleView id={params.id} session={s} />}</Guard>;
}

type Run = (cmd: Command, done: string) => Promise<void>;

function ConsoleView({ id }: { id: string; session: Session }) {
  const [details, reload] = useResource<SessionDetails>(`${exApi}/sessions/${enc(id)}`);
  // The live channel opens once the session has loaded: for a TLP:AMBER+STRICT or RED session that
  // load is where the reader states the reason (the reason dialog), which the live channel then requires.
  const [attempt, setAttempt] = useState(0);
  const live = useLive<Scenario>(details.state === "ready" ? { session: id, language: i18next.language } : null, attempt);
  const sc = live.welcome?.scenario ?? null;
  const v = live.view;
  const [notice, setNotice] = useState("");
  // The last refusal, kept as the server sent it so that its reason follows the reader's language; "notSent" when the connection was down.
  const [error, setError] = useState<Refusal | "notSent" | null>(null);
  useReason(error === "notSent" ? null : error);
  const [busy, setBusy] = useState(false);
  useTitle(details.state === "ready" ? tx("console.titleFor", { name: details.data.name }) : tx("console.title"));

  const run: Run = async (cmd, done) => {
    setBusy(true);
    setError(null);
    setNotice("");
    try {
      const r = await live.command(cmd);
      if (r.t === "ack") setNotice(done);
      else setError(r);
    } catch {
      setError("notSent");
    } finally {
      setBusy(false);
    }
  };

  if (details.state !== "ready") return <><h1>{tx("console.title")}</h1><Show value={details}>{() => null}</Show></>;
  const d = details.data;
  return (
    <>
      <p class="eyebrow"><a href={`/exercises/workspaces/${enc(d.workspace)}`}>{tx("library.title")}</a></p>
      <h1><bdi>{d.name}</bdi></h1>
      <p class="record-meta">
        <TlpBadge marking={d.marking} />
        {sc ? <span>{tx("console.scenario", { title: sc.title, version: d.scenario_version })}</span> : null}
        {v ? <StatusBadge view={v} /> : null}
        <a href={`/exercises/sessions/${enc(id)}/report`}>{tx("console.reportLink")}</a>
      </p>
      {live.refusal?.code === "reason-needed"
        ? <ReasonAgain url={`${exApi}/sessions/${enc(id)}`} params={live.refusal.params} onStated={() => setAttempt((n) => n + 1)} />
        : <ConnLine conn={live.conn} refused={live.refused} />}
      <div class="ex-console">
        <div class="ex-console-main">
          {sc && v ? <Controls sc={sc} v={v} run={run} busy={busy} notice={notice} error={error === null ? "" : error === "notSent" ? tx("console.notSent") : reasonText(error)} /> : <p class="muted" role="status">{tx("conn.connecting")}</p>}
          {sc && v ? <PhasePanel sc={sc} v={v} run={run} busy={busy} /> : null}
          {v ? (
            <section aria-labelledby="con-feed">
              <h2 id="con-feed">{tx("console.released")}</h2>
              <Feed items={v.feed} headingId="con-feed" />
            </section>
          ) : null}
        </div>
        <div class="ex-console-side">
          <Joining d={d} roles={sc?.roles ?? []} onChange={reload} />
          <Agencies d={d} roles={sc?.roles ?? []} />
          {sc && v ? <Room sc={sc} v={v} /> : null}
        </div>
      </div>
    </>
  );
}

/**
 * The live channel refused a TLP:AMBER+STRICT or RED session: the reason this reader stated for it
 * is older than the server keeps it (or was never stated). Reading the session again states it
 * (the page's reason, or the reason dialog asks), then the channel connects again.
 */
function ReasonAgain({ url, params, onStated }: { url: string; params: Record<string, string | number>; onStated: () => void }) {
  const [error, setError] = useState("");
  const restate = async () => {
    setError("");
    try { await getJson(url); onStated(); } catch (e) { setError(problemText(e)); }
  };
  return (
    <div class="ex-conn ex-conn-refused" role="alert">
      <p>{tx("console.reasonNeeded", { marking: String(params.marking ?? ""), hours: Number(params.hours ?? 0) })}</p>
      <p><button type="button" onClick={restate}>{tx("console.restateReason")}</button></p>
      {error ? <p class="error">{error}</p> : null}
    </div>
  );
}

function Joining({ d, roles, onChange }: { d: SessionDetails; roles: { id: string; name: string }[]; onChange: () => void }) {
  const key = sessionStorage.getItem(projectorKeyStore(d.id));
  // The server builds the link from PUBLIC_URL; when that is unset the link is relative and this browser's own address completes it.
  const joinUrl = new URL(d.join_url, location.origin).href;
  const projector = key ? `/exercises/sessions/${enc(d.id)}/projector?key=${enc(key)}&code=${enc(d.join_code)}` : null;
  const [err, setErr] = useState("");
  const toggle = async () => {
    setErr("");
    try { await send("POST", `${exApi}/sessions/${enc(d.id)}/joining`, { open: !d.joining_open }); onChange(); } catch (e) { setErr(problemText(e)); }
  };
  return (
    <section aria-labelledby="con-join" class="panel ex-join-box">
      <h2 id="con-join">{tx("console.joining")}</h2>
      <p class="ex-code-label">{tx("console.joinCode")}</p>
      <p class="ex-join-code" dir="ltr" aria-label={tx("console.codeAria", { code: d.join_code.split("").join(" ") })}>{d.join_code}</p>
      <img class="ex-qr" src={qrData(joinUrl, 5)} alt={tx("console.qrAlt", { url: joinUrl })} width={180} height={180} />
      <p class="small" dir="ltr"><a href={joinUrl}>{joinUrl}</a></p>
      {/* As strong as a password, so never put in a link (links end up in logs and history); shown in groups of four to read out. */}
      <p>{tx("console.evaluatorCode")} <strong class="ex-code ex-wrap" dir="ltr">{d.evaluator_code.match(/.{1,4}/g)!.join(" ")}</strong></p>
      <p class="hint">{tx("console.evaluatorHint")}</p>
      <h3>{tx("console.projector")}</h3>
      {projector ? (
        <>
          <p><a href={projector} target="_blank" rel="noopener">{tx("console.openProjector")}<span class="visually-hidden"> {tx("console.newTab")}</span></a></p>
          <p class="hint">{tx("console.projectorKeep")}</p>
          <p class="small ex-wrap" dir="ltr"><code>{location.origin}{projector}</code></p>
        </>
      ) : <p class="hint">{tx("console.projectorGone")}</p>}
      <p class="actions">
        <span>{d.joining_open ? tx("console.joiningOpen") : tx("console.joiningClosed")}</span>
        <button type="button" onClick={toggle}>{d.joining_open ? tx("console.closeJoining") : tx("console.openJoining")}</button>
      </p>
      {err ? <p class="error" role="alert">{err}</p> : null}
      <RoleLinks joinUrl={joinUrl} roles={roles} />
    </section>
  );
}

/** Each role's own join link (and QR code), so players need not type the role code. */
function RoleLinks({ joinUrl, roles }: { joinUrl: string; roles: { id: string; name: string }[] }) {
  const [open, setOpen] = useState(false);
  if (!roles.length) return null;
  return (
    <details class="ex-role-links" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{tx("console.roleLinks")}</summary>
      <p class="hint">{tx("console.roleLinksHint")}</p>
      {open ? (
        <ul class="ex-role-cards">
          {roles.map((r) => {
            const url = `${joinUrl}&role=${enc(r.id)}`;
            return (
              <li key={r.id} class="ex-role-card">
                <p><strong>{r.name}</strong></p>
                <p>{tx("console.roleCode")} <code class="ex-code" dir="ltr">{r.id}</code></p>
                <img src={qrData(url)} alt={tx("console.qrAlt", { url })} width={132} height={132} />
                <p class="small ex-wrap" dir="ltr"><a href={url}>{url}</a></p>
              </li>
            );
          })}
        </ul>
      ) : null}
    </details>
  );
}

function qrData(text: string, cellSize = 3): string {
  const qr = qrcode(0, "M");
  qr.addData(text);
  qr.make();
  return qr.createDataURL(cellSize, 2);
}

function Controls({ sc, v, run, busy, notice, error }: { sc: Scenario; v: View; run: Run; busy: boolean; notice: string; error: string }) {
  const [minutes, setMinutes] = useState("5");
  const [confirmEnd, setConfirmEnd] = useState(false);
  const next = allowedNext(sc, v);
  const phaseTitle = (pid: string) => sc.phases.find((p) => p.id === pid)?.title ?? pid;
  const openDecision = v.decisions.find((x) => x.state === "open");
  const ended = v.status === "ended";
  const seconds = Math.round(Number(minutes) * 60);
  const timerOk = Number.isFinite(seconds) && seconds >= 10 && seconds <= 7200;
  return (
    <section aria-labelledby="con-run" class="panel">
      <h2 id="con-run">{tx("console.run")}</h2>
      <div class="ex-statusbar">
        <StatusBadge view={v} />
        <span class="ex-phase">{v.phase ? tx("console.inPhase", { title: v.phase.title }) : tx("console.noPhase")}</span>
        <Countdown timer={v.timer} />
      </div>
      <div class="ex-controls">
        {v.status === "lobby" ? <button type="button" class="primary" disabled={busy} onClick={() => run({ type: "start-briefing" }, tx("console.did.briefing"))}>{tx("console.startBriefing")}</button> : null}
        {!ended && v.status !== "lobby" ? next.map((pid) => (
          <button key={pid} type="button" class="primary" disabled={busy || v.paused || Boolean(openDecision)}
            onClick={() => run({ type: "enter-phase", phase: pid }, tx("console.did.phase", { title: phaseTitle(pid) }))}>
            {tx(sc.phases.find((p) => p.id === pid)?.branch ? "console.enterBranch" : "console.enterPhase", { title: phaseTitle(pid) })}
          </button>
        )) : null}
        {!ended && v.status !== "lobby" && next.length === 0 ? <span class="muted">{tx("console.noFurther")}</span> : null}
        {!ended && v.status !== "lobby" ? (v.paused
          ? <button type="button" disabled={busy} onClick={() => run({ type: "resume" }, tx("console.did.resume"))}>{tx("console.resume")}</button>
          : <button type="button" disabled={busy} onClick={() => run({ type: "pause" }, tx("console.did.pause"))}>{tx("console.pause")}</button>) : null}
      </div>
      {openDecision && next.length ? <p class="hint">{tx("console.closeFirst")}</p> : null}
      {!ended ? (
        <div class="ex-controls">
          <div class="field ex-inline-field">
            <label for="con-minutes">{tx("console.minutes")}</label>
            <input id="con-minutes" type="number" min={1} max={120} step={0.5} value={minutes} onInput={(e) => setMinutes(e.currentTarget.value)} />
          </div>
          <button type="button" disabled={busy || !timerOk || v.paused} onClick={() => run({ type: "timer-start", seconds }, tx("console.did.timer", { minutes }))}>{tx("console.startTimer")}</button>
          {v.timer ? <button type="button" disabled={busy} onClick={() => run({ type: "timer-stop" }, tx("console.did.timerStop"))}>{tx("console.stopTimer")}</button> : null}
        </div>
      ) : null}
      <div class="ex-controls">
        {!v.hotwash && v.status !== "lobby" ? <button type="button" disabled={busy || (v.paused && !ended)} onClick={() => run({ type: "open-hotwash" }, tx("console.did.hotwash"))}>{tx("console.openHotwash")}</button> : null}
        {v.hotwash ? <span class="muted">{tx("console.hotwashOpen")}</span> : null}
        {!ended ? (confirmEnd ? (
          <>
            <button type="button" class="danger" disabled={busy} onClick={() => { setConfirmEnd(false); void run({ type: "end" }, tx("console.did.end")); }}>{tx("console.confirmEnd")}</button>
            <button type="button" onClick={() => setConfirmEnd(false)}>{tx("console.cancel")}</button>
          </>
        ) : <button type="button" class="danger" disabled={busy} onClick={() => setConfirmEnd(true)}>{tx("console.end")}</button>) : <span class="muted">{tx("console.endedNote")}</span>}
      </div>
      <p class="ok" role="status">{notice}</p>
      {error ? <p class="error form-problem" role="alert">{tx("console.refused", { message: error })}</p> : null}
      <p class="muted small">{tx("console.observations", { count: v.observations })}</p>
    </section>
  );
}

const two = (n: number) => String(n).padStart(2, "0");
/** Seconds as m:ss (h:mm:ss from an hour). */
function clockText(seconds: number) {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
  return h ? `${h}:${two(m)}:${two(s % 60)}` : `${m}:${two(s % 60)}`;
}

/** The time now, every second while `active`. */
function useNow(active: boolean) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    const h = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(h);
  }, [active]);
  return now;
}

/** The next scheduled inject of the phase, counting down, with "release now" and "hold". */
function ComingNext({ sc, v, run, busy }: { sc: Scenario; v: View; run: Run; busy: boolean }) {
  const next = upcoming(v.clock)[0];
  const now = useNow(Boolean(next));
  const inj = next && sc.phases.find((p) => p.id === v.phase?.id)?.injects.find((i) => i.id === next.inject);
  if (!next || !inj) return null;
  return (
    <div class="ex-card ex-next" aria-labelledby="con-next">
      <h3 id="con-next">{tx("console.schedule.heading")}</h3>
      <p role="timer" aria-live="off"><span dir="auto">{tx("console.schedule.next", { title: inj.title, time: clockText((next.due - now) / 1000) })}</span></p>
      <div class="ex-controls">
        <button type="button" class="primary" disabled={busy || v.paused} onClick={() => run({ type: "release-inject", inject: inj.id }, tx("console.did.inject", { title: inj.title }))}>{tx("console.schedule.fireNow")}</button>
        <button type="button" disabled={busy} onClick={() => run({ type: "hold-inject", inject: inj.id }, tx("console.schedule.held", { title: inj.title }))}>{tx("console.schedule.hold")}</button>
      </div>
    </div>
  );
}

/** An inject's place on the schedule: when it is due, or a field to schedule it. */
function ScheduleControl({ inject, v, run, busy }: { inject: { id: string; title: string }; v: View; run: Run; busy: boolean }) {
  const offset = v.clock.schedule[inject.id];
  const due = dueAt(v.clock, inject.id);
  const now = useNow(due !== null);
  const [minutes, setMinutes] = useState("5");
  const field = `sched-${inject.id}`;
  if (offset !== undefined) {
    const at = clockText(offset);
    return (
      <>
        <span class="muted">{due === null ? tx("console.schedule.waiting", { offset: at }) : tx("console.schedule.due", { offset: at, time: clockText((due - now) / 1000) })}</span>
        <button type="button" disabled={busy} onClick={() => run({ type: "hold-inject", inject: inject.id }, tx("console.schedule.held", { title: inject.title }))} aria-label={tx("console.named", { action: tx("console.schedule.hold"), what: inject.title })}>{tx("console.schedule.hold")}</button>
      </>
    );
  }
  return (
    <form class="ex-schedule" onSubmit={(e) => { e.preventDefault(); void run({ type: "schedule-inject", inject: inject.id, after_seconds: Math.round(Number(minutes) * 60) }, tx("console.schedule.scheduled", { title: inject.title })); }}>
      <label for={field}>{tx("console.schedule.minutes")}</label>
      <input id={field} type="number" inputMode="decimal" min={0} max={360} step="any" required value={minutes} onInput={(e) => setMinutes((e.target as HTMLInputElement).value)} />
      <button type="submit" disabled={busy || v.paused} aria-label={tx("console.named", { action: tx("console.schedule.set"), what: inject.title })}>{tx("console.schedule.set")}</button>
    </form>
  );
}

function PhasePanel({ sc, v, run, busy }: { sc: Scenario; v: View; run: Run; busy: boolean }) {
  const phase = sc.phases.find((p) => p.id === v.phase?.id);
  if (!phase) return null;
  const roleName = (rid: string) => sc.roles.find((r) => r.id === rid)?.name ?? rid;
  const released = (kind: string, title: string) => v.feed.some((f) => f.phase === phase.id && f.kind === kind && f.title === title);
  const situationOut = released("situation", phase.title);
  const ended = v.status === "ended";
  const optionText = (decision: string, option: string) => sc.phases.flatMap((p) => p.decisions).find((x) => x.id === decision)?.options.find((o) => o.id === option)?.text ?? option;
  return (
    <section aria-labelledby="con-phase">
      <h2 id="con-phase">{tx("console.phase", { title: phase.title })}{phase.branch ? <span class="badge">{tx("scenario.branch")}</span> : null}</h2>
      <div class="ex-card">
        <h3>{tx("console.situation")}</h3>
        <p dir="auto">{phase.situation}</p>
        {situationOut ? <p class="ok">{tx("console.releasedMark")}</p>
          : <button type="button" class="primary" disabled={busy || ended || v.paused} onClick={() => run({ type: "release-situation" }, tx("console.did.situation"))}>{tx("console.releaseSituation")}</button>}
      </div>
      <ComingNext sc={sc} v={v} run={run} busy={busy} />
      <h3>{tx("scenario.injects")}</h3>
      <ul class="ex-injects">
        {phase.injects.map((inj) => {
          const out = released(inj.kind, inj.title);
          return (
            <li key={inj.id} class={`ex-card${out ? " ex-done" : ""}`}>
              <h4><span dir="auto">{inj.title}</span> <span class="ex-kind">{tx(`feed.kind.${inj.kind}`)}</span></h4>
              <p class="muted">{tx("scenario.audience", { who: inj.audience === "all" ? tx("scenario.everyone") : inj.audience.map(roleName).join(", ") })}</p>
              <p class="muted">{inj.release.mode === "manual" ? tx("scenario.manualRelease") : tx("scenario.conditional", { option: optionText(inj.release.decision, inj.release.option), decision: inj.release.decision })}</p>
              <p dir="auto">{inj.text}</p>
              <p class="ex-notes"><strong>{tx("scenario.notes")}</strong> <span dir="auto">{inj.facilitator_notes}</span></p>
              {out ? <p class="ok">{tx("console.releasedMark")}</p> : (
                <div class="ex-controls">
                  <button type="button" disabled={busy || ended || v.paused} onClick={() => run({ type: "release-inject", inject: inj.id }, tx("console.did.inject", { title: inj.title }))} aria-label={tx("console.named", { action: tx("console.releaseInject"), what: inj.title })}>{tx("console.releaseInject")}
                  </button>
                  {inj.release.mode === "manual" && !ended ? <ScheduleControl inject={inj} v={v} run={run} busy={busy} /> : null}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {phase.decisions.length ? <h3>{tx("scenario.decisions")}</h3> : null}
      {phase.decisions.map((dp) => {
        const state = v.decisions.find((x) => x.decision === dp.id)?.state;
        const count = v.answered[dp.id]?.length ?? 0;
        const tally = v.results[dp.id];
        const alignment = Object.fromEntries(dp.options.map((o) => [o.id, o.alignment]));
        return (
          <div key={dp.id} class="ex-card ex-decision">
            <h4 dir="auto">{dp.prompt}</h4>
            <p class="muted">{tx(`scope.${dp.scope}`)} · {tx(`response.${dp.response}`)}{dp.scope === "role" ? ` · ${dp.roles.map(roleName).join(", ")}` : ""}</p>
            <p><span class={`ex-dstate ex-dstate-${state ?? "waiting"}`}>{tx(`console.dstate.${state ?? "waiting"}`)}</span>{" "}
              {state ? <span class="ex-answer-count">{tx("console.answers", { count })}</span> : null}</p>
            {tally ? <ResultBars options={dp.options} tally={tally} response={dp.response} alignment={alignment} /> : (
              <ul class="ex-option-list">
                {dp.options.map((o) => <li key={o.id}><span dir="auto">{o.text}</span> <AlignmentBadge alignment={o.alignment} />{o.branch ? <span class="badge">{tx("scenario.leadsTo", { phase: sc.phases.find((x) => x.id === o.branch)?.title ?? o.branch })}</span> : null}</li>)}
              </ul>
            )}
            {tally?.branch ? <p class="note">{tx("console.branchChosen", { title: sc.phases.find((x) => x.id === tally.branch)?.title ?? tally.branch })}</p> : null}
            <div class="ex-controls">
              {!state ? <button type="button" class="primary" disabled={busy || ended || v.paused} onClick={() => run({ type: "open-decision", decision: dp.id }, tx("console.did.open"))} aria-label={tx("console.named", { action: tx("console.openDecision"), what: dp.prompt })}>{tx("console.openDecision")}</button> : null}
              {state === "open" ? <button type="button" class="primary" disabled={busy || v.paused} onClick={() => run({ type: "close-decision", decision: dp.id }, tx("console.did.close"))} aria-label={tx("console.named", { action: tx("console.closeDecision"), what: dp.prompt })}>{tx("console.closeDecision")}</button> : null}
              {state === "closed" ? <button type="button" class="primary" disabled={busy || v.paused} onClick={() => run({ type: "reveal", decision: dp.id }, tx("console.did.reveal"))} aria-label={tx("console.named", { action: tx("console.reveal"), what: dp.prompt })}>{tx("console.reveal")}</button> : null}
            </div>
          </div>
        );
      })}
    </section>
  );
}

function Room({ sc, v }: { sc: Scenario; v: View }) {
  const roleName = (rid: string | null) => (rid ? sc.roles.find((r) => r.id === rid)?.name ?? rid : "—");
  const members = useMemo(() => [...v.members].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "participant" ? -1 : 1) || roleName(a.role).localeCompare(roleName(b.role)) || (a.table ?? "").localeCompare(b.table ?? "") || a.pseudonym.localeCompare(b.pseudonym)), [v.members]);
  const open = v.decisions.find((x) => x.state === "open");
  const empty = sc.roles.filter((r) => !v.members.some((m) => m.role === r.id));
  const participants = v.members.filter((m) => m.kind === "participant").length;
  return (
    <section aria-labelledby="con-room" class="panel">
      <h2 id="con-room">{tx("console.room", { count: participants })}</h2>
      {members.length === 0 ? <p class="muted">{tx("console.nobody")}</p> : (
        <div class="table-wrap" tabIndex={0} role="region" aria-label={tx("console.membersCaption")}>
          <table class="ex-members">
            <caption class="visually-hidden">{tx("console.membersCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{tx("console.pseudonym")}</th><th scope="col">{tx("console.role")}</th><th scope="col">{tx("console.table")}</th>
                <th scope="col">{tx("console.language")}</th>{open ? <th scope="col">{tx("console.answered")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <th scope="row"><bdi>{m.pseudonym}</bdi></th>
                  <td>{m.kind === "evaluator" ? tx("console.evaluator") : roleName(m.role)}</td>
                  <td><bdi>{m.table ?? "—"}</bdi></td>
                  <td>{m.language || "—"}</td>
                  {open ? <td>{m.kind === "participant" ? (v.answered[open.decision]?.includes(m.id) ? tx("console.yes") : tx("console.no")) : "—"}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {empty.length ? <p class="hint">{tx("console.emptyRoles", { roles: empty.map((r) => r.name).join("; ") })}</p> : null}
    </section>
  );
}

/** The page with its strings, for app.tsx. */
export const load = () => withStrings(["participant", "facilitator"], ConsolePage);
