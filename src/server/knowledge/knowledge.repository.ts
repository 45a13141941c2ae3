import type { Db } from "../../db/connection.js";
import { buildEntries, type EntryKind } from "../../core/knowledge/entries.js";
import { contentStats } from "../../core/knowledge/validate.js";
import type { KnowledgeBase } from "../../core/knowledge/schema.js";

const LOAD_LOCK = 724_002;

/**
 * Loads the knowledge base when its version differs from the stored one. The old content is
 * replaced as a whole in one transaction, so a restart or a content change never duplicates
 * anything and readers never see half a load.
 */
export async function loadKnowledge(db: Db, kb: KnowledgeBase, version: string): Promise<"loaded" | "unchanged"> {
  const { entries, links } = buildEntries(kb);
  return db.transaction(async (tx) => {
    await tx.query("select pg_advisory_xact_lock($1)", [LOAD_LOCK]);
    const current = await tx.query<{ version: string }>("select version from content_version");
    if (current.rows[0]?.version === version) return "unchanged";
    await tx.exec("delete from knowledge_link; delete from knowledge_entry;");
    await tx.query(
      `insert into knowledge_entry (kind, id, title, summary, sort_key, body, search_text, tsv)
       select kind, id, title, summary, sort_key, body, search_text,
              setweight(to_tsvector('english', title), 'A') ||
              setweight(to_tsvector('english', summary), 'B') ||
              setweight(to_tsvector('english', search_text), 'C')
       from jsonb_to_recordset($1::jsonb)
         as x(kind text, id text, title text, summary text, sort_key text, body jsonb, search_text text)`,
      [JSON.stringify(entries)],
    );
    await tx.query(
      `insert into knowledge_link (from_kind, from_id, rel, to_kind, to_id)
       select distinct from_kind, from_id, rel, to_kind, to_id
       from jsonb_to_recordset($1::jsonb) as x(from_kind text, from_id text, rel text, to_kind text, to_id text)`,
      [JSON.stringify(links)],
    );
    await tx.query(
      `insert into content_version (singleton, version, counts, loaded_at) values (true, $1, $2::jsonb, now())
       on conflict (singleton) do update set version = excluded.version, counts = excluded.counts, loaded_at = now()`,
      [version, JSON.stringify(contentStats(kb))],
    );
    return "loaded";
  });
}

export interface ListQuery {
  kind: EntryKind;
  /** body field equals value, e.g. framework = hague */
  fields?: Record<string, string | undefined>;
  /** entry links to one of the given ids through rel, e.g. actor in (police) */
  linked?: { rel: string; to: string[] }[];
  /** only these ids: the entries a search of the in-process index matched (decision 0003) */
  ids?: string[];
  limit: number;
  offset: number;
}

export interface ListRow {
  id: string;
  title: string;
  summary: string;
  body: Record<string, unknown>;
}

/** One query: filters, the ids a search matched, total count and the requested page. */
export async function listEntries(db: Db, query: ListQuery): Promise<{ total: number; items: ListRow[] }> {
  const params: unknown[] = [query.kind];
  const where = ["e.kind = $1"];
  for (const [field, value] of Object.entries(query.fields ?? {})) {
    if (value === undefined) continue;
    params.push(field, value);
    where.push(`e.body ->> $${params.length - 1} = $${params.length}`);
  }
  for (const l of query.linked ?? []) {
    params.push(l.rel, l.to);
    where.push(`exists (select 1 from knowledge_link k where k.from_kind = e.kind and k.from_id = e.id
                 and k.rel = $${params.length - 1} and k.to_id = any($${params.length}::text[]))`);
  }
  if (query.ids) {
    params.push(query.ids);
    where.push(`e.id = any($${params.length}::text[])`);
  }
  params.push(query.limit, query.offset);
  const { rows } = await db.query<ListRow & { total: string }>(
    `select e.id, e.title, e.summary, e.body, count(*) over () as total
     from knowledge_entry e where ${where.join(" and ")}
     order by e.sort_key, e.id limit $${params.length - 1} offset $${params.length}`,
    params,
  );
  let total = rows.length ? Number(rows[0].total) : 0;
  if (!rows.length && query.offset > 0) {
    // Past the last page: count separately so the client still learns the total.
    const c = await db.query<{ n: string }>(`select count(*) as n from knowledge_entry e where ${where.join(" and ")}`, params.slice(0, -2));
    total = Number(c.rows[0].n);
  }
  return { total, items: rows.map(({ total: _t, ...r }) => r) };
}

export async function getEntry(db: Db, kind: EntryKind, id: string): Promise<ListRow | undefined> {
  const { rows } = await db.query<ListRow>("select id, title, summary, body from knowledge_entry where kind = $1 and id = $2", [kind, id]);
  return rows[0];
}

/** Which of the given ids exist for a kind; used to reject unknown filter values. */
export async function existingIds(db: Db, kind: EntryKind, ids: string[]): Promise<Set<string>> {
  const { rows } = await db.query<{ id: string }>("select id from knowledge_entry where kind = $1 and id = any($2::text[])", [kind, ids]);
  return new Set(rows.map((r) => r.id));
}

export async function contentVersion(db: Db): Promise<{ version: string; loaded_at: string; counts: unknown } | undefined> {
  const { rows } = await db.query<{ version: string; loaded_at: string; counts: unknown }>("select version, loaded_at, counts from content_version");
  return rows[0];
}

/** Every entry, for the offline bundle. */
export async function allEntries(db: Db): Promise<(ListRow & { kind: EntryKind })[]> {
  const { rows } = await db.query<ListRow & { kind: EntryKind }>("select kind, id, title, summary, body from knowledge_entry order by kind, sort_key, id");
  return rows;
}
