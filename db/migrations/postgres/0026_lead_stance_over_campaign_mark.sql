-- 0026 (PostgreSQL): a lead's stance set by hand over a sponsor the campaign's file
-- names (a legislator import's mark, "sponsor of S.1305 (the campaign)") is taken.
-- Such a mark is no sponsorship on record: by 0025's rule a stance set by hand stands
-- over it, yet 0025's guard refused a lead's as "a sponsor on the official record",
-- which it is not. A sponsorship the record gives still refuses it, as before.
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
    SELECT s.stance, s.changed_at, coalesce(stance_history_campaign_mark(h.changed_by, h.reason, h.call_report_id), false) AS mark
    INTO cur FROM stances s LEFT JOIN stance_history h ON h.id = s.history_id
    WHERE s.campaign_id = NEW.campaign_id AND s.legislator_id = NEW.legislator_id;
    IF NEW.call_report_id IS NULL AND cur.stance IN ('sponsor', 'cosponsor') AND NOT cur.mark AND NEW.changed_at >= cur.changed_at THEN
        RAISE EXCEPTION 'the legislator is a % on the official record: a chapter''s lead does not change that stance',
            cur.stance USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.call_report_id IS NULL THEN
        NEW.changed_by := 'chapter lead';
    END IF;
    RETURN NEW;
END $$;
