import { randomUUID } from "node:crypto";
import type { Db } from "../../db/connection.js";
import type { KnowledgeBase } from "../../core/knowledge/schema.js";
import { requestContext } from "../http/context.js";
import type { Marking } from "../../core/platform/markings.js";
import { gapAnalysis, type Rating } from "../../core/plans/gaps.js";
import { progressByReview } from "../../core/plans/history.js";
import type { InPlace, StepStatus, Working } from "../../core/plans/ratings.js";
import { badRequest, notFound, Problem } from "../http/problem.js";
import { checkEvidenceFile } from "../http/uploads.js";
import { appendAudit, type AuditActor } from "../platform/audit.repository.js";
import type { User } from "../platform/auth.service.js";
import type { RecordRow } from "../platform/records.repository.js";
import type { RecordsService } from "../platform/records.service.js";
import type { WatchService } from "../watch/watch.service.js";
import { invalid } from "../http/validation.js";
import { linkedPractices } from "../../core/knowledge/crosswalk.js";

export interface SelfAssessmentBody { country: string; scope: { framework?: string; area?: string }; practices: string[] }
export type SelfAssessment = RecordRow & { body: SelfAssessmentBody };
export interface RatingRow { practice: string; contributor_id: string; institution: string; in_place: InPlace | null; working: Working | null; steps: Record<string, StepStatus>; comment: string; review: number; reused_from: string | null }
export interface AgreedRow { practice: string; cycle: number; in_place: InPlace | null; working: Working | null; reason: string; decided_by: string; decided_at: string }
export interface ReviewRow { number: number; name: string; started_at: string }
export interface DetailRow { practice: string; actors: string[]; units: string[]; assistance_requested: boolean; assistance_note: string }
type EvidenceInput = { kind: "link"; label: string; url: string } | { kind: "file"; label?: string; filename: string; content_type: string; data: string };

/**
 * Implementation self-assessments: scope, review cycles, each contributor's ratings, where
 * contributors disagree, the agreed rating per review with its reason, per-practice details
 * (responsible actors and units, assistance requested), evidence, and the gap analysis.
 * Self-assessments are platform records, so access, markings, retention and audit apply; the
 * rest lives in plan_* tables that follow the record.
 */
export class PlansService {
  /** `kbs`: the knowledge base in each language with translations (decision 0022), for the texts a reader sees. */
  constructor(private readonly db: Db, readonly kb: KnowledgeBase, readonly records: RecordsService, private readonly watch: WatchService, private readonly kbs: Map<string, KnowledgeBase> = new Map()) {}

  /** The knowledge base in a language (the request's by default), English where it has no translations. */
  kbIn(lang: string | undefined = requestContext().language): KnowledgeBase {
    return (lang && this.kbs.get(lang)) || this.kb;
  }

  /** The assessment if the user may read it in full; to write, the user must also belong to its workspace. */
  async assessment(user: User, id: string, write = false): Promise<SelfAssessment> {
    return (await this.records.ofKind(user, id, ["self-assessment"], "self-assessment", write)) as SelfAssessment;
  }

  /** Institutions of a workspace's directory the user may refer to (withheld ones included: naming one shows none of its content). */
  async institutionsIn(user: User, workspaceId: string): Promise<Set<string>> {
    const r = await this.records.readable(user, { kinds: ["institution"], workspaceId });
    return new Set([...r.rows, ...r.withheld].map((x) => x.id));
  }

  inScope(a: SelfAssessment, practice: string) {
    if (!a.body.practices.includes(practice)) throw invalid("practice", "notInScope", { id: practice });
    return this.kb.practices.find((x) => x.id === practice)!;
  }

  async list(user: User, workspaceId: string) {
    const rows = (await this.watch.visible(user, ["self-assessment"], workspaceId)) as SelfAssessment[];
    const reviews = await this.db.query<{ id: string; n: number }>("select self_assessment_id as id, max(number)::int as n from plan_review group by self_assessment_id");
    const current = new Map(reviews.rows.map((r) => [r.id, r.n]));
    return { items: rows.map((r) => ({ id: r.id, name: r.title, country: r.body.country, marking: r.marking, scope: r.body.scope, practices: r.body.practices.length, review: current.get(r.id) ?? 1, updated_at: r.updated_at })) };
  }

