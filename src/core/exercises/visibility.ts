/**
 * Who sees which event. The facilitator sees everything; evaluators see everything but the
 * facilitator's notes; the projector shows what the whole room may see; a participant sees
 * what is addressed to everyone or to their role, and of the answers only their own; the
 * projector learns that someone answered, not what. The
 * schedule of injects is the facilitator's alone.
 * Returns the event as that viewer receives it, or null. Nobody receives a hot-wash answer's
 * ballot key. Pure.
 */
import type { ExerciseEvent } from "./events.js";

export type Viewer = { kind: "facilitator" } | { kind: "projector" } | { kind: "evaluator"; member: string } | { kind: "participant"; member: string; role: string | null };

/** An event as it may leave the server (live, on reconnect, in events.json): a hot-wash answer without its ballot key. */
export function withoutBallot(e: ExerciseEvent): ExerciseEvent {
  if (e.type !== "hotwash-answered" || e.ballot === undefined) return e;
  const { ballot: _ballot, ...rest } = e;
  return rest;
}

export function visibleTo(event: ExerciseEvent, v: Viewer): ExerciseEvent | null {
  // The ballot ties a member's hot-wash answers together; shown to no one, so an anonymous answer cannot be linked to a named one.
  const e = withoutBallot(event);
  if (v.kind === "facilitator") return e;
  switch (e.type) {
    case "inject-released": {
      const { notes: _notes, ...rest } = e;
      if (v.kind === "evaluator") return rest;
      const forAll = e.audience === "all";
      if (v.kind === "projector") return forAll ? rest : null;
      return forAll || (v.role !== null && e.audience.includes(v.role)) ? rest : null;
    }
    case "response-recorded":
      if (v.kind === "evaluator" || (v.kind === "participant" && e.member === v.member)) return e;
      // The projector counts answers as they come, as the room sees hands go up; what was answered stays hidden until the reveal.
      return v.kind === "projector" ? { ...e, answer: { text: "" }, request: "" } : null;
    case "observation-recorded":
      return v.kind === "evaluator" ? e : null;
    case "inject-scheduled":
    case "inject-held":
      // What is coming and when stays with the facilitator, as the injects themselves do until released.
      return null;
    case "hotwash-answered":
      return v.kind !== "projector" && e.member !== null && "member" in v && v.member === e.member ? e : null;
    case "member-joined":
      // Everyone sees who is in the room by pseudonym and role; language and table stay with the facilitator and the member.
      return "member" in v && v.member === e.member.id ? e : { ...e, member: { ...e.member, language: "", table: null } };
    default:
      return e;
  }
}
