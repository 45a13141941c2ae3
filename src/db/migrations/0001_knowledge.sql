-- The knowledge base as loaded from content/: one row per entry, links for facets, and
-- the version that was loaded. Content is replaced as a whole in one transaction.
create table knowledge_entry (
  kind text not null,
  id text not null,
  title text not null,
  summary text not null default '',
  sort_key text not null,
  body jsonb not null,
  search_text text not null,
  tsv tsvector not null,
  primary key (kind, id)
);
create index knowledge_entry_tsv on knowledge_entry using gin (tsv);

create table knowledge_link (
  from_kind text not null,
  from_id text not null,
  rel text not null,
  to_kind text not null,
  to_id text not null,
  primary key (from_kind, from_id, rel, to_kind, to_id)
);
create index knowledge_link_to on knowledge_link (to_kind, to_id, rel);

create table content_version (
  singleton boolean primary key default true check (singleton),
  version text not null,
  loaded_at timestamptz not null default now(),
  counts jsonb not null
);