  async create(user: User, workspaceId: string, input: { name: string; country: string; framework?: string; area?: string; marking: Marking; copy_from?: string }, actor: AuditActor) {
    const frameworks: string[] = this.kb.frameworks.map((f) => f.id);
    if (input.framework && !frameworks.includes(input.framework)) throw invalid("framework", "oneOf", { values: frameworks.join(", ") });
    const areas = this.kb.frameworks.flatMap((f) => f.areas.map((a) => a.id));
    if (input.area && !areas.includes(input.area)) throw badRequest("area", "unknown area or pillar");
    const practices = this.kb.practices.filter((p) => (!input.framework || p.framework === input.framework) && (!input.area || p.area === input.area)).map((p) => p.id);
    const body: SelfAssessmentBody = { country: input.country, scope: { framework: input.framework, area: input.area }, practices };
    // Starting from an earlier assessment saves re-entering what has not changed: it must be one
    // the user may read in the same workspace (copying never moves ratings across workspaces).
    // Only "not found" or "not yours" is an input error; a database failure stays one.
    const source = input.copy_from ? await this.assessment(user, input.copy_from).catch((e: unknown) => { if (e instanceof Problem && (e.status === 404 || e.status === 403)) return null; throw e; }) : null;
    if (input.copy_from && (!source || source.workspace_id !== workspaceId)) throw badRequest("copy_from", "choose a self-assessment of this workspace that you may read");
    // One command, one transaction: the record, its first review and what it copies land together or not at all.
    const rec = await this.db.transaction(async (tx) => {
      const rec = await this.records.createIn(tx, user, workspaceId, { kind: "self-assessment", title: input.name, body: body as never, marking: input.marking }, actor);
      await tx.query("insert into plan_review (self_assessment_id, number, name, started_by) values ($1, 1, 'First review', $2)", [rec.id, user.id]);
      if (!source) return rec;
      const args = [rec.id, source.id, practices];
      await tx.query(
        `insert into plan_agreed (self_assessment_id, practice, cycle, in_place, working, reason, decided_by)
         select distinct on (practice) $1, practice, 1, in_place, working, 'carried over from "' || $4 || '" (review ' || cycle || '): ' || reason, $5
         from plan_agreed where self_assessment_id = $2 and practice = any($3::text[]) order by practice, cycle desc`, [...args, source.title, user.id]);
      await tx.query("insert into plan_unit (self_assessment_id, id, name, actor, institution_id) select $1, id, name, actor, institution_id from plan_unit where self_assessment_id = $2", [rec.id, source.id]);
      await tx.query(
        `insert into plan_practice (self_assessment_id, practice, actors, units, assistance_requested, assistance_note)
         select $1, practice, actors, units, assistance_requested, assistance_note from plan_practice where self_assessment_id = $2 and practice = any($3::text[])`, args);
      await appendAudit(tx, actor, { action: "plans.copy", targetKind: "record", targetId: rec.id, details: { from: source.id } });
      return rec;
    });
    return rec;
  }

  private async currentReview(id: string): Promise<ReviewRow> {
    const { rows } = await this.db.query<ReviewRow>("select number, name, started_at from plan_review where self_assessment_id = $1 order by number desc limit 1", [id]);
    return rows[0] ?? { number: 1, name: "First review", started_at: "" };
  }

  async rate(user: User, id: string, practice: string, input: { in_place?: InPlace; working?: Working; steps?: Record<string, StepStatus>; comment?: string; institution: string; reused_from?: string }, actor: AuditActor) {
    const a = await this.assessment(user, id, true);
    const p = this.inScope(a, practice);
    const badStep = Object.keys(input.steps ?? {}).find((n) => !(Number(n) >= 1 && Number(n) <= p.steps.length));
    if (badStep) throw invalid(`steps.${badStep}`, "stepRange", { practice, n: p.steps.length });
    const review = (await this.currentReview(id)).number;
    if (input.reused_from !== undefined) await this.checkReuse(user, a, practice, review, input);
    await this.db.transaction(async (tx) => {
      // Saving without reused_from (an edit) clears it: the rating is then the assessor's own.
      await tx.query(
        `insert into plan_rating (self_assessment_id, practice, contributor_id, institution, in_place, working, steps, comment, review, reused_from)
         values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10)
         on conflict (self_assessment_id, practice, contributor_id, review) do update
           set institution = $4, in_place = $5, working = $6, steps = $7::jsonb, comment = $8, reused_from = $10, updated_at = now()`,
        [id, practice, user.id, input.institution, input.in_place ?? null, input.working ?? null, JSON.stringify(input.steps ?? {}), input.comment ?? "", review, input.reused_from ?? null]);
      await appendAudit(tx, actor, { action: "plans.rate", targetKind: "record", targetId: id, details: { practice, review, in_place: input.in_place ?? null, working: input.working ?? null, ...(input.reused_from ? { reused_from: input.reused_from } : {}) } });
    });
    return this.summary(user, id);
  }

