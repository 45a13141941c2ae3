import { randomUUID } from "node:crypto";
import type { Db, Queryable } from "../../db/connection.js";
import { actionDatesProblem, draftActions } from "../../core/plans/actions.js";
import { isMsg, type Msg } from "../../core/i18n/messages.js";
import type { StepStatus } from "../../core/plans/ratings.js";
import { dependencyProblem, dependencyWarnings, isOverdue, planMonths, planProgress, type ActionStatus, type Milestone, type PlanAction } from "../../core/plans/timeline.js";
import { badRequest, notFound } from "../http/problem.js";
import { appendAudit, type AuditActor } from "../platform/audit.repository.js";
import type { User } from "../platform/auth.service.js";
import type { PlansService } from "./plans.service.js";
import { invalid } from "../http/validation.js";

/** A unit of a plan; `institution` is the directory entry it is (decision 0035), when known. */
export interface Unit { id: string; name: string; actor: string; institution?: string | null }
export interface ActionInput { practice: string; step?: number | null; title: string; owner_unit?: string | null; start?: string | null; due?: string | null; status?: ActionStatus; depends_on?: string[]; milestones?: Milestone[] }
interface ActionRow { id: string; practice: string; step: number | null; title: string; owner_unit: string | null; start_date: string | null; due_date: string | null; status: ActionStatus; depends_on: string[]; milestones: Milestone[]; why: string }
/** `why`: a message for an action drafted from the gaps (a sentence for one stored before decision 0025), "" for one written by hand. */
export type Action = PlanAction & { practice: string; step: number | null; owner_unit: string | null; owner: { name: string; actor: string } | null; why: Msg | string; overdue: boolean; warnings: Msg[] };

/**
 * A drafted action's reason is stored as its message (JSON) so each reader gets it in their
 * language; a text that is not such JSON is an older English sentence, returned as it is.
 */
