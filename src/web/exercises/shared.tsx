/**
 * Small pieces every live screen shares (phone, projector, console): the connection line, the
 * status, the countdown, the feed of situations and injects, the revealed results as bars, and
 * the device's join tokens. Kept light: the phone page loads it.
 */
import { useEffect, useState } from "preact/hooks";
import type { Tally } from "../../core/exercises/events.js";
import { groupTexts, type FeedItem, type View } from "../../core/exercises/view.js";
import type { Conn } from "./live.js";
import { i18next } from "../i18n.js";
import { tx } from "./strings.js";

export const enc = encodeURIComponent;

/** What this device holds after joining a session. */
export interface Joined { session: string; token: string; member: { id: string; pseudonym: string; role: string | null; table: string | null; kind: string }; title: string }
const storeKey = (session: string) => `nexus.exercise.${session}`;
export function joinedSession(session: string): Joined | null {
  try { return JSON.parse(localStorage.getItem(storeKey(session)) ?? "null") as Joined | null; } catch { return null; }
}
export function rememberJoin(j: Joined) { localStorage.setItem(storeKey(j.session), JSON.stringify(j)); }
export function forgetJoin(session: string) { localStorage.removeItem(storeKey(session)); }
export function joinedSessions(): Joined[] {
  const out: Joined[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (k?.startsWith("nexus.exercise.")) { const j = joinedSession(k.slice("nexus.exercise.".length)); if (j?.token) out.push(j); }
  }
  return out;
}

/** "Reconnecting…" and friends; nothing while connected. */
export function ConnLine({ conn, refused }: { conn: Conn; refused: string | null }) {
  return (
    <p class={`ex-conn ex-conn-${conn}`} role="status">
      {conn === "open" ? "" : conn === "refused" ? tx("conn.refused", { message: refused ?? "" }) : tx(`conn.${conn}`)}
    </p>
  );
}

export function statusKey(v: { status: string; paused: boolean }): string {
  return v.paused && v.status !== "ended" ? "paused" : v.status;
}

export function StatusBadge({ view }: { view: { status: string; paused: boolean } }) {
  const k = statusKey(view);
  return <span class={`ex-status ex-status-${k}`}>{tx(`status.${k}`)}</span>;
}

const two = (n: number) => String(n).padStart(2, "0");
/** The timer's countdown, from its end time; refreshed every second. */
export function Countdown({ timer, big }: { timer: View["timer"]; big?: boolean }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!timer) return;
    const h = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(h);
  }, [timer?.ends_at]);
  if (!timer) return null;
  const left = Math.max(0, Math.min(timer.seconds, Math.ceil((Date.parse(timer.ends_at) - now) / 1000)));
  const text = `${two(Math.floor(left / 60))}:${two(left % 60)}`;
  return (
    <p class={`ex-timer${big ? " ex-timer-big" : ""}${left === 0 ? " ex-timer-up" : ""}`}>
      <span class="ex-timer-label">{tx("timer.label")}</span>{" "}
      <span role="timer" dir="ltr" aria-label={tx("timer.aria", { minutes: Math.floor(left / 60), seconds: left % 60 })}>{text}</span>
      {left === 0 ? <span class="ex-timer-note"> {tx("timer.up")}</span> : null}
    </p>
  );
}

/** Situations and injects, newest first, announced politely as they arrive. */
export function Feed({ items, headingId, big }: { items: FeedItem[]; headingId: string; big?: boolean }) {
  const sorted = [...items].sort((a, b) => b.seq - a.seq);
  return (
    <div role="log" aria-live="polite" aria-relevant="additions" aria-labelledby={headingId}>
      {sorted.length === 0 ? <p class="muted">{tx("feed.empty")}</p> : (
        <ol class={`ex-feed${big ? " ex-feed-big" : ""}`}>
          {sorted.map((f) => (
            <li key={f.seq} class={`ex-feed-item ex-kind-${f.kind}`}>
              <article aria-label={`${tx(`feed.kind.${f.kind}`)}: ${f.title}`}>
                <p class="ex-feed-kind"><span class="ex-kind">{tx(`feed.kind.${f.kind}`)}</span>{" "}
                  <time dateTime={f.at} class="muted">{new Date(f.at).toLocaleTimeString(i18next.language, { hour: "2-digit", minute: "2-digit" })}</time></p>
                <h3 class="ex-feed-title" dir="auto">{f.title}</h3>
                <p class="ex-feed-text" dir="auto">{f.text}</p>
              </article>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

export const alignmentOrder = ["aligned", "partial", "misaligned"] as const;

/**
 * Revealed results as bars: each option's count and share, the chosen option marked. With
 * `alignment` (the facilitator's and report's view) each bar also says how the option aligns
 * with the good practices, in colour and in words.
 */
export function ResultBars({ options, tally, response, alignment, big }: { options: { id: string; text: string }[]; tally: Tally; response: string; alignment?: Record<string, string>; big?: boolean }) {
  const total = Object.values(tally.counts).reduce((a, b) => a + b, 0);
  const max = Math.max(1, ...Object.values(tally.counts));
  return (
    <div class={`ex-results${big ? " ex-results-big" : ""}`}>
      <p class="ex-results-units">{tx("results.units", { count: tally.units })}{tally.chosen ? "" : ` ${tx("results.noWinner")}`}</p>
      <ul class="ex-bars">
        {options.map((o) => {
          const n = tally.counts[o.id] ?? 0;
          const al = alignment?.[o.id];
          const chosen = tally.chosen === o.id;
          return (
            <li key={o.id} class={`ex-bar-row${chosen ? " ex-chosen" : ""}${al ? ` ex-al-${al}` : ""}`}>
              <span class="ex-bar-text" dir="auto">
                {o.text}
                {chosen ? <strong class="ex-chosen-flag"> {tx("results.chosen")}</strong> : null}
                {al ? <span class={`ex-align ex-align-${al}`}> {tx(`results.alignment.${al}`)}</span> : null}
              </span>
              <span class="ex-bar-track" aria-hidden="true"><span class="ex-bar-fill" style={{ width: `${Math.round((n / max) * 100)}%` }} /></span>
              <span class="ex-bar-count">{tx(response === "rank" ? "results.points" : "results.count", { count: n, pct: total ? Math.round((n / total) * 100) : 0 })}</span>
            </li>
          );
        })}
      </ul>
      {tally.texts?.length ? (
        <ul class="ex-texts">{groupTexts(tally.texts).map((g) => <li key={g.text} dir="auto">{g.text}{g.count > 1 ? <span class="badge" dir="ltr"> ×{g.count}</span> : null}</li>)}</ul>
      ) : null}
    </div>
  );
}
