/**
 * pdfmake 0.2, kept only for the Nexus Watch assessment's own PDF renderer until it moves onto
 * the generic document model (decision 0023); generic documents are laid out with Typst (pdf.ts).
 * The Roboto faces come from pdfmake's virtual file system: nothing is fetched.
 */
import { createRequire } from "node:module";
import type { TDocumentDefinitions } from "pdfmake/interfaces.js";

interface PdfKitDocument { on(event: "data", cb: (chunk: Buffer) => void): void; on(event: "end" | "error", cb: (e?: Error) => void): void; end(): void }
interface Printer { createPdfKitDocument(doc: TDocumentDefinitions, options?: Record<string, unknown>): PdfKitDocument }

const require = createRequire(import.meta.url);
let printer: Printer | null = null;

/** pdfmake's printer with the Roboto faces from its virtual file system, loaded once. */
export function getPrinter(): Printer {
  if (printer) return printer;
  const PdfPrinter = require("pdfmake") as new (fonts: Record<string, Record<string, Buffer>>) => Printer;
  const vfs = require("pdfmake/build/vfs_fonts.js") as Record<string, string>;
  const face = (file: string) => Buffer.from(vfs[file], "base64");
  printer = new PdfPrinter({
    Roboto: { normal: face("Roboto-Regular.ttf"), bold: face("Roboto-Medium.ttf"), italics: face("Roboto-Italic.ttf"), bolditalics: face("Roboto-MediumItalic.ttf") },
  });
  return printer;
}

/** Lays out a pdfmake document definition and collects the PDF bytes. */
export function printPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const pdf = getPrinter().createPdfKitDocument(doc);
    const chunks: Buffer[] = [];
    pdf.on("data", (c) => chunks.push(c));
    pdf.on("end", () => resolve(Buffer.concat(chunks)));
    pdf.on("error", reject);
    pdf.end();
  });
}
