-- 0004: an undone import takes its stance changes back.
--
-- The whip count history is append-only: nothing a lead recorded is ever updated or
-- deleted. An import is the one exception. Undoing it must leave the file as if it had
-- never happened, and the stance changes it brought (a call report form imported with
-- "move the whip count", a merged chapter's history) are part of it. So each history
-- row now says which import batch wrote it, and the no-delete trigger lets through the
-- rows of a batch marked undone, and nothing else.
ALTER TABLE stance_history ADD COLUMN import_batch_id INTEGER REFERENCES import_batches (id);

-- The changes already written by a call report import cite a report of that import;
-- those written by a merge cite a report the merge brought, or none (then they stay
-- untagged: a merge kept no record of them). The append-only trigger is lifted for the
-- one backfill.
DROP TRIGGER stance_history_no_update;
UPDATE stance_history SET import_batch_id = (
    SELECT r.import_batch_id FROM call_reports r JOIN import_batches b ON b.id = r.import_batch_id
    WHERE r.id = stance_history.call_report_id AND b.undone_at IS NULL
      AND (b.kind = 'merge' OR stance_history.reason = 'heard on a call (report form)'))
WHERE call_report_id IS NOT NULL;
CREATE TRIGGER stance_history_no_update BEFORE UPDATE ON stance_history
BEGIN SELECT RAISE(ABORT, 'stance history is append-only'); END;

DROP TRIGGER stance_history_no_delete;
CREATE TRIGGER stance_history_no_delete BEFORE DELETE ON stance_history
WHEN OLD.import_batch_id IS NULL
  OR NOT EXISTS (SELECT 1 FROM import_batches b WHERE b.id = OLD.import_batch_id AND b.undone_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'stance history is append-only'); END;

CREATE INDEX stance_history_batch ON stance_history (import_batch_id) WHERE import_batch_id IS NOT NULL;
