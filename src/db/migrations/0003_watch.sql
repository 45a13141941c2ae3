-- Nexus Watch: observations of watch-point indicators on subjects (areas and groups, which
-- are records), and the alerts that watch rules raise. Observations follow their subject:
-- same workspace, same marking, removed with it.
create table watch_observation (
  id text primary key,
  subject_id text not null references record(id) on delete cascade,
  indicator text not null,
  state text not null check (state in ('present', 'absent', 'unknown')),
  trend text check (trend in ('rising', 'stable', 'falling')),
  observed_at date not null,
  reported_at date not null,
  source_ids text[] not null,
  credibility smallint not null check (credibility between 1 and 6),
  note text not null default '',
  created_by text not null references app_user(id),
  created_at timestamptz not null default now()
);
create index watch_observation_subject on watch_observation (subject_id, indicator, observed_at desc);

create table watch_alert (
  id text primary key,
  rule_id text not null references record(id) on delete cascade,
  user_id text not null references app_user(id) on delete cascade,
  subject_id text not null references record(id) on delete cascade,
  message text not null,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index watch_alert_user on watch_alert (user_id, created_at desc);
