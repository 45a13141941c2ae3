-- Records kernel: workspace owners, oversight grants that expire and can be revoked, and the
-- indexes the kernel's readable-records query uses.
alter table workspace_member add column role text not null default 'member' check (role in ('owner', 'member'));
-- A pending removal of an owner: a second owner confirms it.
alter table workspace_member add column removal_requested_by text references app_user(id);
update workspace_member m set role = 'owner' from workspace w where w.id = m.workspace_id and w.created_by = m.user_id;

alter table oversight_grant add column expires_at timestamptz;
update oversight_grant set expires_at = granted_at + interval '30 days';
alter table oversight_grant alter column expires_at set not null;
alter table oversight_grant add column revoked_at timestamptz;
alter table oversight_grant add column revoked_by text references app_user(id);

create index record_kind_workspace on record (kind, workspace_id, created_at desc);
create index record_open_marking on record (marking) where deleted_at is null and marking in ('CLEAR', 'GREEN');
create index workspace_member_user on workspace_member (user_id) where revoked_at is null;
