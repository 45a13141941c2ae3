/**
 * Documents in the reader's language (issue 12, decision 0023): the time Typst takes to lay out
 * and write an 8-page PDF in English, Arabic and Chinese, per page (median of several runs, the
 * compiler already warm; every run's texts differ a little, so that Typst's memoised layouts of
 * the run before cannot stand in for the work), and the first document's time with the compiler
 * created and the fonts loaded; the same document as DOCX for comparison. `npx tsx bench/documents.ts` prints JSON.
 * Figures are measurements, not assertions.
 */
import { renderDocumentDocx } from "../src/server/documents/docx.js";
import type { DocLanguage, DocModel } from "../src/server/documents/model.js";
import { compileTypst } from "../src/server/documents/pdf.js";
import { sampleDoc } from "../src/server/documents/samples.js";
import { toTypst } from "../src/server/documents/typst.js";

const PAGES = 8;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The sample with as many sections as fill PAGES pages in that language. */
function eightPages(lang: DocLanguage): { doc: DocModel; pages: number } {
  let sections = 4 * PAGES;
  for (let i = 0; i < 8; i++) {
    const pages = compileTypst(toTypst(sampleDoc(lang, sections))).pages;
    if (pages === PAGES) return { doc: sampleDoc(lang, sections), pages };
    sections = Math.max(1, Math.round(sections * (PAGES - 0.5) / pages));
  }
  const doc = sampleDoc(lang, sections);
  return { doc, pages: compileTypst(toTypst(doc)).pages };
}

export async function documentsBench() {
  const t0 = performance.now();
  compileTypst(toTypst(sampleDoc("en")));
  const firstDocumentMs = round(performance.now() - t0, 1);
  const languages: Record<string, unknown> = {};
  for (const lang of ["en", "ar", "zh"] as const) {
    const { doc, pages } = eightPages(lang);
    const pdfMs: number[] = [];
    const docxMs: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      const run: DocModel = { ...doc, blocks: doc.blocks.map((b) => (b.kind === "paragraph" ? { ...b, text: `${b.text} (${i + 1})` } : b)) };
      let t = performance.now();
      bytes = compileTypst(toTypst(run)).pdf.length;
      pdfMs.push(performance.now() - t);
      t = performance.now();
      await renderDocumentDocx(run);
      docxMs.push(performance.now() - t);
    }
    languages[lang] = { pages, pdfMsPerPage: round(median(pdfMs) / pages), pdfMs: round(median(pdfMs), 1), pdfKiB: round(bytes / 1024, 1), docxMs: round(median(docxMs), 1) };
  }
  return { documents: { runs: RUNS, firstDocumentMs, ...languages } };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await documentsBench(), null, 2));
}
