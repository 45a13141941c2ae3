import { parse as parseYaml } from "yaml";
import type { Db } from "../../db/connection.js";
import { toCsv } from "../../core/csv.js";
import { contentTypes } from "../http/attachment.js";
import { afterAction, expectedInScenario } from "../../core/exercises/report.js";
import { translator } from "../../core/i18n/catalogues.js";
import type { Lang } from "../../core/i18n/format.js";
import type { Msg } from "../../core/i18n/messages.js";
import { requestContext } from "../http/context.js";
import { withoutBallot } from "../../core/exercises/visibility.js";
import type { KnowledgeBase } from "../../core/knowledge/schema.js";
import { validateContent, type RawContentFile } from "../../core/knowledge/validate.js";
import { readContentFiles } from "../../content/readContent.js";
import { renderDocumentDocx } from "../documents/docx.js";
import type { DocModel } from "../documents/model.js";
import { renderDocumentPdf } from "../documents/pdf.js";

import { appendAudit, type AuditActor } from "../platform/audit.repository.js";
import type { User } from "../platform/auth.service.js";
import type { ActionsService } from "../plans/actions.service.js";
import type { PlansService } from "../plans/plans.service.js";
import { afterActionDoc, handbookDoc, manualDoc } from "./documents.js";
import type { SessionsService } from "./sessions.service.js";
import { invalid } from "../http/validation.js";

export interface ReportEdits { summary: string; lessons: string[]; improvements: { practice: string; title: string; why: string; actors: string[]; owner: string; due?: string }[] }
/**
 * An improvement item as the report gives it: drafted by the toolkit (title and why are messages,
 * read in each reader's language) until the facilitator saves edits, which store the words they
 * see (decision 0025).
 */
export interface Improvement { practice: string; title: string | Msg; why: string | Msg[]; actors: string[]; owner: string; due?: string }
const language = (): Lang => (requestContext().language ?? "en") as Lang;
const render = (doc: DocModel, ext: string) => (ext === "pdf" ? renderDocumentPdf(doc) : renderDocumentDocx(doc));

/** Printable scenario documents, the after-action report with the facilitator's edits, its exports, and improvement items sent to an action plan. */
export class ExerciseOutputs {
  private contentFiles: RawContentFile[] | null = null;
  constructor(
    private readonly db: Db, private readonly kb: KnowledgeBase, private readonly sessions: SessionsService, private readonly plans: PlansService, private readonly actions: ActionsService,
    /** the knowledge base in each translated language (decision 0022) */
    private readonly kbs: ReadonlyMap<string, KnowledgeBase> = new Map(),
  ) {}

  private kbIn(lang: string): KnowledgeBase { return this.kbs.get(lang) ?? this.kb; }

  /** Validates a scenario draft with the same checks as `nexus content validate`, against the rest of the knowledge base. */
  validateDraft(text: string) {
    let data: unknown;
    try { data = text.trim().startsWith("{") ? JSON.parse(text) : parseYaml(text); } catch (e) {
      return { ok: false, problems: [{ path: "", message: `not valid YAML or JSON: ${(e as Error).message.split("\n")[0]}` }] };
    }
    const draftId = typeof (data as { id?: unknown })?.id === "string" ? (data as { id: string }).id : "draft";
    const path = `scenarios/${draftId}.yaml`;
    this.contentFiles ??= readContentFiles().files;
    const files = [...this.contentFiles.filter((f) => f.path !== path), { path, data }];
    const problems = validateContent(files).problems.filter((p) => p.file === path).map((p) => ({ path: p.entry === draftId ? "" : p.entry, message: p.message }));
    return { ok: problems.length === 0, problems };
  }

  async scenarioDocument(id: string, file: "manual.pdf" | "manual.docx" | "handbook.pdf" | "handbook.docx") {
    const lang = language();
    const sc = this.sessions.scenario(id, lang);
    const [name, ext] = file.split(".");
    const today = new Date().toISOString().slice(0, 10);
    const doc = name === "manual" ? manualDoc(sc, this.kbIn(lang), today, lang) : handbookDoc(sc, this.kbIn(lang), today, lang);
    return { body: await render(doc, ext), contentType: contentTypes[ext as "pdf" | "docx"], filename: `${sc.id}-${file}` };
  }

  private async edits(id: string): Promise<ReportEdits | null> {
    const { rows } = await this.db.query<{ edits: ReportEdits }>("select edits from exercise_report where session_id = $1", [id]);
    return rows[0]?.edits ?? null;
  }

  /** The after-action report; for AMBER+STRICT and RED sessions the request's reason is asked and audited ("write": already read by the caller). */
  async report(user: User, id: string, purpose: "read" | "write" = "read") {
    return (await this.reportOf(user, id, purpose)).report;
  }

