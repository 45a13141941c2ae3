/**
 * A small RFC 4180 CSV reader: quoted fields, doubled quotes, commas and line breaks inside
 * quotes, CRLF or LF. Returns the rows as arrays of strings and the line each row starts on.
 */
export function parseCsv(text: string): { rows: string[][]; lines: number[] } {
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") { row.push(field.replace(DEFUSED, "")); field = ""; }
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      row.push(field.replace(DEFUSED, ""));
      if (row.length > 1 || row[0] !== "") { rows.push(row); lines.push(rowLine); }
      row = []; field = ""; line++; rowLine = line;
    } else field += ch;
  }
  if (field !== "" || row.length) { row.push(field.replace(DEFUSED, "")); rows.push(row); lines.push(rowLine); }
  return { rows, lines };
}

/** Text a spreadsheet would run as a formula: starts with = + @ or a tab/CR, or with - not followed by a number. */
const FORMULA = /^(?:[=+@\t\r]|-(?![0-9.]))/;
/** The apostrophe csvCell puts before such text; parseCsv takes it off again. */
const DEFUSED = /^'(?=[=+@\t\r]|-(?![0-9.]))/;

/** Quotes a value for CSV output when it needs it, and defuses text a spreadsheet would run as a formula. */
export const csvCell = (v: unknown) => {
  const raw = String(v ?? "");
  const s = FORMULA.test(raw) ? `'${raw}` : raw;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Rows (the first one usually the header) as CSV text: CRLF line ends, one after the last row too. */
export const toCsv = (rows: unknown[][]) => rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
