/**
 * STIX 2.1 export (decision 0032): a workspace, a subject or an assessment as a bundle of what the
 * reader may read. Every record comes through the records kernel (WatchService.visible, .subject,
 * the assessments service), observations only where the reader reads every source, analyses as
 * the reader's own; src/core/stix/export.ts then leaves RED out. Each export is audited.
 */
import { toStixBundle, type ExportAnalysis, type StixBundle } from "../../core/stix/export.js";
import type { Db } from "../../db/connection.js";
import type { User } from "../platform/auth.service.js";
import { appendAudit, type AuditActor } from "../platform/audit.repository.js";
import type { RecordsService } from "../platform/records.service.js";
import type { RecordRow } from "../platform/records.repository.js";
import { notFound } from "../http/problem.js";
import { invalid } from "../http/validation.js";
import type { AssessmentsService } from "../watch/assessments.service.js";
import type { WatchService } from "../watch/watch.service.js";

const exported = ["area", "group", "source", "relationship", "assessment"];

/** A RED record asked for by id: refused by name (RED never leaves its workspace). */
const notRed = (r: RecordRow) => { if (r.marking === "RED") throw invalid("id", "redStays"); };

export class StixService {
  constructor(private readonly db: Db, private readonly records: RecordsService, private readonly watch: WatchService, private readonly assessments: AssessmentsService) {}

  private async workspaceName(id: string): Promise<string> {
    const { rows } = await this.db.query<{ name: string }>("select name from workspace where id = $1", [id]);
    return rows[0]?.name ?? id;
  }

  private async analyses(user: User, subjects: RecordRow[]): Promise<ExportAnalysis[]> {
    const out: ExportAnalysis[] = [];
    for (const s of subjects) {
      const a = await this.watch.analysis(user, s.id);
      if (!a.evidenceCount) continue;
      out.push({ subjectId: s.id, asOf: a.asOf, ranking: a.ranking.map((h) => ({ id: h.id, score: h.score, support: h.support, inconsistency: h.inconsistency })), confidence: a.confidence.level, evidenceCount: a.evidenceCount });
    }
    return out;
  }

  private async bundle(user: User, workspaceId: string, rows: RecordRow[], subjects: RecordRow[], actor: AuditActor, target: { kind: string; id: string }): Promise<StixBundle> {
    const observations = await this.watch.observationsReadable(user, subjects);
    const model = this.watch.modelIn(undefined);
    const names = new Map(model.manifestations.map((m) => [m.id, m.name]));
    const links = await this.db.query<{ stix_id: string; target_id: string }>("select stix_id, target_id from stix_link where workspace_id = $1", [workspaceId]);
    const bundle = toStixBundle({
      producer: { id: workspaceId, name: await this.workspaceName(workspaceId) },
      records: rows, observations, analyses: await this.analyses(user, subjects),
      manifestationName: (id) => names.get(id) ?? id,
      knownAs: new Map(links.rows.map((l) => [l.target_id, l.stix_id])),
    });
    await this.db.transaction((tx) => appendAudit(tx, actor, { action: "watch.stix-export", targetKind: target.kind, targetId: target.id, details: { objects: bundle.objects.length } }));
    return bundle;
  }

  /** Everything of Nexus Watch the member reads in a workspace. */
  async workspace(user: User, workspaceId: string, actor: AuditActor): Promise<StixBundle> {
    if ((await this.records.viewerOf(user)).memberships.get(workspaceId) !== true) throw notFound(`workspace "${workspaceId}"`);
    const rows = await this.watch.visible(user, exported, workspaceId);
    return this.bundle(user, workspaceId, rows, rows.filter((r) => r.kind === "area" || r.kind === "group"), actor, { kind: "workspace", id: workspaceId });
  }

  /**
   * A subject with what it draws on: its observations and their sources, a group's areas and
   * motivation sources, the relationships it is part of with the groups at their other end.
   */
  async subject(user: User, id: string, actor: AuditActor): Promise<StixBundle> {
    const subject = await this.watch.subject(user, id);
    notRed(subject);
    const all = new Map((await this.watch.visible(user, ["area", "group", "source", "relationship"], subject.workspace_id)).map((r) => [r.id, r]));
    const keep = new Map<string, RecordRow>([[subject.id, subject]]);
    const add = (rid: unknown) => { const r = typeof rid === "string" ? all.get(rid) : undefined; if (r) keep.set(r.id, r); };
    const b = subject.body as { areas?: string[]; motivations?: { sources?: string[] }[] };
    b.areas?.forEach(add);
    b.motivations?.forEach((m) => m.sources?.forEach(add));
    for (const r of all.values()) {
      if (r.kind !== "relationship") continue;
      const rb = r.body as { from: string; to: string; sources: string[] };
      if (rb.from !== subject.id && rb.to !== subject.id) continue;
      keep.set(r.id, r); add(rb.from); add(rb.to); rb.sources.forEach(add);
    }
    const observations = await this.watch.observationsReadable(user, [subject]);
    observations.forEach((o) => o.source_ids.forEach(add));
    return this.bundle(user, subject.workspace_id, [...keep.values()], [subject], actor, { kind: "record", id: subject.id });
  }

  /** An assessment the reader may export (not RED), read through the kernel without exporting it yet. */
  async exportableAssessment(user: User, id: string) {
    const a = await this.assessments.get(user, id);
    notRed(a);
    return a;
  }

  /** An assessment as a report, with its subject and the evidence records the reader may read. */
  async assessment(user: User, id: string, actor: AuditActor): Promise<StixBundle> {
    const a = await this.exportableAssessment(user, id);
    const cited = [a.body.subject_id, ...(a.body.evidence_records ?? [])];
    const rows = await this.watch.visible(user, ["area", "group", "source", "relationship"], a.workspace_id);
    const keep = rows.filter((r) => cited.includes(r.id));
    return this.bundle(user, a.workspace_id, [a, ...keep], [], actor, { kind: "record", id: a.id });
  }
}
