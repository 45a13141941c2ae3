-- Backups written before 0010 hold exercise members without a ballot. 0010 gave the members it
-- found a random ballot while upgrading; a restore of such a backup inserts them after that
-- migration, so the column draws the same kind of random key itself (docs/decisions/0019).
alter table exercise_member alter column ballot set default replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '');
