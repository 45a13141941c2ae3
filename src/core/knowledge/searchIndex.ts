/**
 * The knowledge-base search index of one language, in process (decision 0003). The knowledge base
 * does not change while a process runs, so each language's index is built once, from the entries
 * in that language (translated fields where translated, English where not), and every query is
 * answered from memory:
 * - words are normalised and stemmed per language (textAnalysis.ts); every word of the query
 *   must match, by its stem; the last word also matches as a prefix, so results come as the
 *   user types (in Chinese every word does, as words run together);
 * - entries whose title matches more of the query's words come first, then BM25 over the title
 *   (weighted) and the text;
 * - snippets come from the entry's summary and text, with the matching words marked.
 *
 * A small inverted index: every word is indexed by its stem and as written (normalised), terms
 * sorted so that the words starting with a prefix are one range, postings in flat typed arrays
 * with each posting's BM25 weight computed at build. A query touches only the postings of its
 * terms, a few hundred entries at most, and allocates almost nothing.
 */
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

interface Doc {
  entry: IndexEntry;
  /** display units of the snippet text (words, or Chinese segments) */
  units: string[];
  /** per unit, the number of its distinct spelling ("laundering," and "Laundering" are two) */
  unitIds: Int32Array;
}

/** How long a snippet is: "full" on the results page, "short" in the search box's list as the reader types. */
export const snippetLengths = ["full", "short"] as const;
export type SnippetLength = (typeof snippetLengths)[number];
/** Units per snippet: words, or Chinese segments (about two per word). */
const SNIPPET_WORDS: Record<SnippetLength, number> = { full: 30, short: 14 };
const SNIPPET_SEGMENTS: Record<SnippetLength, number> = { full: 60, short: 28 };
/**
 * BM25 parameters, the title's weight over the text, and a prefix match's weight against the
 * word itself. A title counts by containing the word, whatever its length (B 0) and however often
 * it repeats the word (a title that says "prison" twice is not more about prisons); the text is
 * normalised by length only in part, so a long practice that keeps coming back to a subject
 * is not outranked by a short entry that names it once.
 */
const K1 = 1.2;
const B_TITLE = 0;
const B_TEXT = 0.5;
const TITLE_BOOST = 3;
const PREFIX_WEIGHT = 0.5;

export class KnowledgeIndex {
  private readonly analyzer: Analyzer;
  private readonly segmenter?: Intl.Segmenter;
  private readonly docs: Doc[] = [];
  /** every indexed term (stems and words), sorted; a term's number is its place here */
  private readonly terms: string[];
  private readonly termNumber = new Map<string, number>();
  /** postings of term t: docs, weights and in-title flags from start[t] to start[t + 1] */
  private readonly start: Int32Array;
  private readonly postingDoc: Int32Array;
  private readonly postingWeight: Float32Array;
  private readonly postingInTitle: Uint8Array;
  /** the distinct snippet units each term occurs in */
  private readonly unitsWith = new Map<string, number[]>();
  /** per distinct unit, the number of the last query it matched */
  private readonly unitMatched: Uint32Array;
  private queryNumber = 0;

