/**
 * Scenario texts in each screen's language. The event log stores the texts the session released
 * (in the English of the library, the log's language); a screen receives each event with the
 * texts of the same phase, inject, decision and options taken from the scenario in its reader's
 * language, looked up by id. Where that scenario lacks the element (it changed since the
 * session started), the stored text stays. Pure.
 */
import type { Scenario } from "../knowledge/schema.js";
import type { ExerciseEvent } from "./events.js";

export function localizeEvent(e: ExerciseEvent, sc: Scenario): ExerciseEvent {
  switch (e.type) {
    case "phase-entered": {
      const p = sc.phases.find((x) => x.id === e.phase);
      return p ? { ...e, title: p.title } : e;
    }
    case "situation-released": {
      const p = sc.phases.find((x) => x.id === e.phase);
      return p ? { ...e, title: p.title, situation: p.situation } : e;
    }
    case "inject-released": {
      const inj = sc.phases.find((x) => x.id === e.phase)?.injects.find((x) => x.id === e.inject);
      if (!inj) return e;
      return { ...e, title: inj.title, text: inj.text, ...(e.notes !== undefined ? { notes: inj.facilitator_notes } : {}) };
    }
    case "decision-opened": {
      const d = sc.phases.find((x) => x.id === e.phase)?.decisions.find((x) => x.id === e.decision);
      if (!d) return e;
      return { ...e, prompt: d.prompt, options: e.options.map((o) => ({ id: o.id, text: d.options.find((x) => x.id === o.id)?.text ?? o.text })) };
    }
    default:
      return e;
  }
}
