/**
 * Answers API paths from the offline bundle, with the same shapes the server returns, so
 * the pages need no offline-specific code. The bundle is the reader's language's (decision
 * 0026): the service worker answers with the saved copy of that language, or of another kept
 * language when that one is not saved; search uses the server's own index for the bundle's
 * language (offlineIndex.ts).
 */
import i18next from "i18next";
import type { EntryKind } from "../core/knowledge/entries.js";
import type { ListResult, SearchResult } from "./api.js";
import { request } from "./http.js";
import { expandBundle, OfflineIndex, type Bundle } from "./offlineIndex.js";

const kindOf: Record<string, string> = {
  practices: "practice", manifestations: "manifestation", contexts: "context", watchpoints: "watchpoint",
  indicators: "indicator", actors: "actor", instruments: "instrument", initiatives: "initiative",
  themes: "theme", "research-priorities": "research-priority",
};

let loaded: { lang: string; data: Promise<{ bundle: Bundle; index: OfflineIndex }> } | undefined;

function load() {
  const lang = i18next.language || "en";
  if (loaded?.lang !== lang) {
    // The bundle's language is in the address (the service worker keeps one per language), not in accept-language.
    const data = request<Bundle>(`/api/v1/bundle?lang=${encodeURIComponent(lang)}`, { language: null }).then((raw) => {
      const bundle = expandBundle(raw);
      return { bundle, index: new OfflineIndex(bundle) };
    }, () => { throw new Error("offline copy not available"); });
    const mine = { lang, data };
    loaded = mine;
    data.catch(() => { if (loaded === mine) loaded = undefined; });
  }
  return loaded!.data;
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
    const kinds = p.get("kind")?.split(",").filter(Boolean) as EntryKind[] | undefined;
    const answer = index.search(q, kinds?.length ? kinds : undefined, Number(p.get("limit") ?? 20), p.get("snippet") === "short" ? "short" : "full");
    return { q, ...answer, offline: true } satisfies SearchResult;
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
    const hits = new Set(index.matchingIds(p.get("q")!, kind as EntryKind));
    items = items.filter((e) => hits.has(e.id));
  }
  const limit = Number(p.get("limit") ?? 50);
  const offset = Number(p.get("offset") ?? 0);
  return { total: items.length, limit, offset, items: items.slice(offset, offset + limit) } satisfies ListResult;
}
