/**
 * The training report (PDF, DOCX, CSV) and certificates of completion (PDF with a verification
 * code and a QR code of the public check), in the reader's language (docs/decisions/0039). Both
 * read the cohort through CohortsService, so through the records kernel, its trainers only.
 */
import qrcode from "qrcode-generator";
import type { Db } from "../../db/connection.js";
import { toCsv } from "../../core/csv.js";
import { translator } from "../../core/i18n/catalogues.js";
import type { Lang } from "../../core/i18n/format.js";
import { msg, type Msg } from "../../core/i18n/messages.js";
import { contentTypes } from "../http/attachment.js";
import { publicBase } from "../exercises/sessions.service.js";
import { formatDocDate } from "../documents/chrome.js";
import { fontOrder } from "../documents/fonts.js";
import { renderDocumentDocx } from "../documents/docx.js";
import { isRtl, type Block, type DocLanguage, type DocModel } from "../documents/model.js";
import { compileTypst, renderDocumentPdf } from "../documents/pdf.js";
import { typstString } from "../documents/typst.js";
import { appendAudit, type AuditActor } from "../platform/audit.repository.js";
import type { User } from "../platform/auth.service.js";
import type { CohortsService } from "./cohorts.service.js";

const pct = (x: { right: number; of: number }) => (x.of ? Math.round((x.right / x.of) * 100) : null);
const shown = (n: number | null) => (n === null ? "–" : String(n));
const signed = (n: number | null) => (n === null ? "–" : n > 0 ? `+${n}` : String(n));

/** The public page that checks a certificate, absolute (PUBLIC_URL, else this server's default address). */
export function verifyUrl(code: string) {
  const origin = publicBase() ?? `http://localhost:${process.env.PORT || 8080}`;
  return `${origin}/training/verify/${encodeURIComponent(code)}`;
}

export class TrainingDocuments {
  constructor(private readonly db: Db, private readonly cohorts: CohortsService) {}

  /** The report in `lang` when the reader asks for one (`?lang=`), else in the training session's language. */
  async report(user: User, id: string, file: "report.pdf" | "report.docx" | "gains.csv", actor: AuditActor, lang?: Lang) {
    const { details: d, gains: g, lang: use } = await this.cohorts.reportFacts(user, id, lang);
    const t = translator(use as Lang);
    const k = (key: string, params?: Record<string, unknown>) => t(msg(`training.msg.${key}`, params as never));
    const verdict = (x: { landed: boolean; why?: Msg }) => (x.landed ? k("report.yes") : `${k("report.no")}: ${t(x.why!)}`);
    const entryName = (e: { label?: Msg; title: string; id: string }) => (e.label ? `${t(e.label)} ${e.title}` : e.title || e.id);
    let body: Buffer | string;
    const ext = file.split(".").pop() as "pdf" | "docx" | "csv";
    if (ext === "csv") {
      // A machine format: stable English headers, values in the reader's language.
      body = toCsv([
        ["Level", "Id", "Name", "Pre right", "Pre answers", "Post right", "Post answers", "Gain (points)", "Landed", "Why not"],
        ...g.questions.map((q) => ["question", q.question, q.stem, q.pre.right, q.pre.of, q.post.right, q.post.of, q.gain ?? "", q.landed ? "yes" : "no", q.why ? t(q.why) : ""].map(String)),
        ...g.entries.map((e) => [e.kind, e.id, entryName(e), e.pre.right, e.pre.of, e.post.right, e.post.of, e.gain ?? "", e.landed ? "yes" : "no", e.why ? t(e.why) : ""].map(String)),
        ...g.audiences.map((a) => ["audience", a.audience, t(a.name), a.pre.right, a.pre.of, a.post.right, a.post.of, a.gain ?? "", "", ""].map(String)),
      ]);
    } else {
      const notLanded = g.entries.filter((e) => !e.landed);
      const blocks: Block[] = [
        { kind: "heading", text: k("report.summary") },
        { kind: "paragraph", text: k("report.audience", { audience: t(d.audience.name) }) },
        { kind: "paragraph", text: k("report.participants", g.participants) },
        { kind: "paragraph", text: k("report.overall", { pre: shown(pct(g.overall.pre)), post: shown(pct(g.overall.post)), gain: signed(g.overall.gain) }) },
        { kind: "heading", text: k("report.notLanded") },
        notLanded.length ? { kind: "bullets", items: notLanded.map((e) => `${entryName(e)}: ${t(e.why!)}`) } : { kind: "paragraph", text: k("report.allLanded") },
        { kind: "heading", text: k("report.byEntry") },
        {
          kind: "table", widths: [6, 1.3, 1.3, 1.3, 3], fontSize: 8,
          header: [k("report.col.entry"), k("report.col.before"), k("report.col.after"), k("report.col.gain"), k("report.col.verdict")],
          rows: g.entries.map((e) => [entryName(e), `${shown(pct(e.pre))}%`, `${shown(pct(e.post))}%`, signed(e.gain), { text: verdict(e), colour: e.landed ? undefined : "#A01010" }]),
        },
        { kind: "heading", text: k("report.byQuestion") },
        {
          kind: "table", widths: [7, 3, 1.3, 1.3, 1.3], fontSize: 8,
          header: [k("report.col.question"), k("report.col.entry"), k("report.col.before"), k("report.col.after"), k("report.col.gain")],
          rows: g.questions.map((q) => [q.stem, q.about.title, `${shown(pct(q.pre))}%`, `${shown(pct(q.post))}%`, signed(q.gain)]),
        },
        ...(g.audiences.length ? [
          { kind: "heading", text: k("report.byAudience") } as Block,
          {
            kind: "table", widths: [4, 2, 1.3, 1.3, 1.3], fontSize: 8,
            header: [k("report.col.audience"), k("report.col.participants"), k("report.col.before"), k("report.col.after"), k("report.col.gain")],
            rows: g.audiences.map((a) => [t(a.name), String(a.participants), `${shown(pct(a.pre))}%`, `${shown(pct(a.post))}%`, signed(a.gain)]),
          } as Block,
        ] : []),
        { kind: "heading", text: k("report.progress") },
        {
          kind: "table", widths: [3, 3, 3, 2, 1.5, 1.5, 1.5], fontSize: 8,
          header: [k("report.col.pseudonym"), k("report.col.audience"), k("report.col.institution"), k("report.col.modules"), k("report.col.pre"), k("report.col.post"), k("report.col.certificate")],
          rows: d.participants.map((p) => [
            p.pseudonym, t(msg(`training.msg.audience.${p.audience}` as never)), p.institution ?? "–", `${p.modules_done.length}/${d.schedule.length}`,
            p.tests.pre ? `${p.tests.pre.right}/${p.tests.pre.answered}` : "–", p.tests.post ? `${p.tests.post.right}/${p.tests.post.answered}` : "–", p.certificate ? k("report.yes") : k("report.no"),
          ]),
        },
      ];
      const doc: DocModel = { language: use as DocLanguage, title: k("report.title"), subtitle: d.name, marking: d.marking, generatedOn: new Date().toISOString().slice(0, 10), blocks };
      body = ext === "pdf" ? await renderDocumentPdf(doc) : await renderDocumentDocx(doc);
    }
    await this.db.transaction((tx) => appendAudit(tx, actor, { action: "training.export", targetKind: "record", targetId: id, details: { file } }));
    return { body, contentType: contentTypes[ext], filename: `training-${d.audience.id}-${file}` };
  }

