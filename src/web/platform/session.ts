/**
 * The signed-in session of the secure platform: who the user is, what they may do and the
 * CSRF token every write must carry. Loaded once from /api/v1/auth/me and shared by every
 * component through useSession(). Kept small: the header imports it on every page.
 */
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
  pending = fetch("/api/v1/auth/me", { headers: { accept: "application/json" }, credentials: "same-origin" })
    .then(async (res): Promise<SessionState> => {
      if (!res.ok) return { state: "anonymous" };
      const me = (await res.json()) as { user: SessionUser; permissions: string[]; csrf_token: string | null };
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

async function problemOf(res: Response): Promise<ProblemError> {
  const body = (await res.json().catch(() => ({}))) as { detail?: string; title?: string; errors?: FieldProblem[] };
  if (res.status === 401 && current.state === "signed-in") signedOut();
  return new ProblemError(res.status, body.detail ?? body.title ?? res.statusText, body.errors ?? [], body.title ?? "");
}

/** GET JSON from the platform API with the session cookie; throws a ProblemError on failure. */
export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: "application/json" }, credentials: "same-origin" });
  if (!res.ok) throw await problemOf(res);
  return (await res.json()) as T;
}

/** A write: JSON body, the session's CSRF header; throws a ProblemError carrying the problem's field errors. */
export async function send<T = unknown>(method: "POST" | "PATCH" | "PUT" | "DELETE", url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (current.state === "signed-in" && current.session.csrf) headers["x-csrf-token"] = current.session.csrf;
  if (body !== undefined) headers["content-type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(url, { method, headers, credentials: "same-origin", body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ProblemError(0, "network");
  }
  if (!res.ok) throw await problemOf(res);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