  /** The report with the scenario it was read against (in the reader's language where the library has it). */
  private async reportOf(user: User, id: string, purpose: "read" | "write") {
    const s = await this.sessions.session(user, id, purpose);
    const { scenario: played, log } = await this.sessions.hub.state(id);
    // Texts in the reader's language where the library's scenario is the one played (same version).
    const lang = language();
    const kb = this.kbIn(lang);
    const own = kb.scenarios.find((x) => x.id === played.id);
    const scenario = own && own.version === played.version ? own : played;
    // Only the agencies the scenario gives a role to can be missing from its table (not every actor a practice names).
    const expected = expectedInScenario(scenario, Object.fromEntries(this.kb.practices.map((p) => [p.id, p.actors])));
    const generated = afterAction(scenario, log, expected, (a) => kb.actors.find((x) => x.id === a)?.name ?? a);
    const edits = await this.edits(id);
    const improvements: Improvement[] = edits?.improvements ?? generated.improvements.map((i) => ({ ...i, owner: "" }));
    // The institutions of the directory at the table (decision 0035), with the roles they played, as far as the reader may read them.
    const table = await this.sessions.agenciesOf(user, s);
    const roleName = new Map(scenario.roles.map((r) => [r.id, r.name]));
    const institutions = table.items.map((a) => ({ name: a.name, roles: a.roles.map((r) => roleName.get(r) ?? r) }));
    const report = { id, name: s.title, marking: s.marking, scenario: { id: scenario.id, title: scenario.title, version: scenario.version }, generated, edits, improvements, institutions };
    return { report, scenario };
  }

  async saveEdits(user: User, id: string, edits: ReportEdits, actor: AuditActor) {
    // The answer is the report: for AMBER+STRICT and RED the reason is asked before anything is saved.
    await this.sessions.session(user, id);
    const actors = new Set(this.kb.actors.map((a) => a.id));
    edits.improvements.forEach((it, i) => {
      if (it.practice && !this.kb.practices.some((p) => p.id === it.practice)) throw invalid(`improvements.${i}.practice`, "notAPractice", { id: it.practice });
      const bad = it.actors.find((a) => !actors.has(a));
      if (bad) throw invalid(`improvements.${i}.actors`, "notAnActor", { id: bad });
    });
    await this.db.transaction(async (tx) => {
      await tx.query(`insert into exercise_report (session_id, edits, updated_by) values ($1, $2::jsonb, $3)
        on conflict (session_id) do update set edits = $2::jsonb, updated_by = $3, updated_at = now()`, [id, JSON.stringify(edits), user.id]);
      await appendAudit(tx, actor, { action: "exercises.report.edit", targetKind: "record", targetId: id, details: { improvements: edits.improvements.length } });
    });
    return this.report(user, id, "write"); // read (and audited) above
  }

  async sessionFile(user: User, id: string, file: "report.pdf" | "report.docx" | "improvements.csv" | "events.json", actor: AuditActor) {
    const { report: r, scenario } = await this.reportOf(user, id, "read");
    const ext = file.split(".").pop() as keyof typeof contentTypes;
    let body: Buffer | string;
    const lang = language();
    const t = translator(lang);
    if (ext === "pdf" || ext === "docx") {
      // The document names the branches taken by their phase titles, never by the phases' ids.
      const phaseTitle = (p: string) => scenario.phases.find((x) => x.id === p)?.title ?? p;
      const named = { ...r, generated: { ...r.generated, branchesTaken: r.generated.branchesTaken.map((b) => ({ ...b, branch: phaseTitle(b.branch ?? "") })) } };
      body = await render(afterActionDoc(named, this.kbIn(lang), new Date().toISOString().slice(0, 10), lang), ext);
    } else if (ext === "csv") {
      // A machine format: the header stays in stable English words; the values read in the reader's language.
      body = toCsv([["Item", "Practice", "Why", "Actors", "Owner", "Due"], ...r.improvements.map((i) => [t(i.title), i.practice, t(i.why), i.actors.join("; "), i.owner, i.due ?? ""])]);
    } else body = JSON.stringify((await this.sessions.hub.state(id)).log.map(withoutBallot), null, 1); // anonymous hot-wash answers stay unlinkable
    await this.db.transaction((tx) => appendAudit(tx, actor, { action: "exercises.export", targetKind: "record", targetId: id, details: { file } }));
    return { body, contentType: contentTypes[ext], filename: `${r.scenario.id}-${file}` };
  }

  /** Each chosen improvement item becomes an action of the self-assessment's plan (practice in its scope). */
  async toPlan(user: User, id: string, selfAssessment: string, items: number[], actor: AuditActor) {
    const r = await this.report(user, id);
    const scope = (await this.plans.assessment(user, selfAssessment, true)).body.practices;
    // Check every item before writing any, so a refusal leaves the plan as it was.
    const chosen = items.map((n, i) => {
      const it = r.improvements[n];
      if (!it) throw invalid(`items.${i}`, "noImprovementItem", { n });
      if (!it.practice) throw invalid(`items.${i}`, "itemWithoutPractice", { title: translator(language())(it.title) });
      if (!scope.includes(it.practice)) throw invalid(`items.${i}`, "notInThatScope", { id: it.practice });
      return it;
    });
    const t = translator(language());
    const created = await this.actions.addAll(user, selfAssessment, chosen.map((it) => ({ practice: it.practice, title: t(it.title), due: it.due ?? null })), actor, { action: "exercises.to-plan", session: id });
    return { created: created.length, actions: created };
  }
}

