-- 0033 (PostgreSQL): a lead journals for undo only the records of her own chapters
-- (tester t4, F2).
--
-- The undo journal (import_changes) was walled by its batch alone (0004, by_batch): a
-- lead with psql could write, into an import of her own, a row naming any record (a
-- volunteer of another chapter, a legislator) with any `before`. The owner, whom
-- row-level security does not hold, then undid that import and wrote the forged
-- `before` into the other chapter's volunteer: chapter_id and all, moving the
-- volunteer, contact details and notes, into the lead's chapter. The app no longer
-- puts back a chapter_id, nor undoes a chapter's import whose journal names another
-- chapter's record (db/import_undo.go); and the database now refuses the row itself.
--
-- A lead's row must name a record of one of her chapters: a volunteer (the
-- volunteer's own rows: tags, languages, external ids, imported notes, and those a
-- merge removed), a call report (and the undo's slots of the reports it deletes, the
-- times a fix cleared), a stance change, or her chapter itself. She journals nothing of
-- the coalition's shared record (legislators, the official record), which she may not
-- write. The coordinator journals the shared record only: she reads no roster. The
-- owner is not held. Restrictive, so it narrows by_batch for inserts and updates (a
-- row of her own moved onto another record) alike.
CREATE FUNCTION chapterdesk_import_change_allowed(change_table text, change_row bigint) RETURNS boolean
LANGUAGE plpgsql STABLE SET search_path = public, pg_temp AS $$
DECLARE
    lead boolean;
BEGIN
    IF NOT row_security_active('import_changes') THEN
        RETURN true;
    END IF;
    lead := EXISTS (SELECT 1 FROM chapter_leads WHERE role_name = current_user::text);
    IF change_table IN ('volunteers', 'volunteer_external_ids.imported_notes',
            'volunteer_tags', 'volunteer_languages', 'volunteer_external_ids',
            'volunteer_tags_removed', 'volunteer_languages_removed', 'volunteer_external_ids_removed') THEN
        IF NOT lead THEN
            RETURN false;
        END IF;
        RETURN EXISTS (SELECT 1 FROM volunteers v WHERE v.id = change_row
            AND v.chapter_id IN (SELECT chapterdesk_lead_chapters()));
    ELSIF change_table IN ('call_reports', 'undone_call_slots', 'call_times_unsure') THEN
        IF NOT lead THEN
            RETURN false;
        END IF;
        RETURN EXISTS (SELECT 1 FROM call_reports r WHERE r.id = change_row
            AND r.chapter_id IN (SELECT chapterdesk_lead_chapters()));
    ELSIF change_table = 'stance_history' THEN
        IF NOT lead THEN
            RETURN false;
        END IF;
        RETURN EXISTS (SELECT 1 FROM stance_history h WHERE h.id = change_row
            AND h.chapter_id IN (SELECT chapterdesk_lead_chapters()));
    ELSIF change_table IN ('chapters', 'chapters_added') THEN
        RETURN lead AND change_row IN (SELECT chapterdesk_lead_chapters());
    END IF;
    -- The coalition's shared record: the coordinator's imports journal it, a lead's never.
    RETURN NOT lead;
END $$;

CREATE POLICY own_rows_insert ON import_changes AS RESTRICTIVE FOR INSERT
    WITH CHECK (chapterdesk_import_change_allowed(table_name, row_id));
CREATE POLICY own_rows_update ON import_changes AS RESTRICTIVE FOR UPDATE
    USING (true)
    WITH CHECK (chapterdesk_import_change_allowed(table_name, row_id));
