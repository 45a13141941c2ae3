-- Lists of readable records are ordered newest first (RecordsKernel.read): with these the
-- database walks records in that order and stops at the page's limit, instead of sorting every
-- readable record first (bench/records.ts: 100,000 records in 50 workspaces).
create index record_newest on record (created_at desc, id) where deleted_at is null;
create index record_workspace_newest on record (workspace_id, created_at desc, id);
