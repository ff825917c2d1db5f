-- 0014: what an import wrote into a row it changed, beside what was there before, as
-- a JSON object of the same columns. An undo put back the values from before the
-- import over whatever the row held, a value the lead edited in the app since among
-- them, with no word. It now keeps a field whose value is no longer the one the
-- import wrote (see UndoImport). NULL for the changes of imports made before: those
-- are put back as they were.
ALTER TABLE import_changes ADD COLUMN after TEXT;
