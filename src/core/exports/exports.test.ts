import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldLine, writeIcs } from "./ics.js";
import { columnName, writeXlsx } from "./xlsx.js";

/** Workbook parts are read back with unzip (scripts/setup-test-deps.mjs installs it). */
const dir = mkdtempSync(join(tmpdir(), "nexus-exports-"));
let n = 0;
const save = (buf: Buffer) => { const file = join(dir, `w${n++}.xlsx`); writeFileSync(file, buf); return file; };
/** unzip takes names as wildcard patterns: "[Content_Types].xml" needs its brackets escaped. */
const zipPart = (file: string, part: string) => execFileSync("unzip", ["-p", file, part.replace(/[[\]*?]/g, "\\$&")], { encoding: "utf8", maxBuffer: 32 << 20 });
const zipParts = (file: string) => execFileSync("unzip", ["-Z1", file], { encoding: "utf8" }).split("\n").filter(Boolean);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("writeXlsx", () => {
  let file: string, sheet1: string, sheet2: string;
  beforeAll(async () => {
    const buf = await writeXlsx([
      {
        name: "Actions & owners", header: ["Ref", "Action", "Budget", "Done", "Note"], widths: [8, 40, 12, 8, 30],
        rows: [
          ["A1", "Train border police", 42, true, null],
          ["A2", "Customs <-> police data sharing & review", 1250.5, false, "=1+1"],
          ["A3", "Bell\u0007 and\u0000 form feed\u000C", -3, null, "+SUM(A1:A2) @cmd -2"],
        ],
      },
      { name: "Timeline", header: ["Milestone", "Date"], rows: [["Launch", "2027-01-15"]] },
    ]);
    expect(buf.subarray(0, 2).toString("latin1")).toBe("PK");
    file = save(buf);
    sheet1 = zipPart(file, "xl/worksheets/sheet1.xml");
    sheet2 = zipPart(file, "xl/worksheets/sheet2.xml");
  });

  it("writes the package parts a spreadsheet needs", () => {
    expect(zipParts(file).sort()).toEqual(["[Content_Types].xml", "_rels/.rels", "docProps/app.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
      "xl/workbook.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"].sort());
    const types = zipPart(file, "[Content_Types].xml");
    expect(types).toContain('<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>');
    expect(zipPart(file, "_rels/.rels")).toContain('Target="xl/workbook.xml"');
    const workbook = zipPart(file, "xl/workbook.xml");
    expect(workbook).toMatch(/<sheet name="Actions &amp; owners" sheetId="1" r:id="rId1"\/><sheet name="Timeline" sheetId="2" r:id="rId2"\/>/);
    const rels = zipPart(file, "xl/_rels/workbook.xml.rels");
    expect(rels).toContain('Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"');
    expect(rels).toContain('Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"');
    expect(zipPart(file, "xl/styles.xml")).toMatch(/<cellXfs count="2">.*<xf [^>]*fontId="1"[^>]*applyFont="1"\/><\/cellXfs>/);
    expect(zipPart(file, "xl/styles.xml")).toMatch(/<fonts count="2">.*<font><b\/>/);
  });

  it("writes a bold, frozen header row and the column widths", () => {
    expect(sheet1).toContain('<row r="1"><c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">Ref</t></is></c>');
    for (const h of ["Action", "Budget", "Done", "Note"]) expect(sheet1).toContain(`<t xml:space="preserve">${h}</t>`);
    expect(sheet1).toMatch(/<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
    expect(sheet1).toContain('<col min="2" max="2" width="40" customWidth="1"/>');
    expect(sheet1).toContain('<dimension ref="A1:E4"/>');
    // Without given widths, the column is as wide as its longest value (at least 10 characters).
    expect(sheet2).toContain('<col min="1" max="1" width="11" customWidth="1"/>');
    expect(sheet2).toContain('<col min="2" max="2" width="12" customWidth="1"/>');
  });

  it("writes numbers as numbers, booleans as booleans, null as nothing and text as inline strings", () => {
    expect(sheet1).toMatch(/<c r="C2"><v>42<\/v><\/c>/);
    expect(sheet1).toMatch(/<c r="C3"><v>1250.5<\/v><\/c>/);
    expect(sheet1).toMatch(/<c r="C4"><v>-3<\/v><\/c>/);
    expect(sheet1).toContain('<c r="D2" t="b"><v>1</v></c>');
    expect(sheet1).toContain('<c r="D3" t="b"><v>0</v></c>');
    expect(sheet1).not.toMatch(/r="E2"|r="D4"/);
    expect(sheet1).toContain("Customs &lt;-&gt; police data sharing &amp; review");
  });

  it("keeps text that looks like a formula as plain text", () => {
    expect(sheet1).toContain('<c r="E3" t="inlineStr"><is><t xml:space="preserve">=1+1</t></is></c>');
    expect(sheet1).toContain('<c r="E4" t="inlineStr"><is><t xml:space="preserve">+SUM(A1:A2) @cmd -2</t></is></c>');
    expect(sheet1).not.toContain("<f>");
  });

  it("drops characters XML 1.0 does not allow", () => {
    expect(sheet1).toContain('<t xml:space="preserve">Bell and form feed</t>');
    expect(sheet1).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });

  it.each([
    ["", /Sheet name "" must be 1 to 31 characters/],
    ["A name that is far too long for Excel", /Sheet name "A name that is far too long for Excel" must be 1 to 31/],
    ["Q1/Q2", /Sheet name "Q1\/Q2" must not contain/],
    ["Risks [draft]", /Sheet name "Risks \[draft\]" must not contain/],
    ["What?", /Sheet name "What\?" must not contain/],
    ["'quoted'", /Sheet name "'quoted'" must not begin or end with an apostrophe/],
  ])("rejects the sheet name %j", async (name, error) => {
    await expect(writeXlsx([{ name, header: ["a"], rows: [] }])).rejects.toThrow(error);
  });

  it("rejects two sheets with the same name, and a workbook without sheets", async () => {
    await expect(writeXlsx([{ name: "Plan", header: [], rows: [] }, { name: "PLAN", header: [], rows: [] }])).rejects.toThrow(/Sheet name "PLAN" is used twice/);
    await expect(writeXlsx([])).rejects.toThrow(/at least one sheet/);
  });

  it("names columns past Z", () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]);
  });
});

