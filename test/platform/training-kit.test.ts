/**
 * The trainer kit of a learning-path module over HTTP (decision 0040): each file with its content
 * type; the slides unzipped and read (the parts a presentation needs, one slide file per slide
 * listed, the practices' titles, the table-top link, question slides without their answers); the
 * handout without any explanation; Arabic and French kits in their own words; a bad file name
 * refused naming `file`. PDFs are read back with pdftotext, DOCX and PPTX with jszip.
 *
 * One engine only: the kit is built from the knowledge base in memory and reads no database.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "../../src/content/readContent.js";
import { translator } from "../../src/core/i18n/catalogues.js";
import { audienceIds } from "../../src/core/training/audiences.js";
import { trainerKit } from "../../src/core/training/kit.js";
import { learningPath } from "../../src/core/training/paths.js";
import { engines } from "../support/databases.js";
import { platformFixture, type Client, type Fixture } from "../support/platform.js";

const { kb } = loadContent();
/** A module whose case study is a library scenario and which has questions (the most questions first). */
const pick = audienceIds
  .flatMap((a) => learningPath(kb, a).modules.map((m) => ({ audience: a, m })))
  .filter(({ m }) => m.caseStudy?.kind === "scenario" && m.questions.length >= 2 && m.practices.length >= 2)
  .sort((x, y) => y.m.questions.length - x.m.questions.length)[0];
const { audience, m } = pick;
const kit = trainerKit(kb, audience, m);
const url = (file: string) => `/api/v1/training/paths/${audience}/modules/${m.id}/kit/${file}`;

const dir = mkdtempSync(join(tmpdir(), "kit-"));
const pdfText = (buf: Buffer, name: string) => { const f = join(dir, name); writeFileSync(f, buf); return execFileSync("pdftotext", [f, "-"], { encoding: "utf8" }).replace(/\s+/g, " "); };
const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
const docxText = async (buf: Buffer) => (await (await JSZip.loadAsync(buf)).file("word/document.xml")!.async("string")).replace(/<w:tab\/>/g, " ").replace(/<\/w:p>/g, "\n").replace(/<[^>]+>/g, "")
  .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&apos;/g, "'").replace(/&amp;/g, "&");
async function slides(buf: Buffer) {
  const zip = await JSZip.loadAsync(buf);
  const names = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).sort((a, b) => Number(/(\d+)/.exec(a)![1]) - Number(/(\d+)/.exec(b)![1]));
  return { zip, names, xml: await Promise.all(names.map((n) => zip.file(n)!.async("string"))) };
}