export const storedWhy = (m: Msg) => JSON.stringify(m);
export function readWhy(text: string): Msg | string {
  if (!text.startsWith("{")) return text;
  try { const m: unknown = JSON.parse(text); return isMsg(m) ? m : text; } catch { return text; }
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The national action plan of a self-assessment: concrete units mapped to actors of the
 * taxonomy, actions drafted from the gaps or written by hand, each with an owner, start and
 * due dates, a status, dependencies and milestones, and the timeline they make.
 */
export class ActionsService {
  constructor(private readonly db: Db, private readonly plans: PlansService) {}

  private units(q: Queryable, id: string) {
    return q.query<Unit>("select id, name, actor, institution_id as institution from plan_unit where self_assessment_id = $1 order by name", [id]).then((r) => r.rows);
  }
  private rows(q: Queryable, id: string) {
    return q.query<ActionRow>("select * from plan_action where self_assessment_id = $1 order by coalesce(start_date, due_date, '9999'), title", [id]).then((r) => r.rows);
  }

  async setUnits(user: User, id: string, units: Unit[], actor: AuditActor) {
    const sa = await this.plans.assessment(user, id, true);
    const actors = new Set(this.plans.kb.actors.map((a) => a.id));
    // A unit names an institution of the assessment's workspace directory that the user may refer to.
    const institutions = units.some((u) => u.institution) ? await this.plans.institutionsIn(user, sa.workspace_id) : new Set<string>();
    units.forEach((u, i) => {
      if (!actors.has(u.actor)) throw invalid(`units.${i}.actor`, "notAnActor", { id: u.actor });
      if (units.findIndex((x) => x.id === u.id) !== i) throw invalid(`units.${i}.id`, "usedTwice", { id: u.id });
      if (u.institution && !institutions.has(u.institution)) throw invalid(`units.${i}.institution`, "institutionNotReadable", { id: u.institution });
    });
    return this.db.transaction(async (tx) => {
      const kept = new Set(units.map((u) => u.id));
      const owning = (await this.rows(tx, id)).find((a) => a.owner_unit && !kept.has(a.owner_unit));
      if (owning) {
        // Named as the plan names it, not by its id.
        const unit = (await this.units(tx, id)).find((u) => u.id === owning.owner_unit)?.name ?? owning.owner_unit!;
        throw invalid("units", "unitOwnsAction", { unit, action: owning.title });
      }
      await tx.query("delete from plan_unit where self_assessment_id = $1", [id]);
      for (const u of units) await tx.query("insert into plan_unit (self_assessment_id, id, name, actor, institution_id) values ($1, $2, $3, $4, $5)", [id, u.id, u.name, u.actor, u.institution ?? null]);
      await tx.query(`update plan_practice set units = coalesce((select jsonb_agg(u) from jsonb_array_elements_text(units) u where u = any($2::text[])), '[]'::jsonb) where self_assessment_id = $1`, [id, [...kept]]);
      await appendAudit(tx, actor, { action: "plans.units", targetKind: "record", targetId: id, details: { units: units.length } });
      return { units: await this.units(tx, id) };
    });
  }

  /** A draft from the gap analysis, one action per unfinished step of each priority practice; nothing is stored. */
  async draft(user: User, id: string, units?: Unit[], only?: string[]) {
    const s = await this.plans.summary(user, id);
    const actors = new Set(this.plans.kb.actors.map((x) => x.id));
    const badUnit = (units ?? []).find((u) => !actors.has(u.actor));
    if (badUnit) throw invalid("units", "unitUnknownActor", { unit: badUnit.name, actor: badUnit.actor });
    const stepStatus: Record<string, Record<number, StepStatus>> = {};
    for (const r of s.ratings) {
      stepStatus[r.practice] ??= {};
      for (const [n, st] of Object.entries(r.steps)) if (st === "done" || !stepStatus[r.practice][Number(n)]) stepStatus[r.practice][Number(n)] = st;
    }
    const practices = this.plans.kbIn().practices.map((p) => ({ id: p.id, title: p.title, steps: p.steps, actors: p.actors, merged_with: p.merged_with }));
    const priorities = s.gaps.priorities.filter((p) => !only || only.includes(p.practice));
    return { actions: draftActions(practices, priorities, stepStatus, units ?? (s.units as Unit[])) };
  }

  /** Stores the draft, skipping steps the plan already has an action for. */
  async fromDraft(user: User, id: string, only: string[] | undefined, actor: AuditActor) {
    const a = await this.plans.assessment(user, id, true);
    only?.forEach((p, i) => { if (!a.body.practices.includes(p)) throw invalid(`practices.${i}`, "notInScope", { id: p }); });
    const { actions } = await this.draft(user, id, undefined, only);
    const english = (practice: string, step: number) => this.plans.kb.practices.find((p) => p.id === practice)?.steps.find((x) => x.number === step)?.text ?? "";
    const created = await this.db.transaction(async (tx) => {
      const existing = new Set((await this.rows(tx, id)).map((r) => `${r.practice}|${r.step}`));
      let n = 0;
      for (const d of actions.filter((x) => !existing.has(`${x.practice}|${x.step}`))) {
        await tx.query("insert into plan_action (id, self_assessment_id, practice, step, title, owner_unit, status, why, created_by) values ($1, $2, $3, $4, $5, $6, 'planned', $7, $8)",
          [randomUUID(), id, d.practice, d.step, english(d.practice, d.step) || d.title, d.owner?.unit ?? null, storedWhy(d.why), user.id]);
        n++;
      }
      await appendAudit(tx, actor, { action: "plans.actions.draft", targetKind: "record", targetId: id, details: { created: n } });
      return n;
    });
    return { created, ...(await this.list(user, id)) };
  }

  async list(user: User, id: string, on = today()) {
    await this.plans.assessment(user, id);
    const [rows, units] = await Promise.all([this.rows(this.db, id), this.units(this.db, id)]);
    const plain: PlanAction[] = rows.map((r) => ({ id: r.id, title: r.title, start: r.start_date, due: r.due_date, status: r.status, depends_on: r.depends_on, milestones: r.milestones }));
    const warnings = dependencyWarnings(plain);
    const unitById = new Map(units.map((u) => [u.id, u]));
    // A drafted action whose title is still its step's English text reads in the reader's language (decision 0025).
    const kb = this.plans.kbIn();
    const stepText = (practice: string, step: number | null, inKb = this.plans.kb) => (step ? inKb.practices.find((p) => p.id === practice)?.steps.find((x) => x.number === step)?.text : undefined);
    const actions: Action[] = rows.map((r, i) => {
      const owner = r.owner_unit ? unitById.get(r.owner_unit) : undefined;
      const title = r.title === stepText(r.practice, r.step) ? stepText(r.practice, r.step, kb) ?? r.title : r.title;
      return { ...plain[i], title, practice: r.practice, step: r.step, owner_unit: r.owner_unit, owner: owner ? { name: owner.name, actor: owner.actor } : null, why: readWhy(r.why), overdue: isOverdue(plain[i], on), warnings: warnings[r.id] ?? [] };
    });
    const months = planMonths(plain);
    return { actions, units, timeline: { from: months[0] ?? null, to: months[months.length - 1] ?? null, months }, progress: planProgress(plain, on) };
  }

  private async check(id: string, practices: string[], input: Partial<ActionInput>, actionId: string, current?: ActionRow) {
    if (input.practice !== undefined && !practices.includes(input.practice)) throw invalid("practice", "notInScope", { id: input.practice });
    const practice = this.plans.kb.practices.find((p) => p.id === (input.practice ?? current?.practice))!;
    if (input.step != null && !(input.step >= 1 && input.step <= practice.steps.length)) throw invalid("step", "stepRange", { practice: practice.id, n: practice.steps.length });
    if (input.owner_unit) {
      const { rows } = await this.db.query("select 1 from plan_unit where self_assessment_id = $1 and id = $2", [id, input.owner_unit]);
      if (!rows.length) throw invalid("owner_unit", "notAUnit", { id: input.owner_unit });
    }
    const start = input.start !== undefined ? input.start : current?.start_date ?? null;
    const due = input.due !== undefined ? input.due : current?.due_date ?? null;
    const dates = actionDatesProblem(start ?? undefined, due ?? undefined);
    if (dates) throw badRequest(input.due !== undefined ? dates.field : "start", input.due !== undefined ? dates.message : "must not be after the due date");
    (input.milestones ?? []).forEach((m, i) => {
      if ((start && m.due < start) || (due && m.due > due)) throw badRequest(`milestones.${i}.due`, "must fall between the action's start and due dates");
    });
    if (input.depends_on) {
      const all = (await this.rows(this.db, id)).map((r) => ({ id: r.id, depends_on: r.depends_on }));
      if (!current) all.push({ id: actionId, depends_on: [] });
      const problem = dependencyProblem(all, actionId, input.depends_on);
      if (problem) throw badRequest("depends_on", problem);
    }
  }

  async create(user: User, id: string, input: ActionInput, actor: AuditActor) {
    const a = await this.plans.assessment(user, id, true);
    const actionId = randomUUID();
    await this.check(id, a.body.practices, input, actionId);
    await this.db.transaction(async (tx) => {
      await tx.query(
        `insert into plan_action (id, self_assessment_id, practice, step, title, owner_unit, start_date, due_date, status, depends_on, milestones, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12)`,
        [actionId, id, input.practice, input.step ?? null, input.title, input.owner_unit ?? null, input.start ?? null, input.due ?? null, input.status ?? "planned",
          JSON.stringify(input.depends_on ?? []), JSON.stringify(input.milestones ?? []), user.id]);
      await appendAudit(tx, actor, { action: "plans.action.create", targetKind: "record", targetId: id, details: { action: actionId, practice: input.practice } });
    });
    return this.one(user, id, actionId);
  }

  /**
   * Adds actions sent from elsewhere (an exercise's improvement items, a training's practices that
   * did not land): every practice must be in the plan's scope, and all are written in one
   * transaction with one audit entry, or none.
   */
  async addAll(user: User, id: string, items: { practice: string; title: string; why?: Msg; due?: string | null }[], actor: AuditActor, audit: { action: string } & Record<string, unknown>) {
    const a = await this.plans.assessment(user, id, true);
    items.forEach((it, i) => { if (!a.body.practices.includes(it.practice)) throw invalid(`items.${i}`, "notInThatScope", { id: it.practice }); });
    const ids = items.map(() => randomUUID());
    await this.db.transaction(async (tx) => {
      for (const [i, it] of items.entries()) {
        await tx.query("insert into plan_action (id, self_assessment_id, practice, title, due_date, status, why, created_by) values ($1, $2, $3, $4, $5, 'planned', $6, $7)",
          [ids[i], id, it.practice, it.title, it.due ?? null, it.why ? storedWhy(it.why) : "", user.id]);
      }
      const { action, ...details } = audit;
      await appendAudit(tx, actor, { action, targetKind: "record", targetId: id, details: { ...details, actions: ids.length } });
    });
    const { actions } = await this.list(user, id);
    return ids.map((x) => actions.find((y) => y.id === x)!);
  }

  async update(user: User, id: string, actionId: string, input: Partial<Omit<ActionInput, "practice">>, actor: AuditActor) {
    const a = await this.plans.assessment(user, id, true);
    const current = (await this.rows(this.db, id)).find((r) => r.id === actionId);
    if (!current) throw notFound(`action "${actionId}"`);
    await this.check(id, a.body.practices, input, actionId, current);
    const columns: [string, unknown][] = [];
    if (input.title !== undefined) columns.push(["title", input.title]);
    if (input.step !== undefined) columns.push(["step", input.step]);
    if (input.owner_unit !== undefined) columns.push(["owner_unit", input.owner_unit]);
    if (input.start !== undefined) columns.push(["start_date", input.start]);
    if (input.due !== undefined) columns.push(["due_date", input.due]);
    if (input.status !== undefined) columns.push(["status", input.status]);
    if (input.depends_on !== undefined) columns.push(["depends_on", JSON.stringify(input.depends_on)]);
    if (input.milestones !== undefined) columns.push(["milestones", JSON.stringify(input.milestones)]);
    await this.db.transaction(async (tx) => {
      if (columns.length) {
        const sets = columns.map(([c], i) => `${c} = $${i + 3}${c === "depends_on" || c === "milestones" ? "::jsonb" : ""}`).join(", ");
        await tx.query(`update plan_action set ${sets}, updated_at = now() where id = $1 and self_assessment_id = $2`, [actionId, id, ...columns.map(([, v]) => v)]);
      }
      await appendAudit(tx, actor, { action: "plans.action.update", targetKind: "record", targetId: id, details: { action: actionId, fields: columns.map(([c]) => c) } });
    });
    return this.one(user, id, actionId);
  }

  async remove(user: User, id: string, actionId: string, actor: AuditActor) {
    await this.plans.assessment(user, id, true);
    await this.db.transaction(async (tx) => {
      const rows = await this.rows(tx, id);
      const target = rows.find((r) => r.id === actionId);
      if (!target) throw notFound(`action "${actionId}"`);
      const dependent = rows.find((r) => r.depends_on.includes(actionId));
      if (dependent) throw invalid("action", "actionDependedOn", { action: dependent.title });
      await tx.query("delete from plan_action where id = $1", [actionId]);
      await appendAudit(tx, actor, { action: "plans.action.remove", targetKind: "record", targetId: id, details: { action: actionId, title: target.title } });
    });
  }

  private async one(user: User, id: string, actionId: string) {
    return (await this.list(user, id)).actions.find((x) => x.id === actionId)!;
  }
}
