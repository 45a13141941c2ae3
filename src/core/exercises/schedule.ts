/**
 * Scheduled injects (issue 14): on top of manual pacing, the facilitator may schedule an inject
 * of the current phase at an offset from the phase's start. The schedule is part of the event
 * log (inject-scheduled, inject-held), so it survives a restart and every instance reads the same
 * one. Exercise time stops while the session is paused: the pauses of the phase shift every due
 * time by their length. The server fires what is due (dueInjects) on a timer set to the next due
 * time; the console shows the same due times. Pure: the caller passes the time.
 */
import type { ExerciseEvent } from "./events.js";

export interface Clock {
  /** when the current phase was entered (ISO), or null before the first phase */
  phaseStartedAt: string | null;
  /** milliseconds the session was paused since the phase started, pauses that ended */
  pausedMs: number;
  /** when the running pause began (ISO), or null */
  pausedAt: string | null;
  /** the current phase's scheduled injects: seconds after the phase's start */
  schedule: Record<string, number>;
}

export const emptyClock = (): Clock => ({ phaseStartedAt: null, pausedMs: 0, pausedAt: null, schedule: {} });

/** Longest offset the facilitator may schedule an inject at: six hours, a long exercise day. */
export const MAX_OFFSET_SECONDS = 6 * 3600;

/** The clock after an event. */
export function stepClock(c: Clock, e: ExerciseEvent): Clock {
  switch (e.type) {
    case "phase-entered": return { phaseStartedAt: e.at, pausedMs: 0, pausedAt: null, schedule: {} };
    case "paused": return { ...c, pausedAt: e.at };
    case "resumed": return { ...c, pausedMs: c.pausedMs + (c.pausedAt ? Math.max(0, Date.parse(e.at) - Date.parse(c.pausedAt)) : 0), pausedAt: null };
    case "inject-scheduled": return { ...c, schedule: { ...c.schedule, [e.inject]: e.after_seconds } };
    case "inject-held":
    case "inject-released": {
      if (!(e.inject in c.schedule)) return c;
      const { [e.inject]: _gone, ...rest } = c.schedule;
      return { ...c, schedule: rest };
    }
    case "ended": return { ...c, schedule: {} };
    default: return c;
  }
}

/** When a scheduled inject is due (ms since the epoch), or null while paused or when it is not scheduled. */
export function dueAt(c: Clock, inject: string): number | null {
  const after = c.schedule[inject];
  if (after === undefined || !c.phaseStartedAt || c.pausedAt) return null;
  return Date.parse(c.phaseStartedAt) + after * 1000 + c.pausedMs;
}

/** The scheduled injects with their due times, soonest first (none while paused). */
export function upcoming(c: Clock): { inject: string; due: number }[] {
  return Object.keys(c.schedule).map((inject) => ({ inject, due: dueAt(c, inject) })).filter((x): x is { inject: string; due: number } => x.due !== null).sort((a, b) => a.due - b.due);
}

/** The injects due at `now`, soonest first. */
export const dueNow = (c: Clock, now: Date) => upcoming(c).filter((x) => x.due <= now.getTime()).map((x) => x.inject);