  /**
   * Reuse across the standards crosswalk (decision 0036): the practice named must be linked to this
   * one (builds_on, either direction) and in scope, the user must have rated it in this review of
   * this assessment, and the levels saved must be that answer's.
   */
  private async checkReuse(user: User, a: SelfAssessment, practice: string, review: number, input: { in_place?: InPlace; working?: Working; reused_from?: string }) {
    const from = input.reused_from!;
    if (!a.body.practices.includes(from) || !linkedPractices(this.kb.crosswalk, practice).includes(from)) throw invalid("reused_from", "reuseNotLinked", { id: from, practice });
    const { rows } = await this.db.query<{ in_place: InPlace | null; working: Working | null }>(
      "select in_place, working from plan_rating where self_assessment_id = $1 and practice = $2 and contributor_id = $3 and review = $4", [a.id, from, user.id, review]);
    const source = rows[0];
    if (!source || (source.in_place === null && source.working === null)) throw invalid("reused_from", "reuseNothing", { id: from });
    if ((input.in_place ?? null) !== source.in_place || (input.working ?? null) !== source.working) throw invalid("reused_from", "reuseDiffers", { id: from });
  }

  /**
   * The answers the user could reuse (decision 0036): for each practice in scope the user has not
   * rated in this review, the first linked practice (builds_on, either direction) of the same
   * assessment they have rated. Only proposed: nothing is saved until they confirm it.
   */
  proposals(user: User, a: SelfAssessment, ratings: RatingRow[]) {
    const mine = new Map(ratings.filter((r) => r.contributor_id === user.id && (r.in_place !== null || r.working !== null)).map((r) => [r.practice, r]));
    const rated = new Set(ratings.filter((r) => r.contributor_id === user.id).map((r) => r.practice));
    const order = new Map(this.kb.practices.map((p, i) => [p.id, i]));
    return a.body.practices.flatMap((practice) => {
      if (rated.has(practice)) return [];
      const from = linkedPractices(this.kb.crosswalk, practice)
        .filter((x) => a.body.practices.includes(x) && mine.has(x))
        .sort((x, y) => (order.get(x) ?? 0) - (order.get(y) ?? 0))[0];
      if (!from) return [];
      const r = mine.get(from)!;
      return [{ practice, from, in_place: r.in_place, working: r.working }];
    });
  }

  /** The coordinator's agreed rating for the current review; recording it again in the same review replaces it. */
  async agree(user: User, id: string, practice: string, input: { in_place?: InPlace; working?: Working; reason: string }, actor: AuditActor) {
    this.inScope(await this.assessment(user, id, true), practice);
    const review = (await this.currentReview(id)).number;
    await this.db.transaction(async (tx) => {
      await tx.query(
        `insert into plan_agreed (self_assessment_id, practice, cycle, in_place, working, reason, decided_by) values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (self_assessment_id, practice, cycle) do update set in_place = $4, working = $5, reason = $6, decided_by = $7, decided_at = now()`,
        [id, practice, review, input.in_place ?? null, input.working ?? null, input.reason, user.id]);
      await appendAudit(tx, actor, { action: "plans.agree", targetKind: "record", targetId: id, reason: input.reason, details: { practice, cycle: review } });
    });
    return this.summary(user, id);
  }

