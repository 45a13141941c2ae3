/** Types and small helpers of the facilitator's exercise pages (library, scenario, console, report). Not loaded by the phone pages. */
import type { Scenario } from "../../core/knowledge/schema.js";
import type { View } from "../../core/exercises/view.js";
import "./facilitator.css";
import { tx } from "./strings.js";

export const exApi = "/api/v1/exercises";
export type { Scenario };

export interface ScenarioItem { id: string; version: number; title: string; summary: string; context: string; region: string; manifestations: string[]; practices: string[]; roles: { id: string; name: string; actor: string }[]; phases: number }
export interface SessionItem { id: string; name: string; marking: string; scenario: string; status: string; participants: number; created_at: string }
export interface SessionMember { id: string; pseudonym: string; role: string | null; table: string | null; language: string; kind: "participant" | "evaluator" }
export interface SessionDetails { id: string; name: string; marking: string; workspace: string; scenario: string; scenario_version: number; join_code: string; /** from PUBLIC_URL on the server, or relative when it is unset */ join_url: string; evaluator_code: string; max_participants: number; joining_open: boolean; status: string; members: SessionMember[] }

/** Where the projector key of a session just created is kept for its console (it is shown only once). */
export const projectorKeyStore = (session: string) => `nexus.exercise.projector.${session}`;

export const manifestationName = (id: string) => tx(`names.manifestation.${id}`, { defaultValue: id });
export const contextName = (id: string) => tx(`names.context.${id}`, { defaultValue: id });

export function AlignmentBadge({ alignment }: { alignment: string }) {
  return <span class={`ex-align ex-align-${alignment}`}>{tx(`results.alignment.${alignment}`)}</span>;
}

/** The phases the rules let the facilitator enter next (as nextPhases in src/core/exercises/engine.ts, from what the console sees). */
export function allowedNext(sc: Scenario, v: View): string[] {
  if (!v.phase) return sc.phases.length ? [sc.phases[0].id] : [];
  const at = sc.phases.findIndex((p) => p.id === v.phase!.id);
  const current = sc.phases[at];
  const branches = (current?.decisions ?? []).map((d) => v.results[d.id]?.branch).filter((b): b is string => Boolean(b));
  if (branches.length) return [...new Set(branches)];
  const next = sc.phases.slice(at + 1).find((p) => !p.branch);
  return next ? [next.id] : [];
}
