/**
 * The event log of a live exercise session. Every change is an event with a sequence number
 * given by the server; the state of a session is the fold of its events, and what a client sees
 * is the fold of the events it may see (view.ts). Pure types and the list of kinds.
 */
export const statuses = ["lobby", "briefing", "running", "paused", "ended"] as const;
export type Status = (typeof statuses)[number];

export interface Member { id: string; pseudonym: string; role: string | null; table: string | null; language: string; kind: "participant" | "evaluator" }
export type Answer = { option: string } | { options: string[] } | { order: string[] } | { text: string };
export interface Tally { units: number; counts: Record<string, number>; chosen: string | null; branch: string | null; texts?: string[] }

export type EventData =
  | { type: "member-joined"; member: Member }
  | { type: "briefing-started" }
  | { type: "phase-entered"; phase: string; title: string; branch: boolean }
  | { type: "situation-released"; phase: string; title: string; situation: string }
  /** scheduled: released by the schedule rather than by the facilitator's hand */
  | { type: "inject-released"; inject: string; phase: string; kind: string; title: string; text: string; audience: "all" | string[]; notes?: string; scheduled?: true }
  /** the facilitator scheduled an inject of the current phase at an offset from the phase's start (schedule.ts) */
  | { type: "inject-scheduled"; inject: string; after_seconds: number }
  /** the facilitator took an inject off the schedule; it waits for their hand */
  | { type: "inject-held"; inject: string }
  | { type: "decision-opened"; decision: string; phase: string; prompt: string; scope: string; roles: string[]; response: string; options: { id: string; text: string }[] }
  | { type: "response-recorded"; decision: string; member: string; answer: Answer; request: string }
  | { type: "decision-closed"; decision: string }
  | { type: "results-revealed"; decision: string; tally: Tally }
  | { type: "paused" }
  | { type: "resumed" }
  | { type: "timer-started"; seconds: number; ends_at: string }
  | { type: "timer-stopped" }
  | { type: "observation-recorded"; member: string; rating: "P" | "S" | "M" | "U"; practice: string | null; objective: string | null; note: string; request: string }
  | { type: "hotwash-opened" }
  /** member is null when anonymous; ballot is the member's secret key (absent in answers from before it existed), never sent to any screen */
  | { type: "hotwash-answered"; member: string | null; ballot?: string; answers: Record<string, string | number>; request: string }
  | { type: "ended" };

export type EventType = EventData["type"];
export type ExerciseEvent = EventData & { seq: number; at: string };
