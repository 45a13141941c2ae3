import type { Db } from "../../db/connection.js";
import { sql } from "kysely";
import { isAtLeast, type Marking } from "../../core/platform/markings.js";
import type { AnalysisResult } from "../../core/watch/analysis.js";
import { analyse } from "../../core/watch/analysis.js";
import { textOf } from "../../core/watch/messages.js";
import { latestObservations } from "../../core/watch/evidence.js";
import type { WatchModel } from "../../core/watch/model.js";
import { badRequest, Problem } from "../http/problem.js";
import { appendAudit, type AuditActor } from "../platform/audit.repository.js";
import type { User } from "../platform/auth.service.js";
import { factsOf, type RecordRow } from "../platform/records.repository.js";
import type { RecordsService } from "../platform/records.service.js";
import type { WatchService } from "./watch.service.js";
import { invalid } from "../http/validation.js";

export type AssessmentStatus = "draft" | "review" | "published";
export interface Judgement { manifestation: string; reason?: string }
export interface AssessmentBody {
  subject_id: string;
  subject_name: string;
  as_of: string;
  status: AssessmentStatus;
  author: string;
  author_name: string;
  analysis: AnalysisResult;
  /** indicator -> state, the latest observation of each at the snapshot date */
  states: Record<string, { state: string; observed_at: string; credibility: number; sources: string[] }>;
  judgement: Judgement | null;
  published_at: string | null;
  supersedes: string | null;
  consensus_of: string[];
  /** the groups, relationships and sources the snapshot draws on (cited, so its readers can read them) */
  evidence_records?: string[];
}

const transitions: Record<AssessmentStatus, AssessmentStatus[]> = { draft: ["review"], review: ["draft", "published"], published: [] };

export class AssessmentsService {
  constructor(private readonly db: Db, private readonly model: WatchModel, private readonly records: RecordsService, private readonly watch: WatchService) {}

  /** The judgement must name a hypothesis; differing from the computed leader needs a reason. */
  private checkJudgement(j: Judgement | null | undefined, analysis: AnalysisResult) {
    if (!j) return;
    if (!analysis.ranking.some((h) => h.id === j.manifestation)) throw invalid("judgement.manifestation", "oneOf", { values: analysis.ranking.map((h) => h.id).join(", ") });
    if (analysis.ranking[0]?.id !== j.manifestation && !j.reason?.trim()) {
      throw invalid("judgement.reason", "judgementNeedsReason", { leader: textOf(analysis.ranking[0]?.name) });
    }
  }

  /** A dated snapshot of a subject's observations with the analysis at that date. */
  async create(user: User, subjectId: string, input: { as_of?: string; judgement?: Judgement; marking?: Marking; consensus_of?: string[] }, actor: AuditActor) {
    const subject = await this.watch.subject(user, subjectId, true);
    const asOf = input.as_of ?? new Date().toISOString().slice(0, 10);
    const marking = input.marking ?? subject.marking;
    if (!isAtLeast(marking, subject.marking)) throw invalid("marking", "assessmentMarking", { marking: subject.marking });
    const recipients = marking === "RED" ? subject.recipients : [];
    // The snapshot is read by everyone who reads the assessment: it uses only evidence they all may read.
    const audience = this.records.kernel.factsFor("new", subject.workspace_id, user, marking, recipients);
    const data = await this.watch.inputFor(this.db, subject, { audience }, asOf);
    const analysis = { ...analyse(this.model, data), withheld: data.withheld };
    this.checkJudgement(input.judgement, analysis);
    const consensusOf = input.consensus_of ?? [];
    for (const id of consensusOf) {
      const a = await this.get(user, id);
      if (a.body.subject_id !== subjectId) throw invalid("consensus_of", "otherSubject", { id });
    }
    if (consensusOf.length && !input.judgement?.reason?.trim()) throw badRequest("judgement.reason", "a consensus assessment records the agreed judgement and why");
    const states: AssessmentBody["states"] = {};
    for (const o of latestObservations(data.observations)) states[o.indicator] = { state: o.state, observed_at: o.observedAt, credibility: o.credibility, sources: o.sources.map((s) => s.id) };
    const body: AssessmentBody = {
      subject_id: subject.id, subject_name: subject.title, as_of: asOf, status: "draft", author: user.id, author_name: user.name,
      analysis, states, judgement: input.judgement ?? null, published_at: null, supersedes: null, consensus_of: consensusOf,
      evidence_records: data.used,
    };
    const created = await this.records.create(user, subject.workspace_id, {
      kind: "assessment", title: `${subject.title} — assessment of ${asOf}`, body: body as never, marking, recipients,
    }, actor);
    return this.get(user, created.id);
  }

