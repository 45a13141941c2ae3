/**
 * Answers API paths from the offline bundle, with the same shapes the server returns, so
 * the pages need no offline-specific code. Search uses an in-browser MiniSearch index.
 */
import MiniSearch from "minisearch";
import type { Entry, ListResult, SearchResult } from "./api.js";

interface Bundle { version: string; entries: Entry[] }

const kindOf: Record<string, string> = {
  practices: "practice", manifestations: "manifestation", contexts: "context", watchpoints: "watchpoint",
  indicators: "indicator", actors: "actor", instruments: "instrument", initiatives: "initiative",
  themes: "theme", "research-priorities": "research-priority",
};

let loaded: Promise<{ bundle: Bundle; index: MiniSearch<Entry & { key: string }> }> | undefined;

function load() {
  loaded ??= fetch("/api/v1/bundle").then(async (res) => {
    if (!res.ok) throw new Error("offline copy not available");
    const bundle = (await res.json()) as Bundle;
    const index = new MiniSearch<Entry & { key: string }>({
      idField: "key",
      fields: ["title", "summary", "text"],
      storeFields: ["kind", "id", "title", "summary"],
      extractField: (doc, field) => (field === "text" ? textOf(doc) : String((doc as Record<string, unknown>)[field] ?? "")),
      searchOptions: { boost: { title: 3, summary: 2 }, prefix: true, fuzzy: 0.15, combineWith: "AND" },
    });
    index.addAll(bundle.entries.map((e) => ({ ...e, key: `${e.kind}:${e.id}` })));
    return { bundle, index };
  });
  loaded.catch(() => { loaded = undefined; });
  return loaded;
}

function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(textOf).join(" ");
  if (value && typeof value === "object") return Object.entries(value).filter(([k]) => k !== "citation").map(([, v]) => textOf(v)).join(" ");
  return "";
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function snippet(text: string, terms: string[]): string {
  const lower = text.toLowerCase();
  const at = Math.max(0, Math.min(...terms.map((t) => lower.indexOf(t)).filter((i) => i >= 0), text.length) - 60);
  let s = escapeHtml(text.slice(at, at + 220));
  for (const t of terms) s = s.replace(new RegExp(`(${t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")})`, "gi"), "<mark>$1</mark>");
  return (at > 0 ? "… " : "") + s + "…";
}

const refIds = (v: unknown) => (Array.isArray(v) ? v.map((x) => (typeof x === "string" ? x : (x as { id: string }).id)) : []);

export async function answerOffline(path: string): Promise<unknown> {
  const { bundle, index } = await load();
  const url = new URL(path, location.origin);
  const parts = url.pathname.replace(/^\/api\/v1\//, "").split("/");
  const p = url.searchParams;
  if (parts[0] === "content-version") return { version: bundle.version, offline: true };
  if (parts[0] === "search") {
    const q = p.get("q") ?? "";
    const results = index.search(q);
    const limit = Number(p.get("limit") ?? 20);
    return {
      q, total: results.length, offline: true,
      hits: results.slice(0, limit).map((r) => ({
        kind: r.kind, id: r.id, title: r.title,
        snippet: snippet(`${r.summary}`, r.terms),
      })),
    } satisfies SearchResult;
  }
  const kind = kindOf[parts[0]];
  if (!kind) throw new Error(`not available offline: ${path}`);
  const entries = bundle.entries.filter((e) => e.kind === kind);
  if (parts[1]) {
    const found = entries.find((e) => e.id === decodeURIComponent(parts[1]));
    if (!found) throw new Error(`${kind} "${parts[1]}" is not in the offline copy`);
    return found;
  }
  const actors = bundle.entries.filter((e) => e.kind === "actor");
  const under = (root: string): string[] => [root, ...actors.filter((a) => (a.parent as { id?: string } | null)?.id === root).flatMap((a) => under(a.id))];
  let items = entries.filter((e) =>
    (!p.get("framework") || e.framework === p.get("framework")) &&
    (!p.get("area") || e.area === p.get("area")) &&
    (!p.get("actor") || refIds(e.actors).some((a) => under(p.get("actor")!).includes(a))) &&
    (!p.get("instrument") || refIds(e.instruments).includes(p.get("instrument")!)) &&
    (!p.get("manifestation") || refIds(e.manifestations).includes(p.get("manifestation")!)) &&
    (!p.get("indicator") || refIds(e.indicators).includes(p.get("indicator")!)),
  );
  if (p.get("q")) {
    const hits = new Set(index.search(p.get("q")!, { filter: (r) => r.kind === kind }).map((r) => r.id));
    items = items.filter((e) => hits.has(e.id));
  }
  const limit = Number(p.get("limit") ?? 50);
  const offset = Number(p.get("offset") ?? 0);
  return { total: items.length, limit, offset, items: items.slice(offset, offset + limit) } satisfies ListResult;
}
