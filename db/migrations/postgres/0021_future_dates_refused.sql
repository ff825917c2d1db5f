-- 0021 (PostgreSQL): no date in the future, from a lead or the coordinator, in what
-- every chapter sees.
--
-- 0019 refused a lead's stance change dated ahead; a lead's call report dated ahead
-- (psql, or a checkout pushed) still went in, and pinned last_called_at in call_stats,
-- the "last called" every chapter sees, until its date. The coordinator, who imports
-- legislators and the official record's stances, was not held to the date at all:
-- neither has a reason to date anything ahead (a roll call or a sponsorship is not
-- recorded before it happens), and such a row is the whip count's current stance
-- until its date. The owner is not held to it: it repairs, and its merge and push go
-- through the app's own check.
--
-- One limit, here: ten minutes past the server's clock (a laptop's clock runs a
-- little ahead, never hours). The app's check before a merge or push and before a
-- call is filed (db.ClockSkew) is the same ten minutes, so a lead meets the app's
-- message, naming the rows, before this one; db/coalition_future_test.go holds the
-- two together.
CREATE FUNCTION chapterdesk_refuse_future(what text, at bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF at > extract(epoch FROM clock_timestamp())::bigint + 600 THEN
        RAISE EXCEPTION '% dated in the future (%) is refused: check the clock of the computer that recorded it',
            what, to_char(to_timestamp(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI "UTC"')
            USING ERRCODE = 'check_violation';
    END IF;
END $$;

-- 0019's guard as it was, but for the date: now the coordinator's row too.
CREATE OR REPLACE FUNCTION stance_history_lead_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cur record;
BEGIN
    IF NOT row_security_active('stance_history') THEN
        RETURN NEW;
    END IF;
    PERFORM chapterdesk_refuse_future('a stance change', NEW.changed_at);
    IF chapterdesk_is_coordinator() THEN
        RETURN NEW;
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

-- A call report's date, when written or changed: an edit of anything else leaves a
-- report dated ahead before this rule alone (the owner removes or corrects it).
CREATE FUNCTION call_reports_future_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF row_security_active('call_reports') AND (TG_OP = 'INSERT' OR NEW.called_at <> OLD.called_at) THEN
        PERFORM chapterdesk_refuse_future('a call report', NEW.called_at);
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER call_reports_future_guard BEFORE INSERT OR UPDATE OF called_at ON call_reports
    FOR EACH ROW EXECUTE FUNCTION call_reports_future_guard();
