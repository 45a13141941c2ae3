/**
 * A DocModel as Typst source (decision 0023). Every text of the model reaches Typst as a string
 * literal in code, never as markup: `typstString` escapes the only characters a literal treats
 * specially (backslash and double quote) and drops control characters, so that `#`, `*`, `$`,
 * `[`, `]`, `<`, `@`, `_`, `=` or `//` in a title or an answer print as themselves. Colours and
 * numbers are checked by checkDoc before they are written.
 */
import { footerParts, generatedOnLine } from "./chrome.js";
import { fontOrder, LATIN, sizeFactor } from "./fonts.js";
import { cellObj, docHeading, docLanguage, isRtl, TLP_BACKGROUND, tlpColour, tlpText, type Block, type DocCellObj, type DocModel } from "./model.js";

/** A Typst string literal that prints `s` as it is. */
export function typstString(s: string): string {
  const body = s
    .replace(/\r\n?/g, "\n")
    // C0/C1 controls other than newline and tab, which would print as boxes or not at all.
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, "")
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/\n/g, "\\n")
    .replace(/\t/g, "\\t");
  return `"${body}"`;
}

const GREY = "#555555";
const RULE = "#BBBBBB";
const HEAD_FILL = "#E8E8E8";
const MARGIN = 40;
const colour = (hex: string) => `rgb(${typstString(hex)})`;
const num = (n: number) => String(Math.round(n * 1000) / 1000);

/** "left"/"right" are the model's words for where a line starts and ends: mirrored in Arabic. */
const cellAlign = (a: DocCellObj["align"]) => (a === "center" ? "center" : a === "right" ? "end" : a === "left" ? "start" : null);

function cell(o: DocCellObj, head: boolean): string {
  const textArgs = [o.colour ? `fill: ${colour(o.colour)}` : "", head || o.bold ? `weight: "bold"` : "", typstString(o.text)].filter(Boolean).join(", ");
  const fill = head ? HEAD_FILL : o.fill;
  const args = [fill ? `fill: ${colour(fill)}` : "", cellAlign(o.align) ? `align: ${cellAlign(o.align)}` : "", `text(${textArgs})`].filter(Boolean);
  return `table.cell(${args.join(", ")})`;
}

function table(b: Extract<Block, { kind: "table" }>, k: number): string {
  const pad = b.widths.length > 12 ? 1.5 : 4;
  const columns = b.widths.map((w) => `${num(w)}fr`).join(", ");
  const header = `table.header(${b.header.map((h) => cell({ text: h }, true)).join(", ")})`;
  const rows = b.rows.map((r) => r.map((c) => cell(cellObj(c), false)).join(", "));
  return `#{\n  set text(size: ${num((b.fontSize ?? 9) * k)}pt)\n  block(above: 5pt, below: 8pt, table(columns: (${columns},), inset: (x: ${pad}pt, y: 2pt),\n    ${header},\n    ${rows.join(",\n    ")}\n  ))\n}`;
}

function block(b: Exclude<Block, { kind: "pageBreak" }>, k: number): string {
  switch (b.kind) {
    case "heading": return `#heading(level: 2, ${typstString(b.text)})`;
    case "subheading": return `#heading(level: 3, ${typstString(b.text)})`;
    case "paragraph": return b.note ? `#note(${typstString(b.text)})` : `#par(${typstString(b.text)})`;
    case "bullets": return `#list(${b.items.map(typstString).join(", ")},)`;
    case "table": return table(b, k);
  }
}

