import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Db } from "../../db/connection.js";
import { buildEntries, type EntryKind, type KnowledgeEntry } from "../../core/knowledge/entries.js";
import { localize, type Translations } from "../../content/translations.js";
import type { Language } from "../http/language.js";
import { KnowledgeIndex, type IndexEntry, type SnippetLength } from "../../core/knowledge/searchIndex.js";
import { compactReferences } from "../../core/knowledge/bundleReferences.js";
import { Lru } from "../../core/lru.js";
import type { KnowledgeBase } from "../../core/knowledge/schema.js";
import { notFound } from "../http/problem.js";
import { allEntries, contentVersion, existingIds, getEntry, listEntries, type ListRow } from "./knowledge.repository.js";
import { invalid } from "../http/validation.js";
import { CrosswalkService } from "./crosswalk.service.js";
import { TrainingService } from "../training/training.service.js";

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

  /** The English entries, by "kind:id": the offline bundle's English texts, keys in the order the content gives them. */
  private readonly english: Map<string, KnowledgeEntry>;

  /** Entries in each language that has translations (decision 0022): shown instead of the English. */
  private readonly localized = new Map<Language, Map<string, KnowledgeEntry>>();

  /** The search index of each language (decision 0003): English, and each language with translations. */
  private readonly indexes = new Map<Language, KnowledgeIndex>();

  /** Per language with translations, the "kind:id" of the entries whose own text is translated. */
  private readonly translated = new Map<Language, Set<string>>();

  /** The standards crosswalk (decision 0036), served from the knowledge base in memory. */
  readonly crosswalk: CrosswalkService;
  /** Learning paths per audience and the question bank (decision 0038), served from the knowledge base in memory. */
  readonly training: TrainingService;

  /** `kbIn`: the knowledge base in each translated language, when the caller has built it (app.ts); else built here on demand. */
  constructor(private readonly db: Db, kb: KnowledgeBase, translations: Translations = new Map(), kbIn?: Map<string, KnowledgeBase>) {
    this.crosswalk = new CrosswalkService(kb, translations, kbIn);
    this.training = new TrainingService(kb, translations, kbIn);
    const english = languageData(kb, "en", translations);
    this.english = english.entries;
    this.indexes.set("en", english.index);
    for (const [lang, table] of translations) {
      if (!table.size) continue;
      const { entries, index, translated } = languageData(kb, lang, translations);
      this.localized.set(lang, entries);
      this.indexes.set(lang, index);
      this.translated.set(lang, translated);
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
      if (!found.has(f.value)) throw invalid(f.param, "unknownId", { id: f.value });
      links.push({ rel: f.rel, to: f.kind === "actor" ? this.withDescendants(f.value) : [f.value] });
    }
    const ids = q.q === undefined ? undefined : this.inIndex(lang, (index) => index.matchingIds(q.q!, kind), (found) => found.length > 0);
    const { total, items } = await listEntries(this.db, { kind, fields, linked: links, ids, limit: q.limit, offset: q.offset });
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
    // A practice's page shows its standards: the crosswalk links and what it builds on (decision 0036).
    const crosswalk = kind === "practice" ? { crosswalk: this.crosswalk.forPractice(id, lang) } : {};
    return { ...row.body, ...crosswalk, kind, id: row.id, title: row.title, summary: row.summary, language: row.language };
  }

  private readonly bundles = new Map<Language, OfflineBundle>();

  /**
   * The whole public repository in one language, for offline reading (decision 0026): each
   * entry as the single-entry read returns it in that language, its `language` saying what
   * language its own texts are in (English where not translated yet). Serialised once per
   * content version and language; the ETag names both, plus a hash of the document. Nested
   * summaries another entry carries are left out (bundleReferences.ts; `references: "compact"`).
   */
  async bundle(lang: Language = "en"): Promise<OfflineBundle> {
    const version = (await contentVersion(this.db))?.version ?? "";
    let b = this.bundles.get(lang);
    if (b?.version !== version) {
      const local = this.localized.get(lang) ?? this.english;
      const translated = this.translated.get(lang);
      let inLanguage = 0;
      const entries = (await allEntries(this.db)).map((r) => {
        const key = `${r.kind}:${r.id}`;
        const t = local?.get(key);
        const row = t ?? r;
        const language: Language = translated?.has(key) ? lang : "en";
        if (language !== "en") inLanguage++;
        const crosswalk = r.kind === "practice" ? { crosswalk: this.crosswalk.forPractice(r.id, lang) } : {};
        return { ...row.body, ...crosswalk, kind: r.kind, id: r.id, title: row.title, summary: row.summary, language };
      });
      const json = JSON.stringify({ version, lang, references: "compact", entries: compactReferences(entries) });
      const hash = createHash("sha256").update(json).digest("base64url").slice(0, 10);
      b = { version, lang, json, etag: `"${version}-${lang}-${hash}"`, entries: entries.length, translated: lang === "en" ? entries.length : inLanguage };
      this.bundles.set(lang, b);
    }
    return b;
  }

  /** What each language's bundle holds and weighs gzipped, so the web app can say what it saves before it does. */
  async bundleLanguages(langs: readonly Language[]) {
    const out = [];
    let version = "";
    for (const lang of langs) {
      const b = await this.bundle(lang);
      b.gzipBytes ??= gzipSync(b.json).length;
      version = b.version;
      out.push({ lang, entries: b.entries, translated: b.translated, gzipBytes: b.gzipBytes, etag: b.etag });
    }
    return { version, languages: out };
  }

  /**
   * Search results for this instance's content. The knowledge base does not change while the
   * process runs (a new content version means a restart), so a cached answer is always exact;
   * typeahead repeats the same prefixes many times.
   */
  readonly searchCache = new Lru<string, unknown>(2000);

  async search(q: string, kinds: EntryKind[] | undefined, limit: number, lang: Language = "en", snippet: SnippetLength = "full") {
    const key = JSON.stringify([q, kinds ?? null, limit, lang, snippet]);
    const cached = this.searchCache.get(key);
    if (cached) return cached;
    const result = { q, ...this.inIndex(lang, (index) => index.search(q, kinds, limit, snippet), (found) => found.total > 0) };
    this.searchCache.set(key, result);
    return result;
  }

  /** Asks the index of the reader's language, and the English one when that finds nothing. */
  private inIndex<T>(lang: Language, ask: (index: KnowledgeIndex) => T, found: (answer: T) => boolean): T {
    const index = this.indexes.get(lang);
    const answer = index ? ask(index) : undefined;
    return answer !== undefined && (found(answer) || lang === "en") ? answer : ask(this.indexes.get("en")!);
  }
}

