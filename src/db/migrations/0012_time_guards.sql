-- Time guards (docs/decisions/0017): bounds that hold when the wall clock jumps.

-- An account lock is active from locked_at for its real length; locked_until stays for display.
alter table app_user add column locked_at timestamptz;
update app_user set locked_at = locked_until - interval '15 minutes' where locked_until is not null;

-- A record restored by oversight starts a new retention period from its restoration.
alter table record add column retention_from timestamptz;

-- Every retention run, at the app's clock: the last completed run is the baseline for the jump
-- check, and a refused run waits here for an oversight confirmation.
create table retention_run (
  id text primary key,
  ran_at timestamptz not null,
  status text not null check (status in ('done', 'awaiting-confirmation', 'confirmed', 'superseded')),
  -- what stopped the run: [{ "code": "retention.clock_jumped", "params": { ... } }, ...]
  problems jsonb not null default '[]',
  planned_soft_delete integer not null default 0,
  planned_purge integer not null default 0,
  records_total integer not null default 0,
  soft_deleted integer not null default 0,
  purged integer not null default 0,
  decided_by text references app_user(id),
  decided_at timestamptz,
  decision_reason text
);
create index retention_run_status on retention_run (status, ran_at desc);
