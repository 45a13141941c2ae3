/**
 * The assessment report as a Word document (docx v9). The TLP label is printed at the top of
 * the report and in the header and footer of every page; the footer numbers the pages.
 */
import {
  AlignmentType, BorderStyle, Document, Footer, Header, HeadingLevel, LevelFormat, Packer, PageNumber, Paragraph, ShadingType,
  Table, TableCell, TableRow, TextRun, WidthType, type ParagraphChild,
} from "docx";
import { captions, TLP_BACKGROUND, type ReportModel } from "./report.model.js";

const hex = (c: string) => c.replace("#", "");
const GREY = "555555";
const RULE = { style: BorderStyle.SINGLE, size: 4, color: "BBBBBB" };
const borders = { top: RULE, bottom: RULE, left: RULE, right: RULE, insideHorizontal: RULE, insideVertical: RULE };

/** The TLP label: its colour on black, as the TLP 2.0 standard shows it (size in half-points). */
const tlpRun = (m: ReportModel, size: number) =>
  new TextRun({ text: ` ${m.tlp} `, bold: true, size, color: hex(m.tlpColour), shading: { type: ShadingType.CLEAR, fill: hex(TLP_BACKGROUND), color: "auto" } });

const p = (children: (string | ParagraphChild)[], opts: { size?: number; italics?: boolean; spacingAfter?: number } = {}) =>
  new Paragraph({ spacing: { after: opts.spacingAfter ?? 120 }, children: children.map((c) => (typeof c === "string" ? new TextRun({ text: c, size: opts.size, italics: opts.italics }) : c)) });
const bold = (text: string, size?: number) => new TextRun({ text, bold: true, size });
const heading = (text: string) => new Paragraph({ text, heading: HeadingLevel.HEADING_2, keepNext: true, spacing: { before: 240, after: 120 } });
const bullet = (text: string, size = 20) => new Paragraph({ bullet: { level: 0 }, spacing: { after: 40 }, children: [new TextRun({ text, size })] });

function cell(text: string, o: { head?: boolean; width?: number; align?: "left" | "right" | "center"; size?: number; colour?: string } = {}) {
  return new TableCell({
    width: o.width ? { size: o.width, type: WidthType.DXA } : undefined,
    shading: o.head ? { type: ShadingType.CLEAR, fill: "E8E8E8", color: "auto" } : undefined,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    children: text.split("\n").map((line) => new Paragraph({
      alignment: o.align === "right" ? AlignmentType.RIGHT : o.align === "center" ? AlignmentType.CENTER : AlignmentType.LEFT,
      children: [new TextRun({ text: line, bold: o.head || Boolean(o.colour), size: o.size ?? 18, color: o.colour })],
    })),
  });
}

/** A table with a repeated header row; widths in twentieths of a point (A4 text width is 9638). */
function table(header: string[], rows: string[][], widths: number[], opts: { align?: ("left" | "right" | "center")[]; size?: number; colour?: (text: string, col: number) => string | undefined } = {}) {
  const align = (i: number) => opts.align?.[i] ?? "left";
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA }, columnWidths: widths, borders,
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => cell(h, { head: true, width: widths[i], align: align(i), size: opts.size })) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((t, i) => cell(t, { width: widths[i], align: align(i), size: opts.size, colour: opts.colour?.(t, i) })) })),
    ],
  });
}

