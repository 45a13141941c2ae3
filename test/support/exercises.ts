/**
 * Plays a command against a scenario as the server does: decide, number the events, fold them
 * into the state and keep them in the log. Shared by the engine's tests and the scenario tests.
 */
import { decide, reduce, type Actor, type Command, type SessionState } from "../../src/core/exercises/engine.js";
import type { ExerciseEvent } from "../../src/core/exercises/events.js";
import type { Scenario } from "../../src/core/knowledge/schema.js";

export type PlayedSession = { state: SessionState; log: ExerciseEvent[] };

export function play(sc: Scenario, s: PlayedSession, actor: Actor, c: Command, at: string) {
  const made = decide(s.state, sc, actor, c, new Date(at));
  for (const d of made) {
    const e = { ...d, seq: s.state.seq + 1, at } as ExerciseEvent;
    s.log.push(e);
    s.state = reduce(s.state, e);
  }
  return made;
}
