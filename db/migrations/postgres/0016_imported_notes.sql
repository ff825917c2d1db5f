-- 0016 (PostgreSQL): the note an outside system last gave a person is kept with
-- their id in that system, as in the file since its migration 0013 (see there): a
-- re-import whose note is the one its system gave last time does not list the note
-- the lead edited in the app since.
ALTER TABLE volunteer_external_ids ADD COLUMN imported_notes text NOT NULL DEFAULT '';
