/**
 * A participant's place in a training cohort on this device (decision 0039): the key the server
 * gave when they joined (sent in the x-participant-token header), the cohort's learning path and
 * its name, kept in localStorage under "nexus.cohort". The modules finished on the phone are sent
 * to the cohort when one is finished, on each visit of /learn and when the network comes back;
 * a failure is silent and the next time sends everything again (the server keeps the earliest
 * finish and the best score, so sending twice changes nothing).
 */
import i18next from "i18next";
import { ProblemError, type FieldProblem } from "../http.js";
import { markModule, progressPayload, readProgress, type Progress } from "./progress.js";

export interface CohortPlace { token: string; audience: string; cohort: string }

export const COHORT_KEY = "nexus.cohort";

/** The cohort joined on this device, if any (and readable). */
export function readPlace(store: Pick<Storage, "getItem"> | undefined = globalThis.localStorage): CohortPlace | null {
  try {
    const raw = store?.getItem(COHORT_KEY);
    const p = raw ? (JSON.parse(raw) as Partial<CohortPlace>) : null;
    return p && typeof p.token === "string" && typeof p.audience === "string" ? { token: p.token, audience: p.audience, cohort: typeof p.cohort === "string" ? p.cohort : "" } : null;
  } catch {
    return null;
  }
}
export function savePlace(place: CohortPlace, store: Pick<Storage, "setItem"> | undefined = globalThis.localStorage) {
  try { store?.setItem(COHORT_KEY, JSON.stringify(place)); } catch { /* storage refused: the cohort lives for this visit only */ }
}
export function forgetPlace(store: Pick<Storage, "removeItem"> | undefined = globalThis.localStorage) {
  try { store?.removeItem(COHORT_KEY); } catch { /* nothing kept */ }
}

/** What to send for an audience's progress: nothing unless a cohort of that path was joined here and a module is done. */
export function syncRequest(place: CohortPlace | null, audience: string, p: Progress, now = new Date()) {
  if (!place || place.audience !== audience) return null;
  const modules = progressPayload(p, now);
  return modules.length ? { token: place.token, body: { modules } } : null;
}

/** A call of the participant's API with their key; throws a ProblemError as the app's client does. */
export async function participantCall<T>(method: "GET" | "POST" | "DELETE", url: string, token: string | null, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", "accept-language": i18next.language || "en" };
  if (token) headers["x-participant-token"] = token;
  if (body !== undefined) headers["content-type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  } catch {
    throw new ProblemError(0, "network");
  }
  const text = await res.text();
  const parsed = (() => { try { return text ? (JSON.parse(text) as unknown) : undefined; } catch { return undefined; } })();
  if (!res.ok) {
    const p = (parsed && typeof parsed === "object" ? parsed : {}) as { detail?: string; title?: string; errors?: FieldProblem[] };
    const errors = Array.isArray(p.errors) ? p.errors.filter((e) => typeof e?.param === "string") : [];
    throw new ProblemError(res.status, p.detail ?? p.title ?? res.statusText, errors, p.title ?? "", parsed);
  }
  return parsed as T;
}

/** Sends the progress of the joined cohort's path, if any; resolves false when nothing went (or it failed). */
export async function syncCohort(audience?: string): Promise<boolean> {
  const place = readPlace();
  if (!place) return false;
  const req = syncRequest(place, audience ?? place.audience, readProgress(place.audience));
  if (!req) return false;
  try {
    await participantCall("POST", "/api/v1/training/me/progress", req.token, req.body);
    return true;
  } catch {
    return false; // offline or refused: everything is sent again next time
  }
}

/** Marks a module done on this device and sends it to the cohort, if one of this path was joined here. */
export function finishModule(audience: string, module: string): Progress {
  const p = markModule(audience, module, true);
  void syncCohort(audience);
  return p;
}

let listening = false;
/** Sends again whenever the browser comes back online (registered once). */
export function syncWhenOnline() {
  if (listening || typeof addEventListener !== "function") return;
  listening = true;
  addEventListener("online", () => { void syncCohort(); });
}
