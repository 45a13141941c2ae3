import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDocumentDocx } from "./docx.js";
import type { Block, DocCell, DocModel } from "./model.js";
import { renderDocumentPdf } from "./pdf.js";

/**
 * Generic documents: PDF text is read back with poppler (pdftotext, pdfinfo), fill colours from
 * the inflated page streams, DOCX parts with unzip (scripts/setup-test-deps.mjs installs them).
 */
const dir = mkdtempSync(join(tmpdir(), "nexus-documents-"));
let n = 0;
const save = (buf: Buffer, ext: string) => { const file = join(dir, `d${n++}.${ext}`); writeFileSync(file, buf); return file; };
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 32 << 20 });
const zipPart = (file: string, part: string) => run("unzip", ["-p", file, part]);
const zipParts = (file: string) => run("unzip", ["-Z1", file]).split("\n").filter(Boolean);
const xmlText = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("")
  .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
const count = (text: string, s: string) => text.split(s).length - 1;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Pdf { file: string; text: string; pages: string[]; pageCount: number; info: string; streams: string }
function readPdf(buf: Buffer): Pdf {
  const file = save(buf, "pdf");
  const text = run("pdftotext", ["-layout", file, "-"]);
  const info = run("pdfinfo", [file]);
  const raw = buf.toString("latin1");
  const streams = [...raw.matchAll(/stream\r?\n/g)].map((m) => {
    const start = m.index! + m[0].length;
    try { return inflateSync(buf.subarray(start, raw.indexOf("endstream", start))).toString("latin1"); } catch { return ""; }
  }).join("\n");
  return { file, text, pages: text.split("\f").filter((p) => p.trim()), pageCount: Number(/^Pages:\s+(\d+)/m.exec(info)![1]), info, streams };
}
/** The fill operator pdfkit writes for a "#RRGGBB" colour. */
const scn = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).join(" ") + " scn";

const HEAT = ["#FEE5D9", "#FCAE91", "#FB6A4A", "#DE2D26", "#A50F15"];
const GANTT = "#2B6CB0";
const heatRows: DocCell[][] = Array.from({ length: 20 }, (_, r) => [
  `Action ${r + 1}: strengthen border cooperation`,
  ...Array.from({ length: 5 }, (_, c): DocCell => ({ text: String((r + c) % 5 + 1), fill: HEAT[(r + c) % 5], align: "center", colour: (r + c) % 5 > 2 ? "#FFFFFF" : undefined })),
]);
const months = Array.from({ length: 24 }, (_, i) => `M${i + 1}`);
const ganttRows: DocCell[][] = Array.from({ length: 12 }, (_, r) => [
  `Milestone ${r + 1}`, ...months.map((_, m): DocCell => (m >= r && m < r + 6 ? { text: "", fill: GANTT } : "")),
]);
const blocks: Block[] = [
  { kind: "heading", text: "Purpose of the plan" },
  { kind: "paragraph", text: "This plan sets out how the ministries work together against the nexus of organized crime & terrorism." },
  { kind: "paragraph", text: "Figures are provisional.", note: true },
  { kind: "bullets", items: ["Coordinate the border agencies", "Share financial intelligence"] },
  { kind: "subheading", text: "Risk heatmap" },
  { kind: "table", header: ["Action", "Impact", "Cost", "Urgency", "Feasibility", "Risk"], widths: [4, 1, 1, 1, 1, 1], rows: heatRows },
  { kind: "pageBreak" },
  { kind: "heading", text: "Timeline" },
  { kind: "table", header: ["Milestone", ...months], widths: [4, ...months.map(() => 1)], rows: ganttRows, fontSize: 7 },
  // Enough sections with headings for some to fall near the end of a page.
  ...Array.from({ length: 30 }, (_, i): Block[] => [
    { kind: "heading", text: `Section ${i + 1} heading` },
    { kind: "paragraph", text: `Body of section ${i + 1}. ${"The ministries report on progress every quarter. ".repeat(1 + (i * 7) % 9)}` },
  ]).flat(),
  { kind: "heading", text: "Register of actions" },
  { kind: "table", header: ["Ref", "Register action", "Lead"], widths: [1, 6, 2], rows: Array.from({ length: 90 }, (_, i) => [`R${i + 1}`, `Register entry ${i + 1}`, "Ministry of Interior"]) },
];
const doc: DocModel = { title: "National Action Plan 2027–2030", subtitle: "Draft for consultation", marking: "AMBER", generatedOn: "2026-10-05", blocks };

