import type { Db } from "../../db/connection.js";
import { buildEntries, type EntryKind, type KnowledgeEntry } from "../../core/knowledge/entries.js";
import { localize, type Translations } from "../../content/translations.js";
import type { Language } from "../http/language.js";
import { buildSnippet, tokenize, type TokenizedText } from "../../core/knowledge/snippet.js";
import { Lru } from "../../core/lru.js";
import type { KnowledgeBase } from "../../core/knowledge/schema.js";
import { badRequest, notFound } from "../http/problem.js";
import { allEntries, contentVersion, existingIds, getEntry, listEntries, searchEntries, type ListRow } from "./knowledge.repository.js";

/** Body fields that list views carry, per kind; the full body comes with the single-entry read. */
const listFields: Partial<Record<EntryKind, string[]>> = {
  practice: ["framework", "framework_name", "area", "area_name", "number", "merged_with", "actors"],
  manifestation: ["family", "continuum"],
  context: ["manifestations"],
  watchpoint: ["group", "question", "indicators"],
  indicator: ["factor", "links"],
  actor: ["parent"],
  instrument: ["short", "instrument_kind", "issuer", "year", "link"],
  initiative: ["organisation", "scope", "countries", "link"],
  theme: ["number"],
  "research-priority": ["category"],
};

export interface LinkedFilter {
  param: string;
  rel: string;
  kind: EntryKind;
  value: string | undefined;
}

export class KnowledgeService {
  private readonly actorChildren = new Map<string, string[]>();
  /** The searchable text of every entry of this instance's content, for cutting snippets. */
  private readonly searchText = new Map<string, TokenizedText>();

  /** Entries in each language that has translations (decision 0022): shown instead of the English. */
  private readonly localized = new Map<Language, Map<string, KnowledgeEntry & { folded: string }>>();

  constructor(private readonly db: Db, kb: KnowledgeBase, translations: Translations = new Map()) {
    for (const e of buildEntries(kb).entries) this.searchText.set(`${e.kind}:${e.id}`, tokenize(`${e.summary} ${e.search_text}`));
    for (const [lang, table] of translations) {
      if (!table.size) continue;
      const entries = buildEntries(localize(kb, lang, translations)).entries;
      this.localized.set(lang, new Map(entries.map((e) => [`${e.kind}:${e.id}`, { ...e, folded: fold(`${e.title} ${e.summary} ${e.search_text}`) }])));
    }
    for (const a of kb.actors) {
      if (a.parent) this.actorChildren.set(a.parent, [...(this.actorChildren.get(a.parent) ?? []), a.id]);
    }
  }

  /** An actor and every actor below it in the taxonomy: filtering by "justice" finds prosecutors too. */
  private withDescendants(actor: string): string[] {
    return [actor, ...(this.actorChildren.get(actor) ?? []).flatMap((c) => this.withDescendants(c))];
  }

  async list(
    kind: EntryKind,
    q: { q?: string; limit: number; offset: number },
    fields: Record<string, string | undefined>,
    linked: LinkedFilter[] = [],
    lang: Language = "en",
  ) {
    const links: { rel: string; to: string[] }[] = [];
    for (const f of linked) {
      if (f.value === undefined) continue;
      const found = await existingIds(this.db, f.kind, [f.value]);
      if (!found.has(f.value)) throw badRequest(f.param, `unknown ${f.kind} "${f.value}"`);
      links.push({ rel: f.rel, to: f.kind === "actor" ? this.withDescendants(f.value) : [f.value] });
    }
    const { total, items } = await listEntries(this.db, { kind, fields, linked: links, q: q.q, limit: q.limit, offset: q.offset });
    return { total, limit: q.limit, offset: q.offset, items: items.map((r) => this.present(kind, this.inLanguage(kind, r, lang))) };
  }

  /** The row in the reader's language when it is translated (title, summary and body together). */
  private inLanguage(kind: EntryKind, row: ListRow, lang: Language): ListRow & { language: Language } {
    const t = this.localized.get(lang)?.get(`${kind}:${row.id}`);
    return t ? { id: row.id, title: t.title, summary: t.summary, body: t.body, language: lang } : { ...row, language: "en" };
  }

