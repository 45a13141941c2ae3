-- Implementation self-assessments: each contributor's ratings of a practice, and the agreed
-- rating a coordinator records, kept as a history of review cycles.
create table plan_rating (
  self_assessment_id text not null references record(id) on delete cascade,
  practice text not null,
  contributor_id text not null references app_user(id),
  institution text not null,
  in_place text check (in_place in ('C', 'LC', 'PC', 'NC', 'N/A')),
  working text check (working in ('High', 'Substantial', 'Moderate', 'Low')),
  steps jsonb not null default '{}',
  comment text not null default '',
  updated_at timestamptz not null default now(),
  primary key (self_assessment_id, practice, contributor_id)
);

create table plan_agreed (
  self_assessment_id text not null references record(id) on delete cascade,
  practice text not null,
  cycle integer not null,
  in_place text check (in_place in ('C', 'LC', 'PC', 'NC', 'N/A')),
  working text check (working in ('High', 'Substantial', 'Moderate', 'Low')),
  reason text not null,
  decided_by text not null references app_user(id),
  decided_at timestamptz not null default now(),
  primary key (self_assessment_id, practice, cycle)
);
