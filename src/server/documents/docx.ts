/**
 * A DocModel as a Word document (docx v9). The TLP label is printed at the top of the first
 * page and in the header and footer of every page; the footer numbers the pages.
 */
import {
  AlignmentType, BorderStyle, Document, Footer, Header, HeadingLevel, Packer, PageBreak, PageNumber, PageOrientation, Paragraph, ShadingType,
  Table, TableCell, TableRow, TextRun, WidthType, type ParagraphChild,
} from "docx";
import { TLP_BACKGROUND, tlpColour } from "../watch/report.model.js";
import { cellObj, checkTable, docHeading, spread, tlpText, type Block, type DocCellObj, type DocModel } from "./model.js";

const hex = (c: string) => c.replace("#", "").toUpperCase();
const GREY = "555555";
const RULE = { style: BorderStyle.SINGLE, size: 4, color: "BBBBBB" };
const borders = { top: RULE, bottom: RULE, left: RULE, right: RULE, insideHorizontal: RULE, insideVertical: RULE };
/** A4 in twentieths of a point, and the page margin (2 cm). */
const A4 = { short: 11906, long: 16838 };
const MARGIN = 1134;

/** The TLP label: its colour on black, as the TLP 2.0 standard shows it (size in half-points). */
const tlpRun = (d: DocModel, size: number) =>
  new TextRun({ text: ` ${tlpText(d.marking)} `, bold: true, size, color: hex(tlpColour[d.marking]), shading: { type: ShadingType.CLEAR, fill: hex(TLP_BACKGROUND), color: "auto" } });

const alignment = (a: DocCellObj["align"]) => (a === "right" ? AlignmentType.RIGHT : a === "center" ? AlignmentType.CENTER : AlignmentType.LEFT);

function cell(o: DocCellObj, width: number, size: number, side: number, head = false) {
  const fill = head ? "E8E8E8" : o.fill ? hex(o.fill) : undefined;
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    shading: fill ? { type: ShadingType.CLEAR, fill, color: "auto" } : undefined,
    margins: { top: 30, bottom: 30, left: side, right: side },
    children: o.text.split("\n").map((line) => new Paragraph({
      alignment: alignment(o.align),
      children: [new TextRun({ text: line, bold: head || o.bold, size, color: o.colour ? hex(o.colour) : undefined })],
    })),
  });
}

/** A table filling the text width, its header row repeated on each page, its rows kept whole. */
function table(b: Extract<Block, { kind: "table" }>, textWidth: number) {
  checkTable(b);
  const widths = spread(b.widths, textWidth).map(Math.floor);
  const size = Math.round((b.fontSize ?? 9) * 2);
  const side = widths.length > 12 ? 20 : 80;
  return new Table({
    width: { size: widths.reduce((a, c) => a + c, 0), type: WidthType.DXA }, columnWidths: widths, borders,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: b.header.map((h, i) => cell({ text: h }, widths[i], size, side, true)) }),
      ...b.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(cellObj(c), widths[i], size, side)) })),
    ],
  });
}

const p = (children: (string | ParagraphChild)[], opts: { size?: number; colour?: string; after?: number } = {}) =>
  new Paragraph({ spacing: { after: opts.after ?? 120 }, children: children.map((c) => (typeof c === "string" ? new TextRun({ text: c, size: opts.size, color: opts.colour }) : c)) });

function blocks(list: Block[], textWidth: number): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  list.forEach((b, i) => {
    switch (b.kind) {
      case "heading": out.push(new Paragraph({ text: b.text, heading: HeadingLevel.HEADING_2, keepNext: true, spacing: { before: 240, after: 120 } })); break;
      case "subheading": out.push(new Paragraph({ text: b.text, heading: HeadingLevel.HEADING_3, keepNext: true, spacing: { before: 160, after: 80 } })); break;
      case "paragraph": out.push(b.note ? p([b.text], { size: 16, colour: GREY }) : p([b.text])); break;
      case "bullets": out.push(...b.items.map((t) => new Paragraph({ bullet: { level: 0 }, spacing: { after: 40 }, children: [new TextRun(t)] }))); break;
      // Word joins adjacent tables: a small paragraph keeps each apart.
      case "table": out.push(table(b, textWidth), p([], { after: 80 })); break;
      case "pageBreak": if (i < list.length - 1) out.push(new Paragraph({ children: [new PageBreak()] })); break;
    }
  });
  return out;
}

export async function renderDocumentDocx(d: DocModel): Promise<Buffer> {
  const landscape = d.orientation === "landscape";
  const textWidth = (landscape ? A4.long : A4.short) - 2 * MARGIN;
  const label = (lead: ParagraphChild[]) => new Paragraph({ alignment: AlignmentType.RIGHT, children: [...lead, tlpRun(d, 20)] });
  const doc = new Document({
    creator: "Nexus Toolkit", title: docHeading(d), subject: tlpText(d.marking), description: tlpText(d.marking),
    styles: { default: { document: { run: { font: "Calibri", size: 20 } } } },
    sections: [{
      properties: {
        page: {
          // docx swaps width and height itself for landscape: give the portrait size.
          size: { width: A4.short, height: A4.long, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
          margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
        },
      },
      headers: { default: new Header({ children: [label([new TextRun({ text: `${docHeading(d)}    `, size: 16, color: GREY })])] }) },
      footers: {
        default: new Footer({
          children: [label([new TextRun({ children: [`Generated by Nexus Toolkit on ${d.generatedOn}. Page `, PageNumber.CURRENT, " of ", PageNumber.TOTAL_PAGES, "    "], size: 16, color: GREY })])],
        }),
      },
      children: [
        p([tlpRun(d, 32)], { after: 200 }),
        new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: d.title })] }),
        ...(d.subtitle ? [p([new TextRun({ text: d.subtitle, size: 26, color: GREY })])] : []),
        p([`Generated on ${d.generatedOn}`], { size: 18, colour: GREY, after: 200 }),
        ...blocks(d.blocks, textWidth),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}
