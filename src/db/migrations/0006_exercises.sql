-- Live table-top exercises. A session is a platform record (kind exercise-session), so its
-- workspace, marking, retention and audit apply; its members, event log and edited report
-- follow the record.
create table exercise_session (
  id text primary key references record(id) on delete cascade,
  scenario text not null,
  scenario_version integer not null,
  join_code text not null unique,
  evaluator_code text not null unique,
  projector_key_hash text not null,
  max_participants integer not null check (max_participants between 1 and 1000),
  joining_open boolean not null default true,
  created_at timestamptz not null default now()
);

-- People in the room: pseudonyms only, no account; the token they hold is stored hashed.
create table exercise_member (
  id text primary key,
  session_id text not null references exercise_session(id) on delete cascade,
  kind text not null check (kind in ('participant', 'evaluator')),
  pseudonym text not null,
  role text,
  table_name text,
  language text not null,
  consent_at timestamptz not null,
  token_hash text not null unique,
  joined_at timestamptz not null default now()
);
create index exercise_member_session on exercise_member (session_id);

-- The event log: sequence numbers per session, no gaps, never rewritten.
create table exercise_event (
  session_id text not null references exercise_session(id) on delete cascade,
  seq integer not null,
  type text not null,
  data jsonb not null,
  at timestamptz not null,
  primary key (session_id, seq)
);

-- The facilitator's edits to the generated after-action report.
create table exercise_report (
  session_id text primary key references exercise_session(id) on delete cascade,
  edits jsonb not null,
  updated_by text not null references app_user(id),
  updated_at timestamptz not null default now()
);
