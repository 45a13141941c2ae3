-- Implementation plans, second slice: review cycles, per-practice details, evidence, units,
-- stored actions and regional sharing consent. Everything hangs off the self-assessment record,
-- so purging the record removes it all.

-- Review cycles: the first review starts with the assessment; follow-up reviews re-rate.
create table plan_review (
  self_assessment_id text not null references record(id) on delete cascade,
  number integer not null,
  name text not null,
  started_by text not null references app_user(id),
  started_at timestamptz not null default now(),
  primary key (self_assessment_id, number)
);

-- Contributor ratings belong to a review; agreed ratings already carry one (cycle).
alter table plan_rating add column review integer not null default 1;
alter table plan_rating drop constraint plan_rating_pkey;
alter table plan_rating add primary key (self_assessment_id, practice, contributor_id, review);

create table plan_practice (
  self_assessment_id text not null references record(id) on delete cascade,
  practice text not null,
  actors jsonb not null default '[]',
  units jsonb not null default '[]',
  assistance_requested boolean not null default false,
  assistance_note text not null default '',
  updated_at timestamptz not null default now(),
  primary key (self_assessment_id, practice)
);

create table plan_evidence (
  id text primary key,
  self_assessment_id text not null references record(id) on delete cascade,
  practice text not null,
  kind text not null check (kind in ('link', 'file')),
  label text not null,
  url text,
  filename text,
  content_type text,
  size integer,
  -- base64, so a backup (JSON) carries the file unchanged
  data_base64 text,
  added_by text not null references app_user(id),
  added_at timestamptz not null default now()
);
create index plan_evidence_assessment on plan_evidence (self_assessment_id, practice);

create table plan_unit (
  self_assessment_id text not null references record(id) on delete cascade,
  id text not null,
  name text not null,
  actor text not null,
  primary key (self_assessment_id, id)
);

create table plan_action (
  id text primary key,
  self_assessment_id text not null references record(id) on delete cascade,
  practice text not null,
  step integer,
  title text not null,
  owner_unit text,
  -- calendar dates as YYYY-MM-DD text: no time zone can shift them
  start_date text check (start_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  due_date text check (due_date ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'),
  status text not null default 'planned' check (status in ('planned', 'in-progress', 'done', 'blocked', 'cancelled')),
  depends_on jsonb not null default '[]',
  milestones jsonb not null default '[]',
  why text not null default '',
  created_by text not null references app_user(id),
  updated_at timestamptz not null default now(),
  check (due_date is null or start_date is null or due_date >= start_date)
);
create index plan_action_assessment on plan_action (self_assessment_id);

-- A country's consent to share its agreed ratings with a regional workspace.
create table plan_share (
  self_assessment_id text not null references record(id) on delete cascade,
  region_workspace_id text not null references workspace(id) on delete cascade,
  consent text not null check (consent in ('aggregate', 'full')),
  decided_by text not null references app_user(id),
  decided_at timestamptz not null default now(),
  primary key (self_assessment_id, region_workspace_id)
);

insert into plan_review (self_assessment_id, number, name, started_by, started_at)
  select id, 1, 'First review', created_by, created_at from record where kind = 'self-assessment';
