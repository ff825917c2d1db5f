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

-- The coordinator reads the counters: the grants, as 0004 set them, and this table.
CREATE OR REPLACE FUNCTION chapterdesk_coalition_grants() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    t text;
    shared text[] := ARRAY['legislators', 'legislator_edits', 'campaigns', 'campaign_bills', 'campaign_texts',
        'faq_sections', 'faq_section_texts', 'faq_entries', 'faq_entry_texts', 'help_steps', 'help_step_texts',
        'campaign_bill_links', 'session_bills', 'campaign_session_bills', 'bill_sponsorships', 'roll_calls',
        'roll_call_votes'];
BEGIN
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM chapterdesk_lead, chapterdesk_coordinator', current_schema());
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO chapterdesk_lead, chapterdesk_coordinator', current_schema());
    -- Both read the shared record, the counters and the bookkeeping.
    FOREACH t IN ARRAY shared || ARRAY['chapters', 'chapter_leads', 'coalition_coordinators', 'stances', 'call_stats',
            'data_fixups', 'schema_migrations'] LOOP
        EXECUTE format('GRANT SELECT ON %I TO chapterdesk_lead, chapterdesk_coordinator', t);
    END LOOP;
    -- A lead: its chapter's people, reports and imports (the policies say which rows).
    FOREACH t IN ARRAY ARRAY['volunteers', 'volunteer_external_ids', 'volunteer_languages', 'volunteer_tags',
            'call_reports', 'import_batches', 'import_changes', 'settings'] LOOP
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO chapterdesk_lead', t);
    END LOOP;
    GRANT SELECT, INSERT, UPDATE (name) ON tags TO chapterdesk_lead; -- an upsert of a tag names it again
    GRANT SELECT, INSERT, DELETE ON stance_history TO chapterdesk_lead;
    GRANT UPDATE (name, state, contact_name, email, phone, website, address, updated_at) ON chapters TO chapterdesk_lead;
    -- The coordinator: the shared record to edit, every chapter's reports to read, and
    -- nothing of the volunteer tables.
    FOREACH t IN ARRAY shared || ARRAY['import_batches', 'import_changes'] LOOP
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO chapterdesk_coordinator', t);
    END LOOP;
    GRANT SELECT ON call_reports, coalition_call_reports, coalition_chapter_weeks, settings, chapter_call_quarters
        TO chapterdesk_coordinator;
    -- The whole history: since 0005 its callers are first name and last initial.
    GRANT SELECT, INSERT ON stance_history TO chapterdesk_coordinator;
END $$;
REVOKE EXECUTE ON FUNCTION chapterdesk_coalition_grants() FROM PUBLIC;
DO $$
BEGIN
    IF (SELECT count(*) FROM pg_roles WHERE rolname IN ('chapterdesk_lead', 'chapterdesk_coordinator')) = 2 THEN
        PERFORM chapterdesk_coalition_grants();
    END IF;
END $$;
