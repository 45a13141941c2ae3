/**
 * The signed-in session of the secure platform: who the user is, what they may do and the
 * CSRF token every write must carry. Loaded once from /api/v1/auth/me and shared by every
 * component through useSession(). Kept small: the header imports it on every page.
 */
import { useEffect, useState } from "preact/hooks";
import { ProblemError, request, type Method, type RequestOptions } from "../http.js";

export { currentReason, onReasonNeeded, ProblemError, textBody, type FieldProblem } from "../http.js";

export interface SessionUser { id: string; email: string; name: string; organisation: string; roles: string[] }
export interface Session { user: SessionUser; permissions: string[]; csrf: string | null }
export type SessionState = { state: "loading" } | { state: "anonymous" } | { state: "signed-in"; session: Session };

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
  pending = request<{ signed_in: boolean; user: SessionUser; permissions: string[]; csrf_token: string | null }>("/api/v1/auth/session")
    .then((me): SessionState => {
      if (!me?.signed_in) return { state: "anonymous" };
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

/** A call with the session: the reason dialog when a record needs one; a 401 signs the session out. */
async function call<T>(url: string, options: RequestOptions): Promise<T> {
  try {
    return await request<T>(url, { ...options, reason: true });
  } catch (e) {
    if (e instanceof ProblemError && e.status === 401 && current.state === "signed-in") signedOut();
    throw e;
  }
}

/** GET JSON from the platform API with the session cookie; throws a ProblemError on failure. */
export const getJson = <T>(url: string): Promise<T> => call<T>(url, {});

/**
 * A write with the session's CSRF header: a JSON body, or a textBody() sent as it is (the CSV
 * import); throws a ProblemError carrying the problem's field errors (status 0: no network).
 */
export const send = <T = unknown>(method: Exclude<Method, "GET">, url: string, body?: unknown): Promise<T> =>
  call<T>(url, { method, body, csrf: current.state === "signed-in" ? current.session.csrf : null });
