-- 0002_platform.sql was edited after its first release (docs/decisions/0018): databases built with
-- the text of 9892d43 have removal_request.record_title text not null, which no released server ever
-- wrote, so every removal request failed there. Drop it, so both histories end in the same table.
-- No data is lost: no version of the app inserted into removal_request while the column existed.
alter table removal_request drop column if exists record_title;
