-- STIX 2.1 imports (issue 13, decision 0032). Each import keeps its report (what was created, kept
-- raw, skipped as already there, or refused). Each STIX object imported into a workspace is linked to
-- what it became there, so importing the same bundle again creates nothing twice, and a later
-- version of an object is recognised by its `modified`.
create table stix_import (
  id text primary key,
  workspace_id text not null references workspace(id),
  created_by text not null references app_user(id),
  created_at timestamptz not null default now(),
  -- where the bundle came from: an upload by a person, later a subscription's pull
  origin text not null,
  counts jsonb not null,
  report jsonb not null
);
create index stix_import_workspace on stix_import (workspace_id, created_at desc);

create table stix_link (
  workspace_id text not null references workspace(id),
  stix_id text not null,
  -- the STIX object's `modified` (or `created`) when it was imported
  modified text not null,
  -- 'record' (its id in record) or 'observation' (its id in watch_observation)
  target_kind text not null check (target_kind in ('record', 'observation')),
  target_id text not null,
  import_id text not null references stix_import(id),
  primary key (workspace_id, stix_id)
);

-- TAXII 2.1: the status of each envelope added to a collection (a workspace), as the poster reads it back.
create table taxii_status (
  id text primary key,
  workspace_id text not null references workspace(id),
  created_by text not null references app_user(id),
  created_at timestamptz not null default now(),
  body jsonb not null
);

-- An API token may be limited to some workspaces (TAXII collections): null means every workspace of its owner.
alter table api_token add column workspaces text[];

-- TAXII 2.1 client: a workspace subscribes to a remote collection (another deployment, MISP,
-- OpenCTI) and pulls from it on a schedule, from where the last successful pull ended.
create table taxii_subscription (
  id text primary key,
  workspace_id text not null references workspace(id),
  created_by text not null references app_user(id),
  created_at timestamptz not null default now(),
  title text not null,
  -- the remote collection's URL (…/collections/{id}/) and the token sent to it; the token is never answered back
  collection_url text not null,
  token text,
  interval_minutes integer not null check (interval_minutes between 5 and 10080),
  -- the marking of remote objects that carry none
  marking text not null,
  -- the X-TAXII-Date-Added-Last of the last pull that was imported: the next pull asks for what came after
  added_after text,
  next_pull_at timestamptz not null default now(),
  last_pull_at timestamptz,
  last_status text,
  last_counts jsonb,
  last_errors jsonb,
  removed_at timestamptz
);
create index taxii_subscription_due on taxii_subscription (next_pull_at) where removed_at is null;

-- Remote objects a pull refused: kept apart with the reasons, never applied, for the members to look at.
create table stix_quarantine (
  id text primary key,
  subscription_id text not null references taxii_subscription(id),
  workspace_id text not null references workspace(id),
  created_at timestamptz not null default now(),
  objects jsonb not null,
  errors jsonb not null
);