describe("renderDocumentPdf", () => {
  let portrait: Pdf, landscape: Pdf;
  beforeAll(async () => {
    portrait = readPdf(await renderDocumentPdf(doc));
    landscape = readPdf(await renderDocumentPdf({ ...doc, marking: "RED", orientation: "landscape" }));
  });

  it("prints the title block and the TLP label at the top, in the header and footer of every page, with page numbers", () => {
    const { pages, pageCount, text } = portrait;
    expect(pageCount).toBeGreaterThan(3);
    expect(pages.length).toBe(pageCount);
    const first = pages[0].replace(/\s+/g, " ");
    expect(first).toMatch(/TLP:AMBER.*TLP:AMBER National Action Plan 2027–2030 Draft for consultation Generated on 2026-10-05/);
    pages.forEach((p, i) => {
      expect(count(p, "TLP:AMBER"), `page ${i + 1}`).toBeGreaterThanOrEqual(i === 0 ? 3 : 2);
      const lines = p.split("\n").filter((l) => l.trim());
      expect(lines[0], `header of page ${i + 1}`).toMatch(/National Action Plan 2027–2030 — Draft for consultation\s+TLP:AMBER$/);
      expect(lines.at(-1), `footer of page ${i + 1}`).toMatch(new RegExp(`Generated by Nexus Toolkit on 2026-10-05\\. Page ${i + 1} of ${pageCount}\\s+TLP:AMBER$`));
    });
    expect(text).toContain("Page 1 of");
    expect(portrait.info).toMatch(/Page size:\s+595\.28 x 841\.89/);
  });

  it("prints the blocks' text in order", () => {
    const flat = portrait.text.replace(/\s+/g, " ");
    const order = ["Purpose of the plan", "organized crime & terrorism", "Figures are provisional.", "Coordinate the border agencies", "Share financial intelligence",
      "Risk heatmap", "Action Impact Cost Urgency Feasibility Risk", "Action 1: strengthen border cooperation", "Action 20: strengthen border cooperation",
      "Timeline", "Milestone 12", "Section 1 heading", "Section 30 heading", "Register of actions", "R90 Register entry 90 Ministry of Interior"];
    let at = -1;
    for (const s of order) {
      const next = flat.indexOf(s, at + 1);
      expect(next, `"${s}" after position ${at}`).toBeGreaterThan(at);
      at = next;
    }
  });

  it("starts the block after a page break on a new page", () => {
    const i = portrait.pages.findIndex((p) => p.includes("Timeline"));
    expect(i).toBeGreaterThan(0);
    expect(portrait.pages[i - 1]).toContain("Action 20: strengthen");
    expect(portrait.pages[i].split("\n").filter((l) => l.trim())[1]).toMatch(/^\s*Timeline\s*$/);
  });

  it("repeats a table's header row on each page it spans and never leaves a heading last on a page", () => {
    const spanned = portrait.pages.filter((p) => /Register entry \d+/.test(p));
    expect(spanned.length).toBeGreaterThan(1);
    for (const p of spanned) expect(p).toMatch(/Ref\s+Register action\s+Lead/);
    portrait.pages.forEach((p, i) => {
      const body = p.split("\n").filter((l) => l.trim()).slice(1, -1);
      expect(body.at(-1), `last line of page ${i + 1}`).not.toMatch(/heading\s*$|Register of actions|Timeline/);
    });
  });

  it("paints the cell fills of the heatmap and the timeline", () => {
    for (const c of [...HEAT, GANTT]) expect(portrait.streams, c).toContain(scn(c));
    // 12 milestones × 6 filled months, each a rectangle filled in the timeline's colour
    expect(count(portrait.streams, scn(GANTT))).toBeGreaterThanOrEqual(72);
    expect(portrait.streams).not.toContain(scn("#123456"));
  });

  it("lays a landscape document out on landscape pages with its own marking", () => {
    expect(landscape.info).toMatch(/Page size:\s+841\.89 x 595\.28/);
    landscape.pages.forEach((p, i) => {
      expect(count(p, "TLP:RED"), `page ${i + 1}`).toBeGreaterThanOrEqual(i === 0 ? 3 : 2);
      expect(p).not.toContain("TLP:AMBER");
      expect(p).toContain(`Page ${i + 1} of ${landscape.pageCount}`);
    });
    expect(landscape.streams).toContain(scn("#FF2B2B"));
    expect(landscape.text.replace(/\s+/g, " ")).toContain("Milestone M1 M2 M3");
  });

  it("rejects a table whose rows do not match its widths", async () => {
    const bad: DocModel = { ...doc, blocks: [{ kind: "table", header: ["a", "b"], widths: [1, 1], rows: [["x", "y"], ["z"]] }] };
    await expect(renderDocumentPdf(bad)).rejects.toThrow(/row 2 has 1 cells but 2 widths/);
    await expect(renderDocumentDocx(bad)).rejects.toThrow(/row 2 has 1 cells but 2 widths/);
  });
});

