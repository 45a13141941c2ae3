/**
 * CSV in and out. Reading is strict RFC 4180 through csv-parse (a maintained parser, not a
 * hand-written one): a quote left open, a stray quote inside a cell, a row with more cells
 * than the header, a NUL character, a header with an empty or repeated name are all errors
 * that name the line, never guesses. Writing quotes cells that need it and defuses text a
 * spreadsheet would run as a formula; the reader takes that defusing off again, so what is
 * written reads back unchanged.
 */
import { parse, CsvError as ParserError } from "csv-parse/sync";

/** Why a CSV text cannot be read: the line, the data row (1 = first after the header, 0 = the header) and the column, when known. */
export class CsvError extends Error {
  constructor(message: string, readonly line: number, readonly row: number, readonly field: string) {
    super(message);
  }
}

const BREAK = /\r\n|\n|\r/g;
const breaks = (s: string) => s.match(BREAK)?.length ?? 0;

/**
 * Reads RFC 4180 CSV: quoted cells with doubled quotes, commas and line breaks inside quotes,
 * CRLF, LF or CR line ends, an optional byte-order mark; blank lines are skipped. Returns the
 * rows as arrays of strings and the line each row starts on. Throws CsvError (and only that)
 * for a quote that is never closed, a quote inside an unquoted cell or text after a closing
 * quote, and a NUL character.
 */
export function parseCsv(text: string): { rows: string[][]; lines: number[] } {
  const parsed = parseRows(text);
  refuseNul(parsed.rows, parsed.lines, (_r, c) => `cell ${c + 1}`);
  return parsed;
}

function parseRows(text: string): { rows: string[][]; lines: number[] } {
  const rows: string[][] = [];
  const lines: number[] = [];
  // csv-parse reports the line where it noticed a problem (for an open quote, the end of the
  // text); counting the lines of each record as it goes gives the line the faulty row starts on.
  let nextLine = 1;
  let blank = 0;
  const record = (cells: string[], raw: string) => {
    const lead = /^(?:\r\n|\n|\r)*/.exec(raw)![0];
    blank += breaks(lead);
    const start = nextLine + breaks(lead);
    nextLine += breaks(raw);
    // A record that ends the text without a line break still ends its line.
    if (!/(?:\r\n|\n|\r)$/.test(raw)) nextLine++;
    rows.push(cells.map(undefuse));
    lines.push(start);
  };
  try {
    parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ["\r\n", "\n", "\r"],
      raw: true,
      on_record: ({ record: cells, raw }: { record: string[]; raw: string }) => { record(cells, raw); return null; },
    } as never);
  } catch (e) {
    const at = typeof (e as { lines?: unknown }).lines === "number" ? (e as { lines: number }).lines : nextLine;
    const row = rows.length;
    if (e instanceof ParserError) {
      // Blank lines skipped since the last complete row come before the faulty one.
      const empty = (e as unknown as { empty_lines?: unknown }).empty_lines;
      if (typeof empty === "number") nextLine += Math.max(0, empty - blank);
      const starts = nextLine < at ? ` (in the row that starts on line ${nextLine})` : "";
      switch (e.code) {
        case "CSV_QUOTE_NOT_CLOSED":
          throw new CsvError(`line ${nextLine}: a quoted cell in this row is never closed, so the rest of the text would be read into it`, nextLine, row, "row");
        case "CSV_INVALID_CLOSING_QUOTE":
          throw new CsvError(`line ${at}: a quote ends a quoted cell but is not followed by a comma or the end of the line${starts}; write a quote inside a quoted cell as two quotes ("")`, at, row, "row");
        case "INVALID_OPENING_QUOTE":
          throw new CsvError(`line ${at}: a quote in the middle of an unquoted cell${starts}; put the whole cell in quotes and write each quote inside it as two ("")`, at, row, "row");
        default:
          throw new CsvError(`line ${at}: ${e.message}`, at, row, "row");
      }
    }
    throw new CsvError(`line ${at}: the text cannot be read as CSV (${(e as Error)?.message ?? String(e)})`, at, row, "row");
  }
  return { rows, lines };
}

