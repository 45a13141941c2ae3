/**
 * The offline search index of one language's bundle (decision 0026): the server's own index
 * (src/core/knowledge/searchIndex.ts), so words are normalised, stemmed and segmented in the
 * browser exactly as on the server: Arabic letter forms folded, French, Spanish and Russian
 * stems, Chinese words cut by Intl.Segmenter. Entries still in English in that bundle are
 * indexed as the server indexes them in that language, so they stay searchable.
 */
import type { EntryKind } from "../core/knowledge/entries.js";
import { KnowledgeIndex, type IndexEntry, type SearchAnswer, type SnippetLength } from "../core/knowledge/searchIndex.js";
import { searchLanguages, type SearchLanguage } from "../core/knowledge/textAnalysis.js";
import { expandReferences } from "../core/knowledge/bundleReferences.js";
import { searchTexts } from "../core/knowledge/readerText.js";

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

const asLanguage = (l: string | undefined): SearchLanguage => ((searchLanguages as readonly string[]).includes(l ?? "") ? (l as SearchLanguage) : "en");

export class OfflineIndex {
  readonly lang: SearchLanguage;
  private readonly index: KnowledgeIndex;

  constructor(bundle: Bundle) {
    this.lang = asLanguage(bundle.lang);
    const place = new Map<string, number>();
    // The server's rule (src/core/knowledge/entries.ts): an entry's own texts, not the entries nested in it.
    const ids = new Set(bundle.entries.map((e) => e.id));
    const items: IndexEntry[] = bundle.entries.map((e) => {
      // The bundle comes sorted as the server sorts each kind: the place in it is the sort key.
      const n = (place.get(e.kind) ?? 0) + 1;
      place.set(e.kind, n);
      const { kind: _k, id: _i, title: _t, summary: _s, language: _l, ...body } = e;
      return {
        kind: e.kind as EntryKind, id: e.id, title: e.title, summary: e.summary, sort_key: String(n).padStart(5, "0"),
        search_text: searchTexts(body, (id) => id !== e.id && ids.has(id)).join("\n"), language: asLanguage(e.language),
      };
    });
    this.index = new KnowledgeIndex(this.lang, items);
  }

  search(q: string, kinds: readonly EntryKind[] | undefined, limit: number, snippet: SnippetLength = "full"): SearchAnswer {
    return this.index.search(q, kinds, limit, snippet);
  }

  matchingIds(q: string, kind: EntryKind): string[] {
    return this.index.matchingIds(q, kind);
  }
}
