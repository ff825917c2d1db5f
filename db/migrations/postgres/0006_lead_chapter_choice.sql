-- 0005 (PostgreSQL): a lead of several chapters works on one at a time, and the
-- coordinator's dashboard reads each chapter's calls by index.
--
-- A lead's rows (the policies of 0004 read chapterdesk_lead_chapters()) are, when the
-- session setting chapterdesk.chapter names one of the lead's chapters, that chapter's
-- only: the app sets it on every connection of its pool (Store.UseChapter), so the
-- roster, the reports, the imports and the new records are all the chosen chapter's,
-- the same one chapterdesk_self_chapter() gives. Without the setting (psql, a verb) a
-- lead sees all of their chapters, as before. The setting can only narrow: a chapter
-- that is not the lead's is not one of chapter_leads' rows for current_user, and
-- names none.
CREATE OR REPLACE FUNCTION chapterdesk_lead_chapters() RETURNS SETOF bigint LANGUAGE sql STABLE AS $$
    SELECT chapter_id FROM chapter_leads
    WHERE role_name = current_user::text
      AND (chapter_id::text = coalesce(current_setting('chapterdesk.chapter', true), '')
           OR NOT EXISTS (SELECT 1 FROM chapter_leads
                          WHERE role_name = current_user::text
                            AND chapter_id::text = coalesce(current_setting('chapterdesk.chapter', true), '')))
$$;

-- The coordinator's dashboard: each chapter's last call of a campaign by index.
CREATE INDEX call_reports_chapter ON call_reports (chapter_id, campaign_id, called_at) WHERE deleted_at IS NULL;

-- Each chapter's calls per quarter of an hour, kept by triggers as call_stats is: the
-- coordinator's dashboard sums them into weeks instead of reading every chapter's
-- reports of twelve weeks (millions of rows) every time it refreshes. A quarter of an
-- hour (quarter = called_at / 900) because every time zone's midnight falls on one,
-- so a local week is a whole number of quarters. Live reports only; a row may sum to
-- zero after deletions.
CREATE TABLE chapter_call_quarters (
    campaign_id bigint NOT NULL,
    quarter     bigint NOT NULL,
    chapter_id  bigint NOT NULL,
    calls       bigint NOT NULL,
    reaches     bigint NOT NULL,
    PRIMARY KEY (campaign_id, quarter, chapter_id)
);
INSERT INTO chapter_call_quarters (campaign_id, quarter, chapter_id, calls, reaches)
SELECT campaign_id, called_at / 900, chapter_id, count(*),
       count(*) FILTER (WHERE outcome IN ('spoke_legislator', 'spoke_staff', 'left_voicemail'))
FROM call_reports WHERE deleted_at IS NULL GROUP BY 1, 2, 3;

