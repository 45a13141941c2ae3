import { randomBytes } from "node:crypto";
import { deflateSync } from "node:zlib";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { writeXlsx } from "../../core/exports/xlsx.js";
import { renderDocumentDocx } from "../documents/docx.js";
import { renderDocumentPdf } from "../documents/pdf.js";
import type { DocModel } from "../documents/model.js";
import { jsonBodyProblem, MAX_JSON_DEPTH, nulInUrl } from "./inputGuards.js";
import { Problem } from "./problem.js";
import { checkEvidenceFile, MAX_ZIP_ENTRIES, pdfProblem, readCsvUpload, zipProblem } from "./uploads.js";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const doc: DocModel = { title: "Evidence", marking: "GREEN", generatedOn: "2026-10-05", blocks: [{ kind: "paragraph", text: "A plain report." }, { kind: "table", header: ["a", "b"], rows: [["1", "2"]], widths: [1, 1] }] };

const zip = async (files: Record<string, string | Uint8Array>, compression: "STORE" | "DEFLATE" = "DEFLATE") => {
  const z = new JSZip();
  for (const [name, data] of Object.entries(files)) z.file(name, data, { createFolders: false });
  return z.generateAsync({ type: "nodebuffer", compression });
};
/** The same archive with every entry's declared uncompressed size in the central directory replaced. */
const declareSizes = (buf: Buffer, size: (real: number) => number) => {
  const out = Buffer.from(buf);
  for (let i = 0; i + 4 <= out.length; i++) {
    if (out.readUInt32LE(i) === 0x02014b50) out.writeUInt32LE(size(out.readUInt32LE(i + 24)), i + 24);
  }
  return out;
};
const refusal = (f: () => void) => {
  try { f(); } catch (e) { expect(e).toBeInstanceOf(Problem); return { status: (e as Problem).status, ...(e as Problem).errors[0] }; }
  return null;
};

const pdf = (...objects: string[]) => Buffer.from(`%PDF-1.7\n${objects.map((o, i) => `${i + 1} 0 obj\n${o}\nendobj\n`).join("")}trailer\n<< /Root 1 0 R >>\n%%EOF\n`, "latin1");
const catalog = "<< /Type /Catalog /Pages 2 0 R >>";
const pages = "<< /Type /Pages /Kids [] /Count 0 >>";
const stream = (dict: string, data: Buffer) => Buffer.concat([Buffer.from(`${dict.replace(">>", ` /Length ${data.length} >>`)}\nstream\n`, "latin1"), data, Buffer.from("\nendstream", "latin1")]).toString("latin1");

