/**
 * A generic document: a title block and a flat list of blocks (headings, paragraphs, bullet
 * lists, tables, page breaks), rendered to PDF by pdf.ts and to Word by docx.ts. Both print
 * the TLP label at the top of the first page and in the header and footer of every page.
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

export interface DocModel {
  title: string;
  subtitle?: string;
  marking: Marking;
  /** YYYY-MM-DD */
  generatedOn: string;
  orientation?: "portrait" | "landscape";
  blocks: Block[];
}

export const tlpText = (m: Marking) => `TLP:${m}`;
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
