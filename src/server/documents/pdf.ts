/**
 * A DocModel as PDF, laid out with pdfmake 0.2 on the server with the Roboto fonts it ships
 * (nothing is fetched). The TLP label is printed at the top of the first page and in the
 * header and footer of every page; the footer numbers the pages.
 */
import { createRequire } from "node:module";
import type { Content, ContentTable, TableCell, TDocumentDefinitions } from "pdfmake/interfaces.js";
import { TLP_BACKGROUND, tlpColour } from "../watch/report.model.js";
import { cellObj, checkTable, docHeading, spread, tlpText, type Block, type DocModel } from "./model.js";

interface PdfKitDocument { on(event: "data", cb: (chunk: Buffer) => void): void; on(event: "end" | "error", cb: (e?: Error) => void): void; end(): void }
interface Printer { createPdfKitDocument(doc: TDocumentDefinitions, options?: Record<string, unknown>): PdfKitDocument }

const require = createRequire(import.meta.url);
let printer: Printer | null = null;

/** pdfmake's printer with the Roboto faces from its virtual file system, loaded once. */
export function getPrinter(): Printer {
  if (printer) return printer;
  const PdfPrinter = require("pdfmake") as new (fonts: Record<string, Record<string, Buffer>>) => Printer;
  const vfs = require("pdfmake/build/vfs_fonts.js") as Record<string, string>;
  const face = (file: string) => Buffer.from(vfs[file], "base64");
  printer = new PdfPrinter({
    Roboto: { normal: face("Roboto-Regular.ttf"), bold: face("Roboto-Medium.ttf"), italics: face("Roboto-Italic.ttf"), bolditalics: face("Roboto-MediumItalic.ttf") },
  });
  return printer;
}

/** Lays out a document definition and collects the PDF bytes. */
export function printPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = getPrinter().createPdfKitDocument(doc);
    const chunks: Buffer[] = [];
    pdf.on("data", (c) => chunks.push(c));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
    pdf.end();
  });
}

const GREY = "#555555";
const RULE = "#BBBBBB";
const HEAD_FILL = "#E8E8E8";
const LINE = 0.5;
const MARGIN = 40;
/** A4 in points. */
const A4 = { short: 595.28, long: 841.89 };

/** The TLP label: its colour on black, as the TLP 2.0 standard shows it. */
function tlpLabel(d: DocModel, fontSize: number, align: "left" | "right"): Content {
  const label = {
    width: "auto",
    table: { body: [[{ text: tlpText(d.marking), bold: true, color: tlpColour[d.marking], fillColor: TLP_BACKGROUND, fontSize, margin: [6, 2, 6, 1] }]] },
    layout: "noBorders",
  } as ContentTable;
  return align === "right" ? { columns: [{ width: "*", text: "" }, label] } : { columns: [label, { width: "*", text: "" }] };
}

/**
 * A heading in the last tenth of a page, or with no text after it on that page while the
 * document goes on, moves to the next page. (pdfmake 0.2 passes the nodes that touch the same
 * page and those on the next one; the 0.3 typings describe another signature.)
 */
interface NodeInfo { headlineLevel?: number; text?: unknown; startPosition: { pageNumber: number; verticalRatio: number } }
const keepHeadingsWithNext = ((node: NodeInfo, followingOnPage: NodeInfo[], onNextPage: NodeInfo[]) =>
  node.headlineLevel === 1 && (node.startPosition.verticalRatio > 0.8 ||
    // Notes (headlineLevel 2) introduce what follows: a heading with only notes after it on its page moves too.
    (onNextPage.length > 0 && !followingOnPage.some((n) => n.text !== undefined && n.headlineLevel === undefined && n.startPosition.pageNumber === node.startPosition.pageNumber)))
) as unknown as TDocumentDefinitions["pageBreakBefore"];

