/**
 * The web app's one HTTP client: every call to the API goes through request(). It sets the
 * headers (JSON, the reader's language unless the caller fixes one, the session cookie, the
 * CSRF token on writes), asks the reader for a reason and tries again when the server wants one
 * (TLP:AMBER+STRICT and RED records), turns a failed answer into a ProblemError, and can answer
 * from an offline fallback when the server is out of reach (api.ts, the public knowledge base).
 * api.ts and platform/session.ts are thin layers on it.
 *
 * Kept small and free of heavy imports: the header loads it on every page.
 */
import i18next from "i18next";

export type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export interface FieldProblem { param: string; message: string }

/**
 * A failed API call: the HTTP status (0 when the server could not be reached), the problem's
 * detail as the message, its per-field errors and title, and the whole body of the answer
 * (for answers that carry more than a problem, such as the CSV import's report of rejected rows).
 */
export class ProblemError extends Error {
  constructor(public status: number, message: string, public errors: FieldProblem[] = [], public title = "", public body: unknown = undefined) { super(message); }
  /** The message for one field (also matches nested fields such as body.text for "body"). */
  field(param: string): string | undefined {
    return this.errors.find((e) => e.param === param || e.param.startsWith(`${param}.`))?.message;
  }
}

/** A body sent as it is rather than as JSON, with its content type (the CSV import). */
export class TextBody {
  constructor(readonly text: string, readonly type: string) {}
}
export const textBody = (text: string, type: string) => new TextBody(text, type);

/** Where answers come from when the server is out of reach: the network fails, or the service worker answers 503 with x-nexus-offline. */
export interface OfflineFallback {
  answer(url: string): Promise<unknown>;
  /** Told on each request whether it was answered from the fallback (true) or by the server (false). */
  onState?(offline: boolean): void;
}

export interface RequestOptions {
  method?: Method;
  /** JSON (any value), or a TextBody sent as it is. */
  body?: unknown;
  /** The accept-language sent: the reader's language unless given here; null sends none. */
  language?: string | null;
  /** The session's CSRF token, sent with every write. */
  csrf?: string | null;
  /** Asks the reader for a reason (and retries) when the server needs one to show a record. */
  reason?: boolean;
  offline?: OfflineFallback;
}

/**
 * Reading AMBER+STRICT or RED content needs a reason, which the server keeps in the audit. The
 * first request of a page that meets such content asks the reader once (through the dialog that
 * registers here); the page's later requests carry the same reason in the x-access-reason header.
 */
type ReasonAsker = (refused?: string) => Promise<string | null>;
let askReason: ReasonAsker | null = null;
let asking: Promise<string | null> | null = null;
let pageReason: { path: string; reason: string } | null = null;

export function onReasonNeeded(ask: ReasonAsker): () => void {
  askReason = ask;
  return () => { if (askReason === ask) askReason = null; };
}

/** The reason the reader gave on this page, if any. */
export const currentReason = (): string | undefined => (pageReason?.path === location.pathname ? pageReason.reason : undefined);

async function withReason(request: (headers: Record<string, string>) => Promise<Response>): Promise<Response> {
  for (;;) {
    const given = currentReason();
    const res = await request(given ? { "x-access-reason": encodeURIComponent(given) } : {});
    if (res.status !== 400 || !askReason) return res;
    const body = (await res.clone().json().catch(() => ({}))) as { code?: string; errors?: FieldProblem[] };
    if (body.code !== "access.reason_needed") return res;
    // Answered meanwhile, for another request of the page: retry with that answer.
    if (currentReason() && currentReason() !== given) continue;
    // Several requests of one page share one question; a refused reason (not a real sentence) is asked again.
    asking ??= askReason(given ? body.errors?.[0]?.message : undefined).finally(() => { asking = null; });
    const reason = await asking;
    if (!reason) return res;
    pageReason = { path: location.pathname, reason };
  }
}

async function problemOf(res: Response): Promise<ProblemError> {
  const body = (await res.json().catch(() => undefined)) as unknown;
  const p = (body && typeof body === "object" ? body : {}) as { detail?: unknown; title?: unknown; errors?: unknown };
  const text = (v: unknown) => (typeof v === "string" ? v : undefined);
  // Field errors name a param; other lists (the CSV import's rejected rows) stay in `body`.
  const errors = Array.isArray(p.errors) ? (p.errors as FieldProblem[]).filter((e) => typeof e?.param === "string") : [];
  return new ProblemError(res.status, text(p.detail) ?? text(p.title) ?? res.statusText, errors, text(p.title) ?? "", body);
}

/** One call to the API: the parsed JSON answer (undefined when empty); throws a ProblemError on failure. */
export async function request<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const { method = "GET", body, csrf, offline } = options;
  const headers: Record<string, string> = { accept: "application/json" };
  // The content in the reader's language where translated (decision 0022).
  const language = options.language === undefined ? i18next.language || "en" : options.language;
  if (language) headers["accept-language"] = language;
  if (method !== "GET" && csrf) headers["x-csrf-token"] = csrf;
  let payload: string | undefined;
  if (body instanceof TextBody) {
    headers["content-type"] = body.type;
    payload = body.text;
  } else if (body !== undefined) {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  const once = (extra: Record<string, string>) => fetch(url, { method, headers: { ...headers, ...extra }, credentials: "same-origin", body: payload });
  const fromOffline = () => {
    offline!.onState?.(true);
    return offline!.answer(url) as Promise<T>;
  };
  let res: Response;
  try {
    res = await (options.reason ? withReason(once) : once({}));
  } catch {
    if (offline) return fromOffline();
    throw new ProblemError(0, "network");
  }
  if (offline) {
    if (res.status === 503 && res.headers.get("x-nexus-offline")) return fromOffline();
    offline.onState?.(false);
  }
  if (!res.ok) throw await problemOf(res);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