describe("renderDocumentDocx", () => {
  let file: string, body: string, parts: string[];
  beforeAll(async () => {
    const buf = await renderDocumentDocx(doc);
    expect(buf.subarray(0, 2).toString("latin1")).toBe("PK");
    file = save(buf, "docx");
    body = zipPart(file, "word/document.xml");
    parts = zipParts(file);
  });

  it("prints the title block and the blocks' text", () => {
    const text = xmlText(body);
    let at = -1;
    for (const s of ["TLP:AMBER", "National Action Plan 2027–2030", "Draft for consultation", "Generated on 2026-10-05", "Purpose of the plan",
      "organized crime & terrorism", "Coordinate the border agencies", "Risk heatmap", "Action 20: strengthen border cooperation", "Milestone 12", "Section 30 heading", "Register entry 90"]) {
      const next = text.indexOf(s, at + 1);
      expect(next, `"${s}" after position ${at}`).toBeGreaterThan(at);
      at = next;
    }
    expect(body).toContain("organized crime &amp; terrorism");
  });

  it("prints the TLP label, amber on black, in the header and footer, with page numbers in the footer", () => {
    const headers = parts.filter((p) => /^word\/header\d+\.xml$/.test(p));
    const footers = parts.filter((p) => /^word\/footer\d+\.xml$/.test(p));
    expect(headers.length).toBeGreaterThan(0);
    expect(footers.length).toBeGreaterThan(0);
    for (const p of [...headers, ...footers]) {
      const xml = zipPart(file, p);
      expect(xmlText(xml), p).toContain("TLP:AMBER");
      expect(xml, p).toMatch(/w:fill="000000"/);
      expect(xml, p).toMatch(/<w:color w:val="FFC000"\/>/);
    }
    const footer = footers.map((p) => zipPart(file, p)).join("");
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
    expect(xmlText(footer)).toContain("Generated by Nexus Toolkit on 2026-10-05. Page ");
  });

  it("fills the heatmap and timeline cells, repeats header rows, keeps rows whole and headings with what follows", () => {
    for (const c of [...HEAT, GANTT]) expect(body, c).toMatch(new RegExp(`<w:tcPr>(?:(?!</w:tcPr>).)*<w:shd [^>]*w:fill="${c.slice(1)}"`, "s"));
    expect(count(body, `w:fill="${GANTT.slice(1)}"`)).toBe(72);
    expect(count(body, "<w:tblHeader/>")).toBe(3);
    expect(count(body, "<w:cantSplit/>")).toBe(20 + 12 + 90 + 3);
    expect(body).toMatch(/<w:pStyle w:val="Heading2"\/><w:keepNext\/>/);
    expect(body).toMatch(/<w:br w:type="page"\/>/);
  });

  it("maps column weights onto the A4 text width, portrait and landscape", async () => {
    const grids = (xml: string) => [...xml.matchAll(/<w:tblGrid>(.*?)<\/w:tblGrid>/g)].map((m) => [...m[1].matchAll(/w:w="(\d+)"/g)].map((g) => Number(g[1])));
    const [heat] = grids(body);
    expect(heat).toHaveLength(6);
    expect(heat[0]).toBe(Math.floor(9638 * 4 / 9));
    expect(heat.reduce((a, b) => a + b, 0)).toBeGreaterThan(9630);
    expect(heat.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(9638);
    expect(body).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);

    const land = save(await renderDocumentDocx({ ...doc, marking: "GREEN", orientation: "landscape" }), "docx");
    const lbody = zipPart(land, "word/document.xml");
    expect(lbody).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    const gantt = grids(lbody)[1];
    expect(gantt).toHaveLength(25);
    expect(gantt.reduce((a, b) => a + b, 0)).toBeGreaterThan(14570 - 25);
    expect(gantt.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(14570);
    expect(xmlText(lbody)).toContain("TLP:GREEN");
    for (const p of zipParts(land).filter((p) => /^word\/(header|footer)\d+\.xml$/.test(p))) expect(xmlText(zipPart(land, p)), p).toContain("TLP:GREEN");
  });
});
