import { describe, expect, it } from "vitest";
import { CsvError, csvCell, parseCsv, readCsvTable, toCsv } from "./csv.js";

describe("parseCsv", () => {
  it.each([
    ["a,b\n1,2\n", [["a", "b"], ["1", "2"]]],
    ["a,b\r\n1,2", [["a", "b"], ["1", "2"]]],
    ['a,"b, with comma"\n"say ""hi""",x\n', [["a", "b, with comma"], ['say "hi"', "x"]]],
    ['a,"two\nlines"\n', [["a", "two\nlines"]]],
    ["\uFEFFa,b\n\n1,\n", [["a", "b"], ["1", ""]]],
  ])("%j", (text, rows) => {
    expect(parseCsv(text).rows).toEqual(rows);
  });
  it("reports the line each row starts on", () => {
    expect(parseCsv('h\n"x\ny"\nz\n').lines).toEqual([1, 2, 4]);
  });
  it("quotes only when needed", () => {
    expect([csvCell("plain"), csvCell("a,b"), csvCell('say "x"')]).toEqual(["plain", '"a,b"', '"say ""x"""']);
  });
});

describe("formula defusing", () => {
  it("prefixes text a spreadsheet would run, and parseCsv restores it", () => {
    const values = ["=SUM(A1:A9)", "+1", "@cmd", "-x", "-1.5", "plain", "'quoted"];
    const line = values.map(csvCell).join(",");
    expect(line).toBe("'=SUM(A1:A9),'+1,'@cmd,'-x,-1.5,plain,'quoted");
    expect(parseCsv(`${line}\n`).rows[0]).toEqual(values);
  });
});

describe("toCsv", () => {
  it("writes rows with CRLF after each, quoting and defusing cells, and reads back", () => {
    const rows = [["a", "b,c"], ["=1", 2]];
    expect(toCsv(rows)).toBe('a,"b,c"\r\n\'=1,2\r\n');
    expect(parseCsv(toCsv(rows)).rows).toEqual([["a", "b,c"], ["=1", "2"]]);
  });
});

describe("formula injection (OWASP CSV injection)", () => {
  it("defuses every cell a spreadsheet would run, including ones that start with a minus and a digit", () => {
    const attacks = ["-1+1+cmd|' /C calc'!A0", "=HYPERLINK(\"http://x\")", "+1+1", "@SUM(A1)", "\tx", "\r=1", "-A1", "\uFF1D1+1", "'=1", "''+1"];
    for (const a of attacks) expect(csvCell(a).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell("-1+1+cmd|' /C calc'!A0")).toBe("'-1+1+cmd|' /C calc'!A0");
    expect(parseCsv(toCsv([attacks])).rows[0]).toEqual(attacks);
  });
  it("leaves plain negative numbers and ordinary text alone", () => {
    expect(["-1", "-2.5", "-1e3", -7, "a-b", "1+1", " =x"].map(csvCell)).toEqual(["-1", "-2.5", "-1e3", "-7", "a-b", "1+1", " =x"]);
  });
});

describe("strict reading", () => {
  const error = (f: () => unknown) => { try { f(); } catch (e) { expect(e).toBeInstanceOf(CsvError); return { ...(e as CsvError), message: (e as Error).message }; } throw new Error("no error"); };
  it("refuses a quote that is never closed instead of swallowing the next rows", () => {
    expect(error(() => parseCsv('a,b\n1,"open\n2,3\n4,5\n'))).toMatchObject({ line: 2, row: 1, message: expect.stringMatching(/^line 2: a quoted cell in this row is never closed/) });
    expect(error(() => parseCsv('a,b\r\n\r\n\r\n"x'))).toMatchObject({ line: 4 });
  });
  it("refuses stray quotes, naming the line", () => {
    expect(error(() => parseCsv('a,b\n1,x"y\n'))).toMatchObject({ line: 2, message: expect.stringMatching(/quote in the middle of an unquoted cell/) });
    expect(error(() => parseCsv('a,b\n"1\n2"z,3\n'))).toMatchObject({ line: 3, message: expect.stringMatching(/in the row that starts on line 2/) });
  });
  it("refuses NUL characters, naming line and column", () => {
    expect(error(() => parseCsv('a,b\n1,"x\ny\u0000"\n'))).toMatchObject({ line: 3, field: "cell 2" });
    expect(error(() => readCsvTable("a,b\n1,x\u0000\n", { columns: ["a", "b"], required: [] }))).toMatchObject({ line: 2, row: 1, field: "b" });
  });
  it("reads CR, LF and CRLF line ends and counts lines across quoted line breaks", () => {
    expect(parseCsv('a\rb\r\n"c\r\nd"\ne')).toEqual({ rows: [["a"], ["b"], ["c\r\nd"], ["e"]], lines: [1, 2, 3, 5] });
  });
  it("checks the header and the width of every row against it", () => {
    const spec = { columns: ["a", "b", "c"], required: ["a"] };
    expect(error(() => readCsvTable("a,b\n1,2,3\n", spec))).toMatchObject({ line: 2, row: 1, message: expect.stringMatching(/3 cells but the header names 2 columns/) });
    expect(error(() => readCsvTable("a,b,a\n1,2,3\n", spec))).toMatchObject({ line: 1, row: 0, field: "a" });
    expect(error(() => readCsvTable("a, \n1,2\n", spec))).toMatchObject({ field: "2", message: expect.stringMatching(/column 2 of the header has no name/) });
    expect(error(() => readCsvTable("b\n1\n", spec))).toMatchObject({ field: "a", message: expect.stringMatching(/missing column: a/) });
    expect(error(() => readCsvTable("a,z\n1\n", spec))).toMatchObject({ field: "z" });
    expect(error(() => readCsvTable("a\n", spec))).toMatchObject({ message: "there are no data rows" });
    expect(error(() => readCsvTable("", spec))).toMatchObject({ message: "the CSV is empty" });
    expect(readCsvTable(" A ,B\n1\n\n2,3\n", spec)).toEqual({ header: ["a", "b"], records: [{ a: "1", b: "" }, { a: "2", b: "3" }], lines: [2, 4] });
  });
});
