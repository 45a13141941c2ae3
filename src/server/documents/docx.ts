/**
 * A DocModel as a Word document (docx v9), in the document's language (decision 0023). The TLP
 * label is printed at the top of the first page and in the header and footer of every page; the
 * footer numbers the pages. Arabic documents are right to left: every paragraph is bidirectional
 * and tables are laid out from the right. In every language, Arabic runs are marked right to left
 * and the font hints name a face per script (Latin, complex script, East Asian) for Word to use.
 */
import {
  AlignmentType, BorderStyle, Document, Footer, Header, HeadingLevel, Packer, PageBreak, PageNumber, PageOrientation, Paragraph, ShadingType,
  Table, TableCell, TableRow, TextRun, WidthType, type IRunOptions, type ParagraphChild,
} from "docx";
import { footerParts, generatedOnLine } from "./chrome.js";
import { cellObj, checkDoc, docHeading, docLanguage, isRtl, spread, TLP_BACKGROUND, tlpColour, tlpText, type Block, type DocCellObj, type DocLanguage, type DocModel } from "./model.js";

const hex = (c: string) => c.replace("#", "").toUpperCase();
const GREY = "555555";
const RULE = { style: BorderStyle.SINGLE, size: 4, color: "BBBBBB" };
const borders = { top: RULE, bottom: RULE, left: RULE, right: RULE, insideHorizontal: RULE, insideVertical: RULE };
/** A4 in twentieths of a point, and the page margin (2 cm). */
const A4 = { short: 11906, long: 16838 };
const MARGIN = 1134;

/** Faces Word has on Windows and macOS: Calibri for Latin and Cyrillic, Arial for Arabic, Microsoft YaHei for Chinese. */
const FONTS = { ascii: "Calibri", hAnsi: "Calibri", cs: "Arial", eastAsia: "Microsoft YaHei" };
const wordLang: Record<DocLanguage, string> = { en: "en-GB", fr: "fr-FR", es: "es-ES", ru: "ru-RU", ar: "en-GB", zh: "en-GB" };

/** Letters of the scripts written right to left (Hebrew, Arabic and its supplements and presentation forms). */
const RTL_RUN = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]+(?:[\s\u060C\u061B\u061F\u066A-\u066D\u06D4.,:;!?()«»"'\-–—/]+[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]+)*/g;

/** Text cut into runs: Arabic stretches (with the spaces and punctuation between their words) right to left, the rest not. */
export function scriptRuns(text: string): { text: string; rtl: boolean }[] {
  const out: { text: string; rtl: boolean }[] = [];
  let at = 0;
  for (const m of text.matchAll(RTL_RUN)) {
    if (m.index! > at) out.push({ text: text.slice(at, m.index), rtl: false });
    out.push({ text: m[0], rtl: true });
    at = m.index! + m[0].length;
  }
  if (at < text.length || !out.length) out.push({ text: text.slice(at), rtl: false });
  return out;
}

type RunStyle = Omit<IRunOptions, "text" | "children">;
const runs = (text: string, style: RunStyle = {}) => scriptRuns(text).map((r) => new TextRun({ ...style, text: r.text, rightToLeft: r.rtl || undefined }));

/** The TLP label: its colour on black, as the TLP 2.0 standard shows it (size in half-points). */
const tlpRun = (d: DocModel, size: number) =>
  new TextRun({ text: ` ${tlpText(d.marking)} `, bold: true, size, color: hex(tlpColour[d.marking]), shading: { type: ShadingType.CLEAR, fill: hex(TLP_BACKGROUND), color: "auto" } });

/** The model's left and right are where a line starts and ends: mirrored in Arabic, as Word does for "start" and "end". */
const alignment = (a: DocCellObj["align"]) => (a === "right" ? AlignmentType.END : a === "center" ? AlignmentType.CENTER : AlignmentType.START);

interface Ctx { rtl: boolean; textWidth: number }

function cell(ctx: Ctx, o: DocCellObj, width: number, size: number, side: number, head = false) {
  const fill = head ? "E8E8E8" : o.fill ? hex(o.fill) : undefined;
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    shading: fill ? { type: ShadingType.CLEAR, fill, color: "auto" } : undefined,
    margins: { top: 30, bottom: 30, left: side, right: side },
    children: o.text.split("\n").map((line) => new Paragraph({
      alignment: alignment(o.align), bidirectional: ctx.rtl || undefined,
      children: runs(line, { bold: head || o.bold, size, color: o.colour ? hex(o.colour) : undefined }),
    })),
  });
}

