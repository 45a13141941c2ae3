/**
 * A minimal Office Open XML workbook (.xlsx), written with jszip: one worksheet per sheet, a
 * bold header row that stays frozen, column widths. Text goes in as inline strings, which a
 * spreadsheet never evaluates, so "=1+1" or "@cmd" stays text; numbers as numbers, booleans
 * as booleans, null as an empty cell.
 */
import JSZip from "jszip";

export type XlsxValue = string | number | boolean | null;
export interface XlsxSheet { name: string; header: string[]; rows: XlsxValue[][]; widths?: number[] }

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Excel's limit on one cell's text. */
const MAX_TEXT = 32767;

/** Characters XML 1.0 forbids: most controls, lone surrogates, U+FFFE and U+FFFF. */
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
/** Text safe for XML 1.0: forbidden characters dropped, markup escaped. */
export const xmlText = (s: string) =>
  s.replace(NOT_XML, "")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A, B, …, Z, AA, AB, … for column index 0, 1, … */
export function columnName(i: number): string {
  let name = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function checkNames(sheets: XlsxSheet[]): void {
  if (!sheets.length) throw new Error("A workbook needs at least one sheet");
  const seen = new Set<string>();
  for (const { name } of sheets) {
    if (typeof name !== "string" || name.length < 1 || name.length > 31) throw new Error(`Sheet name "${name}" must be 1 to 31 characters long`);
    if (/[[\]:*?/\\]/.test(name)) throw new Error(`Sheet name "${name}" must not contain any of [ ] : * ? / \\`);
    if (name.startsWith("'") || name.endsWith("'")) throw new Error(`Sheet name "${name}" must not begin or end with an apostrophe`);
    if (name.replace(NOT_XML, "") !== name) throw new Error(`Sheet name "${name}" contains characters not allowed in XML`);
    const key = name.toLowerCase();
    if (seen.has(key)) throw new Error(`Sheet name "${name}" is used twice (names are compared ignoring case)`);
    seen.add(key);
  }
}

function cell(ref: string, v: XlsxValue, style = 0): string {
  const s = style ? ` s="${style}"` : "";
  if (v === null || v === undefined) return "";
  if (typeof v === "number" && Number.isFinite(v)) return `<c r="${ref}"${s}><v>${v}</v></c>`;
  if (typeof v === "boolean") return `<c r="${ref}"${s} t="b"><v>${v ? 1 : 0}</v></c>`;
  const text = xmlText(String(v).slice(0, MAX_TEXT));
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${text}</t></is></c>`;
}

/** Width in characters: given, or from the longest value in the column (10 to 60). */
function widthsOf(sh: XlsxSheet, n: number): number[] {
  return Array.from({ length: n }, (_, i) => {
    const given = sh.widths?.[i];
    if (given !== undefined && given > 0) return given;
    const longest = sh.rows.reduce((m, r) => Math.max(m, r[i] === null || r[i] === undefined ? 0 : String(r[i]).length), String(sh.header[i] ?? "").length);
    return Math.min(60, Math.max(10, longest + 2));
  });
}

function worksheet(sh: XlsxSheet): string {
  const n = sh.rows.reduce((m, r) => Math.max(m, r.length), Math.max(sh.header.length, 1));
  const row = (r: number, values: XlsxValue[], style = 0) => `<row r="${r}">${values.map((v, i) => cell(`${columnName(i)}${r}`, v, style)).join("")}</row>`;
  const cols = widthsOf(sh, n).map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
  return `${XML}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}">` +
    `<dimension ref="A1:${columnName(n - 1)}${sh.rows.length + 1}"/>` +
    `<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols>` +
    `<sheetData>${row(1, sh.header, 1)}${sh.rows.map((r, i) => row(i + 2, r)).join("")}</sheetData></worksheet>`;
}

const STYLES = `${XML}<styleSheet xmlns="${NS}">` +
  `<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

export async function writeXlsx(sheets: XlsxSheet[]): Promise<Buffer> {
  checkNames(sheets);
  const zip = new JSZip();
  // Parts only: folder entries are not parts of an OPC package.
  const part = (name: string, xml: string) => zip.file(name, xml, { createFolders: false });
  const ids = sheets.map((_, i) => i + 1);
  const ct = "application/vnd.openxmlformats-officedocument";
  part("[Content_Types].xml", `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Override PartName="/xl/workbook.xml" ContentType="${ct}.spreadsheetml.sheet.main+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="${ct}.spreadsheetml.styles+xml"/>` +
    ids.map((i) => `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="${ct}.spreadsheetml.worksheet+xml"/>`).join("") +
    `<Override PartName="/docProps/app.xml" ContentType="${ct}.extended-properties+xml"/></Types>`);
  part("_rels/.rels", `${XML}<Relationships xmlns="${PKG_REL_NS}">` +
    `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
    `<Relationship Id="rId2" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/></Relationships>`);
  part("docProps/app.xml", `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Nexus Toolkit</Application></Properties>`);
  part("xl/workbook.xml", `${XML}<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews><sheets>` +
    sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") + `</sheets></workbook>`);
  part("xl/_rels/workbook.xml.rels", `${XML}<Relationships xmlns="${PKG_REL_NS}">` +
    ids.map((i) => `<Relationship Id="rId${i}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i}.xml"/>`).join("") +
    `<Relationship Id="rId${sheets.length + 1}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`);
  part("xl/styles.xml", STYLES);
  sheets.forEach((s, i) => part(`xl/worksheets/sheet${i + 1}.xml`, worksheet(s)));
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE", mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
}
