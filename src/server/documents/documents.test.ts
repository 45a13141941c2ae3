import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromeWords, formatDocDate, generatedOnLine } from "./chrome.js";
import { renderDocumentDocx, scriptRuns } from "./docx.js";
import { docLanguages, type Block, type DocCell, type DocLanguage, type DocModel } from "./model.js";
import { renderDocumentPdf } from "./pdf.js";
import { sampleDoc, sampleTexts } from "./samples.js";
import { typstString } from "./typst.js";

/**
 * Generic documents: PDF text is read back with poppler (pdftotext, pdfinfo), fill colours from
 * the inflated page streams, DOCX parts with unzip (scripts/setup-test-deps.mjs installs them).
 */
const dir = mkdtempSync(join(tmpdir(), "nexus-documents-"));
let n = 0;
const save = (buf: Buffer, ext: string) => { const file = join(dir, `d${n++}.${ext}`); writeFileSync(file, buf); return file; };
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: "utf8", maxBuffer: 32 << 20, stdio: ["ignore", "pipe", "pipe"] });
const zipPart = (file: string, part: string) => run("unzip", ["-p", file, part]);
const zipParts = (file: string) => run("unzip", ["-Z1", file]).split("\n").filter(Boolean);
const xmlText = (xml: string) => [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join("")
  .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
const count = (text: string, s: string) => text.split(s).length - 1;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** pdftotext marks bidirectional runs with control characters, and spaces Arabic and Latin runs its own way. */
const BIDI_MARKS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const squash = (s: string) => s.replace(BIDI_MARKS, "").replace(/\s+/g, "");
/** Without punctuation either, which pdftotext may move to the other side of a number in an Arabic line. */
const bare = (s: string) => squash(s).replace(/[.,:،。，：]/g, "");

interface Pdf { file: string; text: string; pages: string[]; plainPages: string[]; pageCount: number; info: string; fonts: string; streams: string }
function readPdf(buf: Buffer): Pdf {
  const file = save(buf, "pdf");
  const text = run("pdftotext", ["-layout", file, "-"]);
  // Reading order, Arabic as written (the layout mode gives the order on the page).
  const plainPages = run("pdftotext", [file, "-"]).replace(BIDI_MARKS, "").split("\f").filter((p) => p.trim());
  const info = run("pdfinfo", [file]);
  const fonts = run("pdffonts", [file]);
  const raw = buf.toString("latin1");
  const streams = [...raw.matchAll(/stream\r?\n/g)].map((m) => {
    const start = m.index! + m[0].length;
    try { return inflateSync(buf.subarray(start, raw.indexOf("endstream", start))).toString("latin1"); } catch { return ""; }
  }).join("\n");
  return { file, text, pages: text.split("\f").filter((p) => p.trim()), plainPages, pageCount: Number(/^Pages:\s+(\d+)/m.exec(info)![1]), info, fonts, streams };
}
/** How many times the page streams set a fill colour within a rounding step of "#RRGGBB" (Typst writes `r g b scn`). */
function fillCount(streams: string, hex: string): number {
  const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  return [...streams.matchAll(/(?:^|\s)([\d.]+) ([\d.]+) ([\d.]+) scn/g)].filter((m) => want.every((w, i) => Math.abs(Number(m[i + 1]) - w) < 0.002)).length;
}
/** Words with their boxes on the page (pdftotext -bbox); Arabic words come back in visual order and are turned back. */
interface Word { text: string; xMin: number; xMax: number; yMin: number }
function words(file: string, page = 1): Word[] {
  const html = run("pdftotext", ["-bbox", "-f", String(page), "-l", String(page), file, "-"]);
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => {
    const t = m[4].replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"');
    return { text: /[\u0600-\u06FF]/.test(t) ? [...t].reverse().join("") : t, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]) };
  });
}
const word = (ws: Word[], text: string) => { const w = ws.find((x) => x.text.replace(/[.,:،]/g, "") === text); expect(w, `word "${text}" on the page`).toBeDefined(); return w!; };

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
    expect(first).toMatch(/TLP:AMBER.*TLP:AMBER National Action Plan 2027–2030 Draft for consultation Generated on 5 October 2026/);
    pages.forEach((p, i) => {
      expect(count(p, "TLP:AMBER"), `page ${i + 1}`).toBeGreaterThanOrEqual(i === 0 ? 3 : 2);
      const lines = p.split("\n").filter((l) => l.trim());
      expect(lines[0], `header of page ${i + 1}`).toMatch(/National Action Plan 2027–2030 — Draft for consultation\s+TLP:AMBER$/);
      expect(lines.at(-1), `footer of page ${i + 1}`).toMatch(new RegExp(`Generated by Nexus Toolkit on 5 October 2026\\. Page ${i + 1} of ${pageCount}\\s+TLP:AMBER$`));
    });
    expect(text).toContain("Page 1 of");
    expect(portrait.info).toMatch(/Page size:\s+595\.276? x 841\.89/);
    expect(portrait.info).toMatch(/Title:\s+National Action Plan 2027–2030 — Draft for consultation/);
    expect(portrait.info).toMatch(/CreationDate:\s+Mon Oct  5 00:00:00 2026/);
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
    for (const c of [...HEAT, GANTT]) expect(fillCount(portrait.streams, c), c).toBeGreaterThan(0);
    // 12 milestones × 6 filled months, each a rectangle filled in the timeline's colour
    expect(fillCount(portrait.streams, GANTT)).toBeGreaterThanOrEqual(72);
    expect(fillCount(portrait.streams, "#123456")).toBe(0);
    // White figures on the darker heatmap cells.
    expect(fillCount(portrait.streams, "#FFFFFF")).toBeGreaterThan(0);
  });

  it("lays a landscape document out on landscape pages with its own marking", () => {
    expect(landscape.info).toMatch(/Page size:\s+841\.89 x 595\.276?/);
    landscape.pages.forEach((p, i) => {
      expect(count(p, "TLP:RED"), `page ${i + 1}`).toBeGreaterThanOrEqual(i === 0 ? 3 : 2);
      expect(p).not.toContain("TLP:AMBER");
      expect(p).toContain(`Page ${i + 1} of ${landscape.pageCount}`);
    });
    expect(fillCount(landscape.streams, "#FF2B2B")).toBeGreaterThan(0);
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
    for (const s of ["TLP:AMBER", "National Action Plan 2027–2030", "Draft for consultation", "Generated on 5 October 2026", "Purpose of the plan",
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
    expect(xmlText(footer)).toContain("Generated by Nexus Toolkit on 5 October 2026. Page ");
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

describe("documents in the reader's language", () => {
  const pdfs = new Map<DocLanguage, Pdf>();
  beforeAll(async () => {
    // Ten sections of the sample run over two pages or more in every language.
    for (const lang of docLanguages) pdfs.set(lang, readPdf(await renderDocumentPdf(sampleDoc(lang, 10))));
  });

  it.each(["ar", "zh", "ru", "fr", "es", "en"] as const)("prints a %s document's own texts, which come back from the PDF's text", (lang) => {
    const pdf = pdfs.get(lang)!;
    const t = sampleTexts[lang];
    const text = squash(pdf.plainPages.join("\n"));
    for (const s of [t.title, t.subtitle, `${t.heading} 6`, t.answer, t.note, ...t.bullets, ...t.header, ...t.row]) expect(text, s).toContain(squash(s));
    // The renderer's own words, in the language, with the date as the language writes it.
    for (const w of generatedOnLine(lang, "2026-10-05").split(/\s+/)) expect(text, w).toContain(w.replace(/[:.]$/, ""));
    expect(pdf.pageCount).toBeGreaterThanOrEqual(2);
  });

  it.each(docLanguages.map((l) => [l]))("prints the TLP label at the top of each page of a %s document and numbers the pages in its words", (lang) => {
    const pdf = pdfs.get(lang)!;
    expect(pdf.pages.length).toBe(pdf.pageCount);
    pdf.pages.forEach((p, i) => {
      expect(count(p, "TLP:AMBER"), `page ${i + 1}`).toBeGreaterThanOrEqual(i === 0 ? 3 : 2);
      const footer = chromeWords[lang].footer.replace("{date}", formatDocDate(lang, "2026-10-05")).replace("{pages}", String(pdf.pageCount)).replace("{page}", String(i + 1));
      expect(bare(pdf.plainPages[i]), `footer of page ${i + 1}`).toContain(bare(footer));
    });
  });

  it("lays Arabic out with Amiri, Chinese with Noto Sans SC and Cyrillic with Noto Sans, all embedded, no other face", () => {
    const faces = (l: DocLanguage) => [...pdfs.get(l)!.fonts.matchAll(/^[A-Z]{6}\+(\S+)\s.*\byes\s+yes\s+yes\b/gm)].map((m) => m[1].replace(/-Identity-H$/, ""));
    expect(faces("ar")).toEqual(expect.arrayContaining(["Amiri-Regular", "Amiri-Bold", "NotoSans-Bold"]));
    expect(faces("zh")).toEqual(expect.arrayContaining(["NotoSansSC-Regular", "NotoSansSC-Bold", "NotoSans-Regular"]));
    expect(faces("ru")).toEqual(expect.arrayContaining(["NotoSans-Regular", "NotoSans-Bold"]));
    for (const l of docLanguages) {
      // Every face embedded with a Unicode map; none of Typst's own fall-backs (a sign of a missing glyph).
      for (const f of faces(l)) expect(f, l).toMatch(/^(NotoSans|NotoSansSC|Amiri)-(Regular|Bold)$/);
      expect(pdfs.get(l)!.fonts.trim().split("\n").length - 2, l).toBe(faces(l).length);
    }
  });

  it("lays an Arabic document out right to left, with a Latin name and a resolution in the line in their places", () => {
    const ar = words(pdfs.get("ar")!.file);
    const en = words(pdfs.get("en")!.file);
    // The title starts at the right margin in Arabic, at the left one in English (A4: 595.28 wide, 40 pt margins).
    expect(word(ar, "تقرير").xMax).toBeCloseTo(555.28, 0);
    expect(word(en, "After-action").xMin).toBeCloseTo(40, 0);
    // "… كما ذكر John Smith مستشهدا بالقرار UNSCR 2195 …": read from the right, the Latin name sits between
    // the words around it and reads left to right itself.
    const [said, john, smith, citing] = [word(ar, "ذكر"), word(ar, "John"), word(ar, "Smith"), word(ar, "مستشهدا")];
    expect(said.yMin).toBeCloseTo(john.yMin, 0);
    expect(said.xMin).toBeGreaterThan(smith.xMax);
    expect(smith.xMin).toBeGreaterThan(john.xMax);
    expect(john.xMin).toBeGreaterThan(citing.xMax);
    // The table's first column is the rightmost one.
    expect(word(ar, "الإجراء").xMin).toBeGreaterThan(word(ar, "الموعد").xMax);
    expect(word(en, "Action").xMax).toBeLessThan(word(en, "Due").xMin);
  });

  it("prints Typst's special characters in any text as themselves", async () => {
    const nasty = ["Plan #1 *bold* _under_ $x^2$ [link] \\ \"quoted\" <label> @ref ~ -- `raw` 'single'", "= Not a heading", "- not a list", "+ 1. not numbered",
      "// not a comment /* nor this */", "\")#panic(\"injected\")//", "#{ panic(\"x\") } #let a = 1 #import \"/etc/passwd\"", "\\u{41} is not A", "http://example.org/a_b"];
    const d: DocModel = {
      title: nasty[0], subtitle: nasty[1], marking: "GREEN", generatedOn: "2026-10-05",
      blocks: [
        { kind: "heading", text: nasty[2] }, { kind: "paragraph", text: `${nasty[3]}\n${nasty[4]}` }, { kind: "paragraph", text: nasty[5], note: true },
        { kind: "bullets", items: [nasty[6], nasty[7]] }, { kind: "table", header: [nasty[8], "b"], widths: [1, 1], rows: [[{ text: nasty[5], fill: "#FFFFFF" }, "ok\u0007"]] },
      ],
    };
    const pdf = readPdf(await renderDocumentPdf(d));
    const text = squash(pdf.text);
    for (const s of nasty) expect(text, s).toContain(squash(s));
    // A newline in a text breaks the line; a control character is dropped.
    expect(pdf.text).toMatch(/\+ 1\. not numbered\s*\n\s*\/\/ not a comment/);
    expect(pdf.text).toMatch(/\bok\b/);
    expect(pdf.text).not.toContain("\u0007");
    expect(typstString('a"b\\c\n#d')).toBe('"a\\"b\\\\c\\n#d"');
  });

  it("gives the same bytes for the same document", async () => {
    const d = sampleDoc("ar");
    expect((await renderDocumentPdf(d)).equals(await renderDocumentPdf(structuredClone(d)))).toBe(true);
  });

  it.each([
    [{ language: "de" as DocLanguage }, /language must be one of en, fr, ar, es, ru, zh, got "de"/],
    [{ generatedOn: "2026-02-30" }, /generatedOn must be a date as YYYY-MM-DD, got "2026-02-30"/],
    [{ blocks: [{ kind: "table", header: ["a"], widths: [1], rows: [[{ text: "x", fill: "red\")" }]] }] as Block[] }, /row 1, cell 1: fill must be a colour as #RRGGBB, got "red"\)"/],
    [{ blocks: [{ kind: "table", header: ["a"], widths: [0], rows: [] }] as Block[] }, /widths must be positive numbers/],
  ])("refuses a document with a bad field, naming it, in both formats (%#)", async (bad, message) => {
    const d = { ...sampleDoc("en"), ...bad } as DocModel;
    await expect(renderDocumentPdf(d)).rejects.toThrow(message);
    await expect(renderDocumentDocx(d)).rejects.toThrow(message);
  });
});

describe("Word documents in the reader's language", () => {
  const read = async (lang: DocLanguage) => {
    const file = save(await renderDocumentDocx(sampleDoc(lang)), "docx");
    const parts = zipParts(file);
    return {
      body: zipPart(file, "word/document.xml"), styles: zipPart(file, "word/styles.xml"),
      footer: parts.filter((p) => /^word\/footer\d+\.xml$/.test(p)).map((p) => zipPart(file, p)).join(""),
      header: parts.filter((p) => /^word\/header\d+\.xml$/.test(p)).map((p) => zipPart(file, p)).join(""),
    };
  };
  const runsOf = (xml: string) => [...xml.matchAll(/<w:r>(?:(?!<\/w:r>).)*<\/w:r>/gs)].map((m) => ({ rtl: m[0].includes("<w:rtl/>"), text: xmlText(m[0]) })).filter((r) => r.text);

  it("sets an Arabic document right to left: every paragraph bidirectional, Arabic runs right to left, Latin ones not, tables from the right", async () => {
    const { body, footer, header } = await read("ar");
    const t = sampleTexts.ar;
    const text = xmlText(body);
    let at = -1;
    for (const s of ["TLP:AMBER", t.title, t.subtitle, generatedOnLine("ar", "2026-10-05"), t.heading, t.answer, t.note, ...t.bullets, ...t.header, ...t.row]) {
      const next = text.indexOf(s, at + 1);
      expect(next, `"${s}" after position ${at}`).toBeGreaterThan(at);
      at = next;
    }
    for (const xml of [body, footer, header]) expect(count(xml, "<w:p>") + count(xml, "<w:p "), "paragraphs").toBe(count(xml, "<w:bidi/>"));
    expect(count(body, "<w:bidiVisual/>")).toBe(1);
    const runs = runsOf(body);
    for (const r of runs) if (/[\u0600-\u06FF]/.test(r.text)) expect(r.rtl, r.text).toBe(true);
    expect(runs.find((r) => r.text.includes("John Smith"))?.rtl).toBe(false);
    expect(runs.find((r) => r.text.includes("UNSCR 2195"))?.rtl).toBe(false);
    expect(xmlText(footer)).toContain("أعدته أداة Nexus Toolkit في 5 أكتوبر 2026. الصفحة ");
    expect(footer).toMatch(/PAGE/);
    expect(footer).toMatch(/NUMPAGES/);
  });

  it("names a face for each script and the languages, and keeps Chinese and English documents left to right", async () => {
    const ar = await read("ar");
    expect(ar.styles).toMatch(/<w:rFonts w:ascii="Calibri" w:cs="Arial" w:eastAsia="Microsoft YaHei" w:hAnsi="Calibri"\/>/);
    expect(ar.styles).toMatch(/<w:lang w:val="en-GB" w:eastAsia="zh-CN" w:bidi="ar-SA"\/>/);
    const zh = await read("zh");
    expect(zh.styles).toMatch(/<w:rFonts [^>]*w:hint="eastAsia"/);
    expect(zh.body).not.toContain("<w:bidi/>");
    expect(zh.body).not.toContain("<w:rtl/>");
    for (const s of [sampleTexts.zh.title, sampleTexts.zh.answer, ...sampleTexts.zh.row, "生成日期：2026年10月5日"]) expect(xmlText(zh.body), s).toContain(s);
    expect(xmlText(zh.footer)).toContain("由 Nexus Toolkit 于 2026年10月5日 生成。第 ");
    const ru = await read("ru");
    expect(ru.styles).toMatch(/<w:lang w:val="ru-RU"/);
    expect(xmlText(ru.body)).toContain(sampleTexts.ru.answer);
    const en = await read("en");
    expect(en.body).not.toContain("<w:bidi/>");
    expect(en.body).not.toContain("<w:bidiVisual/>");
  });

  it("cuts text into Arabic and other runs, keeping the spaces between Arabic words in the Arabic run", () => {
    expect(scriptRuns("قال John Smith إن القرار UNSCR 2195 واضح.")).toEqual([
      { text: "قال", rtl: true }, { text: " John Smith ", rtl: false }, { text: "إن القرار", rtl: true }, { text: " UNSCR 2195 ", rtl: false }, { text: "واضح", rtl: true }, { text: ".", rtl: false },
    ]);
    expect(scriptRuns("Only Latin")).toEqual([{ text: "Only Latin", rtl: false }]);
    expect(scriptRuns("")).toEqual([{ text: "", rtl: false }]);
  });
});
