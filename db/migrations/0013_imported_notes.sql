-- 0013: the note an outside system (NationBuilder, NGP VAN, CiviCRM, ...) last gave a
-- person is kept with their id in that system. A weekly re-import compared the file's
-- note with the roster's, and listed every note the lead had edited in the app since
-- as a difference, week after week, though the system still gave the note it gave
-- before: noise that hid the real differences. A file whose note is the one its
-- system gave last time is not listed now. '' where no import gave one yet.
ALTER TABLE volunteer_external_ids ADD COLUMN imported_notes TEXT NOT NULL DEFAULT '';
