-- Auth hardening (docs/decisions/0013): sign-in attempts are reserved before the password is
-- checked and settled after, so they need an id; the optional TOTP second factor.
alter table login_attempt add column id text;
create index login_attempt_id on login_attempt (id);

alter table app_user
  add column totp_secret text,
  add column totp_pending_secret text,
  -- the last accepted time step: a code is never accepted twice
  add column totp_last_step bigint;
