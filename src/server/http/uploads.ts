/**
 * Files and text that users upload, checked for their structure before anything is stored.
 * One place for every upload: evidence files (declared type, size and first bytes, then the
 * inside of ZIP-based Office files and PDFs) and CSV imports (strict CSV with a known header).
 * Every refusal is a Problem that names the field.
 *
 * - Office files (DOCX, XLSX) are ZIP archives. Their central directory is read first and the
 *   declared sizes are bounded (entries, total size, compression ratio) before a single byte is
 *   inflated; then each entry is inflated with a ceiling of its declared size, so an archive
 *   that lies about its sizes is refused instead of filling memory. Encrypted entries, unknown
 *   compression methods, ZIP64, repeated or escaping names and VBA macros are refused.
 * - PDFs that can run code are refused: any /JavaScript, /JS or /Launch name, including names
 *   spelt with #xx escapes and dictionaries hidden in compressed object streams. A PDF whose
 *   object streams cannot be read cannot be checked, and is refused too.
 */
import { inflateRawSync, inflateSync, constants as zlib } from "node:zlib";
import { checkUpload } from "../../core/plans/evidence.js";
import { Transform, type Readable } from "node:stream";
import { CsvError, readCsvRows, readCsvTable, type CsvRow, type CsvTable } from "../../core/csv.js";
import { Problem } from "./problem.js";

/** Most entries an Office file may hold (a large workbook has a few hundred). */
export const MAX_ZIP_ENTRIES = 1000;
/** Most bytes all entries of an archive may inflate to, together. */
export const MAX_ZIP_UNCOMPRESSED = 32 * 1024 * 1024;
/** Highest compression ratio of an entry that inflates to more than MIN_RATIO_CHECKED bytes. */
export const MAX_ZIP_RATIO = 100;
const MIN_RATIO_CHECKED = 64 * 1024;
/** Most bytes a PDF's compressed object streams may inflate to while being checked. */
export const MAX_PDF_INFLATED = 32 * 1024 * 1024;

const ZIP_TYPES = new Set([
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
]);

const refuse = (field: string, message: string, status: 400 | 413 | 415 = 400) =>
  new Problem(status, status === 413 ? "Payload too large" : status === 415 ? "Unsupported media type" : "Bad request", `${field}: ${message}`, [{ param: field, message }]);

/**
 * Checks an evidence file: the declared type, extension, size and first bytes (core/plans/evidence),
 * then the structure of Office files and PDFs. Throws a Problem naming the field; returns nothing
 * when the file may be stored.
 */
export function checkEvidenceFile(filename: string, contentType: string, bytes: Uint8Array, field = "data"): void {
  const problem = checkUpload(filename, contentType, bytes);
  if (problem) throw refuse(problem.field === "data" ? field : problem.field, problem.message, problem.status);
  const why = ZIP_TYPES.has(contentType) ? zipProblem(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    : contentType === "application/pdf" ? pdfProblem(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))
    : null;
  if (why) throw refuse(field, why);
}

/** Why a ZIP archive is refused, or null. Reads the central directory, bounds it, then inflates each entry no further than it declares. */
export function zipProblem(buf: Buffer): string | null {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) return "the file is not a complete ZIP archive (no central directory)";
  const disk = buf.readUInt16LE(eocd + 4), cdDisk = buf.readUInt16LE(eocd + 6);
  const onDisk = buf.readUInt16LE(eocd + 8), count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12), cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return "ZIP64 archives are not accepted";
  if (disk !== 0 || cdDisk !== 0 || onDisk !== count) return "archives split over several parts are not accepted";
  if (count === 0) return "the archive is empty";
  if (count > MAX_ZIP_ENTRIES) return `the archive holds ${count} entries; at most ${MAX_ZIP_ENTRIES} are accepted`;
  if (cdOffset + cdSize > eocd) return "the archive's central directory is damaged";

  interface Entry { name: string; method: number; compressed: number; size: number; offset: number }
  const entries: Entry[] = [];
  const names = new Set<string>();
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cdOffset + cdSize || buf.readUInt32LE(p) !== 0x02014b50) return "the archive's central directory is damaged";
    const flags = buf.readUInt16LE(p + 8), method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20), size = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28), extraLength = buf.readUInt16LE(p + 30), commentLength = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLength > cdOffset + cdSize) return "the archive's central directory is damaged";
    const name = buf.toString("utf8", p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    if (flags & 0x1) return `the entry "${name}" is encrypted, so it cannot be checked`;
    if (compressed === 0xffffffff || size === 0xffffffff) return "ZIP64 archives are not accepted";
    if (method !== 0 && method !== 8) return `the entry "${name}" uses compression method ${method}; only stored and deflated entries are accepted`;
    if (/(^|[/\\])\.\.([/\\]|$)/.test(name) || /^[/\\]/.test(name) || /^[A-Za-z]:/.test(name) || name.includes("\u0000")) return `the entry name "${name.replace(/\u0000/g, "")}" points outside the archive`;
    if (names.has(name)) return `the entry "${name}" appears twice`;
    names.add(name);
    if (/(^|\/)vbaProject\.bin$/i.test(name)) return "the document contains macros (vbaProject.bin); save it without macros";
    if (method === 0 && compressed !== size) return `the entry "${name}" is stored uncompressed but declares two different sizes`;
    total += size;
    if (total > MAX_ZIP_UNCOMPRESSED) return `the archive unpacks to more than ${MAX_ZIP_UNCOMPRESSED} bytes; at most ${MAX_ZIP_UNCOMPRESSED / 1024 / 1024} MB are accepted`;
    if (size > MIN_RATIO_CHECKED && size > compressed * MAX_ZIP_RATIO) return `the entry "${name}" is compressed more than ${MAX_ZIP_RATIO} to 1, as archive bombs are`;
    entries.push({ name, method, compressed, size, offset });
  }
  // Only now, with every declared size bounded, inflate: each entry no further than it declares.
  for (const e of entries) {
    if (e.offset + 30 > cdOffset || buf.readUInt32LE(e.offset) !== 0x04034b50) return `the entry "${e.name}" is damaged`;
    const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
    if (start + e.compressed > cdOffset) return `the entry "${e.name}" is damaged`;
    const data = buf.subarray(start, start + e.compressed);
    if (e.method === 0) continue;
    let inflated: Buffer;
    try {
      inflated = inflateRawSync(data, { maxOutputLength: Math.max(e.size, 1) });
    } catch (err) {
      if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return `the entry "${e.name}" unpacks to more than the ${e.size} bytes it declares`;
      return `the entry "${e.name}" is damaged`;
    }
    if (inflated.length !== e.size) return `the entry "${e.name}" unpacks to ${inflated.length} bytes, not the ${e.size} it declares`;
  }
  return null;
}

