/**
 * CSV in and out. Reading is strict RFC 4180 through csv-parse (a maintained parser, not a
 * hand-written one): a quote left open, a stray quote inside a cell, a row with more cells
 * than the header, a NUL character, a header with an empty or repeated name are all errors
 * that name the line, never guesses. Writing quotes cells that need it and defuses text a
 * spreadsheet would run as a formula; the reader takes that defusing off again, so what is
 * written reads back unchanged.
 */
import { Readable } from "node:stream";
import { finished } from "node:stream/promises";
import { Parser, type Options } from "csv-parse";
import { parse, CsvError as ParserError } from "csv-parse/sync";

/** Why a CSV text cannot be read: the line, the data row (1 = first after the header, 0 = the header) and the column, when known. */
export class CsvError extends Error {
  constructor(message: string, readonly line: number, readonly row: number, readonly field: string) {
    super(message);
  }
}

const BREAK = /\r\n|\n|\r/g;
const breaks = (s: string) => s.match(BREAK)?.length ?? 0;

/** The reading rules, the same for a whole text and for a stream (readCsvRows). */
const OPTIONS = { bom: true, relax_column_count: true, skip_empty_lines: true, record_delimiter: ["\r\n", "\n", "\r"], raw: true } satisfies Options;

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

/**
 * Where each record starts. csv-parse reports the line where it noticed a problem (for an open
 * quote, the end of the text); counting the lines of each record as it goes gives the line the
 * faulty row starts on. `take` is called with each record's raw text, in order, as it is parsed.
 */
function lineCounter() {
  let nextLine = 1;
  let blank = 0;
  let rows = 0;
  return {
    take(raw: string): number {
      const lead = /^(?:\r\n|\n|\r)*/.exec(raw)![0];
      blank += breaks(lead);
      const start = nextLine + breaks(lead);
      nextLine += breaks(raw);
      // A record that ends the text without a line break still ends its line.
      if (!/(?:\r\n|\n|\r)$/.test(raw)) nextLine++;
      rows++;
      return start;
    },
    /** The CsvError for what the parser threw after the records taken so far. */
    failure(e: unknown): CsvError {
      const at = typeof (e as { lines?: unknown }).lines === "number" ? (e as { lines: number }).lines : nextLine;
      const row = rows;
      if (e instanceof ParserError) {
        // Blank lines skipped since the last complete row come before the faulty one.
        const empty = (e as unknown as { empty_lines?: unknown }).empty_lines;
        if (typeof empty === "number") nextLine += Math.max(0, empty - blank);
        const starts = nextLine < at ? ` (in the row that starts on line ${nextLine})` : "";
        switch (e.code) {
          case "CSV_QUOTE_NOT_CLOSED":
            return new CsvError(`line ${nextLine}: a quoted cell in this row is never closed, so the rest of the text would be read into it`, nextLine, row, "row");
          case "CSV_INVALID_CLOSING_QUOTE":
            return new CsvError(`line ${at}: a quote ends a quoted cell but is not followed by a comma or the end of the line${starts}; write a quote inside a quoted cell as two quotes ("")`, at, row, "row");
          case "INVALID_OPENING_QUOTE":
            return new CsvError(`line ${at}: a quote in the middle of an unquoted cell${starts}; put the whole cell in quotes and write each quote inside it as two ("")`, at, row, "row");
          default:
            return new CsvError(`line ${at}: ${e.message}`, at, row, "row");
        }
      }
      return new CsvError(`line ${at}: the text cannot be read as CSV (${(e as Error)?.message ?? String(e)})`, at, row, "row");
    },
  };
}

function parseRows(text: string): { rows: string[][]; lines: number[] } {
  const rows: string[][] = [];
  const lines: number[] = [];
  const counter = lineCounter();
  try {
    parse(text, {
      ...OPTIONS,
      on_record: ({ record: cells, raw }: { record: string[]; raw: string }) => { lines.push(counter.take(raw)); rows.push(cells.map(undefuse)); return null; },
    } as never);
  } catch (e) {
    throw counter.failure(e);
  }
  return { rows, lines };
}

/** Where the first NUL character of a row is, as a CsvError naming its line and column; null when it has none. */
function nulIn(cells: string[], line: number, r: number, nameOf: (row: number, cell: number) => string): CsvError | null {
  const c = cells.findIndex((v) => v.includes("\u0000"));
  if (c < 0) return null;
  const at = line + breaks([...cells.slice(0, c), cells[c].slice(0, cells[c].indexOf("\u0000"))].join(","));
  const name = nameOf(r, c);
  return new CsvError(`line ${at}, ${name}: contains a NUL character, which cannot be stored`, at, r, name.replace(/^column "(.*)"$/, "$1"));
}

