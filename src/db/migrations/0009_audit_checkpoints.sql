-- Audit anchoring (docs/decisions/0012): signed checkpoints of the audit chain's head. The key
-- that signs them lives outside the database, and every checkpoint is also appended to a file
-- in the data folder, so neither the chain's tail nor these rows can be removed unnoticed.
create table audit_checkpoint (
  seq bigint primary key,
  hash text not null,
  at timestamptz not null,
  count bigint not null,
  key_id text not null,
  signature text not null
);

-- Oversight reads the audit of its own organisation's people; from this time on, the whole
-- deployment's. Set only from the command line (nexus audit scope), never through the API.
alter table app_user add column deployment_oversight_at timestamptz;
