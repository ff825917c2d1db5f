-- 0005 (PostgreSQL): a stance change heard on a call names its caller in changed_by.
-- The whip count's history is the coalition's, and every lead reads all of it (0004),
-- so a caller's full name would cross the wall between chapters. On a server the
-- history keeps the caller as the coordinator sees them, first name and last initial
-- ("Ann A."); the full name stays with the call report, where row-level security lets
-- only the caller's own chapter read it (Store.StanceHistory shows it from there).
-- Kept by the database, whatever the app writes: a trigger rewrites changed_by of
-- every row tied to a call report, on INSERT and on COPY.

CREATE FUNCTION chapterdesk_short_name(first_name text, last_name text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT btrim(coalesce(first_name, '') || CASE WHEN btrim(coalesce(last_name, '')) <> ''
        THEN ' ' || left(btrim(last_name), 1) || '.' ELSE '' END)
$$;

CREATE FUNCTION stance_history_caller() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    short text;
BEGIN
    IF NEW.call_report_id IS NULL THEN
        RETURN NEW;
    END IF;
    SELECT chapterdesk_short_name(v.first_name, v.last_name) INTO short
    FROM call_reports r JOIN volunteers v ON v.id = r.volunteer_id
    WHERE r.id = NEW.call_report_id;
    IF coalesce(short, '') = '' AND NEW.changed_by <> 'call report' THEN
        -- The report is not written yet (a bulk load sends its reports in batches
        -- behind the history) or names no volunteer: shorten the name as given, the
        -- first word and the last word's initial.
        short := chapterdesk_short_name(split_part(btrim(NEW.changed_by), ' ', 1),
            CASE WHEN btrim(NEW.changed_by) LIKE '% %' THEN regexp_replace(btrim(NEW.changed_by), '^.*\s', '') END);
    END IF;
    NEW.changed_by := coalesce(nullif(short, ''), 'call report');
    RETURN NEW;
END $$;

-- It reads the caller with the owner's rights: the writer may be a lead, whose own
-- volunteer it is, or the owner's bulk load.
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION stance_history_caller() SECURITY DEFINER SET search_path = %I, pg_temp',
        current_schema());
END $$;
REVOKE EXECUTE ON FUNCTION stance_history_caller() FROM PUBLIC;

CREATE TRIGGER stance_history_caller BEFORE INSERT ON stance_history
    FOR EACH ROW EXECUTE FUNCTION stance_history_caller();

-- The rows written before: the history is append-only, so its guard steps aside for
-- this one rewrite, inside the migration's transaction.
ALTER TABLE stance_history DISABLE TRIGGER stance_history_no_update;
UPDATE stance_history h SET changed_by = coalesce(nullif((
        SELECT chapterdesk_short_name(v.first_name, v.last_name)
        FROM call_reports r JOIN volunteers v ON v.id = r.volunteer_id WHERE r.id = h.call_report_id), ''), 'call report')
WHERE h.call_report_id IS NOT NULL;
ALTER TABLE stance_history ENABLE TRIGGER stance_history_no_update;


-- A tag is the coalition's, shared by name between chapters: a lead may add one
-- (an upsert, which "updates" an existing tag to itself) and may rename none, since
-- another chapter's volunteers carry it too. The app never renames a tag.
CREATE FUNCTION tags_keep_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.name IS DISTINCT FROM OLD.name OR NEW.kind IS DISTINCT FROM OLD.kind THEN
        RAISE EXCEPTION 'a tag is shared by every chapter and is not renamed'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER tags_keep_name BEFORE UPDATE ON tags FOR EACH ROW EXECUTE FUNCTION tags_keep_name();
