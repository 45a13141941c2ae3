/**
 * The offline search index of one language's bundle (decision 0026): the server's own index
 * (src/core/knowledge/searchIndex.ts), so words are normalised, stemmed and segmented in the
 * browser exactly as on the server: Arabic letter forms folded, French, Spanish and Russian
 * stems, Chinese words cut by Intl.Segmenter. Entries still in English in that bundle are
 * indexed as the server indexes them in that language, so they stay searchable.
 */
import type { EntryKind } from "../core/knowledge/entries.js";
import { KnowledgeIndex, type IndexEntry, type SearchAnswer } from "../core/knowledge/searchIndex.js";
import { searchLanguages, type SearchLanguage } from "../core/knowledge/textAnalysis.js";
import { expandReferences } from "../core/knowledge/bundleReferences.js";

export interface BundleEntry {
  kind: string;
  id: string;
  title: string;
  summary: string;
  /** the language of the entry's own texts: the bundle's, or English where not translated yet */
  language?: string;
  [key: string]: unknown;
}
export interface Bundle {
  version: string;
  lang?: string;
  /** "compact": nested summaries are 1, to be put back from their entries (expandBundle) */
  references?: string;
  entries: BundleEntry[];
}

/** The bundle as the API's reads return its entries: nested summaries put back. */
export function expandBundle(bundle: Bundle): Bundle {
  return bundle.references === "compact" ? { ...bundle, references: undefined, entries: expandReferences(bundle.entries) } : bundle;
}

/** Keys whose strings are not text a reader searches (ids, links, codes); citations are left out whole. */
const NOT_TEXT = new Set(["id", "kind", "language", "link", "link_checked", "source", "framework", "area", "scope", "parent", "url"]);

/** Every searchable string of an entry's body, like the server's search text. */
export function searchText(value: unknown, key = ""): string {
  if (typeof value === "string") return NOT_TEXT.has(key) ? "" : value;
  if (Array.isArray(value)) return value.map((v) => searchText(v, key === "countries" ? "id" : key)).filter(Boolean).join("\n");
  if (value && typeof value === "object") {
    return Object.entries(value).filter(([k]) => k !== "citation").map(([k, v]) => searchText(v, k)).filter(Boolean).join("\n");
  }
  return "";
}

const asLanguage = (l: string | undefined): SearchLanguage => ((searchLanguages as readonly string[]).includes(l ?? "") ? (l as SearchLanguage) : "en");

export class OfflineIndex {
  readonly lang: SearchLanguage;
  private readonly index: KnowledgeIndex;

  constructor(bundle: Bundle) {
    this.lang = asLanguage(bundle.lang);
    const place = new Map<string, number>();
    const items: IndexEntry[] = bundle.entries.map((e) => {
      // The bundle comes sorted as the server sorts each kind: the place in it is the sort key.
      const n = (place.get(e.kind) ?? 0) + 1;
      place.set(e.kind, n);
      const { kind: _k, id: _i, title: _t, summary: _s, language: _l, ...body } = e;
      return {
        kind: e.kind as EntryKind, id: e.id, title: e.title, summary: e.summary, sort_key: String(n).padStart(5, "0"),
        search_text: searchText(body), language: asLanguage(e.language),
      };
    });
    this.index = new KnowledgeIndex(this.lang, items);
  }

  search(q: string, kinds: readonly EntryKind[] | undefined, limit: number): SearchAnswer {
    return this.index.search(q, kinds, limit);
  }

  matchingIds(q: string, kind: EntryKind): string[] {
    return this.index.matchingIds(q, kind);
  }
}
