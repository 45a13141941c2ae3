-- Records in the audit chain (docs/decisions/0019). Every audit entry about a record carries the
-- hash of the record's row as written, in details.record_hashes ({"<id>": "<hash>" | null when
-- the row is gone}); `nexus audit verify` compares every row with the latest hash the chain holds.

-- The hash of a record's stored row: canonical jsonb text (keys sorted by PostgreSQL) of every
-- column that is not null, timestamps in UTC, the body without `latest` (the Nexus Watch reading
-- recomputed from observations: derived, not written by anyone). Columns added later with no
-- value leave existing hashes unchanged.
create or replace function record_hash(r public.record) returns text
language sql stable set timezone to 'UTC' as $$
  select encode(sha256(convert_to((
    select jsonb_object_agg(key, case when key = 'body' then value - 'latest' else value end)
    from jsonb_each(to_jsonb(r)) where value <> 'null'::jsonb)::text, 'UTF8')), 'hex')
$$;

-- Appends "record.baseline" entries (1,000 records each) covering every record that no audit
-- entry covers yet: records written before this version, at upgrade, and those of a restored
-- backup from an earlier version. The entry is hashed exactly as appendAudit does
-- (src/core/platform/auditChain.ts: sha256(prev_hash + "\n" + canonical JSON of the fields)).
create or replace function audit_record_baseline(why text) returns integer
language plpgsql as $$
declare
  chunk record;
  head record;
  seq_ bigint;
  prev text;
  at_text text;
  details_text text;
  n integer := 0;
begin
  perform pg_advisory_xact_lock(724003); -- AUDIT_LOCK: orders appends
  for chunk in
    with chained as (
      select distinct k as id from audit_log a, jsonb_object_keys(a.details->'record_hashes') k
      where jsonb_typeof(a.details->'record_hashes') = 'object'
    ), todo as (
      select r.id, record_hash(r) as h, (row_number() over (order by r.id collate "C") - 1) / 1000 as grp
      from record r where not exists (select 1 from chained c where c.id = r.id)
    )
    select string_agg(to_json(id)::text || ':' || to_json(h)::text, ',' order by id collate "C") as pairs, count(*) as c
    from todo group by grp order by grp
  loop
    select a.seq, a.hash into head from audit_log a order by a.seq desc limit 1;
    seq_ := coalesce(head.seq, 0) + 1;
    prev := coalesce(head.hash, repeat('0', 64));
    at_text := to_char(clock_timestamp() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
    details_text := '{"count":' || chunk.c || ',"record_hashes":{' || chunk.pairs || '}}';
    insert into audit_log (seq, at, actor_id, actor_org, action, target_kind, target_id, ip, reason, details, prev_hash, hash)
    values (seq_, at_text::timestamptz, null, null, 'record.baseline', null, null, null, why, details_text::jsonb, prev,
      encode(sha256(convert_to(prev || E'\n' || '{"action":"record.baseline","actor_id":null,"actor_org":null,"at":' || to_json(at_text)::text
        || ',"details":' || details_text || ',"ip":null,"reason":' || to_json(why)::text || ',"seq":' || seq_
        || ',"target_id":null,"target_kind":null}', 'UTF8')), 'hex'));
    n := n + chunk.c;
  end loop;
  return n;
end
$$;

select audit_record_baseline('records written before the audit chain covered them (upgrade to migration 0013)');
