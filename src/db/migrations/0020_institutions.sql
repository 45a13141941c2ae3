-- The directory of institutions (docs/decisions/0035). Institutions and partnerships are records
-- (kinds "institution" and "partnership"); self-assessment units, exercise agencies and Watch
-- sources point at them. This upgrade makes an institution of every unit of a self-assessment and
-- of every Watch source that is an organisation (partner agency, official body, NGO, academic),
-- keeping what they were in `migrated_from`, and puts every record it writes or changes in the
-- audit chain.

alter table plan_unit add column institution_id text references record(id) on delete set null;

-- The institutions that took part in an exercise session, with the scenario roles they played.
create table exercise_agency (
  session_id text not null references exercise_session(id) on delete cascade,
  institution_id text not null references record(id) on delete cascade,
  roles jsonb not null default '[]',
  added_by text not null references app_user(id),
  added_at timestamptz not null default now(),
  primary key (session_id, institution_id)
);

-- The kind of institution an actor of the taxonomy suggests (the directory's kinds).
create or replace function pg_temp.institution_kind(actor text) returns text language sql immutable as $$
  select case
    when actor in ('police', 'law-enforcement', 'cyber-units', 'financial-investigators') then 'police'
    when actor in ('prosecutors', 'central-authorities') then 'prosecution'
    when actor in ('judges', 'justice') then 'court'
    when actor = 'fiu' then 'fiu'
    when actor in ('customs', 'border-authorities') then 'customs-border'
    when actor in ('prison-administration', 'probation-services') then 'prison-probation'
    when actor = 'intelligence-services' then 'intelligence'
    when actor in ('ministries', 'policy-makers', 'government', 'national-coordination-bodies', 'parliamentarians') then 'ministry'
    when actor = 'local-authorities' then 'local-authority'
    when actor = 'oversight-bodies' then 'oversight'
    when actor in ('ngos', 'civil-society', 'community-leaders', 'victims-witnesses') then 'ngo'
    when actor in ('academia', 'judicial-training-institutes') then 'academia'
    when actor in ('private-sector', 'financial-institutions', 'dnfbps', 'technology-companies', 'transport-logistics', 'business-community', 'media') then 'private-company'
    when actor in ('regional-organizations', 'regional-observatories') then 'regional-body'
    when actor in ('international-organizations', 'international', 'donors') then 'international-body'
    else 'other'
  end
$$;

-- Units: one institution per name within a workspace (and marking), with every actor its units played.
-- A unit keeps its place in its plan; it now also points at its institution.
create or replace function pg_temp.unit_institution(workspace text, name text, marking text, recipients text[]) returns text language sql immutable as $$
  select md5('plan-unit:' || workspace || ':' || lower(btrim(name)) || ':' || marking || ':' || array_to_string(recipients, ','))::uuid::text
$$;

with units as (
  select u.self_assessment_id, u.id as unit_id, btrim(u.name) as name, u.actor, r.workspace_id, r.marking, r.recipients,
         r.created_by, r.organisation_id, r.body->>'country' as country, r.created_at,
         pg_temp.unit_institution(r.workspace_id, u.name, r.marking, r.recipients) as inst
  from plan_unit u join record r on r.id = u.self_assessment_id
  where r.deleted_at is null
), firsts as (
  select distinct on (inst) * from units order by inst, created_at, self_assessment_id, unit_id
), played as (
  select inst, jsonb_agg(distinct actor) as actors from units group by inst
)
insert into record (id, workspace_id, kind, title, body, marking, recipients, created_by, organisation_id)
select f.inst, f.workspace_id, 'institution', f.name,
       jsonb_strip_nulls(jsonb_build_object(
         'kind', pg_temp.institution_kind(f.actor),
         'country', case when f.country ~ '^[A-Z]{2}$' then f.country end,
         'actors', p.actors,
         'migrated_from', jsonb_build_object('kind', 'plan-unit', 'record', f.self_assessment_id, 'unit', f.unit_id))),
       f.marking, f.recipients, f.created_by, f.organisation_id
from firsts f join played p using (inst)
on conflict (id) do nothing;

update plan_unit u set institution_id = pg_temp.unit_institution(r.workspace_id, u.name, r.marking, r.recipients)
from record r where r.id = u.self_assessment_id and r.deleted_at is null;

-- Watch sources that are organisations: each becomes an institution with the source's name,
-- marking and readers, and the source points at it. Human, media, open and technical sources
-- do not (a person or a feed is not an institution; an informant never enters a directory).
create temporary table source_institution on commit drop as
  select r.id as source_id, md5('source:' || r.id)::uuid::text as inst, r.body->>'type' as type
  from record r
  where r.kind = 'source' and r.deleted_at is null and r.body->>'type' in ('partner-agency', 'official', 'ngo', 'academic') and not (r.body ? 'institution');

insert into record (id, workspace_id, kind, title, body, marking, recipients, created_by, organisation_id)
select s.inst, r.workspace_id, 'institution', r.title,
       jsonb_build_object(
         'kind', case s.type when 'ngo' then 'ngo' when 'academic' then 'academia' when 'official' then 'ministry' else 'other' end,
         'actors', jsonb_build_array(case s.type when 'ngo' then 'ngos' when 'academic' then 'academia' when 'official' then 'government' else 'law-enforcement' end),
         'migrated_from', jsonb_build_object('kind', 'source', 'record', r.id)),
       r.marking, r.recipients, r.created_by, r.organisation_id
from source_institution s join record r on r.id = s.source_id;

update record r set body = r.body || jsonb_build_object('institution', s.inst), updated_at = now()
from source_institution s where r.id = s.source_id;

-- The chain holds each changed source's new hash (entries like record.baseline's, for named records).
create or replace function pg_temp.audit_rehash(why text, ids text[]) returns integer
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
    with todo as (
      select r.id, record_hash(r) as h, (row_number() over (order by r.id collate "C") - 1) / 1000 as grp
      from record r where r.id = any(ids)
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

select pg_temp.audit_rehash('Watch sources pointed at the institutions made from them (upgrade to migration 0020)', array(select source_id from source_institution));
select audit_record_baseline('institutions made from self-assessment units and Watch sources (upgrade to migration 0020)');
