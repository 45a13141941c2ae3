-- Reuse across the standards crosswalk (docs/decisions/0036): a contributor's rating that was
-- confirmed from their answer to a linked practice (builds_on, either direction) remembers that
-- practice until the rating is edited. Null for every rating given directly.
alter table plan_rating add column reused_from text;