/** The Typst source of a document (checkDoc first). */
export function toTypst(d: DocModel): string {
  const lang = docLanguage(d);
  const fonts = fontOrder(lang).map((f) => (f.covers ? `(name: ${typstString(f.name)}, covers: ${typstString(f.covers)})` : typstString(f.name))).join(", ");
  const tlp = typstString(tlpText(d.marking));
  const footer = footerParts(lang, d.generatedOn)
    .map((p) => (typeof p === "string" ? typstString(p) : p.field === "page" ? "str(here().page())" : "str(counter(page).final().first())"))
    .join(" + ");
  const k = sizeFactor(lang);
  const pt = (n: number) => `${num(n * k)}pt`;
  const [y, m, day] = d.generatedOn.split("-").map(Number);
  const out: string[] = [
    // The document's date is the day it was generated, so that the same model gives the same bytes.
    `#set document(title: ${typstString(docHeading(d))}, author: "Nexus Toolkit", description: ${tlp}, keywords: (${tlp},), date: datetime(year: ${y}, month: ${m}, day: ${day}))`,
    `#set text(font: (${fonts}), size: ${pt(10)}, lang: ${typstString(lang)}, dir: ${isRtl(lang) ? "rtl" : "ltr"})`,
    // Amiri's letters and marks reach far above the capitals and below the baseline: Arabic lines
    // are measured from the font's ascender to its descender, so that they do not touch.
    ...(isRtl(lang) ? [`#set text(top-edge: 0.95em, bottom-edge: -0.45em)`, `#set par(leading: 0.1em, spacing: 5pt)`] : [`#set par(leading: 0.6em, spacing: 6pt)`]),
    `#set list(spacing: 4pt)`,
    `#set table(stroke: 0.5pt + ${colour(RULE)})`,
    `#set table.cell(breakable: false)`,
    `#show heading: set text(weight: "bold")`,
    `#show heading.where(level: 1): set text(size: ${pt(20)})`,
    `#show heading.where(level: 1): set block(above: 10pt, below: 6pt)`,
    `#show heading.where(level: 2): set text(size: ${pt(13)})`,
    `#show heading.where(level: 2): set block(above: 12pt, below: 5pt)`,
    `#show heading.where(level: 3): set text(size: ${pt(11)})`,
    `#show heading.where(level: 3): set block(above: 9pt, below: 4pt)`,
    // The TLP label: its colour on black, as the TLP 2.0 standard shows it.
    `#let tlp(size) = box(fill: ${colour(TLP_BACKGROUND)}, inset: (x: 6pt, top: 3pt, bottom: 2pt), text(font: ${typstString(LATIN)}, size: size, weight: "bold", fill: ${colour(tlpColour[d.marking])}, dir: ltr, ${tlp}))`,
    // A note is small and grey, and stays on the page of what it introduces.
    `#let note(body) = block(sticky: true, below: 6pt, text(size: ${pt(8)}, fill: ${colour(GREY)}, body))`,
    `#let edge(body) = grid(columns: (1fr, auto), column-gutter: 8pt, align: (start + horizon, end + horizon), text(size: ${pt(8)}, fill: ${colour(GREY)}, body), tlp(10pt))`,
    `#set page(paper: "a4", flipped: ${d.orientation === "landscape"}, margin: (x: ${MARGIN}pt, y: 50pt), header-ascent: 30%, footer-descent: 30%,`,
    `  header: edge(${typstString(docHeading(d))}),`,
    `  footer: context edge(${footer}))`,
    ``,
    `#tlp(16pt)`,
    `#heading(level: 1, outlined: true, ${typstString(d.title)})`,
    ...(d.subtitle ? [`#block(above: 0pt, below: 5pt, text(size: ${pt(13)}, fill: ${colour(GREY)}, ${typstString(d.subtitle)}))`] : []),
    `#block(above: 4pt, below: 8pt, text(size: ${pt(9)}, fill: ${colour(GREY)}, ${typstString(generatedOnLine(lang, d.generatedOn))}))`,
    ``,
  ];
  // A page break applies to the block after it, so that a trailing one adds no blank page.
  let breakNext = false;
  for (const b of d.blocks) {
    if (b.kind === "pageBreak") { breakNext = true; continue; }
    if (breakNext) { out.push("#pagebreak()"); breakNext = false; }
    out.push(block(b, k), "");
  }
  return out.join("\n");
}