/** PostgreSQL cannot store a NUL character in text: refused with its line and column. */
function refuseNul(rows: string[][], lines: number[], nameOf: (row: number, cell: number) => string): void {
  rows.forEach((cells, r) => {
    const e = nulIn(cells, lines[r], r, nameOf);
    if (e) throw e;
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
 * The checks of a CSV with a known header, row by row, so that a whole text (readCsvTable) and
 * a stream (readCsvRows) are read by the same rules. `take` returns each data row as a record
 * while nothing is wrong; `finish`, after the last row, throws what is wrong, in the order a
 * whole text is checked: a NUL character (the first, header included), the header, no data
 * rows, a row with more cells than the header (the first). A text csv-parse cannot read is
 * refused before all of these, by the caller.
 */
class TableReader {
  header: string[] = [];
  private rows = 0;
  private headerLine = 1;
  private nul: CsvError | null = null;
  private headerError: CsvError | null = null;
  private cellsError: CsvError | null = null;
  constructor(private readonly spec: { columns: readonly string[]; required: readonly string[] }) {}

  take(cells: string[], line: number): Record<string, string> | null {
    const r = this.rows++;
    if (r === 0) {
      this.header = cells.map((h) => h.trim().toLowerCase());
      this.headerLine = line;
    }
    const header = this.header;
    this.nul ??= nulIn(cells, line, r, (row, c) => (row === 0 || !header[c] ? `cell ${c + 1}` : `column "${header[c]}"`));
    if (r === 0) {
      this.headerError = this.checkHeader();
      return null;
    }
    if (this.nul || this.headerError || this.cellsError) return null;
    if (cells.length > header.length) {
      this.cellsError = new CsvError(`line ${line}: this row has ${cells.length} cells but the header names ${header.length} columns`, line, r, "row");
      return null;
    }
    return Object.fromEntries(header.map((h, c) => [h, cells[c] ?? ""]));
  }

  private checkHeader(): CsvError | null {
    const { header, headerLine, spec } = this;
    for (const [i, h] of header.entries()) {
      if (!h) return new CsvError(`line ${headerLine}: column ${i + 1} of the header has no name`, headerLine, 0, `${i + 1}`);
      const first = header.indexOf(h);
      if (first !== i) return new CsvError(`line ${headerLine}: the column "${h}" appears twice in the header (columns ${first + 1} and ${i + 1})`, headerLine, 0, h);
    }
    const missing = spec.required.filter((c) => !header.includes(c));
    if (missing.length) return new CsvError(`line ${headerLine}: missing column${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}`, headerLine, 0, missing[0]);
    const unknown = header.find((h) => !spec.columns.includes(h));
    if (unknown) return new CsvError(`line ${headerLine}: unknown column "${unknown}"; expected ${spec.columns.join(", ")}`, headerLine, 0, unknown);
    return null;
  }

  finish(): void {
    if (!this.rows) throw new CsvError("the CSV is empty", 1, 0, "row");
    if (this.nul) throw this.nul;
    if (this.headerError) throw this.headerError;
    if (this.rows < 2) throw new CsvError("there are no data rows", this.headerLine, 0, "row");
    if (this.cellsError) throw this.cellsError;
  }
}

/**
 * Reads CSV whose first row names the columns. Beyond parseCsv's checks: a column name that
 * is empty or appears twice, a column not in `columns`, a missing `required` column, a row
 * with more cells than the header, and a text without data rows are errors (CsvError).
 * A row with fewer cells leaves the last columns empty.
 */
export function readCsvTable(text: string, spec: { columns: readonly string[]; required: readonly string[] }): CsvTable {
  const { rows, lines } = parseRows(text);
  const table = new TableReader(spec);
  const records: Record<string, string>[] = [];
  const recordLines: number[] = [];
  rows.forEach((cells, i) => {
    const record = table.take(cells, lines[i]);
    if (record) { records.push(record); recordLines.push(lines[i]); }
  });
  table.finish();
  return { header: table.header, records, lines: recordLines };
}

/** A data row of a CSV read as a stream: the row as column name → cell, and the line it starts on. */
export interface CsvRow { record: Record<string, string>; line: number }

/**
 * readCsvTable for a text that arrives in chunks (an upload): yields the data rows of each chunk
 * as soon as it is read, so the text is never held whole. The rules and errors are
 * readCsvTable's, with the same precedence: a text csv-parse cannot read is refused even when an
 * earlier row had a NUL character or too many cells, so after such a row the rest is still read
 * (and no more rows are yielded). The CsvError is thrown once that is known, at the end or at the
 * faulty line; a caller must treat the rows it was given before as void. An error of `source`
 * itself (a body too large, a lost connection) is thrown as it is.
 */
export async function* readCsvRows(source: Readable | Iterable<Uint8Array | string>, spec: { columns: readonly string[]; required: readonly string[] }): AsyncGenerator<CsvRow[], void, undefined> {
  const counter = lineCounter();
  const table = new TableReader(spec);
  let rows: CsvRow[] = [];
  // As the sync reader does: each record is taken as it is parsed, nothing is pushed on.
  const parser = new Parser({
    ...OPTIONS,
    on_record: ({ record: cells, raw }: { record: string[]; raw: string }) => {
      const line = counter.take(raw);
      const record = table.take(cells.map(undefuse), line);
      if (record) rows.push({ record, line });
      return null;
    },
  } as never);
  parser.on("error", () => undefined); // reported through the callbacks below
  const parsed = async (step: Promise<unknown>) => {
    try {
      await step;
    } catch (e) {
      throw e instanceof ParserError ? counter.failure(e) : e;
    }
    if (rows.length) {
      const done = rows;
      rows = [];
      return done;
    }
    return null;
  };
  const input = source instanceof Readable ? source : Readable.from(source);
  try {
    for await (const chunk of input) {
      const done = await parsed(new Promise<void>((resolve, reject) => parser.write(chunk, (e) => (e ? reject(e) : resolve()))));
      if (done) yield done;
    }
    parser.end();
    const done = await parsed(finished(parser, { readable: false }));
    if (done) yield done;
  } finally {
    parser.destroy();
  }
  table.finish();
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
