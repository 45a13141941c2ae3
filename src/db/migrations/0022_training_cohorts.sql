-- Cohorts of a regional training (docs/decisions/0039). A cohort is a record (kind
-- "training-cohort": marking, recipients, retention and the audit apply); its participants join
-- with a code under a pseudonym, or signed in, and their answers are personal data that go with
-- the cohort when it is purged, or with the participant when they ask for removal.
create table training_cohort (
  id text primary key references record(id) on delete cascade,
  audience text not null,
  language text not null,
  join_code text not null unique,
  joining_open boolean not null default true,
  -- the questions of the pre- and post-test (the same ones), and which test is open
  test jsonb not null,
  test_open text check (test_open in ('pre', 'post')),
  max_participants integer not null,
  created_at timestamptz not null default now()
);

-- The modules the trainer scheduled, in order, each with the day it opens and is due.
create table training_schedule (
  cohort_id text not null references training_cohort(id) on delete cascade,
  module text not null,
  position integer not null,
  opens_on date,
  due_on date,
  primary key (cohort_id, module)
);

create table training_participant (
  id text primary key,
  cohort_id text not null references training_cohort(id) on delete cascade,
  pseudonym text not null,
  user_id text references app_user(id) on delete set null,
  audience text not null,
  institution_id text references record(id) on delete set null,
  language text not null,
  consent_at timestamptz not null,
  token_hash text not null unique,
  joined_at timestamptz not null default now(),
  certificate_code text unique,
  certificate_at timestamptz
);
create unique index training_participant_name on training_participant (cohort_id, lower(pseudonym));

-- One answer per participant, test and question: a second sending of the same answer is not counted again.
create table training_answer (
  participant_id text not null references training_participant(id) on delete cascade,
  cohort_id text not null references training_cohort(id) on delete cascade,
  phase text not null check (phase in ('pre', 'post')),
  question text not null,
  response jsonb not null,
  correct boolean not null,
  answered_at timestamptz not null default now(),
  primary key (participant_id, phase, question)
);
create index training_answer_cohort on training_answer (cohort_id);

-- Modules a participant finished on their phone, with their knowledge-check score; merged, never overwritten by an older copy.
create table training_progress (
  participant_id text not null references training_participant(id) on delete cascade,
  module text not null,
  done_at timestamptz not null,
  right_answers integer not null,
  questions integer not null,
  primary key (participant_id, module)
);
