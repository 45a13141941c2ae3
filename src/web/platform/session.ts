/**
 * The signed-in session of the secure platform: who the user is, what they may do and the
 * CSRF token every write must carry. Loaded once from /api/v1/auth/me and shared by every
 * component through useSession(). Kept small: the header imports it on every page.
 */
import i18next from "i18next";
import { useEffect, useState } from "preact/hooks";

export interface SessionUser { id: string; email: string; name: string; organisation: string; roles: string[] }
export interface Session { user: SessionUser; permissions: string[]; csrf: string | null }
export type SessionState = { state: "loading" } | { state: "anonymous" } | { state: "signed-in"; session: Session };

export interface FieldProblem { param: string; message: string }

/** A failed API call: the HTTP status, the problem's detail and its per-field errors. */
export class ProblemError extends Error {
  constructor(public status: number, message: string, public errors: FieldProblem[] = [], public title = "") { super(message); }
  /** The message for one field (also matches nested fields such as body.text for "body"). */
  field(param: string): string | undefined {
    return this.errors.find((e) => e.param === param || e.param.startsWith(`${param}.`))?.message;
  }
}

let current: SessionState = { state: "loading" };
let pending: Promise<SessionState> | null = null;
const listeners = new Set<(s: SessionState) => void>();

function publish(next: SessionState) {
  current = next;
  listeners.forEach((l) => l(next));
}

/** Loads the session from the server (once, unless forced). */
export function loadSession(force = false): Promise<SessionState> {
  if (pending && !force) return pending;
  // /auth/session answers 200 for visitors too, so an anonymous page logs no failed request.
  pending = fetch("/api/v1/auth/session", { headers: { accept: "application/json" }, credentials: "same-origin" })
    .then(async (res): Promise<SessionState> => {
      if (!res.ok) return { state: "anonymous" };
      const me = (await res.json()) as { signed_in: boolean; user: SessionUser; permissions: string[]; csrf_token: string | null };
      if (!me.signed_in) return { state: "anonymous" };
      return { state: "signed-in", session: { user: me.user, permissions: me.permissions, csrf: me.csrf_token } };
    })
    .catch((): SessionState => ({ state: "anonymous" }))
    .then((s) => { publish(s); return s; });
  return pending;
}

export function signedOut(): void {
  pending = Promise.resolve({ state: "anonymous" });
  publish({ state: "anonymous" });
}

/** The session, re-rendered when it changes; the first use starts loading it. */
export function useSession(): SessionState {
  const [s, set] = useState(current);
  useEffect(() => {
    listeners.add(set);
    set(current);
    void loadSession();
    return () => { listeners.delete(set); };
  }, []);
  return s;
}

export const hasPermission = (s: SessionState, permission: string) => s.state === "signed-in" && s.session.permissions.includes(permission);

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
  const body = (await res.json().catch(() => ({}))) as { detail?: string; title?: string; errors?: FieldProblem[] };
  if (res.status === 401 && current.state === "signed-in") signedOut();
  return new ProblemError(res.status, body.detail ?? body.title ?? res.statusText, body.errors ?? [], body.title ?? "");
}

/** GET JSON from the platform API with the session cookie; throws a ProblemError on failure. */
export async function getJson<T>(url: string): Promise<T> {
  const res = await withReason((extra) => fetch(url, { headers: { accept: "application/json", "accept-language": i18next.language || "en", ...extra }, credentials: "same-origin" }));
  if (!res.ok) throw await problemOf(res);
  return (await res.json()) as T;
}

/** A write: JSON body, the session's CSRF header; throws a ProblemError carrying the problem's field errors. */
export async function send<T = unknown>(method: "POST" | "PATCH" | "PUT" | "DELETE", url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", "accept-language": i18next.language || "en" };
  if (current.state === "signed-in" && current.session.csrf) headers["x-csrf-token"] = current.session.csrf;
  if (body !== undefined) headers["content-type"] = "application/json";
  let res: Response;
  try {
    res = await withReason((extra) => fetch(url, { method, headers: { ...headers, ...extra }, credentials: "same-origin", body: body === undefined ? undefined : JSON.stringify(body) }));
  } catch {
    throw new ProblemError(0, "network");
  }
  if (!res.ok) throw await problemOf(res);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
