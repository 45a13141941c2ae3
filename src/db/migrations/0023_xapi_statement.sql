-- xAPI statements of the learning paths (docs/decisions/0041). Every statement is kept here; when
-- a Learning Record Store is configured (XAPI_LRS_URL) it is also sent there, and `sent_at` says
-- when it arrived. Unsent ones (no LRS, or the LRS failed) wait for a later flush; `attempts`
-- counts the tries. The actor inside `statement` is a pseudonymous account, never a name.
create table xapi_statement (
  id uuid primary key,
  statement jsonb not null,
  -- a participant's statements go with them (removal on request) and with their cohort (retention)
  cohort_id text references training_cohort(id) on delete cascade,
  participant_id text references training_participant(id) on delete cascade,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  attempts integer not null default 0
);
create index xapi_statement_unsent on xapi_statement (created_at) where sent_at is null;
create index xapi_statement_cohort on xapi_statement (cohort_id) where cohort_id is not null;
create index xapi_statement_participant on xapi_statement (participant_id) where participant_id is not null;
