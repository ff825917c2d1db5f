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

-- The coordinator's dashboard: each chapter's last call of a campaign, and its calls
-- by week, without reading every chapter's reports.
CREATE INDEX call_reports_chapter ON call_reports (chapter_id, campaign_id, called_at) WHERE deleted_at IS NULL;
