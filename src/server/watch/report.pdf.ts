/**
 * The assessment report as PDF, laid out with pdfmake 0.2 on the server with the Roboto fonts
 * it ships (nothing is fetched). The TLP label is printed at the top of the report and in the
 * header and footer of every page.
 */
import type { Content, ContentTable, TableCell, TDocumentDefinitions } from "pdfmake/interfaces.js";
import { printPdf } from "../documents/pdf.js";
import { captions, TLP_BACKGROUND, type ReportModel } from "./report.model.js";

const GREY = "#555555";
const RULE = "#BBBBBB";
const HEAD_FILL = "#E8E8E8";

/** The TLP label: its colour on black, as the TLP 2.0 standard shows it. */
function tlpLabel(m: ReportModel, fontSize: number, align: "left" | "right"): Content {
  const label: ContentTable = {
    width: "auto",
    table: { body: [[{ text: m.tlp, bold: true, color: m.tlpColour, fillColor: TLP_BACKGROUND, fontSize, margin: [6, 2, 6, 1] }]] },
    layout: "noBorders",
  } as ContentTable;
  return align === "right" ? { columns: [{ width: "*", text: "" }, label] } : { columns: [label, { width: "*", text: "" }] };
}

const lines = { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => RULE, vLineColor: () => RULE, paddingTop: () => 2, paddingBottom: () => 2 };
const head = (text: string, extra: Record<string, unknown> = {}): TableCell => ({ text, bold: true, fillColor: HEAD_FILL, ...extra });
/** Section headings carry headlineLevel 1, so that one left last on a page moves to the next. */
const heading = (text: string): Content => ({ text, style: "h2", headlineLevel: 1 });

/**
 * A heading in the last tenth of a page, or with no text after it there, moves to the next
 * page. (pdfmake 0.2 passes the nodes that touch the same page; the 0.3 typings describe
 * another signature. A table's header row counts as touching the page it was first tried on.)
 */
interface NodeInfo { headlineLevel?: number; text?: unknown; startPosition: { pageNumber: number; verticalRatio: number } }
const keepHeadingsWithNext = ((node: NodeInfo, followingOnPage: NodeInfo[]) =>
  node.headlineLevel === 1 && (node.startPosition.verticalRatio > 0.9 || !followingOnPage.some((n) => n.text !== undefined && n.startPosition.pageNumber === node.startPosition.pageNumber))
) as unknown as TDocumentDefinitions["pageBreakBefore"];