/** PDF names that make a reader run code or a program. */
const ACTIVE_NAMES = new Set(["JavaScript", "JS", "Launch"]);
/** A PDF name token: a slash and the regular characters after it, with #xx escapes still in. */
const NAME = /\/([^\s()<>[\]{}/%\u0000]*)/g;
const decodeName = (n: string) => n.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

function activeName(text: string, only?: Set<string>): string | null {
  for (const m of text.matchAll(NAME)) {
    const name = decodeName(m[1]);
    if (ACTIVE_NAMES.has(name) && (!only || only.has(name))) return name;
  }
  return null;
}

/**
 * Why a PDF is refused, or null. Dictionaries are read outside streams and inside compressed
 * object streams; raw stream data is searched only for the long names (/JavaScript, /Launch),
 * since a short /JS can occur by chance in compressed image bytes. A JavaScript action always
 * carries /S /JavaScript, so it cannot hide in stream data either.
 */
export function pdfProblem(buf: Buffer): string | null {
  const text = buf.toString("latin1");
  const found = (name: string) => `the PDF contains ${name === "Launch" ? "an action that launches a program" : "JavaScript"} (/${name}); PDFs that run code are not accepted`;
  const STREAM = /\bstream(?:\r\n|\n|\r)/g;
  let outside = "";
  let last = 0;
  let inflatedTotal = 0;
  for (let m = STREAM.exec(text); m; m = STREAM.exec(text)) {
    if (text.slice(Math.max(0, m.index - 3), m.index) === "end") continue;
    const dataStart = m.index + m[0].length;
    const end = text.indexOf("endstream", dataStart);
    const dataEnd = end < 0 ? text.length : end;
    const dictStart = text.lastIndexOf("obj", m.index);
    const dict = text.slice(dictStart < last ? last : dictStart, m.index);
    outside += text.slice(last, m.index);
    const data = buf.subarray(dataStart, dataEnd);
    const long = activeName(data.toString("latin1"), new Set(["JavaScript", "Launch"]));
    if (long) return found(long);
    const dictNames = [...dict.matchAll(NAME)].map((n) => decodeName(n[1]));
    if (dictNames.includes("ObjStm")) {
      const filters = dictNames.filter((n) => /Decode$/.test(n));
      if (filters.some((f) => f !== "FlateDecode") || dictNames.includes("DecodeParms")) return "the PDF has an object stream this check cannot read, so it cannot be checked for JavaScript";
      let decoded = data;
      if (filters.length) {
        try {
          decoded = inflateSync(data, { maxOutputLength: Math.max(1, MAX_PDF_INFLATED - inflatedTotal), finishFlush: zlib.Z_SYNC_FLUSH });
        } catch (err) {
          if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") return `the PDF's object streams unpack to more than ${MAX_PDF_INFLATED} bytes, so it cannot be checked`;
          return "the PDF has a damaged object stream, so it cannot be checked for JavaScript";
        }
      }
      inflatedTotal += decoded.length;
      const hidden = activeName(decoded.toString("latin1"));
      if (hidden) return found(hidden);
    }
    if (end < 0) { last = text.length; break; }
    last = end;
    STREAM.lastIndex = end + "endstream".length;
  }
  outside += text.slice(last);
  const name = activeName(outside);
  return name ? found(name) : null;
}

