/**
 * Data access for the UI. Online it calls the API; when the network or server is out of
 * reach it answers from the offline bundle (the whole public repository, cached by the
 * service worker after the first visit).
 */
import i18next from "i18next";
import { useEffect, useState } from "preact/hooks";
import { request, type OfflineFallback } from "./http.js";

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

/** The offline bundle answers when the network or server is out of reach (loaded only then). */
const offline: OfflineFallback = {
  answer: async (path) => (await import("./offline.js")).answerOffline(path),
  onState: setOffline,
};

/** GET from the public API in the reader's language; throws a ProblemError (http.ts) on failure. */
const getJson = <T>(path: string): Promise<T> => request<T>(path, { offline });

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
