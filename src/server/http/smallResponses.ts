/**
 * Small responses compressed in one call (decision 0003). @fastify/compress pipes every payload
 * through a zlib stream, which for the few kilobytes of a search answer costs more than the search
 * itself; a response of up to 64 KB is compressed here synchronously instead (brotli, else gzip),
 * and @fastify/compress, which skips a response that already has a Content-Encoding, keeps the
 * large ones and the streams. Below 8 KB brotli runs at quality 2: on a typeahead answer of 1–4 KB
 * it costs half of quality 4 and the answer grows by some tens of bytes.
 */
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { FastifyReply, FastifyRequest } from "fastify";

const MIN = 1024;
const MAX = 64 * 1024;
const SMALL = 8 * 1024;
const COMPRESSIBLE = /^(application\/(json|problem\+json|javascript|xml)|text\/|image\/svg\+xml)/;

/** The encoding to use: br, else gzip, where the client accepts it with a weight above zero. */
export function chooseEncoding(header: string | undefined): "br" | "gzip" | null {
  const weights = new Map<string, number>();
  for (const part of (header ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
    if (name) weights.set(name, q === undefined ? 1 : Number(q));
  }
  const accepts = (name: string) => (weights.get(name) ?? weights.get("*") ?? 0) > 0;
  return accepts("br") ? "br" : accepts("gzip") ? "gzip" : null;
}

export async function compressSmall(req: FastifyRequest, reply: FastifyReply, payload: unknown) {
  if (typeof payload !== "string" && !Buffer.isBuffer(payload)) return payload;
  const size = Buffer.byteLength(payload);
  if (size < MIN || size > MAX || reply.getHeader("content-encoding") || req.headers["x-no-compression"] !== undefined) return payload;
  if (!COMPRESSIBLE.test(String(reply.getHeader("content-type") ?? "application/json"))) return payload;
  const encoding = chooseEncoding(req.headers["accept-encoding"]);
  if (!encoding) return payload;
  const body = encoding === "br"
    ? brotliCompressSync(payload, { params: { [constants.BROTLI_PARAM_QUALITY]: size < SMALL ? 2 : 4, [constants.BROTLI_PARAM_SIZE_HINT]: size } })
    : gzipSync(payload);
  const vary = String(reply.getHeader("vary") ?? "");
  if (!/\baccept-encoding\b/i.test(vary)) reply.header("vary", vary ? `${vary}, accept-encoding` : "accept-encoding");
  reply.header("content-encoding", encoding);
  reply.header("content-length", body.length);
  return body;
}
