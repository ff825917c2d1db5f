-- 0017 (PostgreSQL): the coordinator takes back the whip count's changes of its own
-- imports.
--
-- The legislators are the coalition's and the coordinator keeps them (0004). Its
-- import of a legislator file (and of a campaign, or of the official record) marks
-- the campaigns' sponsors in the whip count, as the coalition's changes: chapter_id
-- NULL, which 0004's coordinator_insert lets it write. Its undo of that import then
-- failed: 0004 gave the coordinator neither a DELETE policy nor a DELETE grant on
-- stance_history, as only leads undid imports then. It may now delete the rows of no
-- chapter written by an import of its own (the import_batches it sees are those of
-- no chapter, 0004's coordinator_own), and only once that import is undone
-- (stance_history_append_only, 0001). The chapters' history stays theirs: a row of a
-- chapter is neither written nor deleted by the coordinator.

CREATE POLICY coordinator_undo ON stance_history FOR DELETE
    USING (chapter_id IS NULL AND (SELECT chapterdesk_is_coordinator())
           AND import_batch_id IN (SELECT id FROM import_batches));

-- The grants again: 0014's, and DELETE on the history to the coordinator (which the
-- policy above narrows). 0014's stays, under another name, so it is not copied here.
ALTER FUNCTION chapterdesk_coalition_grants() RENAME TO chapterdesk_coalition_grants_0014;
CREATE FUNCTION chapterdesk_coalition_grants() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM chapterdesk_coalition_grants_0014();
    GRANT DELETE ON stance_history TO chapterdesk_coordinator;
END $$;
REVOKE EXECUTE ON FUNCTION chapterdesk_coalition_grants() FROM PUBLIC;

DO $$
BEGIN
    IF (SELECT count(*) FROM pg_roles WHERE rolname IN ('chapterdesk_lead', 'chapterdesk_coordinator')) = 2 THEN
        PERFORM chapterdesk_coalition_grants();
    END IF;
END $$;