export function renderDocx(m: ReportModel): Promise<Buffer> {
  const headerFooterLabel = (lead: ParagraphChild[]) => new Paragraph({ alignment: AlignmentType.RIGHT, children: [...lead, tlpRun(m, 20)] });
  const cols = m.matrix.columns;
  const judgement = [p([m.judgement.text])];
  if (m.judgement.reason) judgement.push(p([bold("Reason: "), m.judgement.reason]));

  const explanations = m.ranking.filter((h) => h.explanation.length).flatMap((h) => [
    new Paragraph({ keepNext: true, spacing: { before: 80, after: 40 }, children: [bold(`${h.rank}. ${h.name}`, 18)] }),
    ...h.explanation.map((l) => bullet(l, 16)),
  ]);

  const matrix = m.matrix.rows.length ? [
    p([captions.matrixIntro], { size: 16 }),
    table(
      ["Indicator", "State", "Observed", "Grade, sources", ...cols.map((c) => c.short)],
      m.matrix.rows.map((r) => [r.statement, r.state, r.date, `${r.grade}\n${r.sources}`, ...r.cells]),
      [3318, 760, 1060, 1000, ...cols.map(() => 500)],
      { size: 16, align: ["left", "left", "left", "left", ...cols.map(() => "center" as const)], colour: (t, i) => (i >= 4 && t ? (t === "+" ? "006400" : "B00000") : undefined) },
    ),
    p([captions.legend(cols)], { size: 15 }),
  ] : [p([captions.noEvidence], { italics: true })];

  const practices = m.practices.length ? m.practices.flatMap((pr, i) => [
    new Paragraph({ keepNext: true, spacing: { before: 160, after: 60 }, children: [bold(`${i + 1}. ${pr.title}`)] }),
    p([bold("Why: ", 18), new TextRun({ text: `It ${pr.reason}.`, size: 18 })], { spacingAfter: 60 }),
    ...pr.steps.map((s) => new Paragraph({ numbering: { reference: "steps", level: 0, instance: i + 1 }, spacing: { after: 40 }, children: [new TextRun({ text: s, size: 18 })] })),
  ]) : [p([captions.noPractices], { italics: true })];

  const doc = new Document({
    creator: "Nexus Toolkit", title: `${m.title} — ${m.subtitle}`, subject: m.tlp, description: `Assessment report, ${m.tlp}`,
    styles: { default: { document: { run: { font: "Calibri", size: 20 } } } },
    numbering: { config: [{ reference: "steps", levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.START, style: { paragraph: { indent: { left: 560, hanging: 280 } } } }] }] },
    sections: [{
      properties: { page: { margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
      headers: { default: new Header({ children: [headerFooterLabel([new TextRun({ text: `${m.title} — ${m.subtitle}    `, size: 16, color: GREY })])] }) },
      footers: {
        default: new Footer({
          children: [headerFooterLabel([new TextRun({ children: [`Generated by Nexus Toolkit on ${m.generatedOn}. Page `, PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES, "    "], size: 16, color: GREY })])],
        }),
      },
      children: [
        p([tlpRun(m, 32)], { spacingAfter: 200 }),
        new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: m.title })] }),
        p([new TextRun({ text: m.subtitle, size: 26, color: GREY })]),
        p([bold("Status: "), m.status, "     ", bold("Author: "), m.author]),
        heading("Confidence"), p([m.confidence]),
        heading("Analyst's judgement"), ...judgement,
        heading(m.whyFirstHeading), p([m.whyFirst]),
        heading("Ranking of hypotheses"),
        table(["#", "Hypothesis", "Score", "Support", "Inconsistency"], m.ranking.map((h) => [String(h.rank), h.name, h.score, h.support, h.inconsistency]),
          [500, 4838, 1300, 1300, 1700], { align: ["left", "left", "right", "right", "right"] }),
        new Paragraph({ keepNext: true, spacing: { before: 160, after: 60 }, children: [bold("What drives each score (largest effects first)")] }),
        ...explanations,
        heading("Evidence matrix"), ...matrix,
        heading("Warnings"), ...(m.warnings.length ? m.warnings.map((w) => bullet(w)) : [p([captions.noWarnings], { italics: true })]),
        heading("Sources"),
        ...(m.sources.length ? [table(["Ref", "Source", "Type", "Reliability"], m.sources.map((s) => [s.ref, s.title, s.type, `${s.reliability} (${s.meaning})`]), [700, 4538, 1700, 2700])] : [p([captions.noSources], { italics: true })]),
        heading("Recommended practices"), ...practices,
      ],
    }],
  });
  return Packer.toBuffer(doc);
}
