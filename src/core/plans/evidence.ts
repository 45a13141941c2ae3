/**
 * Checks an evidence upload before anything is stored: its size, its declared type against the
 * types a self-assessment accepts, and its first bytes against that type, so a renamed
 * executable or a mislabelled file is refused. Pure.
 */
export const MAX_EVIDENCE_BYTES = 2 * 1024 * 1024;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** Accepted types with their file extensions and the bytes their content starts with (none for text). */
export const evidenceTypes: Record<string, { extensions: string[]; magic?: number[] }> = {
  "application/pdf": { extensions: ["pdf"], magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  "image/png": { extensions: ["png"], magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  "image/jpeg": { extensions: ["jpg", "jpeg"], magic: [0xff, 0xd8, 0xff] },
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": { extensions: ["docx"], magic: ZIP },
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { extensions: ["xlsx"], magic: ZIP },
  "text/csv": { extensions: ["csv"] },
  "text/plain": { extensions: ["txt"] },
};

export interface UploadProblem { field: "data" | "content_type" | "filename"; message: string; status: 400 | 413 | 415 }

export function checkUpload(filename: string, contentType: string, bytes: Uint8Array): UploadProblem | null {
  const type = evidenceTypes[contentType];
  if (!type) return { field: "content_type", status: 415, message: `files of type "${contentType}" are not accepted; send one of ${Object.keys(evidenceTypes).join(", ")}` };
  const ext = filename.toLowerCase().split(".").pop() ?? "";
  if (!type.extensions.includes(ext)) return { field: "filename", status: 400, message: `a ${contentType} file should end in .${type.extensions.join(" or .")}` };
  if (bytes.length === 0) return { field: "data", status: 400, message: "the file is empty" };
  if (bytes.length > MAX_EVIDENCE_BYTES) return { field: "data", status: 413, message: `the file is ${bytes.length} bytes; the limit is ${MAX_EVIDENCE_BYTES} bytes (2 MB)` };
  if (type.magic && !type.magic.every((b, i) => bytes[i] === b)) return { field: "data", status: 415, message: `the content is not a ${contentType} file` };
  if (!type.magic && !isText(bytes)) return { field: "data", status: 415, message: `the content is not ${contentType} text (UTF-8 without control bytes)` };
  return null;
}

function isText(bytes: Uint8Array): boolean {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return !/[\u0000-\u0008\u000e-\u001f]/.test(text);
  } catch {
    return false;
  }
}
