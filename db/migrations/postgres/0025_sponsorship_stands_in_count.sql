-- 0025 (PostgreSQL): while the official record lists a legislator as a sponsor or
-- cosponsor of a campaign's bill, that is their stance in the whip count, whatever
-- order the calls and the session export were imported in (tester t6, F13, F2, F8);
-- the same rule as SQLite's 0015, which says why.
--
-- The count is, of a legislator's rows: the newest record row when it is a sponsor
-- or cosponsor and no stance was set by hand after it (the lead's judgement); else the newest row neither the record's nor a campaign file's
-- sponsor mark; else the newest row (see
-- stanceRowAt in db/stance_rule.go). A record row is one a session import wrote, or
-- one naming "Open States" and no call (a merge's copy of one).

CREATE FUNCTION stance_history_from_record(batch bigint, by_whom text, call bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT (batch IS NOT NULL AND EXISTS (SELECT 1 FROM import_batches b WHERE b.id = batch AND b.format = 'openstates-session'))
        OR (by_whom = 'Open States' AND call IS NULL)
$$;

-- A sponsor the campaign's file names, marked by a legislator import ("sponsor of
-- S.1305 (the campaign)", by "ChapterDesk"): no sponsorship on record, dated by the
-- import, it counts only while nothing else is known (F1).
CREATE FUNCTION stance_history_campaign_mark(by_whom text, why text, call bigint) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT by_whom = 'ChapterDesk' AND call IS NULL AND why LIKE 'sponsor of %' AND why LIKE '% (the campaign)'
$$;

-- The row the rule picks for a legislator of a campaign, NULL for none.
CREATE FUNCTION stance_history_pick(c bigint, l bigint) RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT h.id FROM stance_history h WHERE h.campaign_id = c AND h.legislator_id = l
    ORDER BY CASE WHEN h.stance IN ('sponsor', 'cosponsor')
            AND stance_history_from_record(h.import_batch_id, h.changed_by, h.call_report_id)
            AND NOT EXISTS (SELECT 1 FROM stance_history n WHERE n.campaign_id = c AND n.legislator_id = l
                AND (stance_history_from_record(n.import_batch_id, n.changed_by, n.call_report_id)
                     OR (n.call_report_id IS NULL AND NOT stance_history_campaign_mark(n.changed_by, n.reason, n.call_report_id)))
                AND (n.changed_at, n.id) > (h.changed_at, h.id)) THEN 0
        WHEN stance_history_from_record(h.import_batch_id, h.changed_by, h.call_report_id)
            OR stance_history_campaign_mark(h.changed_by, h.reason, h.call_report_id) THEN 2
        ELSE 1 END, h.changed_at DESC, h.id DESC
    LIMIT 1
$$;

-- A change not the record's moves the count unless a sponsorship stands (a stance set
-- by hand after the sponsorship's export is the lead's judgement over it), when it is
-- later by (time, id) than the row the count stands on (0023), or the count stands
-- on a record row that is no sponsorship or on a campaign file's mark. A legislator given a record row is picked
-- again from their whole history.
CREATE OR REPLACE FUNCTION stance_history_current() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stances AS s (campaign_id, legislator_id, stance, history_id, changed_at)
    SELECT DISTINCT ON (n.campaign_id, n.legislator_id) n.campaign_id, n.legislator_id, n.stance, n.id, n.changed_at
    FROM new_rows n WHERE NOT stance_history_from_record(n.import_batch_id, n.changed_by, n.call_report_id)
    ORDER BY n.campaign_id, n.legislator_id, n.changed_at DESC, n.id DESC
    ON CONFLICT (campaign_id, legislator_id) DO UPDATE
        SET stance = excluded.stance, history_id = excluded.history_id, changed_at = excluded.changed_at
        WHERE (NOT EXISTS (SELECT 1 FROM stance_history c WHERE c.id = s.history_id AND c.stance IN ('sponsor', 'cosponsor')
                AND stance_history_from_record(c.import_batch_id, c.changed_by, c.call_report_id))
               OR (excluded.history_id IN (SELECT n.id FROM new_rows n WHERE n.call_report_id IS NULL
                       AND NOT stance_history_campaign_mark(n.changed_by, n.reason, n.call_report_id))
                   AND excluded.changed_at >= s.changed_at))
          AND ((excluded.changed_at, excluded.history_id) > (s.changed_at, s.history_id)
               OR EXISTS (SELECT 1 FROM stance_history c WHERE c.id = s.history_id
                    AND (stance_history_from_record(c.import_batch_id, c.changed_by, c.call_report_id)
                         OR stance_history_campaign_mark(c.changed_by, c.reason, c.call_report_id))));
    INSERT INTO stances AS s (campaign_id, legislator_id, stance, history_id, changed_at)
    SELECT h.campaign_id, h.legislator_id, h.stance, h.id, h.changed_at
    FROM (SELECT DISTINCT n.campaign_id, n.legislator_id FROM new_rows n
          WHERE stance_history_from_record(n.import_batch_id, n.changed_by, n.call_report_id)) p
    JOIN stance_history h ON h.id = stance_history_pick(p.campaign_id, p.legislator_id)
    ON CONFLICT (campaign_id, legislator_id) DO UPDATE
        SET stance = excluded.stance, history_id = excluded.history_id, changed_at = excluded.changed_at;
    RETURN NULL;
END $$;

-- An undo's deletion: each legislator left without a current stance gets the row the
-- rule picks of those left (0013 took the newest).
CREATE OR REPLACE FUNCTION stance_history_refold() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stances (campaign_id, legislator_id, stance, history_id, changed_at)
    SELECT h.campaign_id, h.legislator_id, h.stance, h.id, h.changed_at
    FROM (SELECT DISTINCT campaign_id, legislator_id FROM old_rows) o
    JOIN stance_history h ON h.id = stance_history_pick(o.campaign_id, o.legislator_id)
    WHERE NOT EXISTS (SELECT 1 FROM stances s WHERE s.campaign_id = o.campaign_id AND s.legislator_id = o.legislator_id);
    RETURN NULL;
END $$;

-- A lead's call was refused when it would become current over a sponsor or
-- cosponsor (0019, 0021). By the rule it never does over one the record gives: what a
-- call heard meanwhile is kept in the history, to count once no sponsorship stands. A
-- lead still records no sponsor or cosponsor stance, nor a change set by hand over
-- one (the app offers none).
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
    IF NEW.call_report_id IS NULL AND cur.stance IN ('sponsor', 'cosponsor') AND NEW.changed_at >= cur.changed_at THEN
        RAISE EXCEPTION 'the legislator is a % on the official record: a chapter''s lead does not change that stance',
            cur.stance USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.call_report_id IS NULL THEN
        NEW.changed_by := 'chapter lead';
    END IF;
    RETURN NEW;
END $$;

-- CREATE OR REPLACE resets the functions' rights: with their owner's, as before.
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION stance_history_current() SECURITY DEFINER SET search_path = %I, pg_temp', current_schema());
    EXECUTE format('ALTER FUNCTION stance_history_refold() SECURITY DEFINER SET search_path = %I, pg_temp', current_schema());
    EXECUTE format('ALTER FUNCTION stance_history_from_record(bigint, text, bigint) SET search_path = %I, pg_temp', current_schema());
    EXECUTE format('ALTER FUNCTION stance_history_pick(bigint, bigint) SET search_path = %I, pg_temp', current_schema());
    EXECUTE format('ALTER FUNCTION stance_history_campaign_mark(text, text, bigint) SET search_path = %I, pg_temp', current_schema());
END $$;
REVOKE EXECUTE ON FUNCTION stance_history_refold() FROM PUBLIC;

-- The counts an earlier version left: every legislator the record or the campaign's
-- file ever gave a stance is picked again by the rule.
WITH p AS (SELECT DISTINCT h.campaign_id, h.legislator_id FROM stance_history h
           WHERE stance_history_from_record(h.import_batch_id, h.changed_by, h.call_report_id)
              OR stance_history_campaign_mark(h.changed_by, h.reason, h.call_report_id))
UPDATE stances s SET stance = h.stance, history_id = h.id, changed_at = h.changed_at
FROM p JOIN stance_history h ON h.id = stance_history_pick(p.campaign_id, p.legislator_id)
WHERE s.campaign_id = p.campaign_id AND s.legislator_id = p.legislator_id AND s.history_id <> h.id;