  /** A certificate as one landscape page: who, which path, which modules, the final score, the code and its QR. */
  /** The certificate in `lang` when asked (`?lang=`), else in the language its holder joined in. */
  async certificate(user: User, id: string, participant: string, actor: AuditActor, asked?: Lang) {
    const c = await this.cohorts.certificate(user, id, participant);
    const lang = (asked ?? c.language) as DocLanguage;
    const t = translator(lang);
    const path = this.cohorts.path(c.audience, lang);
    const k = (key: string, params?: Record<string, unknown>) => t(msg(`training.msg.${key}`, params as never));
    const url = verifyUrl(c.code);
    const qr = qrcode(0, "M");
    qr.addData(url);
    qr.make();
    const svg = qr.createSvgTag({ cellSize: 4, margin: 0, scalable: true });
    const modules = c.modules.map((m) => { const mod = path.modules.find((x) => x.id === m); return mod ? t(mod.title) : m; }).join(" · ");
    const fonts = fontOrder(lang).map((f) => (f.covers ? `(name: ${typstString(f.name)}, covers: ${typstString(f.covers)})` : typstString(f.name))).join(", ");
    const rtl = isRtl(lang);
    const source = [
      `#set document(title: ${typstString(k("certificate.title"))}, author: "Nexus Toolkit")`,
      `#set page(paper: "a4", flipped: true, margin: 2cm)`,
      `#set text(font: (${fonts}), size: 13pt, lang: ${typstString(lang)}, dir: ${rtl ? "rtl" : "ltr"})`,
      `#rect(width: 100%, height: 100%, stroke: 2pt + rgb("#1f4e79"), inset: 1.2cm)[`,
      `#align(center)[`,
      `#text(size: 30pt, weight: "bold", fill: rgb("#1f4e79"), ${typstString(k("certificate.title"))})`,
      `#v(0.8cm)`,
      `#text(size: 14pt, ${typstString(k("certificate.certifies"))})`,
      `#v(0.3cm)`,
      `#text(size: 26pt, weight: "bold", ${typstString(c.holder)})`,
      `#v(0.3cm)`,
      `#text(size: 14pt, ${typstString(k("certificate.completed"))})`,
      `#v(0.2cm)`,
      `#text(size: 20pt, weight: "bold", ${typstString(t(msg(`training.msg.audience.${c.audience}` as never)))})`,
      `#v(0.4cm)`,
      `#text(size: 11pt, ${typstString(k("certificate.modules", { modules }))})`,
      `#v(0.2cm)`,
      `#text(size: 11pt, ${typstString(k("certificate.score", c.post))})`,
      `#v(0.2cm)`,
      `#text(size: 11pt, ${typstString(k("certificate.issued", { date: formatDocDate(lang, c.issued_on) }))})`,
      `]`,
      `#place(bottom + ${rtl ? "left" : "right"}, image(bytes(${typstString(svg)}), format: "svg", width: 3.2cm))`,
      `#place(bottom + ${rtl ? "right" : "left"}, box(width: 70%, text(size: 9pt, fill: rgb("#555555"), ${typstString(k("certificate.verify", { code: c.code, url }))})))`,
      `]`,
    ].join("\n");
    const pdf = compileTypst(source).pdf;
    await this.db.transaction((tx) => appendAudit(tx, actor, { action: "training.certificate", targetKind: "record", targetId: id, details: { participant } }));
    return { body: pdf, contentType: contentTypes.pdf, filename: `certificate-${c.code}.pdf` };
  }
}
