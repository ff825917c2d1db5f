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
    WHERE r.id = stance_history.call_report_id
      AND (b.kind = 'merge' OR (b.kind = 'calls' AND stance_history.reason = 'heard on a call (report form)')))
WHERE call_report_id IS NOT NULL;
CREATE TRIGGER stance_history_no_update BEFORE UPDATE ON stance_history
BEGIN SELECT RAISE(ABORT, 'stance history is append-only'); END;

DROP TRIGGER stance_history_no_delete;
CREATE TRIGGER stance_history_no_delete BEFORE DELETE ON stance_history
WHEN OLD.import_batch_id IS NULL
  OR NOT EXISTS (SELECT 1 FROM import_batches b WHERE b.id = OLD.import_batch_id AND b.undone_at IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'stance history is append-only'); END;

CREATE INDEX stance_history_batch ON stance_history (import_batch_id) WHERE import_batch_id IS NOT NULL;

-- Imports undone before this version left their stance changes current: they go now,
-- as an undo does (see Store.UndoImport), and each stance they had moved is again the
-- newest one left (none left: no row, the whip count's "unknown").
CREATE TEMP TABLE undone_stances AS
    SELECT DISTINCT h.campaign_id, h.legislator_id FROM stance_history h
    JOIN import_batches b ON b.id = h.import_batch_id WHERE b.undone_at IS NOT NULL;
DELETE FROM stances WHERE EXISTS (SELECT 1 FROM temp.undone_stances u
    WHERE u.campaign_id = stances.campaign_id AND u.legislator_id = stances.legislator_id);
DELETE FROM stance_history
    WHERE import_batch_id IN (SELECT id FROM import_batches WHERE undone_at IS NOT NULL);
INSERT INTO stances (campaign_id, legislator_id, stance, history_id, changed_at)
    SELECT h.campaign_id, h.legislator_id, h.stance, h.id, h.changed_at
    FROM temp.undone_stances u JOIN stance_history h ON h.id = (
        SELECT h2.id FROM stance_history h2 WHERE h2.campaign_id = u.campaign_id AND h2.legislator_id = u.legislator_id
        ORDER BY h2.changed_at DESC, h2.id DESC LIMIT 1);
DROP TABLE temp.undone_stances;
