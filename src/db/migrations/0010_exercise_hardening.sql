-- Exercise hardening (issue 10).
--
-- Each member gets a ballot: a random key, never shown, that ties their hot-wash answers
-- together (one per question, the latest counts) without naming them in the event log.
alter table exercise_member add column ballot text;
update exercise_member set ballot = replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '') where ballot is null;
alter table exercise_member alter column ballot set not null;

-- Evaluator codes become as strong as a password: 26 characters of the join-code alphabet
-- (31 symbols, no 0/O or 1/I/L), about 128 bits. The six-character codes of existing sessions
-- are replaced; evaluators who already joined keep their tokens. Each character takes a byte
-- of a fresh random UUID (gen_random_uuid uses the strong random source); the subquery refers
-- to the row (s.id) so that it is drawn again for every session.
update exercise_session s set evaluator_code = (
  select string_agg(substr('ABCDEFGHJKMNPQRSTUVWXYZ23456789', 1 + get_byte(uuid_send(gen_random_uuid()), 0) % 31, 1), '' order by g)
  from generate_series(1, 26) as g where s.id is not null
) where length(s.evaluator_code) < 26;
