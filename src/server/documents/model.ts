/**
 * A generic document: a title block and a flat list of blocks (headings, paragraphs, bullet
 * lists, tables, page breaks), rendered to PDF by pdf.ts (Typst) and to Word by docx.ts. Both
 * print the TLP label at the top of the first page and in the header and footer of every page,
 * in the document's language: Arabic right to left, the renderers' own words from chrome.ts.
 */
import type { Marking } from "../../core/platform/markings.js";

export interface DocCellObj {
  text: string;
  /** Background, "#RRGGBB". */
  fill?: string;
  /** Text colour, "#RRGGBB". */
  colour?: string;
  bold?: boolean;
  align?: "left" | "center" | "right";
}
export type DocCell = string | DocCellObj;

export type Block =
  | { kind: "heading"; text: string }
  | { kind: "subheading"; text: string }
  /** note: smaller, grey. */
  | { kind: "paragraph"; text: string; note?: boolean }
  | { kind: "bullets"; items: string[] }
  /** widths: relative weights, one per column, spread over the page's text width. */
  | { kind: "table"; header: string[]; rows: DocCell[][]; widths: number[]; fontSize?: number }
  | { kind: "pageBreak" };

/** The six UN languages a document can be printed in. */
export const docLanguages = ["en", "fr", "ar", "es", "ru", "zh"] as const;
export type DocLanguage = (typeof docLanguages)[number];

export interface DocModel {
  /** The reader's language: words, dates and direction (Arabic right to left). Default "en". */
  language?: DocLanguage;
  title: string;
  subtitle?: string;
  marking: Marking;
  /** YYYY-MM-DD */
  generatedOn: string;
  orientation?: "portrait" | "landscape";
  blocks: Block[];
}

export const tlpText = (m: Marking) => `TLP:${m}`;
/** TLP 2.0 colours: the label is printed in its colour on a black background. */
export const tlpColour: Record<Marking, string> = { RED: "#FF2B2B", AMBER: "#FFC000", "AMBER+STRICT": "#FFC000", GREEN: "#33FF00", CLEAR: "#FFFFFF" };
export const TLP_BACKGROUND = "#000000";
export const docLanguage = (d: DocModel): DocLanguage => d.language ?? "en";
export const isRtl = (lang: DocLanguage) => lang === "ar";
export const cellObj = (c: DocCell): DocCellObj => (typeof c === "string" ? { text: c } : c);
export const docHeading = (d: DocModel) => (d.subtitle ? `${d.title} — ${d.subtitle}` : d.title);

/** Column widths from relative weights: each column's share of `total`, which they fill. */
export function spread(weights: number[], total: number): number[] {
  if (!weights.length || weights.some((w) => !(w > 0) || !Number.isFinite(w))) throw new Error(`Table widths must be positive numbers, got [${weights.join(", ")}]`);
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => (w / sum) * total);
}

/** A table's header and rows must have one cell per width. */
export function checkTable(b: Extract<Block, { kind: "table" }>): void {
  const n = b.widths.length;
  if (b.header.length !== n) throw new Error(`Table has ${b.header.length} header cells but ${n} widths`);
  b.rows.forEach((r, i) => { if (r.length !== n) throw new Error(`Table row ${i + 1} has ${r.length} cells but ${n} widths`); });
}

const COLOUR = /^#[0-9A-Fa-f]{6}$/;

/**
 * Checks what both renderers rely on before either writes anything: the language, the date,
 * colours as "#RRGGBB" and tables' shapes. Throws an Error naming the field and the reason.
 */
export function checkDoc(d: DocModel): void {
  if (d.language !== undefined && !(docLanguages as readonly string[]).includes(d.language)) {
    throw new Error(`Document language must be one of ${docLanguages.join(", ")}, got "${String(d.language)}"`);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d.generatedOn ?? "");
  const day = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !day || day.toISOString().slice(0, 10) !== d.generatedOn) throw new Error(`Document generatedOn must be a date as YYYY-MM-DD, got "${String(d.generatedOn)}"`);
  d.blocks.forEach((b, i) => {
    if (b.kind !== "table") return;
    checkTable(b);
    spread(b.widths, 1);
    if (b.fontSize !== undefined && !(b.fontSize >= 4 && b.fontSize <= 40)) throw new Error(`Table in block ${i + 1}: fontSize must be between 4 and 40, got ${b.fontSize}`);
    b.rows.forEach((r, ri) => r.forEach((c, ci) => {
      if (typeof c === "string") return;
      for (const key of ["fill", "colour"] as const) {
        const v = c[key];
        if (v !== undefined && !COLOUR.test(v)) throw new Error(`Table in block ${i + 1}, row ${ri + 1}, cell ${ci + 1}: ${key} must be a colour as #RRGGBB, got "${v}"`);
      }
    }));
  });
}
