import type { FastifyReply, FastifyRequest } from "fastify";

/**
 * Security headers on every response: a strict Content-Security-Policy (no inline script,
 * no framing), no MIME sniffing, no referrer, and HSTS when the request arrived over TLS.
 */
const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
  "font-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'", "worker-src 'self'",
].join("; ");

export async function securityHeaders(req: FastifyRequest, reply: FastifyReply, payload: unknown) {
  reply.header("content-security-policy", CSP);
  reply.header("x-content-type-options", "nosniff");
  reply.header("referrer-policy", "no-referrer");
  reply.header("x-frame-options", "DENY");
  reply.header("cross-origin-opener-policy", "same-origin");
  if (req.protocol === "https") reply.header("strict-transport-security", "max-age=31536000; includeSubDomains");
  return payload;
}
