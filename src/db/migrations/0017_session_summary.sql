-- What the session list shows, kept with the session so the list folds no event log (issue 14):
-- the status, the number of participants and the last seq, written with every event.
alter table exercise_session
  add column status text not null default 'lobby',
  add column participants integer not null default 0,
  add column last_seq integer not null default 0;

-- Fills them in from the log for sessions written before (here, and on restoring an older backup).
-- The status is that of the last status event; "resumed" goes back to the status before the pause,
-- which is the last status event other than a pause or a resume.
create function exercise_session_summarise() returns void language sql as $$
update exercise_session s set
  last_seq = coalesce((select max(seq) from exercise_event e where e.session_id = s.id), 0),
  participants = (select count(*) from exercise_member m where m.session_id = s.id and m.kind = 'participant'),
  status = coalesce(
    (select case when e.type = 'paused' then 'paused' end from exercise_event e
      where e.session_id = s.id and e.type in ('briefing-started', 'phase-entered', 'paused', 'resumed', 'ended') order by e.seq desc limit 1),
    (select case e.type when 'briefing-started' then 'briefing' when 'phase-entered' then 'running' else 'ended' end from exercise_event e
      where e.session_id = s.id and e.type in ('briefing-started', 'phase-entered', 'ended') order by e.seq desc limit 1),
    'lobby');
$$;
select exercise_session_summarise();
