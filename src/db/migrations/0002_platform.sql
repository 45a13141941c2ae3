-- Secure platform: organisations, users, sessions, tokens, workspaces, marked records,
-- the hash-chained audit log, retention and removal.
create table organisation (
  id text primary key,
  name text not null unique,
  created_at timestamptz not null default now()
);

create table app_user (
  id text primary key,
  email text not null unique,
  name text not null,
  organisation_id text not null references organisation(id),
  roles text[] not null,
  password_hash text not null,
  failed_logins integer not null default 0,
  locked_until timestamptz,
  disabled_at timestamptz,
  created_at timestamptz not null default now()
);

create table user_session (
  id_hash text primary key,
  user_id text not null references app_user(id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_seen_at timestamptz not null default now()
);
create index user_session_user on user_session (user_id);

create table api_token (
  id text primary key,
  user_id text not null references app_user(id) on delete cascade,
  name text not null,
  token_hash text not null unique,
  scopes text[] not null,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  last_used_at timestamptz
);

create table login_attempt (
  ip text not null,
  email text not null,
  at timestamptz not null default now(),
  ok boolean not null
);
create index login_attempt_ip_at on login_attempt (ip, at);

create table setup_token (
  token_hash text primary key,
  created_at timestamptz not null default now(),
  used_at timestamptz
);

create table workspace (
  id text primary key,
  name text not null,
  description text not null default '',
  created_by text not null references app_user(id),
  created_at timestamptz not null default now()
);

create table workspace_member (
  workspace_id text not null references workspace(id) on delete cascade,
  user_id text not null references app_user(id) on delete cascade,
  added_by text not null references app_user(id),
  added_at timestamptz not null default now(),
  revoked_at timestamptz,
  primary key (workspace_id, user_id)
);

create table record (
  id text primary key,
  workspace_id text not null references workspace(id),
  kind text not null,
  title text not null,
  body jsonb not null,
  marking text not null check (marking in ('CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED')),
  -- Who may see a RED record besides its creator; narrowed, never widened, along a chain.
  recipients text[] not null default '{}',
  concerns_minor boolean not null default false,
  created_by text not null references app_user(id),
  organisation_id text not null references organisation(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  review_due_at timestamptz,
  deleted_at timestamptz,
  purge_after timestamptz,
  check (not concerns_minor or marking in ('AMBER', 'AMBER+STRICT', 'RED'))
);
create index record_workspace on record (workspace_id);

create table oversight_grant (
  record_id text not null references record(id) on delete cascade,
  user_id text not null references app_user(id) on delete cascade,
  granted_by text not null references app_user(id),
  reason text not null,
  granted_at timestamptz not null default now(),
  primary key (record_id, user_id)
);

create table retention_policy (
  kind text primary key,
  retention_days integer not null check (retention_days > 0),
  minor_retention_days integer not null check (minor_retention_days > 0),
  grace_days integer not null check (grace_days >= 0),
  minor_review_days integer not null check (minor_review_days > 0),
  legal_basis text not null
);

create table removal_request (
  id text primary key,
  record_id text not null,
  requested_by text not null references app_user(id),
  reason text not null,
  status text not null check (status in ('pending', 'approved', 'refused', 'executed')),
  decided_by text references app_user(id),
  decision_reason text,
  decided_at timestamptz,
  executed_at timestamptz,
  created_at timestamptz not null default now()
);

-- Append-only and hash-chained: each entry's hash covers its fields and the previous hash.
create table audit_log (
  seq bigint primary key,
  at timestamptz not null,
  actor_id text,
  actor_org text,
  action text not null,
  target_kind text,
  target_id text,
  ip text,
  reason text,
  details jsonb not null default '{}',
  prev_hash text not null,
  hash text not null
);
create index audit_log_actor on audit_log (actor_id, at);
create index audit_log_action on audit_log (action, at);