describe("writeIcs", () => {
  const now = new Date("2026-10-05T08:09:10.123Z");
  const octets = (s: string) => Buffer.byteLength(s, "utf8");
  const unfold = (ics: string) => ics.replace(/\r\n /g, "");
  const arabic = "الخطة الوطنية لمكافحة الصلة بين الجريمة المنظمة والإرهاب: اجتماع اللجنة التنسيقية الوطنية";
  const ics = writeIcs({
    name: "National action plan, 2027; milestones",
    events: [
      { uid: "m1@nexus", date: "2027-03-15", summary: "Launch; the plan, in public", description: "Line one\nLine two\\three", categories: ["Milestone", "Border, customs"] },
      { uid: "m2@nexus", date: "2027-12-31", summary: "Year-end review" },
      { uid: "m3@nexus", date: "2028-02-29", summary: arabic, description: "x".repeat(200) },
      { uid: "m4@nexus", date: "2027-01-31", summary: "Month end" },
    ],
  }, now);
  const lines = ics.split("\r\n");

  it("uses CRLF line endings throughout and ends with one", () => {
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  });

  it("writes the calendar properties and one all-day event per item", () => {
    expect(lines.slice(0, 4)).toEqual(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Nexus Toolkit//Action plan//EN", "CALSCALE:GREGORIAN"]);
    expect(lines).toContain("X-WR-CALNAME:National action plan\\, 2027\\; milestones");
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(4);
    expect(ics.match(/END:VEVENT/g)).toHaveLength(4);
    expect(ics.match(/DTSTAMP:20261005T080910Z\r\n/g)).toHaveLength(4);
    const first = unfold(ics).split("BEGIN:VEVENT")[1];
    expect(first).toContain("\r\nUID:m1@nexus\r\n");
    expect(first).toContain("\r\nDTSTART;VALUE=DATE:20270315\r\nDTEND;VALUE=DATE:20270316\r\n");
  });

  it("ends each event the next day, across month, year and leap-day boundaries", () => {
    const ends = [...ics.matchAll(/DTSTART;VALUE=DATE:(\d{8})\r\nDTEND;VALUE=DATE:(\d{8})/g)].map((m) => `${m[1]}-${m[2]}`);
    expect(ends).toEqual(["20270315-20270316", "20271231-20280101", "20280229-20280301", "20270131-20270201"]);
  });

  it("escapes backslashes, semicolons, commas and line breaks in text", () => {
    const text = unfold(ics);
    expect(text).toContain("\r\nSUMMARY:Launch\\; the plan\\, in public\r\n");
    expect(text).toContain("\r\nDESCRIPTION:Line one\\nLine two\\\\three\r\n");
    expect(text).toContain("\r\nCATEGORIES:Milestone,Border\\, customs\r\n");
  });

  it("folds lines at 75 octets without splitting a character", () => {
    for (const l of lines) expect(octets(l), l).toBeLessThanOrEqual(75);
    const summary = lines.findIndex((l) => l.startsWith("SUMMARY:الخطة"));
    expect(summary).toBeGreaterThan(0);
    expect(lines[summary + 1].startsWith(" ")).toBe(true);
    // Every piece decodes on its own: no UTF-8 sequence was cut in two.
    const bytes = Buffer.from(ics, "utf8");
    const decoder = new TextDecoder("utf-8", { fatal: true });
    for (let at = 0; at < bytes.length;) {
      const end = bytes.indexOf("\r\n", at);
      expect(() => decoder.decode(bytes.subarray(at, end)), `line at byte ${at}`).not.toThrow();
      at = end + 2;
    }
    expect(octets(lines[summary])).toBeGreaterThan(70);
    expect(unfold(ics)).toContain(`\r\nSUMMARY:${arabic}\r\n`);
    expect(unfold(ics)).toContain(`\r\nDESCRIPTION:${"x".repeat(200)}\r\n`);
    expect(foldLine("a".repeat(75))).toBe("a".repeat(75));
    expect(foldLine("a".repeat(76))).toBe(`${"a".repeat(75)}\r\n a`);
    // A 3-octet character that would straddle octet 75 moves whole to the next line.
    expect(foldLine(`${"a".repeat(73)}€b`)).toBe(`${"a".repeat(73)}\r\n €b`);
    // So does a 4-octet one (a surrogate pair in JavaScript).
    expect(foldLine(`${"a".repeat(72)}🙂b`)).toBe(`${"a".repeat(72)}\r\n 🙂b`);
    expect(foldLine(`${"a".repeat(71)}🙂b`)).toBe(`${"a".repeat(71)}🙂\r\n b`);
  });

  it.each(["2027-02-29", "2027-13-01", "2027-00-10", "2027-04-31", "27-01-01", "2027-1-5", ""])("rejects the date %j naming the event", (date) => {
    expect(() => writeIcs({ name: "x", events: [{ uid: "bad-date@nexus", date, summary: "s" }] }, now)).toThrow(/"bad-date@nexus".*not a real YYYY-MM-DD date/);
  });

  it("rejects a repeated uid", () => {
    const e = { uid: "same@nexus", date: "2027-01-01", summary: "s" };
    expect(() => writeIcs({ name: "x", events: [e, e] }, now)).toThrow(/"same@nexus" is used twice/);
  });
});
