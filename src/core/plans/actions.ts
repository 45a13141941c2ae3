/**
 * Drafts an action plan from the gaps: for each priority practice, one action per step that
 * is not done or not applicable, worded from the step and owned by a unit mapped to one of the
 * practice's key actors, once for practices merged with each other. The coordinator edits the
 * draft; nothing here is final. The title is
 * the step's text in the language of the practices passed in; `why` is a message. Pure.
 */
import { msg, type Msg } from "../i18n/messages.js";
import { practiceRef } from "../i18n/practices.js";
import type { StepStatus } from "./ratings.js";

export interface PracticeForPlan { id: string; title: string; steps: { number: number; text: string }[]; actors: string[]; merged_with?: string }
export interface Unit { id: string; name: string; actor: string }
export interface DraftAction {
  practice: string;
  step: number;
  title: string;
  owner: { unit: string; name: string } | null;
  candidateOwners: { unit: string; name: string; actor: string }[];
  status: "planned";
  why: Msg;
  /** practices merged with this one whose identical step this action also answers (drafted once, not twice) */
  alsoFor: string[];
}

export function draftActions(practices: PracticeForPlan[], priorities: { practice: string; reasons: Msg[] }[], stepStatus: Record<string, Record<number, StepStatus>>, units: Unit[]): DraftAction[] {
  const out: DraftAction[] = [];
  for (const pr of priorities) {
    const p = practices.find((x) => x.id === pr.practice);
    if (!p) continue;
    // A practice merged with another repeats its steps (Hague GP 8 and 9): a step already drafted for the partner is not drafted again.
    const partner = p.merged_with;
    const drafted = (text: string) => (partner ? out.find((a) => a.practice === partner && a.title.trim() === text.trim()) : undefined);
    const candidates = units.filter((u) => p.actors.includes(u.actor)).map((u) => ({ unit: u.id, name: u.name, actor: u.actor }));
    for (const s of p.steps) {
      const status = stepStatus[p.id]?.[s.number] ?? "not-started";
      if (status === "done" || status === "not-applicable") continue;
      const same = drafted(s.text);
      if (same) { same.alsoFor.push(p.id); continue; }
      out.push({
        practice: p.id, step: s.number, title: s.text, owner: candidates[0] ? { unit: candidates[0].unit, name: candidates[0].name } : null,
        candidateOwners: candidates, status: "planned",
        why: msg("plans.msg.action.why", { practice: practiceRef(p.id), step: s.number, status, reasons: pr.reasons }),
        alsoFor: [],
      });
    }
  }
  return out;
}

/** Checks an action's dates: the due date must not come before the start. Returns the problem or null. */
export function actionDatesProblem(start: string | undefined, due: string | undefined): { field: string; message: string } | null {
  if (start && due && due < start) return { field: "due", message: "must not be before the start date" };
  return null;
}
