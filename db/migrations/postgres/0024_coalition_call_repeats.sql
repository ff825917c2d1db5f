-- 0024 (PostgreSQL): the coordinator's workbook counts a call reported to two chapters
-- once (tester t4, F4). The same form imported by two chapters gives each chapter its
-- own report of each call (0022 tells the second import so); the coalition's totals
-- counted both.
--
-- The period's reports that repeat another chapter's report of the call: alike in what
-- 0022 compares (legislator, second, office, outcome, stance heard, notes) and the
-- campaign, the report of the lowest id being the one counted (Go's repeatSQL is the
-- same test, for the owner and data files, who read every report). The coordinator may
-- not read the notes, so this reads them with its owner's rights and answers only a
-- coordinator (session_user: the function runs as its owner), with report ids alone:
-- the coordinator reads those reports already, without their notes.
CREATE FUNCTION chapterdesk_call_repeats(campaign bigint, from_at bigint, to_at bigint)
RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT r.id
    FROM call_reports r
    WHERE r.deleted_at IS NULL AND r.campaign_id = campaign AND r.called_at >= from_at AND r.called_at < to_at
      AND EXISTS (SELECT 1 FROM coalition_coordinators WHERE role_name = session_user::text)
      AND EXISTS (SELECT 1 FROM call_reports o WHERE o.legislator_id = r.legislator_id AND o.called_at = r.called_at
          AND o.campaign_id = r.campaign_id AND o.chapter_id <> r.chapter_id AND o.deleted_at IS NULL AND o.office = r.office
          AND o.outcome = r.outcome AND o.stance_heard = r.stance_heard AND o.notes = r.notes AND o.id < r.id)
$$;