  /** Starts a follow-up review: contributors rate afresh; earlier agreed ratings stay as history and count until re-rated. */
  async startReview(user: User, id: string, name: string, actor: AuditActor) {
    await this.assessment(user, id, true);
    await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ n: number }>("select coalesce(max(number), 0)::int as n from plan_review where self_assessment_id = $1", [id]);
      await tx.query("insert into plan_review (self_assessment_id, number, name, started_by) values ($1, $2, $3, $4)", [id, rows[0].n + 1, name, user.id]);
      await appendAudit(tx, actor, { action: "plans.review", targetKind: "record", targetId: id, details: { number: rows[0].n + 1, name } });
    });
    return this.summary(user, id);
  }

  async setDetails(user: User, id: string, practice: string, input: { actors: string[]; units: string[]; assistance_requested: boolean; assistance_note: string }, actor: AuditActor) {
    this.inScope(await this.assessment(user, id, true), practice);
    const actors = new Set(this.kb.actors.map((a) => a.id));
    const badActor = input.actors.findIndex((a) => !actors.has(a));
    if (badActor >= 0) throw invalid(`actors.${badActor}`, "notAnActor", { id: input.actors[badActor] });
    const units = new Set((await this.db.query<{ id: string }>("select id from plan_unit where self_assessment_id = $1", [id])).rows.map((u) => u.id));
    const badUnit = input.units.findIndex((u) => !units.has(u));
    if (badUnit >= 0) throw invalid(`units.${badUnit}`, "notAUnitYet", { id: input.units[badUnit] });
    await this.db.transaction(async (tx) => {
      await tx.query(
        `insert into plan_practice (self_assessment_id, practice, actors, units, assistance_requested, assistance_note) values ($1, $2, $3::jsonb, $4::jsonb, $5, $6)
         on conflict (self_assessment_id, practice) do update set actors = $3::jsonb, units = $4::jsonb, assistance_requested = $5, assistance_note = $6, updated_at = now()`,
        [id, practice, JSON.stringify(input.actors), JSON.stringify(input.units), input.assistance_requested, input.assistance_note]);
      await appendAudit(tx, actor, { action: "plans.details", targetKind: "record", targetId: id, details: { practice, assistance_requested: input.assistance_requested } });
    });
    return this.summary(user, id);
  }

  async addEvidence(user: User, id: string, practice: string, input: EvidenceInput, actor: AuditActor) {
    this.inScope(await this.assessment(user, id, true), practice);
    const evidenceId = randomUUID();
    let row: { label: string; url: string | null; filename: string | null; content_type: string | null; size: number | null; data: string | null };
    if (input.kind === "link") {
      row = { label: input.label, url: input.url, filename: null, content_type: null, size: null, data: null };
    } else {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(input.data) || input.data.length % 4 !== 0) throw badRequest("data", "must be the file's bytes in base64");
      const bytes = Buffer.from(input.data, "base64");
      checkEvidenceFile(input.filename, input.content_type, bytes);
      row = { label: input.label || input.filename, url: null, filename: input.filename, content_type: input.content_type, size: bytes.length, data: input.data };
    }
    await this.db.transaction(async (tx) => {
      await tx.query(
        "insert into plan_evidence (id, self_assessment_id, practice, kind, label, url, filename, content_type, size, data_base64, added_by) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        [evidenceId, id, practice, input.kind, row.label, row.url, row.filename, row.content_type, row.size, row.data, user.id]);
      await appendAudit(tx, actor, { action: "plans.evidence.add", targetKind: "record", targetId: id, details: { practice, evidence: evidenceId, kind: input.kind, size: row.size } });
    });
    return { id: evidenceId, practice, kind: input.kind, label: row.label, url: row.url, filename: row.filename, content_type: row.content_type, size: row.size };
  }

  async evidenceFile(user: User, id: string, evidenceId: string) {
    await this.assessment(user, id);
    const { rows } = await this.db.query<{ filename: string; content_type: string; data_base64: string }>(
      "select filename, content_type, data_base64 from plan_evidence where id = $1 and self_assessment_id = $2 and kind = 'file'", [evidenceId, id]);
    if (!rows[0]) throw notFound(`evidence file "${evidenceId}"`);
    return { filename: rows[0].filename, contentType: rows[0].content_type, buffer: Buffer.from(rows[0].data_base64, "base64") };
  }

  async removeEvidence(user: User, id: string, evidenceId: string, actor: AuditActor) {
    await this.assessment(user, id, true);
    await this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ practice: string }>("delete from plan_evidence where id = $1 and self_assessment_id = $2 returning practice", [evidenceId, id]);
      if (!rows[0]) throw notFound(`evidence "${evidenceId}"`);
      await appendAudit(tx, actor, { action: "plans.evidence.remove", targetKind: "record", targetId: id, details: { practice: rows[0].practice, evidence: evidenceId } });
    });
  }

  /**
   * The rating that counts for each practice: walking back from the current review, the first
   * review with an agreed rating or a single contributor's rating gives it. Ratings of a later
   * review replace earlier ones; a practice not re-rated keeps its last rating.
   */
  effectiveRatings(a: SelfAssessment, review: number, ratings: RatingRow[], agreed: AgreedRow[]): Rating[] {
    return a.body.practices.flatMap((practice) => {
      for (let r = review; r >= 1; r--) {
        const settled = agreed.find((x) => x.practice === practice && x.cycle === r);
        const rs = ratings.filter((x) => x.practice === practice && x.review === r);
        const pick = settled ?? (rs.length === 1 ? rs[0] : undefined);
        if (pick) return [{ practice, inPlace: pick.in_place ?? undefined, working: pick.working ?? undefined }];
      }
      return [];
    });
  }

  async summary(user: User, id: string) {
    const a = await this.assessment(user, id);
    const review = await this.currentReview(id);
    const q = <T>(sql: string) => this.db.query<T & Record<string, unknown>>(sql, [id]).then((r) => r.rows as T[]);
    const [allRatings, agreed, details, evidence, units, shares] = await Promise.all([
      q<RatingRow>("select * from plan_rating where self_assessment_id = $1 order by practice, institution"),
      q<AgreedRow>("select * from plan_agreed where self_assessment_id = $1 order by practice, cycle"),
      q<DetailRow>("select practice, actors, units, assistance_requested, assistance_note from plan_practice where self_assessment_id = $1 order by practice"),
      q("select id, practice, kind, label, url, filename, content_type, size, added_at from plan_evidence where self_assessment_id = $1 order by added_at"),
      q("select id, name, actor, institution_id as institution from plan_unit where self_assessment_id = $1 order by name"),
      q("select s.region_workspace_id as region, w.name as region_name, s.consent from plan_share s join workspace w on w.id = s.region_workspace_id where s.self_assessment_id = $1"),
    ]);
    const ratings = allRatings.filter((r) => r.review === review.number);
    const latest = new Map<string, AgreedRow>();
    for (const r of agreed) latest.set(r.practice, r);
    const disagreements = a.body.practices.flatMap((practice) => {
      const rs = ratings.filter((r) => r.practice === practice);
      const views = new Set(rs.map((r) => `${r.in_place}|${r.working}`));
      const settled = agreed.some((r) => r.practice === practice && r.cycle === review.number);
      return rs.length > 1 && views.size > 1 && !settled ? [{ practice, ratings: rs.map((r) => ({ institution: r.institution, in_place: r.in_place, working: r.working, comment: r.comment })) }] : [];
    });
    const leaders = await this.leadingManifestations(user, a.workspace_id);
    return {
      id: a.id, workspace_id: a.workspace_id, name: a.title, marking: a.marking, country: a.body.country, scope: a.body.scope, practices: a.body.practices, review,
      ratings, agreed: [...latest.values()], disagreements, leading_manifestations: leaders,
      proposals: this.proposals(user, a, ratings),
      gaps: gapAnalysis(this.practiceInfo(a), this.effectiveRatings(a, review.number, allRatings, agreed), leaders),
      details, evidence, units, shares,
    };
  }

  practiceInfo(a: SelfAssessment) {
    return this.kbIn().practices.filter((p) => a.body.practices.includes(p.id)).map((p) => ({ id: p.id, framework: p.framework, area: p.area, title: p.title, manifestations: p.manifestations }));
  }

  /** The country's leading manifestations from its Nexus Watch areas in the same workspace, most frequent first. */
  private async leadingManifestations(user: User, workspaceId: string): Promise<string[]> {
    const { items } = await this.watch.overview(user, workspaceId);
    const counts = new Map<string, number>();
    for (const a of items) if (a.latest && a.latest.leader !== "none" && a.latest.leader !== "no-nexus") counts.set(a.latest.leader, (counts.get(a.latest.leader) ?? 0) + 1);
    return [...counts].sort((x, y) => y[1] - x[1]).map(([m]) => m).slice(0, 2);
  }

  async history(user: User, id: string, practice: string) {
    this.inScope(await this.assessment(user, id), practice);
    const { rows } = await this.db.query<AgreedRow>("select * from plan_agreed where self_assessment_id = $1 and practice = $2 order by cycle", [id, practice]);
    return { practice, cycles: rows };
  }

  /** Every review with the overall means at its end, and each practice's agreed ratings across reviews. */
  async fullHistory(user: User, id: string) {
    await this.assessment(user, id);
    const reviews = (await this.db.query<ReviewRow>("select number, name, started_at from plan_review where self_assessment_id = $1 order by number", [id])).rows;
    const agreed = (await this.db.query<AgreedRow>("select * from plan_agreed where self_assessment_id = $1 order by practice, cycle", [id])).rows;
    const practices: Record<string, { review: number; in_place: InPlace | null; working: Working | null; reason: string; decided_at: string }[]> = {};
    for (const r of agreed) (practices[r.practice] ??= []).push({ review: r.cycle, in_place: r.in_place, working: r.working, reason: r.reason, decided_at: r.decided_at });
    return { reviews: progressByReview(reviews, agreed), practices };
  }
}
