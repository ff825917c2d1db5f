-- 0035 (PostgreSQL): a lead could confirm another chapter's call report by guessing it
-- (tester t9, repro-9). As a lead, with psql, in one transaction rolled back: open an
-- import batch of their own chapter, insert reports carrying a guessed legislator,
-- second, outcome and notes, and ask 0022's chapterdesk_calls_in_other_chapters of the
-- batch: "Dorchester | 1" for the other chapter's real notes, nothing for a wrong
-- guess. call_stats less coalition_call_stats (0029) told the same within the
-- transaction. Nothing was written; nobody could tell.
--
-- Both now answer a lead only in a transaction that has written nothing: what they
-- count is then what is committed, and a guess must first be filed for good as a
-- report of the lead's chapter (counted in the coalition's numbers, listed in the
-- chapter's imports, the owner's to see) to be asked of. The import asks once it
-- has committed (Go: callImport.listOtherChapters), of a finished batch of calls
-- not undone; a dry run, rolled back as the probe was, is not told.
--
-- And no function that runs with the owner's rights is any login's to call: each is
-- revoked from PUBLIC and granted to the group role that calls it (trigger functions
-- need no grant: a trigger runs its function whoever fires it).

CREATE OR REPLACE FUNCTION chapterdesk_calls_in_other_chapters(batch bigint)
RETURNS TABLE (chapter text, reports bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER AS $$
BEGIN
    IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
        RAISE EXCEPTION 'the reports another chapter has too are told only in a transaction that has written nothing (after the import is committed)'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN QUERY
    SELECT c.name, count(DISTINCT r.id)
    FROM call_reports r
    JOIN call_reports o ON o.legislator_id = r.legislator_id AND o.called_at = r.called_at
        AND o.chapter_id <> r.chapter_id AND o.deleted_at IS NULL
        AND o.office = r.office AND o.outcome = r.outcome AND o.stance_heard = r.stance_heard AND o.notes = r.notes
    JOIN chapters c ON c.id = o.chapter_id
    WHERE r.import_batch_id = batch AND r.deleted_at IS NULL
      AND r.chapter_id IN (SELECT l.chapter_id FROM chapter_leads l WHERE l.role_name = session_user::text)
      AND EXISTS (SELECT 1 FROM import_batches b WHERE b.id = batch AND b.kind = 'calls'
                  AND b.finished_at IS NOT NULL AND b.undone_at IS NULL)
    GROUP BY GROUPING SETS ((c.name), ())
    ORDER BY 1;
END $$;

-- A lead's or the coordinator's read of the coalition's counts, refused in a
-- transaction that has written (the owner, whom row-level security does not apply
-- to, reads every report anyway).
CREATE FUNCTION chapterdesk_nothing_written() RETURNS boolean LANGUAGE plpgsql STABLE AS $$
BEGIN
    IF pg_current_xact_id_if_assigned() IS NOT NULL AND row_security_active('call_reports') THEN
        RAISE EXCEPTION 'the coalition''s counts are read only in a transaction that has written nothing'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN true;
END $$;

CREATE OR REPLACE VIEW coalition_call_stats AS
SELECT c.campaign_id, c.legislator_id, c.attempts - coalesce(r.repeats, 0) AS attempts,
       c.reaches - coalesce(r.reaches, 0) AS reaches, c.last_called_at, c.last_reached_at
FROM call_stats c
LEFT JOIN call_repeat_stats r ON r.campaign_id = c.campaign_id AND r.legislator_id = c.legislator_id
WHERE chapterdesk_nothing_written();

DO $$
DECLARE
    sp text := format('%I, pg_temp', current_schema());
BEGIN
    EXECUTE format('ALTER FUNCTION chapterdesk_calls_in_other_chapters(bigint) SET search_path = %s', sp);
    EXECUTE format('ALTER FUNCTION chapterdesk_nothing_written() SET search_path = %s', sp);
END $$;

REVOKE EXECUTE ON FUNCTION chapterdesk_calls_in_other_chapters(bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION chapterdesk_call_repeats(bigint, bigint, bigint) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION chapterdesk_fold_quarters() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION chapterdesk_fold_quarters_0006() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION chapterdesk_legislator_seat_changes() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION chapterdesk_stance_move_recorded(bigint) FROM PUBLIC;
-- Trigger functions only.
REVOKE EXECUTE ON FUNCTION call_reports_quarters() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION call_reports_repeats() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION call_reports_stats_change() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION call_reports_stats_insert() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION stance_history_current() FROM PUBLIC;

-- The grants again: 0034's, and the functions to those who call them: a lead's
-- import (0022, and the end of a bulk load: the quarters folded), a reading of the
-- seats' changes (both), a stance's time moved (0031's trigger calls it as the
-- login), the coordinator's repeats (0024).
ALTER FUNCTION chapterdesk_coalition_grants() RENAME TO chapterdesk_coalition_grants_before_0035;
CREATE FUNCTION chapterdesk_coalition_grants() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM chapterdesk_coalition_grants_before_0035();
    GRANT EXECUTE ON FUNCTION chapterdesk_calls_in_other_chapters(bigint) TO chapterdesk_lead;
    GRANT EXECUTE ON FUNCTION chapterdesk_fold_quarters() TO chapterdesk_lead, chapterdesk_coordinator;
    GRANT EXECUTE ON FUNCTION chapterdesk_legislator_seat_changes() TO chapterdesk_lead, chapterdesk_coordinator;
    GRANT EXECUTE ON FUNCTION chapterdesk_stance_move_recorded(bigint) TO chapterdesk_lead, chapterdesk_coordinator;
    GRANT EXECUTE ON FUNCTION chapterdesk_call_repeats(bigint, bigint, bigint) TO chapterdesk_coordinator;
END $$;
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION chapterdesk_coalition_grants() SET search_path = %I, pg_temp', current_schema());
END $$;
REVOKE EXECUTE ON FUNCTION chapterdesk_coalition_grants() FROM PUBLIC;

DO $$
BEGIN
    IF (SELECT count(*) FROM pg_roles WHERE rolname IN ('chapterdesk_lead', 'chapterdesk_coordinator')) = 2 THEN
        PERFORM chapterdesk_coalition_grants();
    END IF;
END $$;
