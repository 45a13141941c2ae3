/**
 * The knowledge-base search index of one language, in process (decision 0003). The knowledge base
 * does not change while a process runs, so each language's index is built once, from the entries
 * in that language (translated fields where translated, English where not), and every query is
 * answered from memory:
 * - words are normalised and stemmed per language (textAnalysis.ts); every word of the query
 *   must match, by its stem; the last word also matches as a prefix, so results come as the
 *   user types (in Chinese every word does, as words run together);
 * - entries whose title matches more of the query's words come first, then BM25 with the
 *   title weighted over the summary over the rest of the text;
 * - snippets come from the entry's summary and text, with the matching words marked.
 */
import MiniSearch, { type Query } from "minisearch";
import type { EntryKind } from "./entries.js";
import { cutSnippet } from "./snippet.js";
import { analyzerFor, isHan, type Analyzer, type SearchLanguage } from "./textAnalysis.js";

export interface IndexEntry {
  kind: EntryKind;
  id: string;
  title: string;
  summary: string;
  sort_key: string;
  search_text: string;
  /** the language the entry's text is in: the index's when translated, else English */
  language: SearchLanguage;
}

export interface SearchHit {
  kind: EntryKind;
  id: string;
  title: string;
  /** higher first: the number of query words found in the title, plus the text score scaled below 1 */
  rank: number;
  snippet: string;
  language: SearchLanguage;
}

export interface SearchAnswer { total: number; hits: SearchHit[] }

interface QueryWord { word: string; stem: string; prefix: boolean }

interface Prepared {
  entry: IndexEntry;
  /** words and stems of the title */
  title: string[];
  /** display units of the snippet text (words, or Chinese segments) and the words and stems of each */
  units: string[];
  unitTerms: string[][];
}

const SNIPPET_WORDS = 30;
const SNIPPET_SEGMENTS = 60;

export class KnowledgeIndex {
  private readonly analyzer: Analyzer;
  private readonly mini: MiniSearch<{ key: string; kind: EntryKind; title: string; summary: string; text: string }>;
  private readonly entries = new Map<string, Prepared>();
  private readonly segmenter?: Intl.Segmenter;

  constructor(readonly lang: SearchLanguage, entries: IndexEntry[]) {
    const a = (this.analyzer = analyzerFor(lang));
    if (lang === "zh") this.segmenter = new Intl.Segmenter("zh", { granularity: "word" });
    this.mini = new MiniSearch({
      idField: "key",
      fields: ["title", "summary", "text"],
      storeFields: ["kind"],
      tokenize: (text) => a.words(text),
      // A word is indexed by its stem and as written (normalised), for prefix matches while typing.
      processTerm: (word) => { const stem = a.stem(word); return stem === word ? word : [stem, word]; },
      // Queries are built from words already analysed.
      searchOptions: { tokenize: (s) => [s], processTerm: (t) => t, boost: { title: 4, summary: 2 } },
    });
    this.mini.addAll(entries.map((e) => ({ key: `${e.kind}:${e.id}`, kind: e.kind, title: e.title, summary: e.summary, text: e.search_text })));
    const unitCache = new Map<string, string[]>();
    const termsOf = (unit: string) => {
      let t = unitCache.get(unit);
      if (!t) unitCache.set(unit, (t = this.terms(unit)));
      return t;
    };
    for (const e of entries) {
      const units = this.units(`${e.summary} ${e.search_text}`);
      this.entries.set(`${e.kind}:${e.id}`, { entry: e, title: this.terms(e.title), units, unitTerms: units.map(termsOf) });
    }
  }

  /** The words of a text with their stems, for matching a query word against a title or a snippet unit. */
  private terms(text: string): string[] {
    const words = this.analyzer.words(text);
    return [...new Set([...words, ...words.map((w) => this.analyzer.stem(w))])];
  }

  private units(text: string): string[] {
    if (!this.segmenter) return text.split(/\s+/).filter(Boolean);
    return Array.from(this.segmenter.segment(text), (s) => s.segment);
  }

  private parse(q: string): QueryWord[] {
    const words = this.analyzer.words(q);
    return words.map((word, i) => ({
      word,
      stem: this.analyzer.stem(word),
      prefix: (this.lang === "zh" || i === words.length - 1) && (word.length >= 2 || isHan(word)),
    }));
  }

  /** Every matching entry, best first. */
  private ranked(words: QueryWord[], kinds: readonly EntryKind[] | undefined) {
    if (!words.length) return [];
    const query: Query = {
      combineWith: "AND",
      queries: words.map((w): Query => (!w.prefix ? w.stem
        : w.stem === w.word ? { queries: [w.word], prefix: true }
        : { combineWith: "OR", queries: [w.stem, { queries: [w.word], prefix: true }] })),
    };
    const results = this.mini.search(query, kinds ? { filter: (r) => kinds.includes(r.kind as EntryKind) } : {});
    return results
      .map((r) => {
        const p = this.entries.get(r.id as string)!;
        const inTitle = words.filter((w) => p.title.some((t) => matches(t, w))).length;
        return { p, rank: Math.round((inTitle + r.score / (r.score + 1)) * 1e6) / 1e6 };
      })
      .sort((x, y) => y.rank - x.rank || cmp(x.p.entry.kind, y.p.entry.kind) || cmp(x.p.entry.sort_key, y.p.entry.sort_key) || cmp(x.p.entry.id, y.p.entry.id));
  }

  search(q: string, kinds: readonly EntryKind[] | undefined, limit: number): SearchAnswer {
    const words = this.parse(q);
    const ranked = this.ranked(words, kinds);
    // Units with the same words share one terms array, so each distinct unit is tested once per query.
    const tested = new Map<string[], boolean>();
    const isHit = (terms: string[]) => {
      let hit = tested.get(terms);
      if (hit === undefined) tested.set(terms, (hit = terms.some((t) => words.some((w) => matches(t, w)))));
      return hit;
    };
    return {
      total: ranked.length,
      hits: ranked.slice(0, limit).map(({ p, rank }) => ({
        kind: p.entry.kind, id: p.entry.id, title: p.entry.title, rank,
        snippet: cutSnippet(p.units, p.unitTerms.map(isHit), this.segmenter ? SNIPPET_SEGMENTS : SNIPPET_WORDS, this.segmenter ? "" : " "),
        language: p.entry.language,
      })),
    };
  }

  /** The ids of every entry of a kind that matches, for filtering a list by a query. */
  matchingIds(q: string, kind: EntryKind): string[] {
    return this.ranked(this.parse(q), [kind]).map(({ p }) => p.entry.id);
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A word or stem of the text matches a query word by the stem, or, while it is typed, by its beginning. */
const matches = (term: string, w: QueryWord) => term === w.stem || (w.prefix && term.startsWith(w.word));
