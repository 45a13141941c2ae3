/**
 * A DocModel as PDF, laid out by Typst (decision 0023) through its Node binding, with the fonts
 * from fonts.ts: Arabic shaped and right to left, Chinese and Cyrillic in their own faces, mixed
 * scripts in one line in Unicode's bidirectional order. The TLP label is printed at the top of
 * the first page and in the header and footer of every page; the footer numbers the pages.
 */
import { createRequire } from "node:module";
import type { NodeCompiler as Compiler } from "@myriaddreamin/typst-ts-node-compiler";
import { loadFonts } from "./fonts.js";
import { checkDoc, type DocModel } from "./model.js";
import { toTypst } from "./typst.js";

const require = createRequire(import.meta.url);
let compiler: Compiler | null = null;

/** One compiler for the process, created on first use with the fonts loaded once (about half a second). */
export function typstCompiler(): Compiler {
  if (compiler) return compiler;
  const { NodeCompiler } = require("@myriaddreamin/typst-ts-node-compiler") as typeof import("@myriaddreamin/typst-ts-node-compiler");
  compiler = NodeCompiler.create({ fontArgs: [{ fontBlobs: loadFonts() }] });
  return compiler;
}

/** Typst's own words for what went wrong, with where. */
function diagnostics(c: Compiler, err: unknown): string {
  try {
    const list = c.fetchDiagnostics(err as Parameters<Compiler["fetchDiagnostics"]>[0]) as { message?: string; range?: string }[];
    if (list.length) return list.map((x) => `${x.message ?? JSON.stringify(x)}${x.range ? ` at ${x.range}` : ""}`).join("; ");
  } catch { /* fall through */ }
  return String((err as { shortDiagnostics?: unknown })?.shortDiagnostics ?? err);
}

/** Compiles Typst source to PDF bytes and the number of pages; a Typst error is thrown with its diagnostics. */
export function compileTypst(source: string): { pdf: Buffer; pages: number } {
  const c = typstCompiler();
  const result = c.compile({ mainFileContent: source });
  try {
    const err = result.takeError();
    if (err || !result.result) throw new Error(`Typst could not lay the document out: ${err ? diagnostics(c, err) : "no document"}`);
    return { pdf: c.pdf(result.result), pages: result.result.numOfPages };
  } finally {
    // Keep memoised layouts of recent documents only, so a long-running server does not grow.
    c.evictCache(10);
  }
}

export async function renderDocumentPdf(d: DocModel): Promise<Buffer> {
  checkDoc(d);
  return compileTypst(toTypst(d)).pdf;
}
