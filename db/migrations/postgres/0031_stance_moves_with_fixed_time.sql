-- 0031 (PostgreSQL, as SQLite 0018): a push (or the owner's merge) of a checkout in
-- which `calls fix-times` put right the times an older ChapterDesk read on its
-- computer's clock, for reports already on the server (pushed before with
-- --times-as-they-are), brings those times: the report's and those of the stance
-- changes heard on it (s41: neither came, without a word, and the whip count kept
-- ranking the calls hours off). The history stays append-only but for this one move:
-- a change heard on a call may take another time, nothing else of it changing, while
-- a merge batch (a push is one) or a fix-times batch records the move in
-- import_changes first (undo moves it back the same way).

-- Whether a move of history row id is recorded so (read with the owner's rights: a
-- lead's login reads only its own imports' changes).
CREATE FUNCTION chapterdesk_stance_move_recorded(row_id bigint) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM import_changes c JOIN import_batches b ON b.id = c.batch_id
        WHERE c.table_name = 'stance_history' AND c.row_id = $1 AND (b.format = 'fix-times' OR b.kind = 'merge'))
$$;
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION chapterdesk_stance_move_recorded(bigint) SECURITY DEFINER SET search_path = %I, pg_temp', current_schema());
END $$;

CREATE OR REPLACE FUNCTION stance_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.call_report_id IS NOT NULL
       AND (to_jsonb(NEW) - 'changed_at') = (to_jsonb(OLD) - 'changed_at')
       AND chapterdesk_stance_move_recorded(NEW.id) THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' AND OLD.import_batch_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM import_batches b WHERE b.id = OLD.import_batch_id AND b.undone_at IS NOT NULL) THEN
        RETURN OLD;
    END IF;
    -- Row-level security does not apply to the owner (nor to a superuser) only.
    IF TG_OP = 'DELETE' AND NOT row_security_active('stance_history')
       AND OLD.uuid = current_setting('chapterdesk.remove_stance_change', true) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'stance history is append-only';
END $$;

-- The current stances follow a moved row as they follow an undo's deletion (0013):
-- before the row moves, its pair's current stance goes (the move may make another row
-- the one the rule picks, or this one); after the statement, stance_history_refold
-- gives each pair left without one the row the rule picks.
CREATE FUNCTION stance_history_forget_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM stances WHERE campaign_id = OLD.campaign_id AND legislator_id = OLD.legislator_id;
    RETURN NEW;
END $$;
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION stance_history_forget_moved() SECURITY DEFINER SET search_path = %I, pg_temp', current_schema());
END $$;
REVOKE EXECUTE ON FUNCTION stance_history_forget_moved() FROM PUBLIC;
-- After stance_history_no_update (triggers fire by name), which refuses any other update.
CREATE TRIGGER stance_history_s_forget_moved BEFORE UPDATE OF changed_at ON stance_history
    FOR EACH ROW EXECUTE FUNCTION stance_history_forget_moved();
CREATE TRIGGER stance_history_refold_moved AFTER UPDATE ON stance_history
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stance_history_refold();

-- A lead moves their own chapter's rows so, and no other column.
CREATE POLICY lead_move ON stance_history FOR UPDATE
    USING (chapter_id IN (SELECT chapterdesk_lead_chapters()))
    WITH CHECK (chapter_id IN (SELECT chapterdesk_lead_chapters()));
ALTER FUNCTION chapterdesk_coalition_grants() RENAME TO chapterdesk_coalition_grants_0029;
CREATE FUNCTION chapterdesk_coalition_grants() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM chapterdesk_coalition_grants_0029();
    GRANT UPDATE (changed_at) ON stance_history TO chapterdesk_lead;
END $$;
REVOKE EXECUTE ON FUNCTION chapterdesk_coalition_grants() FROM PUBLIC;

DO $$
BEGIN
    IF (SELECT count(*) FROM pg_roles WHERE rolname IN ('chapterdesk_lead', 'chapterdesk_coordinator')) = 2 THEN
        PERFORM chapterdesk_coalition_grants();
    END IF;
END $$;