export interface OfflineBundle {
  version: string;
  lang: Language;
  /** the document as sent: { version, lang, references, entries } */
  json: string;
  etag: string;
  entries: number;
  /** entries whose own text is in the language */
  translated: number;
  /** the document's size gzipped, computed when first asked */
  gzipBytes?: number;
}

interface LanguageData {
  /** the entries in the language, by "kind:id" */
  entries: Map<string, KnowledgeEntry>;
  index: KnowledgeIndex;
  /** the "kind:id" of the entries with any of their own text translated */
  translated: Set<string>;
}

/**
 * The entries and the search index of a language, kept per knowledge base and per content of
 * its translations, so apps built over the same content in one process (tests, the bench)
 * share them; the content cannot change under them.
 */
const built = new WeakMap<KnowledgeBase, Map<string, LanguageData>>();

function languageData(kb: KnowledgeBase, lang: Language, translations: Translations): LanguageData {
  const table = lang === "en" ? undefined : translations.get(lang);
  const key = table ? `${lang}:${createHash("sha256").update(JSON.stringify([...table].map(([k, fields]) => [k, [...fields]]))).digest("hex")}` : "en";
  const perKb = built.get(kb) ?? new Map<string, LanguageData>();
  built.set(kb, perKb);
  let data = perKb.get(key);
  if (!data) {
    const list = buildEntries(table ? localize(kb, lang, translations) : kb).entries;
    const entries = new Map(list.map((e) => [`${e.kind}:${e.id}`, e]));
    const english = table ? languageData(kb, "en", translations).entries : entries;
    // An entry is in the language when any of its text is translated; otherwise it is English.
    const items: IndexEntry[] = list.map((e) => {
      const original = english.get(`${e.kind}:${e.id}`);
      const translated = !original || original.title !== e.title || original.summary !== e.summary || original.search_text !== e.search_text;
      return { kind: e.kind, id: e.id, title: e.title, summary: e.summary, sort_key: e.sort_key, search_text: e.search_text, language: translated ? lang : "en" };
    });
    data = { entries, index: new KnowledgeIndex(lang, items), translated: new Set(items.filter((i) => i.language !== "en").map((i) => `${i.kind}:${i.id}`)) };
    perKb.set(key, data);
  }
  return data;
}
