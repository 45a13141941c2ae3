/**
 * Scenario texts in each screen's language. The event log stores the texts the session released
 * (in the English of the library, the log's language); a screen receives each event with the
 * texts of the same phase, inject, decision and options taken from the scenario in its reader's
 * language, looked up by id. Where that scenario lacks the element (it changed since the
 * session started), the stored text stays. A refusal's titles are given the same way (refusalIn).
 * Pure.
 */
import { msg, type Msg, type MsgParam } from "../i18n/messages.js";
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

/**
 * An element of the scenario that a refusal names (engine.ts): a reader sees its title, never its
 * id: a phase's title, a decision's prompt, an option's text, an inject's title, a role's name.
 */
export type ScenarioRef = { phase: string } | { decision: string } | { option: string; decision: string } | { inject: string } | { role: string };
export type ScenarioRefs = Record<string, ScenarioRef | ScenarioRef[]>;

const decisionOf = (sc: Scenario, id: string) => sc.phases.flatMap((p) => p.decisions).find((d) => d.id === id);

/** The title a reader sees for an element of the scenario; undefined where this scenario lacks it. */
export function titleOf(sc: Scenario, ref: ScenarioRef): string | undefined {
  if ("option" in ref) return decisionOf(sc, ref.decision)?.options.find((o) => o.id === ref.option)?.text;
  if ("decision" in ref) return decisionOf(sc, ref.decision)?.prompt;
  if ("phase" in ref) return sc.phases.find((p) => p.id === ref.phase)?.title;
  if ("inject" in ref) return sc.phases.flatMap((p) => p.injects).find((i) => i.id === ref.inject)?.title;
  return sc.roles.find((r) => r.id === ref.role)?.name;
}

/**
 * The message parameters that name elements of the scenario, with their titles in `sc`: a title
 * as it is, a list as messages (roles by name, the rest quoted) that the catalogue joins with the
 * language's separator. A parameter whose element `sc` lacks is left out.
 */
export function titlesIn(sc: Scenario, refs: ScenarioRefs): Record<string, MsgParam> {
  const out: Record<string, MsgParam> = {};
  for (const [name, ref] of Object.entries(refs)) {
    if (!Array.isArray(ref)) {
      const title = titleOf(sc, ref);
      if (title !== undefined) out[name] = title;
      continue;
    }
    const titles = ref.map((r) => titleOf(sc, r));
    if (titles.every((t): t is string => t !== undefined)) out[name] = titles.map((text, i) => msg(`exercises.msg.${"role" in ref[i] ? "item" : "quoted"}`, { text }));
  }
  return out;
}

/**
 * A refusal of the engine as its reader should see it: the elements it names titled from `sc`,
 * the scenario in the reader's language (the refusal's own titles, from the scenario the command
 * was checked against, stay where `sc` lacks the element).
 */
export function refusalIn(e: { key: string; params: Record<string, MsgParam>; refs: ScenarioRefs }, sc: Scenario): Msg {
  const params = { ...e.params, ...titlesIn(sc, e.refs) };
  return msg(e.key, Object.keys(params).length ? params : undefined);
}