describe("Office files (ZIP)", () => {
  it("accepts the workbooks and documents the toolkit itself writes", async () => {
    const xlsx = await writeXlsx([{ name: "Ratings", header: ["a", "b"], rows: Array.from({ length: 2000 }, (_, i) => [`row ${i}`, i]) }]);
    expect(zipProblem(xlsx)).toBeNull();
    expect(refusal(() => checkEvidenceFile("ratings.xlsx", XLSX, xlsx))).toBeNull();
    const docx = await renderDocumentDocx(doc);
    expect(refusal(() => checkEvidenceFile("plan.docx", DOCX, docx))).toBeNull();
  });

  it("refuses an archive bomb before inflating it: ratio, total declared size, entry count", async () => {
    const bomb = await zip({ "word/document.xml": Buffer.alloc(8 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(zipProblem(bomb)).toMatch(/compressed more than 100 to 1/);
    const big = declareSizes(await zip({ a: "x".repeat(100), b: "y".repeat(100), c: "z".repeat(100) }, "STORE"), () => 20 * 1024 * 1024);
    expect(zipProblem(big)).toMatch(/stored uncompressed but declares two different sizes|unpacks to more than/);
    const many = await zip(Object.fromEntries(Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => [`f${i}.xml`, "<a/>"])));
    expect(zipProblem(many)).toMatch(/1001 entries; at most 1000/);
  });

  it("refuses entries that inflate to more than they declare", async () => {
    const text = "nexus ".repeat(20000);
    const lying = declareSizes(await zip({ "xl/workbook.xml": text }), () => 1000);
    expect(zipProblem(lying)).toMatch(/unpacks to more than the 1000 bytes it declares/);
    const total = declareSizes(await zip({ a: randomBytes(300_000), b: randomBytes(300_000) }), () => 20 * 1024 * 1024);
    expect(zipProblem(total)).toMatch(/unpacks to more than 33554432 bytes/);
  });

  it("refuses macros, escaping names and damaged archives", async () => {
    expect(zipProblem(await zip({ "word/document.xml": "<w/>", "word/vbaProject.bin": "macro" }))).toMatch(/macros/);
    expect(zipProblem(await zip({ "../../etc/passwd": "x" }))).toMatch(/points outside the archive/);
    const good = await zip({ "word/document.xml": "<w/>" });
    expect(zipProblem(good.subarray(0, good.length - 30))).toMatch(/not a complete ZIP archive|damaged/);
    expect(zipProblem(Buffer.from("PK\u0003\u0004 not really a zip", "latin1"))).toMatch(/not a complete ZIP archive/);
  });

  it("names the field through checkEvidenceFile", async () => {
    const bomb = await zip({ "word/document.xml": Buffer.alloc(8 * 1024 * 1024) });
    expect(refusal(() => checkEvidenceFile("bomb.docx", DOCX, bomb))).toMatchObject({ status: 400, param: "data" });
    expect(refusal(() => checkEvidenceFile("x.exe", "application/x-msdownload", Buffer.from("MZ")))).toMatchObject({ status: 415, param: "content_type" });
  });
});

describe("PDFs", () => {
  it("accepts the PDFs the toolkit writes and a plain PDF", async () => {
    expect(pdfProblem(await renderDocumentPdf(doc))).toBeNull();
    expect(pdfProblem(pdf(catalog, pages, stream("<< >>", deflateSync("BT /F1 12 Tf (Hello) Tj ET"))))).toBeNull();
  });

  it.each([
    ["an open action with JavaScript", pdf("<< /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >>", pages, "<< /S /JavaScript /JS (app.alert\\(1\\)) >>"), /JavaScript/],
    ["a name tree of scripts", pdf("<< /Type /Catalog /Names << /JavaScript 3 0 R >> >>", pages, "<< /Names [(a) 4 0 R] >>"), /JavaScript/],
    ["names spelt with #xx escapes", pdf("<< /Type /Catalog /OpenAction << /S /J#61vaScript /J#53 (x) >> >>", pages), /JavaScript/],
    ["a launch action", pdf("<< /Type /Catalog /OpenAction << /S /Launch /F (cmd.exe) >> >>", pages), /launches a program/],
    ["JavaScript hidden in a compressed object stream", pdf(catalog, pages, stream("<< /Type /ObjStm /N 1 /First 5 /Filter /FlateDecode >>", deflateSync("4 0 << /S /JavaScript /JS (app.alert\\(1\\)) >>"))), /JavaScript/],
    ["an additional action with only /JS", pdf(catalog, pages, "<< /Type /Annot /AA << /O << /JS (x) >> >> >>"), /JavaScript/],
    ["an object stream this check cannot read", pdf(catalog, pages, stream("<< /Type /ObjStm /N 1 /First 5 /Filter /LZWDecode >>", Buffer.from("garbage"))), /cannot be checked/],
    ["a damaged object stream", pdf(catalog, pages, stream("<< /Type /ObjStm /N 1 /First 5 /Filter /FlateDecode >>", Buffer.from("not deflate at all"))), /cannot be checked/],
  ])("refuses %s", (_what, file, message) => {
    expect(pdfProblem(file)).toMatch(message);
    expect(refusal(() => checkEvidenceFile("report.pdf", "application/pdf", file))).toMatchObject({ status: 400, param: "data", message: expect.stringMatching(message) });
  });

  it("does not mistake /JS-like bytes in stream data or longer names for scripts", () => {
    expect(pdfProblem(pdf(catalog, pages, stream("<< /Filter /DCTDecode >>", Buffer.from("\u00ff\u00d8 /JS ( bytes /JSON", "latin1")), "<< /JSON 1 /JSX 2 >>"))).toBeNull();
  });
});

describe("CSV uploads", () => {
  const spec = { columns: ["a", "b"], required: ["a"] };
  it("turns every reading problem into a 400 in the import's error shape", () => {
    expect(refusal(() => readCsvUpload('a,b\n1,"open\n2,3\n', spec))).toMatchObject({ status: 400, param: "csv", row: 1, line: 2, field: "row", message: expect.stringMatching(/^line 2: a quoted cell/) });
    expect(refusal(() => readCsvUpload("a,b\n1,2\n3,4,5\n", spec))).toMatchObject({ row: 2, line: 3, message: expect.stringMatching(/^line 3: this row has 3 cells but the header names 2 columns/) });
    expect(refusal(() => readCsvUpload("a,b,A\n1,2,3\n", spec))).toMatchObject({ row: 0, line: 1, field: "a", message: expect.stringMatching(/"a" appears twice/) });
    expect(refusal(() => readCsvUpload("a,,b\n1,2,3\n", spec))).toMatchObject({ row: 0, field: "2", message: expect.stringMatching(/column 2 of the header has no name/) });
    expect(refusal(() => readCsvUpload("a,b\n1,x\u0000y\n", spec))).toMatchObject({ row: 1, line: 2, field: "b", message: 'line 2, column "b": contains a NUL character, which cannot be stored' });
    expect(readCsvUpload("a\n1\n", spec)).toEqual({ header: ["a"], records: [{ a: "1" }], lines: [2] });
  });
});

describe("input guards", () => {
  it("names the part of a URL that holds a NUL character", () => {
    expect(nulInUrl("/api/v1/practices?q=abc")).toBeNull();
    expect(nulInUrl("/api/v1/practices/%00")).toEqual({ param: "path", message: "contains a NUL character (%00)" });
    expect(nulInUrl("/api/v1/search?kind=practice&q=a%00b")).toMatchObject({ param: "q" });
    expect(nulInUrl("/api/v1/search?a%00=1")).toMatchObject({ param: "query" });
    expect(nulInUrl("/x?q=%2500")).toBeNull();
  });

  it("names the JSON field with a NUL character or nested too deep, at any depth, without recursion", () => {
    expect(jsonBodyProblem({ title: "ok", body: { list: [1, "two", null, { x: true }] } })).toBeNull();
    expect(jsonBodyProblem({ body: { notes: ["fine", "bad\u0000"] } })).toMatchObject({ param: "body.notes.1" });
    expect(jsonBodyProblem({ ["ke\u0000y"]: 1 })).toMatchObject({ param: "key", message: expect.stringMatching(/in its name/) });
    expect(jsonBodyProblem({ name: "half \ud800 a pair" })).toMatchObject({ param: "name", message: expect.stringMatching(/unpaired surrogate/) });
    expect(jsonBodyProblem({ name: "\udc00" })).toMatchObject({ param: "name" });
    expect(jsonBodyProblem({ name: "a whole pair \u{1F4A5} is fine" })).toBeNull();
    let deep: unknown = "leaf";
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(jsonBodyProblem({ body: deep })).toEqual({ param: "body.0.0", message: `is nested more than ${MAX_JSON_DEPTH} levels deep` });
    let ok: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH; i++) ok = { a: ok };
    expect(jsonBodyProblem(ok)).toBeNull();
    expect(jsonBodyProblem({ a: ok })).toMatchObject({ message: expect.stringMatching(/nested/) });
    expect(jsonBodyProblem("a,b\n\u0000")).toBeNull();
  });
});