/** A table filling the text width, its header row repeated on each page, its rows kept whole; from the right in Arabic. */
function table(ctx: Ctx, b: Extract<Block, { kind: "table" }>) {
  const widths = spread(b.widths, ctx.textWidth).map(Math.floor);
  const size = Math.round((b.fontSize ?? 9) * 2);
  const side = widths.length > 12 ? 20 : 80;
  return new Table({
    width: { size: widths.reduce((a, c) => a + c, 0), type: WidthType.DXA }, columnWidths: widths, borders, visuallyRightToLeft: ctx.rtl || undefined,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: b.header.map((h, i) => cell(ctx, { text: h }, widths[i], size, side, true)) }),
      ...b.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(ctx, cellObj(c), widths[i], size, side)) })),
    ],
  });
}

const p = (ctx: Ctx, children: (string | ParagraphChild)[], opts: { size?: number; colour?: string; after?: number } = {}) =>
  new Paragraph({
    spacing: { after: opts.after ?? 120 }, bidirectional: ctx.rtl || undefined,
    children: children.flatMap((c) => (typeof c === "string" ? runs(c, { size: opts.size, color: opts.colour }) : [c])),
  });

function blocks(ctx: Ctx, list: Block[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  const bidirectional = ctx.rtl || undefined;
  list.forEach((b, i) => {
    switch (b.kind) {
      case "heading": out.push(new Paragraph({ children: runs(b.text), heading: HeadingLevel.HEADING_2, keepNext: true, bidirectional, spacing: { before: 240, after: 120 } })); break;
      case "subheading": out.push(new Paragraph({ children: runs(b.text), heading: HeadingLevel.HEADING_3, keepNext: true, bidirectional, spacing: { before: 160, after: 80 } })); break;
      case "paragraph": out.push(b.note ? p(ctx, [b.text], { size: 16, colour: GREY }) : p(ctx, [b.text])); break;
      case "bullets": out.push(...b.items.map((t) => new Paragraph({ bullet: { level: 0 }, spacing: { after: 40 }, bidirectional, children: runs(t) }))); break;
      // Word joins adjacent tables: a small paragraph keeps each apart.
      case "table": out.push(table(ctx, b), p(ctx, [], { after: 80 })); break;
      case "pageBreak": if (i < list.length - 1) out.push(new Paragraph({ bidirectional, children: [new PageBreak()] })); break;
    }
  });
  return out;
}

export async function renderDocumentDocx(d: DocModel): Promise<Buffer> {
  checkDoc(d);
  const lang = docLanguage(d);
  const landscape = d.orientation === "landscape";
  const ctx: Ctx = { rtl: isRtl(lang), textWidth: (landscape ? A4.long : A4.short) - 2 * MARGIN };
  const edge = { size: 16, color: GREY };
  const label = (lead: ParagraphChild[]) => new Paragraph({ alignment: AlignmentType.END, bidirectional: ctx.rtl || undefined, children: [...lead, tlpRun(d, 20)] });
  const footer = footerParts(lang, d.generatedOn).flatMap((part) =>
    typeof part === "string" ? runs(part, edge) : [new TextRun({ ...edge, children: [part.field === "page" ? PageNumber.CURRENT : PageNumber.TOTAL_PAGES] })]);
  const doc = new Document({
    creator: "Nexus Toolkit", title: docHeading(d), subject: tlpText(d.marking), description: tlpText(d.marking),
    styles: {
      default: {
        document: {
          run: { font: { ...FONTS, hint: lang === "zh" ? "eastAsia" : undefined }, size: 20, language: { value: wordLang[lang], eastAsia: "zh-CN", bidirectional: "ar-SA" } },
        },
      },
    },
    sections: [{
      properties: {
        page: {
          // docx swaps width and height itself for landscape: give the portrait size.
          size: { width: A4.short, height: A4.long, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
          margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
        },
      },
      headers: { default: new Header({ children: [label([...runs(docHeading(d), edge), new TextRun({ ...edge, text: "    " })])] }) },
      footers: { default: new Footer({ children: [label([...footer, new TextRun({ ...edge, text: "    " })])] }) },
      children: [
        p(ctx, [tlpRun(d, 32)], { after: 200 }),
        new Paragraph({ heading: HeadingLevel.TITLE, bidirectional: ctx.rtl || undefined, children: runs(d.title) }),
        ...(d.subtitle ? [p(ctx, [d.subtitle], { size: 26, colour: GREY })] : []),
        p(ctx, [generatedOnLine(lang, d.generatedOn)], { size: 18, colour: GREY, after: 200 }),
        ...blocks(ctx, d.blocks),
      ],
    }],
  });
  return Packer.toBuffer(doc);
}
