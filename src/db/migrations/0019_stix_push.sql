-- Watch assessments pushed to a remote collection (a regional hub) by a coordinator, who consents
-- by pushing (issue 13, decision 0034): what went, where, by whom, and the remote's status resource.
create table stix_push (
  id text primary key,
  assessment_id text not null references record(id),
  subscription_id text not null references taxii_subscription(id),
  pushed_by text not null references app_user(id),
  pushed_at timestamptz not null default now(),
  status jsonb not null
);
