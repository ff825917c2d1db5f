-- 0036 (PostgreSQL), two walls. First, a caller's short name ("first name and last initial": the
-- coordinator's call reports and callers, the whip count's shared history) printed a
-- first name of several words whole: "María José García L." for a form's "María José
-- García López" split at its last word, "Nguyễn Thị H." for a name written family
-- name first (tester t9, repro-13). Every other chapter's lead read those in
-- stance_history.
--
-- A first name of several words is now given by its initials: "M. J. G. L.",
-- "N. T. H."; one word stays ("Ann A.", "Jean-Baptiste V."), and so does a first word
-- followed by middle initials only ("Dana Q." Roe: "Dana R."). Which word of such a name
-- is a family name cannot be told, so none is printed whole. The same rule as the
-- workbook's reports.SafeName (a data file's coalition-safe workbook).

CREATE OR REPLACE FUNCTION chapterdesk_short_name(first_name text, last_name text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    -- A word's initial: its first character after any opening quote, bracket or stop
    -- ("'t Hooft": T).
    -- A first name followed by middle initials only ("Dana Q." Roe) keeps its first
    -- word: Dana R.
    SELECT btrim(CASE WHEN cardinality(w) > 1 AND NOT EXISTS (SELECT 1 FROM unnest(w[2:]) AS m(x) WHERE length(rtrim(x, '.')) <> 1)
                      THEN w[1]
                      WHEN cardinality(w) > 1
                      THEN coalesce((SELECT string_agg(upper(left(ltrim(x, '''"([.-'), 1)) || '.', ' ' ORDER BY n)
                                     FROM unnest(w) WITH ORDINALITY AS u(x, n) WHERE ltrim(x, '''"([.-') <> ''), '')
                      ELSE coalesce(w[1], '') END
                 || coalesce(' ' || upper(left(nullif(ltrim(btrim(coalesce(last_name, '')), '''"([.-'), ''), 1)) || '.', ''))
    FROM (SELECT array_remove(regexp_split_to_array(btrim(coalesce(first_name, '')), '\s+'), '') AS w) f
$$;

-- The coordinator's call reports: the caller by the function (0004 wrote the rule out).
CREATE OR REPLACE VIEW coalition_call_reports WITH (security_barrier) AS
SELECT r.id, r.uuid, r.chapter_id, c.name AS chapter, r.campaign_id, r.legislator_id, r.called_at, r.office,
       r.outcome, r.stance_heard, r.gave_name_zip, r.follow_up, r.follow_up_done, r.source,
       r.created_at, r.updated_at, r.deleted_at,
       CASE WHEN v.id IS NULL THEN '' ELSE chapterdesk_short_name(v.first_name, v.last_name) END AS caller
FROM call_reports r
JOIN chapters c ON c.id = r.chapter_id
LEFT JOIN volunteers v ON v.id = r.volunteer_id
WHERE (SELECT chapterdesk_is_coordinator());

-- The coordinator's callers (the workbook, the record compared): the first name as
-- the short name gives it, the last initial apart as before.
CREATE OR REPLACE VIEW coalition_callers WITH (security_barrier) AS
SELECT v.id, v.chapter_id, chapterdesk_short_name(v.first_name, '') AS first_name,
       coalesce(upper(substring(v.last_name from '[[:alpha:]]')), '') AS last_initial
FROM volunteers v
WHERE (SELECT true FROM call_reports r WHERE r.volunteer_id = v.id AND r.deleted_at IS NULL LIMIT 1)
  AND (SELECT chapterdesk_is_coordinator());

-- The history written before: its guard steps aside for this one rewrite, inside the
-- migration's transaction, as in 0005.
ALTER TABLE stance_history DISABLE TRIGGER stance_history_no_update;
ALTER TABLE stance_history DISABLE TRIGGER stance_history_refold_moved; -- no stance moves
UPDATE stance_history h SET changed_by = s.short
FROM (SELECT r.id, chapterdesk_short_name(v.first_name, v.last_name) AS short
      FROM call_reports r JOIN volunteers v ON v.id = r.volunteer_id) s
WHERE s.id = h.call_report_id AND s.short <> '' AND h.changed_by <> s.short;
ALTER TABLE stance_history ENABLE TRIGGER stance_history_no_update;
ALTER TABLE stance_history ENABLE TRIGGER stance_history_refold_moved;

-- A stance heard on a report not written yet (a bulk load) or naming no volunteer:
-- the name as given, all but its last word as the first name (as a form's name is
-- split), not only its first word (0005).
CREATE OR REPLACE FUNCTION stance_history_caller() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    short text;
    given text := btrim(NEW.changed_by);
BEGIN
    IF NEW.call_report_id IS NULL THEN
        RETURN NEW;
    END IF;
    SELECT chapterdesk_short_name(v.first_name, v.last_name) INTO short
    FROM call_reports r JOIN volunteers v ON v.id = r.volunteer_id
    WHERE r.id = NEW.call_report_id;
    IF coalesce(short, '') = '' AND NEW.changed_by <> 'call report' THEN
        short := CASE WHEN given ~ '\s' THEN chapterdesk_short_name(regexp_replace(given, '\s+\S*$', ''), regexp_replace(given, '^.*\s', ''))
                      ELSE chapterdesk_short_name(given, '') END;
    END IF;
    NEW.changed_by := coalesce(nullif(short, ''), 'call report');
    RETURN NEW;
END $$;
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION stance_history_caller() SET search_path = %I, pg_temp', current_schema());
END $$;
REVOKE EXECUTE ON FUNCTION stance_history_caller() FROM PUBLIC;

-- The journal of an import (import_changes) was walled by its batch alone (0004,
-- by_batch): the owner's merge of a chapter's backup was filed under the owner's own
-- chapter, whose lead read it with plain SQL (another chapter's volunteer as it was,
-- contact flags and all), and a merge of the whole server's copy, once undone, gave
-- them every chapter's call UUIDs and contents (undone_call_slots) (tester t9,
-- repro-10, repro-11). The app now files the owner's merge of one chapter's records
-- under that chapter (Go: merger.fileUnderItsChapter); and a merge's journal row is
-- read only by the leads of its record's chapter: a volunteer's or a call report's
-- (its chapter's leads read it: their walls, 0004), a stance change's, a chapter's,
-- a call report deleted by the undo by what erased_records (0034) noted of it. The
-- coalition's shared record is everyone's to read. A chapter's own imports keep
-- by_batch alone: since 0033 a lead journals her chapters' records only.
-- Whose a merge's journal row is: read with the owner's rights (the coordinator, who
-- reads no roster, reads the journal of her own imports, which this must not refuse
-- for want of a grant on volunteers), for the login's chapters (session_user: the
-- function runs as its owner).
CREATE FUNCTION chapterdesk_journal_row_readable(change_table text, change_row bigint, change_before text)
RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER AS $$
    WITH mine AS (SELECT l.chapter_id FROM chapter_leads l WHERE l.role_name = session_user::text)
    SELECT CASE
        WHEN change_table IN ('volunteers', 'volunteer_external_ids.imported_notes',
                'volunteer_tags', 'volunteer_languages', 'volunteer_external_ids',
                'volunteer_tags_removed', 'volunteer_languages_removed', 'volunteer_external_ids_removed')
            THEN EXISTS (SELECT 1 FROM volunteers v WHERE v.id = change_row AND v.chapter_id IN (SELECT chapter_id FROM mine))
        WHEN change_table IN ('call_reports', 'call_times_unsure')
            THEN EXISTS (SELECT 1 FROM call_reports r WHERE r.id = change_row AND r.chapter_id IN (SELECT chapter_id FROM mine))
        WHEN change_table = 'undone_call_slots'
            THEN EXISTS (SELECT 1 FROM call_reports r WHERE r.id = change_row AND r.chapter_id IN (SELECT chapter_id FROM mine))
                 OR EXISTS (SELECT 1 FROM erased_records e WHERE e.uuid = change_before::jsonb ->> 'uuid'
                            AND e.chapter_id IN (SELECT chapter_id FROM mine))
        WHEN change_table = 'stance_history'
            THEN EXISTS (SELECT 1 FROM stance_history h WHERE h.id = change_row
                         AND (h.chapter_id IN (SELECT chapter_id FROM mine) OR h.chapter_id IS NULL))
        WHEN change_table IN ('chapters', 'chapters_added')
            THEN change_row IN (SELECT chapter_id FROM mine)
        ELSE true -- the coalition's shared record
    END
$$;
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION chapterdesk_journal_row_readable(text, bigint, text) SET search_path = %I, pg_temp', current_schema());
END $$;
REVOKE EXECUTE ON FUNCTION chapterdesk_journal_row_readable(text, bigint, text) FROM PUBLIC;

-- Leads only: the coordinator's batches are of no chapter, and hold the shared record
-- (the function is hers to call too, as the policy is planned for every login).
CREATE POLICY merge_by_record ON import_changes AS RESTRICTIVE FOR SELECT USING (
    batch_id IN (SELECT b.id FROM import_batches b WHERE b.kind <> 'merge')
    OR NOT EXISTS (SELECT 1 FROM chapter_leads l WHERE l.role_name = current_user::text)
    OR chapterdesk_journal_row_readable(table_name, row_id, before));

ALTER FUNCTION chapterdesk_coalition_grants() RENAME TO chapterdesk_coalition_grants_before_0036;
CREATE FUNCTION chapterdesk_coalition_grants() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM chapterdesk_coalition_grants_before_0036();
    GRANT EXECUTE ON FUNCTION chapterdesk_journal_row_readable(text, bigint, text) TO chapterdesk_lead, chapterdesk_coordinator;
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
