/**
 * What a screen shows, as the fold of the events it received: the status, the phase, the feed
 * of situations and injects, the open decision, the revealed results, the timer and who is in
 * the room. The server builds a reconnecting client's snapshot with the same fold, so the
 * snapshot and the live updates cannot disagree. Pure and small: the participant page uses it.
 */
import type { Answer, ExerciseEvent, Member, Status, Tally } from "./events.js";
import { emptyClock, stepClock, type Clock } from "./schedule.js";

export interface FeedItem { seq: number; at: string; kind: string; title: string; text: string; phase: string }
export interface OpenDecision { decision: string; prompt: string; scope: string; roles: string[]; response: string; options: { id: string; text: string }[]; state: "open" | "closed" | "revealed" }
export interface View {
  /** the member this view belongs to, or null for the facilitator and the projector */
  me: string | null;
  seq: number;
  status: Status;
  paused: boolean;
  phase: { id: string; title: string; branch: boolean } | null;
  feed: FeedItem[];
  decisions: OpenDecision[];
  /** this member's own latest answers */
  answers: Record<string, Answer>;
  results: Record<string, Tally>;
  /** who has answered each decision (a participant only learns about themselves) */
  answered: Record<string, string[]>;
  timer: { ends_at: string; seconds: number } | null;
  members: Member[];
  hotwash: boolean;
  observations: number;
  /** the phase's start, pauses and (for the facilitator) scheduled injects */
  clock: Clock;
}

export const emptyView = (me: string | null = null): View => ({ me, seq: 0, status: "lobby", paused: false, phase: null, feed: [], decisions: [], answers: {}, results: {}, answered: {}, timer: null, members: [], hotwash: false, observations: 0, clock: emptyClock() });

export function applyEvent(v: View, e: ExerciseEvent): View {
  if (e.seq <= v.seq) return v;
  const n: View = { ...v, seq: e.seq, clock: stepClock(v.clock, e) };
  const setDecision = (id: string, state: OpenDecision["state"]) => { n.decisions = v.decisions.map((d) => (d.decision === id ? { ...d, state } : d)); };
  switch (e.type) {
    case "member-joined": n.members = [...v.members.filter((m) => m.id !== e.member.id), e.member]; break;
    case "briefing-started": n.status = "briefing"; break;
    case "phase-entered": n.status = "running"; n.phase = { id: e.phase, title: e.title, branch: e.branch }; n.timer = null; break;
    case "situation-released": n.feed = [...v.feed, { seq: e.seq, at: e.at, kind: "situation", title: e.title, text: e.situation, phase: e.phase }]; break;
    case "inject-released": n.feed = [...v.feed, { seq: e.seq, at: e.at, kind: e.kind, title: e.title, text: e.text, phase: e.phase }]; break;
    case "decision-opened": n.decisions = [...v.decisions, { decision: e.decision, prompt: e.prompt, scope: e.scope, roles: e.roles, response: e.response, options: e.options, state: "open" }]; break;
    case "decision-closed": setDecision(e.decision, "closed"); break;
    case "results-revealed": setDecision(e.decision, "revealed"); n.results = { ...v.results, [e.decision]: e.tally }; break;
    case "response-recorded":
      if (e.member === v.me) n.answers = { ...v.answers, [e.decision]: e.answer };
      n.answered = { ...v.answered, [e.decision]: [...new Set([...(v.answered[e.decision] ?? []), e.member])] };
      break;
    case "paused": n.paused = true; break;
    case "resumed": n.paused = false; break;
    case "timer-started": n.timer = { ends_at: e.ends_at, seconds: e.seconds }; break;
    case "timer-stopped": n.timer = null; break;
    case "observation-recorded": n.observations = v.observations + 1; break;
    case "hotwash-opened": n.hotwash = true; break;
    case "ended": n.status = "ended"; n.timer = null; break;
    default: break;
  }
  return n;
}

/**
 * Text answers grouped: the same answer written by several people (case, spaces and final
 * punctuation aside) is shown once with how many gave it, the most given first.
 */
export function groupTexts(texts: string[]): { text: string; count: number }[] {
  const groups = new Map<string, { text: string; count: number }>();
  for (const t of texts) {
    const key = t.trim().replace(/\s+/g, " ").replace(/[.!。！]+$/u, "").toLocaleLowerCase();
    if (!key) continue;
    const g = groups.get(key);
    if (g) g.count++; else groups.set(key, { text: t.trim(), count: 1 });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}
