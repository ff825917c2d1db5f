-- 0018: `calls fix-times` puts right the times an older ChapterDesk read on its
-- computer's clock, and the stance changes heard on those calls kept the wrong time:
-- the whip count, the newest change, still ranked a call hours off (reviewer, s40:
-- a "Yes" heard at 9:36 PM, stored as 4:36 PM, stayed under a "No" of 6:00 PM). The
-- history stays append-only but for this one move: a change heard on a call may take
-- another time, nothing else of it changing, while a fix-times batch, or a merge's
-- that brings the time a chapter's file put right so (takeTimesPutRight), records the
-- move in import_changes (each writes that record first; their undo moves it back).
DROP TRIGGER stance_history_no_update;
CREATE TRIGGER stance_history_no_update BEFORE UPDATE ON stance_history
WHEN NOT (NEW.id = OLD.id AND NEW.uuid = OLD.uuid AND NEW.campaign_id = OLD.campaign_id
    AND NEW.legislator_id = OLD.legislator_id AND NEW.stance = OLD.stance
    AND NEW.changed_by = OLD.changed_by AND NEW.reason = OLD.reason
    AND NEW.call_report_id IS OLD.call_report_id AND NEW.chapter_id IS OLD.chapter_id
    AND NEW.import_batch_id IS OLD.import_batch_id AND NEW.call_report_id IS NOT NULL
    AND EXISTS (SELECT 1 FROM import_changes c JOIN import_batches b ON b.id = c.batch_id
        WHERE c.table_name = 'stance_history' AND c.row_id = NEW.id AND (b.format = 'fix-times' OR b.kind = 'merge')))
BEGIN SELECT RAISE(ABORT, 'stance history is append-only'); END;
