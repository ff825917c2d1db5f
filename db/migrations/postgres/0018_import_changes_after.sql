-- 0018 (PostgreSQL): what an import wrote into a row it changed, so its undo keeps a
-- field edited since instead of overwriting it, as in the file since its migration
-- 0014 (see there). NULL for the changes of imports made before.
ALTER TABLE import_changes ADD COLUMN after text;
