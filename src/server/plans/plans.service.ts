import type { Db } from "../../db/connection.js";
import type { KnowledgeBase } from "../../core/knowledge/schema.js";
import type { Marking } from "../../core/platform/markings.js";
import { draftActions } from "../../core/plans/actions.js";
import { gapAnalysis, type Rating } from "../../core/plans/gaps.js";
import type { InPlace, StepStatus, Working } from "../../core/plans/ratings.js";
import { badRequest, notFound } from "../http/problem.js";
import { appendAudit, type AuditActor } from "../platform/audit.repository.js";
import type { User } from "../platform/auth.service.js";
import type { RecordRow } from "../platform/records.repository.js";
import type { RecordsService } from "../platform/records.service.js";
import type { WatchService } from "../watch/watch.service.js";

export interface SelfAssessmentBody { country: string; scope: { framework?: string; area?: string }; practices: string[] }
interface RatingRow { practice: string; contributor_id: string; institution: string; in_place: InPlace | null; working: Working | null; steps: Record<string, StepStatus>; comment: string }
interface AgreedRow { practice: string; cycle: number; in_place: InPlace | null; working: Working | null; reason: string; decided_by: string; decided_at: string }

/**
 * Implementation self-assessments (a first slice): scope, each contributor's ratings, where
 * contributors disagree, the agreed rating per review cycle with its reason, the gap analysis
 * and a draft action plan. Self-assessments are platform records, so access, markings,
 * retention and audit apply; ratings live in their own tables and follow the record.
 */
export class PlansService {
  constructor(private readonly db: Db, private readonly kb: KnowledgeBase, private readonly records: RecordsService, private readonly watch: WatchService) {}

  private async assessment(user: User, id: string, write = false): Promise<RecordRow & { body: SelfAssessmentBody }> {
    const row = (await this.watch.visible(user, ["self-assessment"])).find((r) => r.id === id);
    if (!row) throw notFound(`self-assessment "${id}"`);
    if (write) await this.records.assertReadable(user, id);
    return row as RecordRow & { body: SelfAssessmentBody };
  }

  async create(user: User, workspaceId: string, input: { name: string; country: string; framework?: string; area?: string; marking: Marking }, actor: AuditActor) {
    const frameworks: string[] = this.kb.frameworks.map((f) => f.id);
    if (input.framework && !frameworks.includes(input.framework)) throw badRequest("framework", `must be one of ${frameworks.join(", ")}`);
    const areas = this.kb.frameworks.flatMap((f) => f.areas.map((a) => a.id));
    if (input.area && !areas.includes(input.area)) throw badRequest("area", "unknown area or pillar");
    const practices = this.kb.practices.filter((p) => (!input.framework || p.framework === input.framework) && (!input.area || p.area === input.area)).map((p) => p.id);
    const body: SelfAssessmentBody = { country: input.country, scope: { framework: input.framework, area: input.area }, practices };
    return this.records.create(user, workspaceId, { kind: "self-assessment", title: input.name, body: body as never, marking: input.marking }, actor);
  }

  async rate(user: User, id: string, practice: string, input: { in_place?: InPlace; working?: Working; steps?: Record<string, StepStatus>; comment?: string; institution: string }, actor: AuditActor) {
    const a = await this.assessment(user, id, true);
    if (!a.body.practices.includes(practice)) throw badRequest("practice", `"${practice}" is not in this self-assessment's scope`);
    const p = this.kb.practices.find((x) => x.id === practice)!;
    const badStep = Object.keys(input.steps ?? {}).find((n) => !(Number(n) >= 1 && Number(n) <= p.steps.length));
    if (badStep) throw badRequest(`steps.${badStep}`, `${practice} has steps 1 to ${p.steps.length}`);
    await this.db.transaction(async (tx) => {
      await tx.query(
        `insert into plan_rating (self_assessment_id, practice, contributor_id, institution, in_place, working, steps, comment)
         values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
         on conflict (self_assessment_id, practice, contributor_id) do update
           set institution = $4, in_place = $5, working = $6, steps = $7::jsonb, comment = $8, updated_at = now()`,
        [id, practice, user.id, input.institution, input.in_place ?? null, input.working ?? null, JSON.stringify(input.steps ?? {}), input.comment ?? ""]);
      await appendAudit(tx, actor, { action: "plans.rate", targetKind: "record", targetId: id, details: { practice, in_place: input.in_place ?? null, working: input.working ?? null } });
    });
    return this.summary(user, id);
  }

