-- 0007: row versions, so an edit of a record someone else changed is never saved over
-- it silently.
--
-- A volunteer or legislator carries the version it was read at. Saving one compares it
-- with the row's and refuses, naming who changed it and when, when they differ (see
-- EditConflictError). On a file there is one writer at a time, but two windows of the
-- app, or the app and an import, can still cross; on a chapter server several leads do.
ALTER TABLE volunteers ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE volunteers ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
ALTER TABLE legislators ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE legislators ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
-- A campaign (its texts, FAQ and help steps) is saved whole from the Campaign screen.
ALTER TABLE campaigns ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE campaigns ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
