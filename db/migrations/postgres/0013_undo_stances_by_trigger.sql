-- 0013 (PostgreSQL): the current stances follow an undo's deletion of history rows.
--
-- The whip count's current stances (stances) are kept by triggers with the owner's
-- rights (0004); a lead has no write grant on them. UndoImport took an undone
-- import's history rows out and then deleted and rewrote the stances itself, so a
-- lead's undo of her own call import failed: "permission denied for table stances".
-- On a server the database keeps them for every writer, as it does on INSERT: before
-- a history row goes, the current stance pointing at it goes; after the statement,
-- each pair left without a current stance gets its newest remaining row (none left:
-- no row, the whip count's "unknown"). A current stance pointing at a row that stays
-- (a later change) is left as it is. Only an undone import's rows are ever deleted
-- (stance_history_append_only).

CREATE FUNCTION stance_history_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM stances WHERE campaign_id = OLD.campaign_id AND legislator_id = OLD.legislator_id
        AND history_id = OLD.id;
    RETURN OLD;
END $$;

CREATE FUNCTION stance_history_refold() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stances (campaign_id, legislator_id, stance, history_id, changed_at)
    SELECT DISTINCT ON (h.campaign_id, h.legislator_id) h.campaign_id, h.legislator_id, h.stance, h.id, h.changed_at
    FROM stance_history h
    JOIN (SELECT DISTINCT campaign_id, legislator_id FROM old_rows) o
        ON o.campaign_id = h.campaign_id AND o.legislator_id = h.legislator_id
    WHERE NOT EXISTS (SELECT 1 FROM stances s WHERE s.campaign_id = h.campaign_id AND s.legislator_id = h.legislator_id)
    ORDER BY h.campaign_id, h.legislator_id, h.changed_at DESC, h.id DESC;
    RETURN NULL;
END $$;

DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION stance_history_forget() SECURITY DEFINER SET search_path = %I, pg_temp', current_schema());
    EXECUTE format('ALTER FUNCTION stance_history_refold() SECURITY DEFINER SET search_path = %I, pg_temp', current_schema());
END $$;
REVOKE EXECUTE ON FUNCTION stance_history_forget() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION stance_history_refold() FROM PUBLIC;

-- After stance_history_no_delete (triggers fire by name), which refuses a row that
-- is not an undone import's before anything is forgotten.
CREATE TRIGGER stance_history_s_forget BEFORE DELETE ON stance_history
    FOR EACH ROW EXECUTE FUNCTION stance_history_forget();
CREATE TRIGGER stance_history_refold AFTER DELETE ON stance_history
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION stance_history_refold();