describe.each(engines.slice(0, 1))("trainer kits on $name", ({ create }) => {
  let f: Fixture;
  let anon: Client;
  const as = (lang: string, path: string) => anon.request("GET", path, undefined, { headers: { "accept-language": lang } });
  beforeAll(async () => { f = await platformFixture(create); anon = f.anonymous; });
  afterAll(async () => { await f?.close(); });

  it("serves each file of the kit to anyone, with its content type and a file name", async () => {
    const types: Record<string, string> = {
      pdf: "application/pdf", docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    };
    for (const file of ["agenda.pdf", "agenda.docx", "handout.pdf", "handout.docx", "slides.pptx"]) {
      const r = await anon.get(url(file));
      expect(r.status, file).toBe(200);
      expect(r.headers["content-type"], file).toContain(types[file.split(".")[1]]);
      expect(r.headers["content-disposition"], file).toBe(`attachment; filename="${audience}-${m.id}-${file}"`);
      expect(r.raw.length, file).toBeGreaterThan(1000);
    }
  });

  it("writes slides that unzip into a presentation: a slide file per listed slide, the practices, the table-top link, questions without answers", async () => {
    const r = await anon.get(url("slides.pptx"));
    const { zip, names, xml: parts } = await slides(r.raw);
    const presentation = await zip.file("ppt/presentation.xml")!.async("string");
    expect(await zip.file("[Content_Types].xml")!.async("string")).toContain("presentationml.slide+xml");
    const listed = presentation.match(/<p:sldId /g) ?? [];
    expect(names.length).toBe(listed.length);
    // title, agenda, objectives, a summary and steps per practice, the case, its questions, the exercise, a slide per question, the answers
    const least = 3 + 2 * m.practices.length + 3 + m.questions.length + 1;
    expect(names.length).toBeGreaterThanOrEqual(least);
    const all = parts.join("\n");
    for (const id of m.practices) expect(all).toContain(xml(kb.practices.find((p) => p.id === id)!.title));
    expect(all).toContain(`/exercises/scenarios/${kit.caseStudy!.exercise!.scenario}`);
    // the TLP label is on the layout every slide uses
    const layouts = await Promise.all(zip.file(/^ppt\/slideLayouts\/slideLayout\d+\.xml$/).map((x) => x.async("string")));
    expect(layouts.some((l) => l.includes("TLP:CLEAR"))).toBe(true);
    for (const q of kit.questions) {
      const on = parts.filter((p) => p.includes(xml(q.stem)));
      expect(on.length, `question ${q.n}`).toBeGreaterThan(0);
      for (const p of on) {
        expect(p).not.toContain(xml(q.explanation));
        expect(p).not.toContain("Answer:");
      }
      // the answers come after the questions, on the answer-key slides
      const answers = parts.findIndex((p) => p.includes(xml(q.explanation)));
      expect(answers).toBeGreaterThan(parts.indexOf(on[0]));
      expect(parts[answers]).toContain(`Answer: ${q.answer.join(q.type === "ordering" ? " → " : ", ")}`);
    }
  });

  it("puts the answer key in the facilitator's agenda and never in the participants' handout", async () => {
    const agenda = await docxText((await anon.get(url("agenda.docx"))).raw);
    const handout = await docxText((await anon.get(url("handout.docx"))).raw);
    const handoutPdf = pdfText((await anon.get(url("handout.pdf"))).raw, "handout.pdf");
    const agendaPdf = pdfText((await anon.get(url("agenda.pdf"))).raw, "agenda.pdf");
    for (const q of kit.questions) {
      expect(agenda).toContain(q.explanation);
      expect(handout).not.toContain(q.explanation);
      expect(handoutPdf).not.toContain(q.explanation.replace(/\s+/g, " ").slice(0, 60));
    }
    expect(agenda).toContain(`Total: ${kit.total} minutes`);
    expect(agendaPdf).toContain("TLP:CLEAR");
    expect(agendaPdf).toContain("Answer:");
    expect(handoutPdf).not.toContain("Answer:");
    expect(handoutPdf).toContain("TLP:CLEAR");
    // the handout links every practice it summarises
    for (const id of m.practices) expect(handout).toContain(`/practices/${id}`);
  });

  it("writes the Arabic and French kits in their own words, not the English ones", async () => {
    for (const lang of ["ar", "fr"]) {
      const t = translator(lang), en = translator("en");
      const { xml: parts } = await slides((await as(lang, url("slides.pptx"))).raw);
      const all = parts.join("\n");
      expect(all, lang).toContain(xml(t("training.msg.kit.h.agenda")));
      expect(all, lang).toContain(xml(t("training.msg.kit.h.prompts")));
      expect(all, lang).not.toContain(`>${en("training.msg.kit.h.prompts")}<`);
      expect(all, lang).not.toContain(`>${en("training.msg.kit.h.agenda")}<`);
      if (lang === "ar") expect(all).toContain('rtl="1"');
      const handout = await docxText((await as(lang, url("handout.docx"))).raw);
      expect(handout, lang).toContain(t("training.msg.kit.h.objectives"));
      expect(handout, lang).not.toContain(en("training.msg.kit.h.objectives"));
      expect(handout, lang).not.toContain("Participant handout");
    }
    const frPdf = pdfText((await as("fr", url("agenda.pdf"))).raw, "agenda-fr.pdf");
    expect(frPdf).toContain("Programme");
    expect(frPdf).toContain(translator("fr")("training.msg.kit.h.notes"));
    expect(frPdf).not.toContain("Facilitator notes");
  });

  it("links the table-top exercise absolutely when the app knows its public address", async () => {
    const before = process.env.PUBLIC_URL;
    process.env.PUBLIC_URL = "https://nexus.example.org/";
    try {
      const { xml: parts } = await slides((await anon.get(url("slides.pptx"))).raw);
      expect(parts.join("\n")).toContain(`https://nexus.example.org/exercises/scenarios/${kit.caseStudy!.exercise!.scenario}`);
    } finally {
      if (before === undefined) delete process.env.PUBLIC_URL; else process.env.PUBLIC_URL = before;
    }
  });

  it("refuses a file the kit does not have with 400 naming `file`, and an unknown module with 404", async () => {
    const bad = await anon.get(`/api/v1/training/paths/${audience}/modules/${m.id}/kit/slides.exe`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ param: "file", code: "validation.msg.oneOf" });
    const unknown = await anon.get(`/api/v1/training/paths/${audience}/modules/no-such-module/kit/slides.pptx`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.errors[0]).toMatchObject({ param: "module", code: "validation.msg.unknownId" });
    const astronauts = await anon.get("/api/v1/training/paths/astronauts/modules/nexus/kit/handout.pdf");
    expect(astronauts.status).toBe(404);
    expect(astronauts.body.errors[0].param).toBe("audience");
  });
});