  /** An assessment the user reads in full; to change it, they must belong to its workspace. */
  async get(user: User, id: string, write = false): Promise<RecordRow & { body: AssessmentBody; superseded_by: string | null }> {
    const row = await this.records.ofKind(user, id, ["assessment"], "assessment", write);
    const viewer = await this.records.viewerOf(user);
    // Only a later assessment the user may read is named as superseding this one.
    const later = await this.records.kernel.rows(this.db, viewer, { kinds: ["assessment"], workspaceId: row.workspace_id, where: (eb) => eb(sql`r.body->>'supersedes'`, "=", id), limit: 1 });
    return { ...(row as RecordRow & { body: AssessmentBody }), superseded_by: later[0]?.id ?? null };
  }

  async list(user: User, subjectId: string) {
    const subject = await this.watch.subject(user, subjectId);
    const rows = await this.watch.visible(user, ["assessment"], subject.workspace_id);
    return rows.filter((r) => (r.body as unknown as AssessmentBody).subject_id === subjectId).map((r) => {
      const b = r.body as unknown as AssessmentBody;
      return { id: r.id, marking: r.marking, as_of: b.as_of, status: b.status, author: b.author, author_name: b.author_name, leader: b.analysis.ranking[0]?.id, judgement: b.judgement, published_at: b.published_at, supersedes: b.supersedes, consensus_of: b.consensus_of };
    });
  }

  /**
   * Draft -> review -> published. Only drafts and assessments in review change; a published
   * one is immutable and the next published assessment of the subject supersedes it.
   */
  async update(user: User, id: string, patch: { status?: AssessmentStatus; judgement?: Judgement }, actor: AuditActor) {
    const a = await this.get(user, id, true);
    const body = a.body;
    if (body.status === "published") throw new Problem(409, "Conflict", "a published assessment cannot change; create a new one, which will supersede it");
    if (body.author !== user.id && patch.judgement) throw new Problem(403, "Forbidden", "only the author changes the judgement; record yours in your own assessment");
    const next: AssessmentBody = { ...body };
    if (patch.judgement) { this.checkJudgement(patch.judgement, body.analysis); next.judgement = patch.judgement; }
    if (patch.status && patch.status !== body.status) {
      if (!transitions[body.status].includes(patch.status)) throw invalid("status", "statusChange", { from: body.status, to: patch.status });
      if (patch.status === "published") {
        if (!next.judgement) throw badRequest("judgement", "record your judgement before publishing");
        if (body.author === user.id && !(await this.otherAnalysts(body.consensus_of, user.id))) {
          // Four eyes: someone other than the author publishes, unless it is a consensus of several analysts.
          throw new Problem(403, "Forbidden", "another member of the workspace reviews and publishes your assessment (a consensus needs the assessments of other analysts)");
        }
        next.published_at = new Date().toISOString();
        const prev = await this.db.query<{ id: string }>(
          "select id from record where kind = 'assessment' and body->>'subject_id' = $1 and body->>'status' = 'published' order by body->>'published_at' desc limit 1", [body.subject_id]);
        next.supersedes = prev.rows[0]?.id ?? null;
      }
      next.status = patch.status;
    }
    await this.db.transaction(async (tx) => {
      await tx.query("update record set body = $2::jsonb, updated_at = now() where id = $1", [id, JSON.stringify(next)]);
      await appendAudit(tx, actor, { action: next.status === "published" && body.status !== "published" ? "watch.assessment-publish" : "watch.assessment-update", targetKind: "record", targetId: id, details: { status: { from: body.status, to: next.status }, judgement_changed: Boolean(patch.judgement) } });
    });
    return this.get(user, id);
  }

