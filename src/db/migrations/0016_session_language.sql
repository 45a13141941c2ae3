-- The language of an exercise session: the projector shows the scenario in it (issue 12).
-- Participants keep their own (exercise_member.language). Sessions started before read English.
alter table exercise_session add column language text not null default 'en';
