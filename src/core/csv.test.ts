import { describe, expect, it } from "vitest";
import { csvCell, parseCsv, toCsv } from "./csv.js";

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
