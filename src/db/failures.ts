/**
 * Which database failures are about the database's surroundings rather than the request:
 * the server is away (restart, network) or the disk is full. The HTTP layer answers them
 * with 503 and 507 instead of 500 (docs/decisions/0016).
 */
export type DatabaseFailure = "unavailable" | "disk_full";

const CONNECTION_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "57P01", "57P02", "57P03"]);
const CONNECTION_MESSAGE = /Connection terminated|connection (?:is )?(?:closed|ended)|Client has encountered a connection error|terminating connection|the database system is (?:starting up|shutting down|in recovery mode)|timeout exceeded when trying to connect/i;
const DISK_CODES = new Set(["53100", "53000", "ENOSPC"]);
const DISK_MESSAGE = /No space left on device|could not extend file|disk full/i;

export function databaseFailure(e: unknown): DatabaseFailure | null {
  if (!e || typeof e !== "object") return null;
  const { code, message } = e as { code?: unknown; message?: unknown };
  const c = typeof code === "string" ? code : "";
  const m = typeof message === "string" ? message : "";
  if (DISK_CODES.has(c) || DISK_MESSAGE.test(m)) return "disk_full";
  if (CONNECTION_CODES.has(c) || c.startsWith("08") || CONNECTION_MESSAGE.test(m)) return "unavailable";
  const cause = (e as { cause?: unknown }).cause;
  return cause && cause !== e ? databaseFailure(cause) : null;
}