/** A table filling the text width: the weights share what padding and rules leave over. */
function table(b: Extract<Block, { kind: "table" }>, textWidth: number): Content {
  checkTable(b);
  const n = b.widths.length;
  const pad = n > 12 ? 1.5 : 4;
  const free = textWidth - n * 2 * pad - (n + 1) * LINE;
  if (free < n) throw new Error(`Table with ${n} columns does not fit the page width`);
  const widths = spread(b.widths, free).map((w) => Math.floor(w * 100) / 100);
  const fontSize = b.fontSize ?? 9;
  return {
    table: {
      headerRows: 1, keepWithHeaderRows: 1, dontBreakRows: true, widths,
      body: [
        // Header cells do not count as content after a heading: pdfmake may try them on a page and then move the table.
        b.header.map((h): TableCell => ({ text: h, bold: true, fillColor: HEAD_FILL, headlineLevel: 3 } as TableCell)),
        ...b.rows.map((r) => r.map((c): TableCell => {
          const o = cellObj(c);
          return { text: o.text, bold: o.bold, color: o.colour, fillColor: o.fill, alignment: o.align };
        })),
      ],
    },
    layout: {
      hLineWidth: () => LINE, vLineWidth: () => LINE, hLineColor: () => RULE, vLineColor: () => RULE,
      paddingLeft: () => pad, paddingRight: () => pad, paddingTop: () => 2, paddingBottom: () => 2,
    },
    fontSize, margin: [0, 2, 0, 8],
  };
}

function block(b: Block, textWidth: number): Content {
  switch (b.kind) {
    case "heading": return { text: b.text, style: "h2", headlineLevel: 1 };
    case "subheading": return { text: b.text, style: "h3", headlineLevel: 1 };
    case "paragraph": return b.note ? { text: b.text, fontSize: 8, color: GREY, margin: [0, 0, 0, 6], headlineLevel: 2 } : { text: b.text, margin: [0, 0, 0, 6] };
    case "bullets": return { ul: b.items, margin: [0, 0, 0, 6] };
    case "table": return table(b, textWidth);
    case "pageBreak": return { text: "" };
  }
}

export async function renderDocumentPdf(d: DocModel): Promise<Buffer> {
  const landscape = d.orientation === "landscape";
  const textWidth = (landscape ? A4.long : A4.short) - 2 * MARGIN;
  const content: Content[] = [
    tlpLabel(d, 16, "left"),
    { text: d.title, style: "title", margin: [0, 10, 0, 0] },
    ...(d.subtitle ? [{ text: d.subtitle, fontSize: 13, color: GREY }] : []),
    { text: `Generated on ${d.generatedOn}`, fontSize: 9, color: GREY, margin: [0, 4, 0, 6] },
  ];
  // A page break applies to the block after it, so that a trailing one adds no blank page.
  let breakNext = false;
  for (const b of d.blocks) {
    if (b.kind === "pageBreak") { breakNext = true; continue; }
    const c = block(b, textWidth) as Content & { pageBreak?: "before" };
    if (breakNext) { c.pageBreak = "before"; breakNext = false; }
    content.push(c);
  }

  return printPdf({
    pageSize: "A4", pageOrientation: landscape ? "landscape" : "portrait", pageMargins: [MARGIN, 50, MARGIN, 50], compress: true,
    info: { title: docHeading(d), creator: "Nexus Toolkit", subject: tlpText(d.marking) },
    header: () => ({ margin: [MARGIN, 16, MARGIN, 0], columns: [{ text: docHeading(d), fontSize: 8, color: GREY, margin: [0, 3, 0, 0] }, { width: "auto", stack: [tlpLabel(d, 10, "right")] }] }),
    footer: (page: number, pages: number) => ({
      margin: [MARGIN, 14, MARGIN, 0],
      columns: [{ text: `Generated by Nexus Toolkit on ${d.generatedOn}. Page ${page} of ${pages}`, fontSize: 8, color: GREY, margin: [0, 3, 0, 0] }, { width: "auto", stack: [tlpLabel(d, 10, "right")] }],
    }),
    content,
    pageBreakBefore: keepHeadingsWithNext,
    styles: { title: { fontSize: 20, bold: true }, h2: { fontSize: 13, bold: true, margin: [0, 12, 0, 4] }, h3: { fontSize: 11, bold: true, margin: [0, 8, 0, 3] } },
    defaultStyle: { font: "Roboto", fontSize: 10, lineHeight: 1.15 },
  });
}