  /**
   * The sources a report of the assessment names: those its snapshot cites, and only those that
   * everyone who reads the assessment may read (the report carries the assessment's marking).
   */
  async citedSources(a: RecordRow & { body: AssessmentBody }): Promise<RecordRow[]> {
    const cited = new Set(Object.values(a.body.states).flatMap((s) => s.sources));
    const kernel = this.records.kernel;
    const sources = (await kernel.inWorkspace(this.db, a.workspace_id, ["source"])).filter((s) => cited.has(s.id));
    return kernel.covering(this.db, sources, factsOf(a));
  }

  /** Whether the assessments a consensus settles include one by an analyst other than `author`. */
  private async otherAnalysts(consensusOf: string[], author: string) {
    if (!consensusOf.length) return false;
    const { rows } = await this.db.query<{ n: number }>("select count(*)::int as n from record where id = any($1::text[]) and kind = 'assessment' and created_by <> $2 and deleted_at is null", [consensusOf, author]);
    return rows[0].n > 0;
  }

  /** What changed between two assessments of a subject: indicator states, ranking, judgement. */
  async compare(user: User, aId: string, bId: string) {
    const [a, b] = [await this.get(user, aId), await this.get(user, bId)];
    if (a.body.subject_id !== b.body.subject_id) throw badRequest("b", "compare two assessments of the same subject");
    const indicators = [...new Set([...Object.keys(a.body.states), ...Object.keys(b.body.states)])].sort();
    const changes = indicators
      .map((i) => ({ indicator: i, statement: this.model.indicators.get(i)?.statement ?? i, from: a.body.states[i]?.state ?? "not assessed", to: b.body.states[i]?.state ?? "not assessed" }))
      .filter((c) => c.from !== c.to);
    const rank = (x: AssessmentBody) => Object.fromEntries(x.analysis.ranking.map((h) => [h.id, { rank: h.rank, score: h.score }]));
    const ra = rank(a.body);
    const rb = rank(b.body);
    const ranking = b.body.analysis.ranking.map((h) => ({ id: h.id, name: h.name, from: ra[h.id], to: rb[h.id] }));
    return {
      a: { id: a.id, as_of: a.body.as_of, leader: a.body.analysis.ranking[0]?.id, judgement: a.body.judgement },
      b: { id: b.id, as_of: b.body.as_of, leader: b.body.analysis.ranking[0]?.id, judgement: b.body.judgement },
      leader_changed: a.body.analysis.ranking[0]?.id !== b.body.analysis.ranking[0]?.id,
      judgement_changed: a.body.judgement?.manifestation !== b.body.judgement?.manifestation,
      indicator_changes: changes, ranking,
    };
  }

  /**
   * Two analysts assessing the same subject independently: each one's latest assessment, where
   * their judgements and leaders differ, so a consensus assessment can settle it.
   */
  async disagreement(user: User, subjectId: string) {
    const all = await this.list(user, subjectId);
    const latestByAuthor = new Map<string, (typeof all)[number]>();
    for (const a of all.filter((x) => x.consensus_of.length === 0)) {
      const cur = latestByAuthor.get(a.author);
      if (!cur || a.as_of > cur.as_of) latestByAuthor.set(a.author, a);
    }
    const views = [...latestByAuthor.values()];
    const judgements = new Set(views.map((v) => v.judgement?.manifestation ?? v.leader));
    return { subject_id: subjectId, analysts: views, agree: judgements.size <= 1, differences: views.length > 1 && judgements.size > 1 ? views.map((v) => ({ author_name: v.author_name, judgement: v.judgement?.manifestation ?? null, computed_leader: v.leader, reason: v.judgement?.reason ?? null })) : [] };
  }
}
