/**
 * The action plan over time: which months the plan spans, which actions are overdue, overall
 * progress, and whether a set of dependencies is sound (known actions, no cycles). Pure; the
 * caller passes today's date.
 */
import { msg, type Msg } from "../i18n/messages.js";
export const actionStatuses = ["planned", "in-progress", "done", "blocked", "cancelled"] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export interface Milestone { title: string; due: string; done: boolean }
export interface PlanAction { id: string; title: string; start: string | null; due: string | null; status: ActionStatus; depends_on: string[]; milestones: Milestone[] }

const finished = (s: ActionStatus) => s === "done" || s === "cancelled";
export const isOverdue = (a: PlanAction, today: string) => !finished(a.status) && a.due !== null && a.due < today;

/** Months from the earliest start (or due) to the latest due (or start), as YYYY-MM. */
export function planMonths(actions: PlanAction[]): string[] {
  const dates = actions.flatMap((a) => [a.start, a.due, ...a.milestones.map((m) => m.due)]).filter((d): d is string => Boolean(d)).sort();
  if (!dates.length) return [];
  const months: string[] = [];
  let [y, m] = dates[0].slice(0, 7).split("-").map(Number);
  const last = dates[dates.length - 1].slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, "0")}`;
    months.push(key);
    if (key >= last || months.length > 240) break;
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return months;
}

export function planProgress(actions: PlanAction[], today: string) {
  const live = actions.filter((a) => a.status !== "cancelled");
  return { total: live.length, done: live.filter((a) => a.status === "done").length, overdue: live.filter((a) => isOverdue(a, today)).length, blocked: live.filter((a) => a.status === "blocked").length };
}

/** Problems with an action's dependencies: unknown ids, itself, or a cycle through others. */
export function dependencyProblem(actions: Pick<PlanAction, "id" | "depends_on">[], id: string, dependsOn: string[]): string | null {
  const byId = new Map(actions.map((a) => [a.id, a.depends_on]));
  const unknown = dependsOn.find((d) => !byId.has(d));
  if (unknown) return `"${unknown}" is not an action of this plan`;
  if (dependsOn.includes(id)) return "an action cannot depend on itself";
  const seen = new Set<string>();
  const stack = [...dependsOn];
  while (stack.length) {
    const next = stack.pop()!;
    if (next === id) return "this would make a cycle of dependencies";
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(byId.get(next) ?? []));
  }
  return null;
}

/** Actions that start before an action they depend on is due: a warning, not an error. */
export function dependencyWarnings(actions: PlanAction[]): Record<string, Msg[]> {
  const byId = new Map(actions.map((a) => [a.id, a]));
  const out: Record<string, Msg[]> = {};
  for (const a of actions) {
    for (const d of a.depends_on) {
      const dep = byId.get(d);
      if (dep?.due && a.start && a.start < dep.due) (out[a.id] ??= []).push(msg("plans.msg.warn.startsBefore", { start: a.start, title: dep.title, due: dep.due }));
    }
  }
  return out;
}