  private present(kind: EntryKind, row: ListRow & { language: Language }) {
    const extra = Object.fromEntries((listFields[kind] ?? []).map((f) => [f, row.body[f]]));
    return { kind, id: row.id, title: row.title, summary: row.summary, language: row.language, ...extra };
  }

  async get(kind: EntryKind, id: string, lang: Language = "en") {
    const found = await getEntry(this.db, kind, id);
    if (!found) throw notFound(`${kind} "${id}"`);
    const row = this.inLanguage(kind, found, lang);
    return { ...row.body, kind, id: row.id, title: row.title, summary: row.summary, language: row.language };
  }

  private bundleCache?: { version: string; value: unknown };

  /** The whole public repository in one document, cached per content version. */
  async bundle() {
    const version = (await contentVersion(this.db))?.version ?? "";
    if (this.bundleCache?.version !== version) {
      const entries = (await allEntries(this.db)).map((r) => ({ ...r.body, kind: r.kind, id: r.id, title: r.title, summary: r.summary }));
      this.bundleCache = { version, value: { version, entries } };
    }
    return this.bundleCache.value;
  }

  /**
   * Search results for this instance's content. The knowledge base does not change while the
   * process runs (a new content version means a restart), so a cached answer is always exact;
   * typeahead repeats the same prefixes many times.
   */
  readonly searchCache = new Lru<string, unknown>(2000);

  async search(q: string, kinds: EntryKind[] | undefined, limit: number, lang: Language = "en") {
    const key = JSON.stringify([q, kinds ?? null, limit, lang]);
    const cached = this.searchCache.get(key);
    if (cached) return cached;
    const result = this.localized.has(lang) ? await this.searchIn(lang, q, kinds, limit) : await this.searchUncached(q, kinds, limit);
    this.searchCache.set(key, result);
    return result;
  }

  /**
   * Search in a translated language: every word of the query (accents, case and Arabic vowel
   * marks folded) must occur in the entry's text in that language, or in its English text; the
   * title counts most. The knowledge base is a few hundred entries, so this runs in memory.
   */
  private async searchIn(lang: Language, q: string, kinds: EntryKind[] | undefined, limit: number) {
    const words = fold(q).split(/\s+/).filter((w) => w.length >= 2);
    const english = words.length ? null : await this.searchUncached(q, kinds, limit);
    if (english) return english;
    const hits: { kind: EntryKind; id: string; title: string; rank: number; snippet: string; language: Language }[] = [];
    for (const e of this.localized.get(lang)!.values()) {
      if (kinds && !kinds.includes(e.kind)) continue;
      const en = this.searchText.get(`${e.kind}:${e.id}`);
      const enText = fold(en ? en.words.join(" ") : "");
      if (!words.every((w) => e.folded.includes(w) || enText.includes(w))) continue;
      const title = fold(e.title);
      const rank = words.reduce((n, w) => n + (title.includes(w) ? 3 : 0) + (e.folded.includes(w) ? 1 : 0), 0);
      hits.push({ kind: e.kind, id: e.id, title: e.title, rank, snippet: e.summary.slice(0, 240), language: lang });
    }
    hits.sort((a, b) => b.rank - a.rank || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id));
    return { q, total: hits.length, hits: hits.slice(0, limit) };
  }

  private async searchUncached(q: string, kinds: EntryKind[] | undefined, limit: number) {
    const { total, stems, rows } = await searchEntries(this.db, q, kinds, limit);
    const hits = rows.map(({ summary, ...h }) => ({ ...h, snippet: buildSnippet(this.searchText.get(`${h.kind}:${h.id}`) ?? summary, stems) }));
    return { q, total, hits };
  }
}

/** Lower case without accents or Arabic vowel marks, for matching words across spellings. */
function fold(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("en").replace(/[^\p{L}\p{N}\s]/gu, " ");
}