-- A bulk load (chapterdesk.defer_stats on: see call_reports_stats_insert) leaves its
-- new reports' quarters in a table of the transaction, added once at its end by
-- chapterdesk_fold_quarters(): one upsert per statement of a big load would update the
-- same counter rows again and again.
CREATE FUNCTION call_reports_quarters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' AND current_setting('chapterdesk.defer_stats', true) = 'on' THEN
        CREATE TEMP TABLE IF NOT EXISTS chapterdesk_quarter_deltas (
            campaign_id bigint, quarter bigint, chapter_id bigint, calls bigint, reaches bigint) ON COMMIT DROP;
        INSERT INTO chapterdesk_quarter_deltas
        SELECT campaign_id, called_at / 900, chapter_id, count(*),
               count(*) FILTER (WHERE outcome IN ('spoke_legislator', 'spoke_staff', 'left_voicemail'))
        FROM new_rows WHERE deleted_at IS NULL GROUP BY 1, 2, 3;
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO chapter_call_quarters AS q (campaign_id, quarter, chapter_id, calls, reaches)
        SELECT campaign_id, called_at / 900, chapter_id, count(*),
               count(*) FILTER (WHERE outcome IN ('spoke_legislator', 'spoke_staff', 'left_voicemail'))
        FROM new_rows WHERE deleted_at IS NULL GROUP BY 1, 2, 3
        ON CONFLICT (campaign_id, quarter, chapter_id) DO UPDATE SET
            calls = q.calls + excluded.calls, reaches = q.reaches + excluded.reaches;
    ELSIF TG_OP = 'UPDATE' THEN
        -- Only the rows whose counted columns changed (an edited note moves nothing).
        INSERT INTO chapter_call_quarters AS q (campaign_id, quarter, chapter_id, calls, reaches)
        SELECT campaign_id, called_at / 900, chapter_id, sum(d), sum(d * reached) FROM (
            SELECT o.campaign_id, o.called_at, o.chapter_id, -1 AS d,
                   (o.outcome IN ('spoke_legislator', 'spoke_staff', 'left_voicemail'))::int AS reached
            FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE o.deleted_at IS NULL
              AND (o.campaign_id, o.called_at, o.chapter_id, o.outcome, o.deleted_at)
                  IS DISTINCT FROM (n.campaign_id, n.called_at, n.chapter_id, n.outcome, n.deleted_at)
            UNION ALL
            SELECT n.campaign_id, n.called_at, n.chapter_id, 1,
                   (n.outcome IN ('spoke_legislator', 'spoke_staff', 'left_voicemail'))::int
            FROM old_rows o JOIN new_rows n ON n.id = o.id
            WHERE n.deleted_at IS NULL
              AND (o.campaign_id, o.called_at, o.chapter_id, o.outcome, o.deleted_at)
                  IS DISTINCT FROM (n.campaign_id, n.called_at, n.chapter_id, n.outcome, n.deleted_at)) x
        GROUP BY 1, 2, 3
        ON CONFLICT (campaign_id, quarter, chapter_id) DO UPDATE SET
            calls = q.calls + excluded.calls, reaches = q.reaches + excluded.reaches;
    ELSE
        INSERT INTO chapter_call_quarters AS q (campaign_id, quarter, chapter_id, calls, reaches)
        SELECT campaign_id, called_at / 900, chapter_id, -count(*),
               -count(*) FILTER (WHERE outcome IN ('spoke_legislator', 'spoke_staff', 'left_voicemail'))
        FROM old_rows WHERE deleted_at IS NULL GROUP BY 1, 2, 3
        ON CONFLICT (campaign_id, quarter, chapter_id) DO UPDATE SET
            calls = q.calls + excluded.calls, reaches = q.reaches + excluded.reaches;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER call_reports_quarters_insert AFTER INSERT ON call_reports
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION call_reports_quarters();
CREATE TRIGGER call_reports_quarters_update AFTER UPDATE ON call_reports
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION call_reports_quarters();
CREATE TRIGGER call_reports_quarters_delete AFTER DELETE ON call_reports
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION call_reports_quarters();

-- The end of a bulk load: its quarters, added at once (nothing when it left none).
CREATE FUNCTION chapterdesk_fold_quarters() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF to_regclass('pg_temp.chapterdesk_quarter_deltas') IS NULL THEN
        RETURN;
    END IF;
    INSERT INTO chapter_call_quarters AS q (campaign_id, quarter, chapter_id, calls, reaches)
    SELECT campaign_id, quarter, chapter_id, sum(calls), sum(reaches) FROM pg_temp.chapterdesk_quarter_deltas GROUP BY 1, 2, 3
    ON CONFLICT (campaign_id, quarter, chapter_id) DO UPDATE SET
        calls = q.calls + excluded.calls, reaches = q.reaches + excluded.reaches;
    DROP TABLE pg_temp.chapterdesk_quarter_deltas;
END $$;

-- They run with the owner's rights, as the call_stats triggers do: a lead's report
-- counts, and no lead writes the counters.
DO $$
DECLARE
    sp text := format('%I, pg_temp', current_schema());
BEGIN
    EXECUTE format('ALTER FUNCTION call_reports_quarters() SECURITY DEFINER SET search_path = %s', sp);
    EXECUTE format('ALTER FUNCTION chapterdesk_fold_quarters() SECURITY DEFINER SET search_path = %s', sp);
END $$;

-- The coordinator reads the counters: its grant on chapter_call_quarters is given by
-- chapterdesk_coalition_grants() as 0007 defines it (0006 and 0007 came in one
-- release, so no database stops between them).
