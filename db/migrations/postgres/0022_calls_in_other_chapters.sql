-- 0022 (PostgreSQL): a lead's call import says how many of the reports it added another
-- chapter has too (the same form imported by two chapters: each keeps its reports, and
-- the coalition's numbers count the call twice).
--
-- A lead reads no other chapter's reports, so this function reads them with its
-- owner's rights, and answers only of the reports of the batch that are the lead's
-- own (the login's chapters: session_user, as the function runs as its owner): for
-- each other chapter, its name and how many of them it has a report alike in every
-- field the form gives (legislator, time, office, outcome, stance heard, notes). No
-- volunteer, no report of the other chapter, is named. A last row, its chapter NULL,
-- counts the lead's reports some other chapter has, each once.
CREATE FUNCTION chapterdesk_calls_in_other_chapters(batch bigint)
RETURNS TABLE (chapter text, reports bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT c.name, count(DISTINCT r.id)
    FROM call_reports r
    JOIN call_reports o ON o.legislator_id = r.legislator_id AND o.called_at = r.called_at
        AND o.chapter_id <> r.chapter_id AND o.deleted_at IS NULL
        AND o.office = r.office AND o.outcome = r.outcome AND o.stance_heard = r.stance_heard AND o.notes = r.notes
    JOIN chapters c ON c.id = o.chapter_id
    WHERE r.import_batch_id = batch AND r.deleted_at IS NULL
      AND r.chapter_id IN (SELECT chapter_id FROM chapter_leads WHERE role_name = session_user::text)
    GROUP BY GROUPING SETS ((c.name), ())
    ORDER BY 1
$$;
