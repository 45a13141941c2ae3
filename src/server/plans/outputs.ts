import type { Db } from "../../db/connection.js";
import { toCsv } from "../../core/csv.js";
import { contentTypes, type FileKind } from "../http/attachment.js";
import { writeIcs } from "../../core/exports/ics.js";
import { writeXlsx, type XlsxSheet } from "../../core/exports/xlsx.js";
import { assistanceReport } from "../../core/plans/assistance.js";
import { translator } from "../../core/i18n/catalogues.js";
import { countryIn, type Lang } from "../../core/i18n/format.js";
import { msg, type Msg } from "../../core/i18n/messages.js";
import { practiceRef, practiceTitled } from "../../core/i18n/practices.js";
import { inPlaceMsg, workingMsg, type InPlace, type Working } from "../../core/plans/ratings.js";
import type { KnowledgeBase } from "../../core/knowledge/schema.js";
import { requestContext } from "../http/context.js";
import { renderDocumentDocx } from "../documents/docx.js";
import type { DocModel } from "../documents/model.js";
import { renderDocumentPdf } from "../documents/pdf.js";
import { appendAudit, type AuditActor } from "../platform/audit.repository.js";
import type { User } from "../platform/auth.service.js";
import { buildActionPlanDoc, type PlanNames } from "./actionPlan.model.js";
import type { ActionsService } from "./actions.service.js";
import type { AgreedRow, PlansService } from "./plans.service.js";

export const exportFiles = ["action-plan.pdf", "action-plan.docx", "ratings.csv", "actions.csv", "plan.xlsx", "due-dates.ics", "assistance.pdf", "assistance.docx"] as const;
export type ExportFile = (typeof exportFiles)[number];

/** A practice's gap as a message: its "in place" and "working" ratings in words. */
const gapMsg = (r: { inPlace: InPlace | null; working: Working | null }): Msg => msg("plans.msg.gap", { inPlace: inPlaceMsg(r.inPlace), working: workingMsg(r.working) });
const language = (): Lang => (requestContext().language ?? "en") as Lang;

/** Names of knowledge-base entries in a language, for documents. */
export function planNames(kb: KnowledgeBase): PlanNames {
  return {
    practice: (p) => kb.practices.find((x) => x.id === p)?.title ?? p,
    framework: (f) => (kb.frameworks.find((x) => x.id === f)?.name ?? f).replace(/ \(.*\)$/, ""),
    area: (a) => kb.frameworks.flatMap((x) => x.areas).find((x) => x.id === a)?.name ?? a,
    actor: (a) => kb.actors.find((x) => x.id === a)?.name ?? a,
  };
}

/**
 * What a self-assessment gives out: the national action plan (PDF, DOCX), the ratings and
 * actions as CSV and XLSX, the due dates as an ICS calendar, and the technical-assistance
 * needs report (JSON, PDF, DOCX). Each download is audited. Documents are in the reader's language
 * (the `lang` query, else Accept-Language; decision 0025); CSV and XLSX keep stable English
 * column names (a machine format) with readable values.
 */
export class PlanOutputs {
  constructor(private readonly db: Db, private readonly plans: PlansService, private readonly actions: ActionsService) {}

  async assistance(user: User, id: string) {
    const s = await this.plans.summary(user, id);
    const kb = this.plans.kbIn();
    const requested = s.details.filter((d) => d.assistance_requested).flatMap((d) => {
      const row = s.gaps.rows.find((r) => r.practice === d.practice);
      return row ? [{ practice: d.practice, note: d.assistance_note, gap: gapMsg(row) }] : [];
    });
    const report = assistanceReport(
      kb.practices, requested,
      kb.initiatives.map((i) => ({ id: i.id, name: i.name, organisation: i.organisation, international: i.scope === "global" || i.scope === "regional" })),
      kb.instruments.map((i) => ({ id: i.id, name: i.short ?? i.name, organisation: i.issuer, international: true })),
    );
    return { id: s.id, name: s.name, country: s.country, marking: s.marking, requested: requested.length, ...report };
  }

  private assistanceDoc(r: Awaited<ReturnType<PlanOutputs["assistance"]>>, generatedOn: string, lang: Lang): DocModel {
    const t = translator(lang);
    const country = countryIn(lang, r.country);
    const header = [t("docs.msg.col.practice"), t("docs.msg.col.gap"), t("docs.msg.col.asked"), t("docs.msg.col.through")];
    const rows = (ps: (typeof r.unassigned)) => ps.map((p) => [t(practiceTitled(p.practice, p.title)), t(p.gap), p.note || "—", p.via.join("; ") || "—"]);
    return {
      language: lang, title: t("docs.msg.assist.title", { name: r.name }), subtitle: country, marking: r.marking as DocModel["marking"], generatedOn,
      blocks: [
        { kind: "paragraph", text: t("docs.msg.assist.intro", { country, count: r.requested }) },
        ...r.groups.flatMap((g) => [
          { kind: "subheading" as const, text: t("docs.msg.assist.group", { organisation: g.organisation, count: g.practices.length }) },
          { kind: "table" as const, header, widths: [4, 3, 4, 3], fontSize: 8, rows: rows(g.practices) },
        ]),
        ...(r.unassigned.length ? [{ kind: "subheading" as const, text: t("docs.msg.assist.unassigned") }, { kind: "table" as const, header, widths: [4, 3, 4, 3], fontSize: 8, rows: rows(r.unassigned) }] : []),
      ],
    };
  }

