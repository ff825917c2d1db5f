-- 0019 (PostgreSQL): what a lead writes to the coalition's shared figures is checked
-- by the database, not only by the app (tester t1's findings F1, F4, F5).

-- 1. The whip count. Its current stance is the history's newest row (0001), and the
-- row-level policy (0004) checked only a lead's chapter: a lead with psql wrote a
-- change dated 2100, which stayed every chapter's current stance until then (later
-- calls recorded under it, moving nothing), wrote "sponsor" or "no" over a sponsor the
-- official record named, and named anyone as its author ("Bob Smith (Springfield)").
-- Now a lead's row is refused when dated more than ten minutes past the server's
-- clock (a laptop's clock runs a little ahead, never years), when its stance is
-- sponsor or cosponsor, or when it would become current over one (sponsorship is the
-- official record's to say: the app's call import never writes either, see
-- CallReport.WhipStance). Its author is the database's to say: a row tied to a call
-- report names the report's caller (0005); any other is "chapter lead", what the
-- app writes for a stance set by hand. The coordinator and the owner keep the
-- official record and are not held to it. Before stance_history_caller (triggers fire
-- by name), with the writer's rights.
CREATE FUNCTION stance_history_lead_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cur record;
BEGIN
    IF NOT row_security_active('stance_history') OR chapterdesk_is_coordinator() THEN
        RETURN NEW;
    END IF;
    IF NEW.changed_at > extract(epoch FROM clock_timestamp())::bigint + 600 THEN
        RAISE EXCEPTION 'a stance change dated in the future (%) is refused: check the clock of the computer that recorded it',
            to_char(to_timestamp(NEW.changed_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.stance IN ('sponsor', 'cosponsor') THEN
        RAISE EXCEPTION 'sponsorship is the official record''s to say: a chapter''s lead records no "%" stance (the coordinator''s import of the session does)',
            NEW.stance USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT stance, changed_at INTO cur FROM stances
    WHERE campaign_id = NEW.campaign_id AND legislator_id = NEW.legislator_id;
    IF cur.stance IN ('sponsor', 'cosponsor') AND NEW.changed_at >= cur.changed_at THEN
        RAISE EXCEPTION 'the legislator is a % on the official record: a chapter''s lead does not change that stance',
            cur.stance USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.call_report_id IS NULL THEN
        NEW.changed_by := 'chapter lead';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER stance_history_b_lead_guard BEFORE INSERT ON stance_history
    FOR EACH ROW EXECUTE FUNCTION stance_history_lead_guard();

-- A row written before this rule (or by the owner by mistake) is removed by the
-- owner alone: `SELECT chapterdesk_remove_stance_change('<uuid>')` with psql. The
-- history stays append-only for everyone else; the whip count then falls back to the
-- pair's newest remaining change (0013's triggers).
CREATE OR REPLACE FUNCTION stance_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND OLD.import_batch_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM import_batches b WHERE b.id = OLD.import_batch_id AND b.undone_at IS NOT NULL) THEN
        RETURN OLD;
    END IF;
    -- Row-level security does not apply to the owner (nor to a superuser) only.
    IF TG_OP = 'DELETE' AND NOT row_security_active('stance_history')
       AND OLD.uuid = current_setting('chapterdesk.remove_stance_change', true) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'stance history is append-only';
END $$;

CREATE FUNCTION chapterdesk_remove_stance_change(change_uuid text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM set_config('chapterdesk.remove_stance_change', change_uuid, true);
    DELETE FROM stance_history WHERE uuid = change_uuid;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'there is no stance change %', change_uuid;
    END IF;
    PERFORM set_config('chapterdesk.remove_stance_change', '', true);
END $$;
REVOKE EXECUTE ON FUNCTION chapterdesk_remove_stance_change(text) FROM PUBLIC;

-- 2. The call counters. chapterdesk.defer_stats tells the counters' triggers to leave
-- a transaction's new reports to the bulk load that set it, which adds them itself at
-- its end; only a login that may write the counters (the owner) can. A lead who set
-- it kept their reports out of call_stats and chapter_call_quarters for good. The
-- setting is now honoured only for a session whose login may write call_stats
-- (session_user: the triggers run with the owner's rights).
CREATE FUNCTION chapterdesk_stats_deferred() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce(current_setting('chapterdesk.defer_stats', true), '') = 'on'
       AND has_table_privilege(session_user, 'call_stats', 'UPDATE')
$$;

-- The two triggers' test, replaced in their definitions as they stand (security
-- definer, search path and all), so they are not copied here.
DO $$
DECLARE
    f text;
    def text;
BEGIN
    FOREACH f IN ARRAY ARRAY['call_reports_stats_insert', 'call_reports_quarters'] LOOP
        def := pg_get_functiondef(f::regproc);
        IF position($x$current_setting('chapterdesk.defer_stats', true) = 'on'$x$ IN def) = 0 THEN
            RAISE EXCEPTION '0019: %() does not test chapterdesk.defer_stats as expected', f;
        END IF;
        EXECUTE replace(def, $x$current_setting('chapterdesk.defer_stats', true) = 'on'$x$, 'chapterdesk_stats_deferred()');
    END LOOP;
END $$;

-- 3. Chapter names. They are how the owner addresses a chapter (`server add-lead
-- --chapter`) and how the coordinator's workbook and dashboard tell chapters apart,
-- and a lead may rename their own: one renamed to another's name made two. A lead's
-- (or the coordinator's) rename to a name another chapter has, case and surrounding
-- spaces aside, is refused. The owner is not held to it by the database: a merge of
-- another chapter's file brings that chapter in under its own name, which may be one
-- the server has (two chapters called "My chapter"); `server add-chapter` refuses a
-- name taken and `server add-lead` a name two chapters have.
CREATE FUNCTION chapters_name_free() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF row_security_active('chapters')
       AND EXISTS (SELECT 1 FROM chapters WHERE lower(btrim(name)) = lower(btrim(NEW.name)) AND id <> NEW.id) THEN
        RAISE EXCEPTION 'another chapter is named "%": a chapter''s name is its own', btrim(NEW.name)
            USING ERRCODE = 'unique_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER chapters_name_free BEFORE INSERT OR UPDATE OF name ON chapters
    FOR EACH ROW EXECUTE FUNCTION chapters_name_free();