export function renderPdf(m: ReportModel): Promise<Buffer> {
  const ranking: Content = {
    table: {
      headerRows: 1, widths: [16, "*", 50, 50, 70],
      body: [
        [head("#"), head("Hypothesis"), head("Score", { alignment: "right" }), head("Support", { alignment: "right" }), head("Inconsistency", { alignment: "right" })],
        ...m.ranking.map((h) => [String(h.rank), { text: h.name, bold: h.rank === 1 }, { text: h.score, alignment: "right" }, { text: h.support, alignment: "right" }, { text: h.inconsistency, alignment: "right" }] as TableCell[]),
      ],
    },
    layout: lines, fontSize: 9, margin: [0, 0, 0, 6],
  };
  const explanations: Content[] = m.ranking.filter((h) => h.explanation.length).map((h) => ({
    stack: [{ text: `${h.rank}. ${h.name}`, bold: true, fontSize: 9, margin: [0, 4, 0, 1] }, { ul: h.explanation, fontSize: 8, color: "#222222" }],
  }));

  const cols = m.matrix.columns;
  const matrix: Content = m.matrix.rows.length ? [
    { text: captions.matrixIntro, fontSize: 8, color: GREY, margin: [0, 0, 0, 4] },
    {
      table: {
        headerRows: 1, dontBreakRows: true, widths: ["*", 38, 50, 44, ...cols.map(() => 21)],
        body: [
          [head("Indicator"), head("State"), head("Observed"), head("Grade, sources"), ...cols.map((c) => head(c.short, { alignment: "center" }))],
          ...m.matrix.rows.map((r) => [r.statement, r.state, r.date, `${r.grade}\n${r.sources}`, ...r.cells.map((c) => ({ text: c, alignment: "center", bold: true, fontSize: 10, color: c === "+" ? "#006400" : "#B00000" }))] as TableCell[]),
        ],
      },
      layout: lines, fontSize: 8,
    },
    { text: captions.legend(cols), fontSize: 7.5, color: GREY, margin: [0, 3, 0, 0] },
  ] : { text: captions.noEvidence, italics: true };

  const sources: Content = m.sources.length ? {
    table: {
      headerRows: 1, widths: [24, "*", 80, 120],
      body: [
        [head("Ref"), head("Source"), head("Type"), head("Reliability")],
        ...m.sources.map((s) => [s.ref, s.title, s.type, `${s.reliability} (${s.meaning})`]),
      ],
    },
    layout: lines, fontSize: 9,
  } : { text: captions.noSources, italics: true };

  const practices: Content[] = m.practices.length ? m.practices.map((p, i) => ({
    stack: [
      { unbreakable: true, stack: [
        { text: `${i + 1}. ${p.title}`, bold: true, margin: [0, 6, 0, 2] },
        { text: [{ text: "Why: ", bold: true }, `It ${p.reason}.`], fontSize: 9, margin: [0, 0, 0, 2] },
        p.steps.length ? { ol: p.steps.slice(0, 1), fontSize: 9, margin: [10, 0, 0, 0] } : { text: "" },
      ] },
      p.steps.length > 1 ? { ol: p.steps.slice(1), start: 2, fontSize: 9, margin: [10, 0, 0, 0] } : { text: "" },
    ],
  })) : [{ text: captions.noPractices, italics: true }];

  const judgement: Content[] = [{ text: m.judgement.text }];
  if (m.judgement.reason) judgement.push({ text: [{ text: "Reason: ", bold: true }, m.judgement.reason], margin: [0, 2, 0, 0] });

  const doc: TDocumentDefinitions = {
    pageSize: "A4", pageMargins: [40, 50, 40, 50], compress: true,
    info: { title: `${m.title} — ${m.subtitle}`, author: m.author, creator: "Nexus Toolkit", subject: m.tlp },
    header: () => ({ margin: [40, 16, 40, 0], columns: [{ text: `${m.title} — ${m.subtitle}`, fontSize: 8, color: GREY, margin: [0, 3, 0, 0] }, { width: "auto", stack: [tlpLabel(m, 10, "right")] }] }),
    footer: (page: number, pages: number) => ({
      margin: [40, 14, 40, 0],
      columns: [{ text: `Generated by Nexus Toolkit on ${m.generatedOn}. Page ${page} of ${pages}`, fontSize: 8, color: GREY, margin: [0, 3, 0, 0] }, { width: "auto", stack: [tlpLabel(m, 10, "right")] }],
    }),
    content: [
      tlpLabel(m, 16, "left"),
      { text: m.title, style: "title", margin: [0, 10, 0, 0] },
      { text: m.subtitle, fontSize: 13, color: GREY },
      { text: [{ text: "Status: ", bold: true }, m.status, "     ", { text: "Author: ", bold: true }, m.author], margin: [0, 6, 0, 0] },
      heading("Confidence"), { text: m.confidence },
      heading("Analyst's judgement"), ...judgement,
      heading(m.whyFirstHeading), { text: m.whyFirst },
      heading("Ranking of hypotheses"), ranking,
      { text: "What drives each score (largest effects first)", bold: true, margin: [0, 2, 0, 0] }, ...explanations,
      heading("Evidence matrix"), matrix,
      heading("Warnings"), m.warnings.length ? { ul: m.warnings } : { text: captions.noWarnings, italics: true },
      heading("Sources"), sources,
      heading("Recommended practices"), ...practices,
    ],
    pageBreakBefore: keepHeadingsWithNext,
    styles: { title: { fontSize: 20, bold: true }, h2: { fontSize: 13, bold: true, margin: [0, 12, 0, 4] } },
    defaultStyle: { font: "Roboto", fontSize: 10, lineHeight: 1.15 },
  };

  return printPdf(doc);
}