  async file(user: User, id: string, file: ExportFile, actor: AuditActor): Promise<{ body: Buffer | string; contentType: string; filename: string }> {
    const today = new Date().toISOString().slice(0, 10);
    const s = await this.plans.summary(user, id);
    const plan = await this.actions.list(user, id, today);
    const lang = language();
    const t = translator(lang);
    const nameOf = planNames(this.plans.kbIn(lang));
    const stem = `${s.country}-${s.name}`.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 60);
    const ext = file.split(".").pop()!;
    let body: Buffer | string;
    if (file === "action-plan.pdf" || file === "action-plan.docx") {
      const doc = buildActionPlanDoc(s, plan, (await this.plans.fullHistory(user, id)).reviews, nameOf, today, lang);
      body = ext === "pdf" ? await renderDocumentPdf(doc) : await renderDocumentDocx(doc);
    } else if (file === "assistance.pdf" || file === "assistance.docx") {
      const doc = this.assistanceDoc(await this.assistance(user, id), today, lang);
      body = ext === "pdf" ? await renderDocumentPdf(doc) : await renderDocumentDocx(doc);
    } else if (file === "ratings.csv") {
      const sheet = await this.ratingsSheet(id);
      body = toCsv([sheet.header, ...sheet.rows]);
    } else if (file === "actions.csv") {
      const sheet = this.actionsSheet(plan, t);
      body = toCsv([sheet.header, ...sheet.rows]);
    } else if (file === "plan.xlsx") {
      const gaps: XlsxSheet = {
        name: "Gaps", header: ["Practice", "Title", "Framework", "Area", "In place", "Working", "Compliance gap", "Effectiveness gap", "Priority", "Reasons"], widths: [12, 50, 10, 12, 10, 12, 10, 10, 8, 60],
        rows: s.gaps.rows.map((r) => [r.practice, r.title, r.framework, r.area, r.inPlace, r.working, r.complianceGap, r.effectivenessGap, r.priority, t(r.reasons)]),
      };
      body = await writeXlsx([await this.ratingsSheet(id), this.actionsSheet(plan, t), gaps]);
    } else {
      const events = plan.actions.filter((a) => a.status !== "cancelled" && a.status !== "done").flatMap((a) => [
        ...(a.due ? [{
          uid: `${a.id}@nexus-toolkit`, date: a.due, summary: t("docs.msg.ics.due", { title: a.title }),
          description: t("docs.msg.ics.description", { practice: a.step ? msg("docs.msg.plan.step", { practice: practiceRef(a.practice), step: a.step }) : practiceRef(a.practice), owner: a.owner?.name ?? msg("docs.msg.ics.noOwner"), status: a.status }),
          categories: [t(practiceRef(a.practice))],
        }] : []),
        ...a.milestones.filter((m) => !m.done).map((m, i) => ({ uid: `${a.id}-m${i + 1}@nexus-toolkit`, date: m.due, summary: t("docs.msg.ics.milestone", { title: m.title }), description: t("docs.msg.ics.partOf", { title: a.title }), categories: [t(practiceRef(a.practice))] })),
      ]);
      body = writeIcs({ name: t("docs.msg.ics.calendar", { name: s.name }), events }, new Date());
    }
    await this.db.transaction((tx) => appendAudit(tx, actor, { action: "plans.export", targetKind: "record", targetId: id, details: { file } }));
    return { body, contentType: contentTypes[ext as FileKind], filename: `${stem}-${file}` };
  }

  private async ratingsSheet(id: string): Promise<XlsxSheet> {
    const ratings = (await this.db.query<{ practice: string; review: number; institution: string; in_place: string | null; working: string | null; comment: string }>(
      "select practice, review, institution, in_place, working, comment from plan_rating where self_assessment_id = $1 order by practice, review, institution", [id])).rows;
    const agreed = (await this.db.query<AgreedRow>("select * from plan_agreed where self_assessment_id = $1 order by practice, cycle", [id])).rows;
    const kb = this.plans.kbIn();
    const title = (p: string) => kb.practices.find((x) => x.id === p)?.title ?? p;
    return {
      name: "Ratings", header: ["Practice", "Title", "Review", "Rated by", "In place", "Working", "Comment or reason"], widths: [12, 50, 8, 30, 10, 12, 60],
      rows: [
        ...ratings.map((r) => [r.practice, title(r.practice), r.review, r.institution, r.in_place, r.working, r.comment]),
        ...agreed.map((r) => [r.practice, title(r.practice), r.cycle, "Agreed (coordinator)", r.in_place, r.working, r.reason]),
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]), "en", { numeric: true }) || Number(a[2]) - Number(b[2])),
    };
  }

  private actionsSheet(plan: Awaited<ReturnType<ActionsService["list"]>>, t: ReturnType<typeof translator>): XlsxSheet {
    const titleOf = new Map(plan.actions.map((a) => [a.id, a.title]));
    return {
      name: "Actions", header: ["Id", "Practice", "Step", "Action", "Owner", "Actor", "Start", "Due", "Status", "Overdue", "Depends on", "Milestones"], widths: [38, 12, 6, 60, 30, 20, 11, 11, 11, 8, 40, 40],
      rows: plan.actions.map((a) => [a.id, a.practice, a.step, a.title, a.owner?.name ?? null, a.owner?.actor ?? null, a.start, a.due, t(`plans.msg.actionStatus.${a.status}`), a.overdue,
        a.depends_on.map((d) => titleOf.get(d) ?? d).join("; "), a.milestones.map((m) => `${m.title} (${m.due}${m.done ? `, ${t("plans.msg.stepStatus.done")}` : ""})`).join("; ")]),
    };
  }
}
