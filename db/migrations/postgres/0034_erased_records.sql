-- 0034 (PostgreSQL, as SQLite 0019): the volunteers and call reports deleted for
-- good, by UUID, so that a merge of an older backup (or of any file that still holds
-- them) does not bring them back (tester t4, F4). An import taken back (import undo)
-- and the trash emptied deleted them; a merge then added them again as new: a person
-- who asked to be erased came back, and a wrongly imported list with them.
--
-- Only the UUID and why: nothing of the person stays. reason is 'import undo' (of
-- import batch_id) or 'trash emptied'. chapter_id is the chapter the record was
-- under (no foreign key: a chapter a merge's undo removes leaves its rows here).
CREATE TABLE erased_records (
    uuid       text   PRIMARY KEY,
    kind       text   NOT NULL CHECK (kind IN ('volunteer', 'call report')),
    chapter_id bigint NOT NULL,
    reason     text   NOT NULL CHECK (reason IN ('import undo', 'trash emptied')),
    batch_id   bigint,
    erased_at  bigint NOT NULL,
    erased_by  text   NOT NULL DEFAULT ''
);

-- Walled as the rows they come from: a lead reads and writes her chapters' only
-- (which UUIDs another chapter erased, and when, is that chapter's); the coordinator,
-- who reads no roster, none.
ALTER TABLE erased_records ENABLE ROW LEVEL SECURITY;
CREATE POLICY lead_own ON erased_records
    USING (chapter_id IN (SELECT chapterdesk_lead_chapters()))
    WITH CHECK (chapter_id IN (SELECT chapterdesk_lead_chapters()));

ALTER FUNCTION chapterdesk_coalition_grants() RENAME TO chapterdesk_coalition_grants_before_0034;
CREATE FUNCTION chapterdesk_coalition_grants() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM chapterdesk_coalition_grants_before_0034();
    GRANT SELECT, INSERT, UPDATE, DELETE ON erased_records TO chapterdesk_lead;
END $$;
-- It names a table: it searches the schema, never a login's temporary tables (0032).
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