  async agree(user: User, id: string, practice: string, input: { in_place?: InPlace; working?: Working; reason: string }, actor: AuditActor) {
    const a = await this.assessment(user, id, true);
    if (!a.body.practices.includes(practice)) throw badRequest("practice", `"${practice}" is not in this self-assessment's scope`);
    await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ n: number }>("select coalesce(max(cycle), 0)::int as n from plan_agreed where self_assessment_id = $1 and practice = $2", [id, practice]);
      await tx.query("insert into plan_agreed (self_assessment_id, practice, cycle, in_place, working, reason, decided_by) values ($1, $2, $3, $4, $5, $6, $7)",
        [id, practice, rows[0].n + 1, input.in_place ?? null, input.working ?? null, input.reason, user.id]);
      await appendAudit(tx, actor, { action: "plans.agree", targetKind: "record", targetId: id, reason: input.reason, details: { practice, cycle: rows[0].n + 1 } });
    });
    return this.summary(user, id);
  }

  /** Ratings by contributor, disagreements, the latest agreed rating per practice, and the gap analysis. */
  async summary(user: User, id: string) {
    const a = await this.assessment(user, id);
    const ratings = (await this.db.query<RatingRow>("select * from plan_rating where self_assessment_id = $1 order by practice, institution", [id])).rows;
    const agreed = (await this.db.query<AgreedRow>("select * from plan_agreed where self_assessment_id = $1 order by practice, cycle", [id])).rows;
    const latest = new Map<string, AgreedRow>();
    for (const r of agreed) latest.set(r.practice, r);
    const disagreements = a.body.practices.flatMap((practice) => {
      const rs = ratings.filter((r) => r.practice === practice);
      const views = new Set(rs.map((r) => `${r.in_place}|${r.working}`));
      const settled = latest.get(practice);
      return rs.length > 1 && views.size > 1 && !settled ? [{ practice, ratings: rs.map((r) => ({ institution: r.institution, in_place: r.in_place, working: r.working, comment: r.comment })) }] : [];
    });
    // The agreed rating counts; a practice rated by one contributor only counts as rated by them.
    const effective: Rating[] = a.body.practices.flatMap((practice) => {
      const s = latest.get(practice);
      if (s) return [{ practice, inPlace: s.in_place ?? undefined, working: s.working ?? undefined }];
      const rs = ratings.filter((r) => r.practice === practice);
      return rs.length === 1 ? [{ practice, inPlace: rs[0].in_place ?? undefined, working: rs[0].working ?? undefined }] : [];
    });
    const inScope = this.kb.practices.filter((p) => a.body.practices.includes(p.id)).map((p) => ({ id: p.id, framework: p.framework, area: p.area, title: p.title, manifestations: p.manifestations }));
    const leaders = await this.leadingManifestations(user, a.workspace_id);
    return { id: a.id, name: a.title, marking: a.marking, country: a.body.country, scope: a.body.scope, practices: a.body.practices, ratings, agreed: [...latest.values()], disagreements, leading_manifestations: leaders, gaps: gapAnalysis(inScope, effective, leaders) };
  }

  /** The country's leading manifestations from its Nexus Watch areas in the same workspace, most frequent first. */
  private async leadingManifestations(user: User, workspaceId: string): Promise<string[]> {
    const { items } = await this.watch.overview(user, workspaceId);
    const counts = new Map<string, number>();
    for (const a of items) if (a.latest && a.latest.leader !== "none" && a.latest.leader !== "no-nexus") counts.set(a.latest.leader, (counts.get(a.latest.leader) ?? 0) + 1);
    return [...counts].sort((x, y) => y[1] - x[1]).map(([m]) => m).slice(0, 2);
  }

  async history(user: User, id: string, practice: string) {
    await this.assessment(user, id);
    const { rows } = await this.db.query<AgreedRow>("select * from plan_agreed where self_assessment_id = $1 and practice = $2 order by cycle", [id, practice]);
    return { practice, cycles: rows };
  }

  /** A draft action plan from the priorities: not stored; the coordinator edits it. */
  async draftPlan(user: User, id: string, units: { id: string; name: string; actor: string }[]) {
    const s = await this.summary(user, id);
    const actors = new Set(this.kb.actors.map((x) => x.id));
    const badUnit = units.find((u) => !actors.has(u.actor));
    if (badUnit) throw badRequest("units", `unit "${badUnit.name}" maps to unknown actor "${badUnit.actor}"`);
    const stepStatus: Record<string, Record<number, StepStatus>> = {};
    for (const r of s.ratings) {
      stepStatus[r.practice] ??= {};
      for (const [n, st] of Object.entries(r.steps)) if (st === "done" || !stepStatus[r.practice][Number(n)]) stepStatus[r.practice][Number(n)] = st;
    }
    const practices = this.kb.practices.map((p) => ({ id: p.id, title: p.title, steps: p.steps, actors: p.actors }));
    return { actions: draftActions(practices, s.gaps.priorities, stepStatus, units) };
  }
}