  constructor(readonly lang: SearchLanguage, entries: IndexEntry[]) {
    this.analyzer = analyzerFor(lang);
    if (lang === "zh") this.segmenter = new Intl.Segmenter("zh", { granularity: "word" });

    // Term frequencies per entry, in the title and in the text (summary and the rest).
    const counts: Map<string, [title: number, text: number]>[] = [];
    const titleLength: number[] = [];
    const textLength: number[] = [];
    const unitIds = new Map<string, number>();
    const unitId = (unit: string) => {
      let id = unitIds.get(unit);
      if (id === undefined) {
        unitIds.set(unit, (id = unitIds.size));
        for (const term of this.termsOf(unit)) {
          const list = this.unitsWith.get(term);
          if (list) list.push(id);
          else this.unitsWith.set(term, [id]);
        }
      }
      return id;
    };
    for (const e of entries) {
      const text = `${e.summary}\n${e.search_text}`;
      const tf = new Map<string, [number, number]>();
      const count = (words: string[], field: 0 | 1) => {
        for (const w of words) {
          for (const term of this.indexTerms(w)) {
            const c = tf.get(term) ?? [0, 0];
            c[field]++;
            tf.set(term, c);
          }
        }
        return words.length;
      };
      titleLength.push(count(this.analyzer.words(e.title), 0));
      textLength.push(count(this.analyzer.words(text), 1));
      counts.push(tf);
      const units = this.units(text);
      this.docs.push({ entry: e, units, unitIds: Int32Array.from(units, unitId) });
    }
    this.unitMatched = new Uint32Array(unitIds.size);

    // Terms in order, then postings grouped by term with their BM25 weights.
    const df = new Map<string, number>();
    for (const tf of counts) for (const term of tf.keys()) df.set(term, (df.get(term) ?? 0) + 1);
    this.terms = [...df.keys()].sort();
    this.terms.forEach((t, i) => this.termNumber.set(t, i));
    this.start = new Int32Array(this.terms.length + 1);
    for (const [t, n] of df) this.start[this.termNumber.get(t)! + 1] = n;
    for (let i = 0; i < this.terms.length; i++) this.start[i + 1] += this.start[i];
    const size = this.start[this.terms.length];
    this.postingDoc = new Int32Array(size);
    this.postingWeight = new Float32Array(size);
    this.postingInTitle = new Uint8Array(size);
    const n = entries.length;
    const avg = (xs: number[]) => Math.max(1, xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length));
    const avgTitle = avg(titleLength);
    const avgText = avg(textLength);
    const bm25 = (tf: number, b: number, length: number, average: number) => (tf * (K1 + 1)) / (tf + K1 * (1 - b + (b * length) / average));
    const next = this.start.slice(0, this.terms.length);
    counts.forEach((tf, d) => {
      for (const [term, [inTitle, inText]] of tf) {
        const t = this.termNumber.get(term)!;
        const idf = Math.log(1 + (n - df.get(term)! + 0.5) / (df.get(term)! + 0.5));
        const p = next[t]++;
        this.postingDoc[p] = d;
        this.postingWeight[p] = idf * (TITLE_BOOST * (inTitle ? bm25(1, B_TITLE, titleLength[d], avgTitle) : 0) + (inText ? bm25(inText, B_TEXT, textLength[d], avgText) : 0));
        this.postingInTitle[p] = inTitle ? 1 : 0;
      }
    });
  }

  /** A word is indexed by its stem and as written (normalised), so that a prefix finds it while it is typed. */
  private indexTerms(word: string): string[] {
    const stem = this.analyzer.stem(word);
    return stem === word ? [word] : [stem, word];
  }

  private termsOf(text: string): string[] {
    return [...new Set(this.analyzer.words(text).flatMap((w) => this.indexTerms(w)))];
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

  /** The numbers of the terms a query word matches: its stem, and while typed, every term it begins. */
  private matchedTerms(w: QueryWord): number[] {
    const out: number[] = [];
    const exact = this.termNumber.get(w.stem);
    if (exact !== undefined) out.push(exact);
    if (w.prefix) {
      let lo = 0;
      let hi = this.terms.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (this.terms[mid] < w.word) lo = mid + 1; else hi = mid; }
      for (let t = lo; t < this.terms.length && this.terms[t].startsWith(w.word); t++) if (t !== exact) out.push(t);
    }
    return out;
  }

  /** Every matching entry, best first, with the terms the query matched. */
  private ranked(words: QueryWord[], kinds: readonly EntryKind[] | undefined) {
    const n = this.docs.length;
    const matchedTerms: number[] = [];
    if (!words.length) return { ranked: [], matchedTerms };
    const score = new Float64Array(n);
    const wordsFound = new Uint8Array(n);
    const inTitle = new Uint8Array(n);
    const best = new Float64Array(n);
    const title = new Uint8Array(n);
    for (const w of words) {
      best.fill(0);
      title.fill(0);
      for (const t of this.matchedTerms(w)) {
        matchedTerms.push(t);
        const factor = this.terms[t] === w.stem || this.terms[t] === w.word ? 1 : PREFIX_WEIGHT;
        for (let p = this.start[t]; p < this.start[t + 1]; p++) {
          const d = this.postingDoc[p];
          // Above zero even for a word in every entry, so that "found" is never confused with "absent".
          const s = Math.max(this.postingWeight[p] * factor, 1e-9);
          if (s > best[d]) best[d] = s;
          title[d] |= this.postingInTitle[p];
        }
      }
      for (let d = 0; d < n; d++) {
        if (best[d] > 0) { score[d] += best[d]; wordsFound[d]++; inTitle[d] += title[d]; }
      }
    }
    const ranked: { doc: Doc; rank: number }[] = [];
    for (let d = 0; d < n; d++) {
      if (wordsFound[d] !== words.length) continue;
      const doc = this.docs[d];
      if (kinds && !kinds.includes(doc.entry.kind)) continue;
      ranked.push({ doc, rank: Math.round((inTitle[d] + score[d] / (score[d] + 1)) * 1e6) / 1e6 });
    }
    ranked.sort((x, y) => y.rank - x.rank || cmp(x.doc.entry.kind, y.doc.entry.kind) || cmp(x.doc.entry.sort_key, y.doc.entry.sort_key) || cmp(x.doc.entry.id, y.doc.entry.id));
    return { ranked, matchedTerms };
  }

  search(q: string, kinds: readonly EntryKind[] | undefined, limit: number, snippet: SnippetLength = "full"): SearchAnswer {
    const { ranked, matchedTerms } = this.ranked(this.parse(q), kinds);
    const hits = ranked.slice(0, limit);
    // The units to mark: those holding a term the query matched.
    const stamp = (this.queryNumber = (this.queryNumber % 0xfffffffe) + 1);
    const matched = this.unitMatched;
    if (hits.length) for (const t of matchedTerms) for (const id of this.unitsWith.get(this.terms[t]) ?? []) matched[id] = stamp;
    return {
      total: ranked.length,
      hits: hits.map(({ doc, rank }) => ({
        kind: doc.entry.kind, id: doc.entry.id, title: doc.entry.title, rank,
        snippet: cutSnippet(doc.units, (i) => matched[doc.unitIds[i]] === stamp, (this.segmenter ? SNIPPET_SEGMENTS : SNIPPET_WORDS)[snippet], this.segmenter ? "" : " "),
        language: doc.entry.language,
      })),
    };
  }

  /** The ids of every entry of a kind that matches, for filtering a list by a query. */
  matchingIds(q: string, kind: EntryKind): string[] {
    return this.ranked(this.parse(q), [kind]).ranked.map(({ doc }) => doc.entry.id);
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