/** PostgreSQL cannot store a NUL character in text: refused with its line and column. */
function refuseNul(rows: string[][], lines: number[], nameOf: (row: number, cell: number) => string): void {
  rows.forEach((cells, r) => {
    const c = cells.findIndex((v) => v.includes("\u0000"));
    if (c < 0) return;
    const line = lines[r] + breaks([...cells.slice(0, c), cells[c].slice(0, cells[c].indexOf("\u0000"))].join(","));
    const name = nameOf(r, c);
    throw new CsvError(`line ${line}, ${name}: contains a NUL character, which cannot be stored`, line, r, name.replace(/^column "(.*)"$/, "$1"));
  });
}

export interface CsvTable {
  /** the column names from the header, trimmed and lower-cased */
  header: string[];
  /** each data row as column name → cell ("" for cells a short row leaves out) */
  records: Record<string, string>[];
  /** the line each data row starts on */
  lines: number[];
}

/**
 * Reads CSV whose first row names the columns. Beyond parseCsv's checks: a column name that
 * is empty or appears twice, a column not in `columns`, a missing `required` column, a row
 * with more cells than the header, and a text without data rows are errors (CsvError).
 * A row with fewer cells leaves the last columns empty.
 */
export function readCsvTable(text: string, spec: { columns: readonly string[]; required: readonly string[] }): CsvTable {
  const { rows, lines } = parseRows(text);
  if (!rows.length) throw new CsvError("the CSV is empty", 1, 0, "row");
  const header = rows[0].map((h) => h.trim().toLowerCase());
  refuseNul(rows, lines, (r, c) => (r === 0 || !header[c] ? `cell ${c + 1}` : `column "${header[c]}"`));
  const headerLine = lines[0];
  header.forEach((h, i) => {
    if (!h) throw new CsvError(`line ${headerLine}: column ${i + 1} of the header has no name`, headerLine, 0, `${i + 1}`);
    const first = header.indexOf(h);
    if (first !== i) throw new CsvError(`line ${headerLine}: the column "${h}" appears twice in the header (columns ${first + 1} and ${i + 1})`, headerLine, 0, h);
  });
  const missing = spec.required.filter((c) => !header.includes(c));
  if (missing.length) throw new CsvError(`line ${headerLine}: missing column${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}`, headerLine, 0, missing[0]);
  const unknown = header.find((h) => !spec.columns.includes(h));
  if (unknown) throw new CsvError(`line ${headerLine}: unknown column "${unknown}"; expected ${spec.columns.join(", ")}`, headerLine, 0, unknown);
  if (rows.length < 2) throw new CsvError("there are no data rows", headerLine, 0, "row");
  const records = rows.slice(1).map((cells, i) => {
    if (cells.length > header.length) {
      throw new CsvError(`line ${lines[i + 1]}: this row has ${cells.length} cells but the header names ${header.length} columns`, lines[i + 1], i + 1, "row");
    }
    return Object.fromEntries(header.map((h, c) => [h, cells[c] ?? ""]));
  });
  return { header, records, lines: lines.slice(1) };
}

/**
 * Text a spreadsheet would run as a formula (OWASP "CSV injection"): it starts with = + @ a
 * tab or a carriage return (or their full-width forms), or with - unless the whole cell is a
 * plain negative number. Apostrophes in front do not make it safe for the reader, so they
 * count too: "'=1" is written "''=1" and reads back as "'=1".
 */
const FORMULA = /^'*(?:[=+@\t\r\uFF1D\uFF0B\uFF20\uFF0D]|-(?!\d+(?:\.\d+)?(?:[eE][+-]?\d+)?$))/;

/** Takes off the apostrophe csvCell put before text a spreadsheet would run. */
const undefuse = (cell: string) => (cell.startsWith("'") && FORMULA.test(cell.slice(1)) ? cell.slice(1) : cell);

/** Quotes a value for CSV output when it needs it, and defuses text a spreadsheet would run as a formula. */
export const csvCell = (v: unknown) => {
  const raw = String(v ?? "");
  const s = FORMULA.test(raw) ? `'${raw}` : raw;
  // A leading U+FEFF is quoted so that a reader does not take it for a byte-order mark.
  return /[",\r\n]|^\uFEFF/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * Rows (the first one usually the header) as CSV text: CRLF line ends, one after the last row
 * too. A row of one empty cell is written "" so that it is not a blank line readers skip.
 */
export const toCsv = (rows: unknown[][]) =>
  rows.map((r) => (r.length === 1 && csvCell(r[0]) === "" ? '""' : r.map(csvCell).join(","))).join("\r\n") + "\r\n";