/** The 400 for a CSV that cannot be read, in the shape of the rows an import rejects: { param, row, line, field, message }. */
function csvProblem(e: unknown, param: string): Problem {
  if (e instanceof CsvError) {
    const error = { param, message: e.message, row: e.row, line: e.line, field: e.field };
    return new Problem(400, "Bad request", `${param}: ${e.message}`, [error]);
  }
  return new Problem(400, "Bad request", `${param}: the text cannot be read as CSV`, [{ param, message: "the text cannot be read as CSV" }]);
}

/**
 * Reads an uploaded CSV with a known header (core/csv readCsvTable). A text that is not strict
 * CSV becomes a 400 whose error names the line, the data row (0 for the header) and the column,
 * in the same shape as the rows an import rejects: { param, row, line, field, message }.
 */
export function readCsvUpload(text: string, spec: { columns: readonly string[]; required: readonly string[] }, param = "csv"): CsvTable {
  try {
    return readCsvTable(text, spec);
  } catch (e) {
    throw csvProblem(e, param);
  }
}

/**
 * readCsvUpload for an upload read as it arrives (core/csv readCsvRows): yields the data rows
 * with their lines, a batch per piece read; the same refusals, as the same 400, thrown when they
 * are known (at the faulty line or at the end), so a caller writes nothing before the last row is
 * read. A body that is too large or breaks off keeps its own error (413, 400).
 */
export async function* readCsvUploadStream(source: StreamedBody | Iterable<string>, spec: { columns: readonly string[]; required: readonly string[] }, param = "csv"): AsyncGenerator<CsvRow[], void, undefined> {
  try {
    yield* readCsvRows(source instanceof StreamedBody ? source.stream() : source, spec);
  } catch (e) {
    if (e instanceof CsvError) throw csvProblem(e, param);
    throw e;
  }
}

const PIECE = 64 * 1024;
const bodyError = (status: 400 | 413, message: string, code: string) => Object.assign(new Error(message), { statusCode: status, code });

/**
 * A request body handed to its route unread (RouteSpec.streamedBody), for uploads too large to
 * hold whole: `stream()` gives its bytes as they arrive. As when Fastify reads a body itself,
 * more than `limit` bytes is a 413, and a body that breaks off or is shorter than its
 * Content-Length is a 400. It has no enumerable fields, so the input guards' walk over JSON
 * bodies passes over it.
 */
export class StreamedBody {
  readonly #payload: Readable;
  readonly #limit: number;
  readonly #declared: number | undefined;
  #bytes = 0;
  #ended = false;
  #read: Transform | null = null;

  constructor(payload: Readable, limit: number, contentLength?: string) {
    this.#payload = payload;
    this.#limit = limit;
    this.#declared = contentLength === undefined ? undefined : Number(contentLength);
    if (this.#declared !== undefined && this.#declared > limit) throw StreamedBody.tooLarge();
  }

  static tooLarge() { return bodyError(413, "Request body is too large", "FST_ERR_CTP_BODY_TOO_LARGE"); }

  /** Whether the body was read to its end and held nothing. */
  get empty() { return this.#ended && this.#bytes === 0; }

  /** The body's bytes, once. */
  stream(): Readable {
    if (this.#read) throw new Error("a streamed body is read once");
    const payload = this.#payload;
    const body = this;
    const read = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        body.#bytes += chunk.length;
        if (body.#bytes > body.#limit) return done(StreamedBody.tooLarge());
        // In pieces of at most 64 KB, so that a reader takes a body given in one piece (app.inject) bit by bit too.
        for (let at = 0; at < chunk.length; at += PIECE) this.push(chunk.subarray(at, at + PIECE));
        done();
      },
      flush(done) {
        body.#ended = true;
        // What arrived, counted as sent (compressed, when a decompressing stream stands in between).
        const received = (payload as { receivedEncodedLength?: number }).receivedEncodedLength || body.#bytes;
        done(body.#declared !== undefined && received !== body.#declared ? bodyError(400, "Request body size did not match Content-Length", "FST_ERR_CTP_INVALID_CONTENT_LENGTH") : null);
      },
    });
    payload.on("error", (e: Error & { statusCode?: number }) => read.destroy(Object.assign(e, { statusCode: e.statusCode && e.statusCode >= 400 ? e.statusCode : 400 })));
    payload.pipe(read);
    this.#read = read;
    return read;
  }

  /**
   * Lets whatever the route did not read flow away unread (after an early answer: a refusal, a
   * CSV error at line 2), so that the client can finish sending and read the answer.
   */
  discard(): void {
    if (this.#read) this.#payload.unpipe(this.#read);
    this.#payload.on("error", () => undefined);
    if (!this.#payload.readableEnded) this.#payload.resume();
  }
}
