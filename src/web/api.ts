/**
 * Data access for the UI. Online it calls the API; when the network or server is out of
 * reach it answers from the offline bundle (the whole public repository, cached by the
 * service worker after the first visit).
 */
import i18next from "i18next";
import { useEffect, useState } from "preact/hooks";

export interface Entry {
  kind: string;
  id: string;
  title: string;
  summary: string;
  [key: string]: unknown;
}
export interface ListResult<T = Entry> { total: number; limit: number; offset: number; items: T[] }
export interface SearchHit { kind: string; id: string; title: string; snippet: string }
export interface SearchResult { q: string; total: number; hits: SearchHit[]; offline?: boolean }

export class ApiError extends Error {
  constructor(public status: number, message: string) { super(message); }
}

let offlineMode = false;
const offlineListeners = new Set<(offline: boolean) => void>();
function setOffline(value: boolean) {
  if (value === offlineMode) return;
  offlineMode = value;
  offlineListeners.forEach((l) => l(value));
}

/** True while pages are answered from the offline copy; re-renders when that changes. */
export function useOffline(): boolean {
  const [offline, set] = useState(offlineMode);
  useEffect(() => {
    offlineListeners.add(set);
    set(offlineMode);
    return () => { offlineListeners.delete(set); };
  }, []);
  return offline;
}

async function getJson<T>(path: string): Promise<T> {
  let res: Response;
  try {
    // The content in the reader's language where translated (decision 0022).
    res = await fetch(path, { headers: { accept: "application/json", "accept-language": i18next.language || "en" } });
  } catch {
    setOffline(true);
    return (await import("./offline.js")).answerOffline(path) as Promise<T>;
  }
  if (res.status === 503 && res.headers.get("x-nexus-offline")) {
    setOffline(true);
    return (await import("./offline.js")).answerOffline(path) as Promise<T>;
  }
  setOffline(false);
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    throw new ApiError(res.status, (body as { detail?: string }).detail ?? res.statusText);
  }
  return res.json() as Promise<T>;
}

export const api = {
  list: (collection: string, params: Record<string, string | number | undefined> = {}) => {
    const qs = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== "").map(([k, v]) => [k, String(v)]));
    return getJson<ListResult>(`/api/v1/${collection}${qs.size ? `?${qs}` : ""}`);
  },
  get: (collection: string, id: string) => getJson<Entry>(`/api/v1/${collection}/${encodeURIComponent(id)}`),
  search: (q: string, limit = 20, snippet: "full" | "short" = "full") =>
    getJson<SearchResult>(`/api/v1/search?q=${encodeURIComponent(q)}&limit=${limit}${snippet === "short" ? "&snippet=short" : ""}`),
  version: () => getJson<{ version: string; counts: Record<string, unknown> }>("/api/v1/content-version"),
};

export type Loadable<T> = { state: "loading" } | { state: "error"; error: Error } | { state: "ready"; data: T };

/** Loads data for a view and re-loads when the key changes. */
export function useLoad<T>(key: string, load: () => Promise<T>): Loadable<T> {
  const [value, setValue] = useState<Loadable<T>>({ state: "loading" });
  // Content comes in the reader's language: a change of language loads it again.
  const language = i18next.language;
  useEffect(() => {
    let live = true;
    setValue({ state: "loading" });
    load().then(
      (data) => live && setValue({ state: "ready", data }),
      (error: Error) => live && setValue({ state: "error", error }),
    );
    return () => { live = false; };
  }, [key, language]);
  return value;
}
