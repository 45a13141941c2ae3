import type { Db } from "../../db/connection.js";
import { buildEntries, type EntryKind } from "../../core/knowledge/entries.js";
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

  constructor(private readonly db: Db, kb: KnowledgeBase) {
    for (const e of buildEntries(kb).entries) this.searchText.set(`${e.kind}:${e.id}`, tokenize(`${e.summary} ${e.search_text}`));
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
  ) {
    const links: { rel: string; to: string[] }[] = [];
    for (const f of linked) {
      if (f.value === undefined) continue;
      const found = await existingIds(this.db, f.kind, [f.value]);
      if (!found.has(f.value)) throw badRequest(f.param, `unknown ${f.kind} "${f.value}"`);
      links.push({ rel: f.rel, to: f.kind === "actor" ? this.withDescendants(f.value) : [f.value] });
    }
    const { total, items } = await listEntries(this.db, { kind, fields, linked: links, q: q.q, limit: q.limit, offset: q.offset });
    return { total, limit: q.limit, offset: q.offset, items: items.map((r) => this.present(kind, r)) };
  }

  private present(kind: EntryKind, row: ListRow) {
    const extra = Object.fromEntries((listFields[kind] ?? []).map((f) => [f, row.body[f]]));
    return { kind, id: row.id, title: row.title, summary: row.summary, ...extra };
  }

  async get(kind: EntryKind, id: string) {
    const row = await getEntry(this.db, kind, id);
    if (!row) throw notFound(`${kind} "${id}"`);
    return { ...row.body, kind, id: row.id, title: row.title, summary: row.summary };
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

  async search(q: string, kinds: EntryKind[] | undefined, limit: number) {
    const key = JSON.stringify([q, kinds ?? null, limit]);
    const cached = this.searchCache.get(key);
    if (cached) return cached;
    const result = await this.searchUncached(q, kinds, limit);
    this.searchCache.set(key, result);
    return result;
  }

  private async searchUncached(q: string, kinds: EntryKind[] | undefined, limit: number) {
    const { total, stems, rows } = await searchEntries(this.db, q, kinds, limit);
    const hits = rows.map(({ summary, ...h }) => ({ ...h, snippet: buildSnippet(this.searchText.get(`${h.kind}:${h.id}`) ?? summary, stems) }));
    return { q, total, hits };
  }
}
