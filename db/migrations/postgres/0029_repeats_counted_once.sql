-- 0029 (PostgreSQL): the coordinator's dashboard and the whip count count a call
-- reported to two chapters once, as the workbook does (0024).
--
-- The same form imported by two chapters gives each its own report of each call
-- (0022). The dashboard's weeks (chapter_call_quarters, 0006) and the whip count's
-- calls and reaches, the coordinator's and every lead's (call_stats, 0001), counted
-- both. Reading the repeats when the dashboard is read (0024's test over twelve
-- weeks of reports) took 1.4 to 2.7 s on the benchmark database; so the repeats are
-- kept as the counters are, by a trigger on call_reports:
--   * call_report_repeats marks each live report that repeats another chapter's
--     (repeat_of: the report counted in its stead), with what the counters count of
--     it. A write that adds, edits, deletes or restores a report marks again every
--     live report alike with it, before and after: deleting the report counted makes
--     its repeat the one counted.
--   * call_repeat_stats (per campaign and legislator) and chapter_call_quarters'
--     repeats and repeat_reaches (per chapter and quarter of an hour) count the marks.
--     call_stats and the quarters' calls still count every live report: a chapter's
--     own row shows its report; the coalition's figures subtract the repeats.
-- Privacy: the marks say which report of another chapter a lead's report repeats;
-- no lead or coordinator reads them, nor the repeats' counts: only the whip count's
-- calls and reaches each call once (coalition_call_stats). What that may tell a lead
-- (their new report did not add to the count: some chapter has one alike) 0022 tells
-- their import already.

-- The rule, written once: the live reports of other chapters alike with r in what
-- 0022 compares (legislator, second, office, outcome, stance heard, notes) and the
-- campaign. r repeats the one of lowest id when it is lower than r's (0024's test;
-- Go's repeatSQL is the same, for data files, and 0024's function now reads the
-- marks).
CREATE FUNCTION chapterdesk_alike_reports(r call_reports) RETURNS SETOF call_reports
LANGUAGE sql STABLE AS $$
    SELECT o.* FROM call_reports o
    WHERE o.legislator_id = r.legislator_id AND o.called_at = r.called_at AND o.campaign_id = r.campaign_id
      AND o.chapter_id <> r.chapter_id AND o.deleted_at IS NULL AND o.office = r.office AND o.outcome = r.outcome
      AND o.stance_heard = r.stance_heard AND o.notes = r.notes
$$;

CREATE TABLE call_report_repeats (
    report_id     bigint PRIMARY KEY,
    repeat_of     bigint NOT NULL,
    campaign_id   bigint NOT NULL,
    legislator_id bigint NOT NULL,
    chapter_id    bigint NOT NULL,
    called_at     bigint NOT NULL,
    reached       bigint NOT NULL
);
CREATE INDEX call_report_repeats_of ON call_report_repeats (repeat_of);
-- No policy: only the owner (and the triggers, with its rights) reads them.
ALTER TABLE call_report_repeats ENABLE ROW LEVEL SECURITY;

CREATE TABLE call_repeat_stats (
    campaign_id   bigint NOT NULL,
    legislator_id bigint NOT NULL,
    repeats       bigint NOT NULL DEFAULT 0,
    reaches       bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, legislator_id)
);
ALTER TABLE chapter_call_quarters ADD COLUMN repeats bigint NOT NULL DEFAULT 0,
    ADD COLUMN repeat_reaches bigint NOT NULL DEFAULT 0;

-- Marks again the reports a write touched (their rows before and after it) and every
-- live report of another chapter alike with them, and moves the counters by the
-- difference. Two transactions writing alike reports at once would each not see the
-- other's: each waits for the other's commit on a lock of the call's bucket (of 256,
-- so a big import takes few), and reads after it (a plpgsql statement's snapshot is
-- its own).
CREATE FUNCTION chapterdesk_mark_repeats(touched call_reports[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
    want call_report_repeats[];
    was call_report_repeats[];
BEGIN
    IF coalesce(cardinality(touched), 0) = 0 THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(2029, b) FROM (
        SELECT DISTINCT (hashint8(t.legislator_id) # hashint8(t.called_at)) & 255 AS b
        FROM unnest(touched) t ORDER BY 1) x;
    -- Most calls are one chapter's: only a report with another chapter's report of the
    -- same legislator and second, or marked already, can change a mark.
    SELECT array_agg(t::call_reports) INTO touched FROM unnest(touched) t
    WHERE EXISTS (SELECT 1 FROM call_reports o WHERE o.legislator_id = t.legislator_id AND o.called_at = t.called_at
                  AND o.chapter_id <> t.chapter_id AND o.deleted_at IS NULL)
       OR EXISTS (SELECT 1 FROM call_report_repeats m WHERE m.report_id = t.id);
    IF coalesce(cardinality(touched), 0) = 0 THEN
        RETURN;
    END IF;
    SELECT array_agg(DISTINCT x.id) INTO ids FROM (
        SELECT t.id FROM unnest(touched) t
        UNION ALL
        SELECT a.id FROM unnest(touched) t, LATERAL chapterdesk_alike_reports(t) a) x;
    SELECT coalesce(array_agg(ROW(r.id, x.repeat_of, r.campaign_id, r.legislator_id, r.chapter_id, r.called_at,
               CASE WHEN r.outcome IN ('spoke_legislator', 'spoke_staff', 'left_voicemail') THEN 1 ELSE 0 END)::call_report_repeats
               ORDER BY r.id), '{}')
    INTO want
    FROM call_reports r, LATERAL (SELECT min(a.id) AS repeat_of FROM chapterdesk_alike_reports(r) a WHERE a.id < r.id) x
    WHERE r.id = ANY (ids) AND r.deleted_at IS NULL AND x.repeat_of IS NOT NULL;
    SELECT coalesce(array_agg(m ORDER BY m.report_id), '{}') INTO was FROM call_report_repeats m WHERE m.report_id = ANY (ids);
    IF want = was THEN
        RETURN;
    END IF;
    INSERT INTO call_repeat_stats AS c (campaign_id, legislator_id, repeats, reaches)
    SELECT campaign_id, legislator_id, sum(d), sum(d * reached) FROM (
        SELECT w.*, 1 AS d FROM unnest(want) w UNION ALL SELECT m.*, -1 FROM unnest(was) m) x
    GROUP BY 1, 2 HAVING sum(d) <> 0 OR sum(d * reached) <> 0
    ON CONFLICT (campaign_id, legislator_id) DO UPDATE SET
        repeats = c.repeats + excluded.repeats, reaches = c.reaches + excluded.reaches;
    INSERT INTO chapter_call_quarters AS q (campaign_id, quarter, chapter_id, calls, reaches, repeats, repeat_reaches)
    SELECT campaign_id, called_at / 900, chapter_id, 0, 0, sum(d), sum(d * reached) FROM (
        SELECT w.*, 1 AS d FROM unnest(want) w UNION ALL SELECT m.*, -1 FROM unnest(was) m) x
    GROUP BY 1, 2, 3 HAVING sum(d) <> 0 OR sum(d * reached) <> 0
    ON CONFLICT (campaign_id, quarter, chapter_id) DO UPDATE SET
        repeats = q.repeats + excluded.repeats, repeat_reaches = q.repeat_reaches + excluded.repeat_reaches;
    DELETE FROM call_report_repeats WHERE report_id = ANY (ids);
    INSERT INTO call_report_repeats SELECT * FROM unnest(want);
END $$;

-- A bulk load (chapterdesk_stats_deferred(), 0019) has its new reports marked once,
-- at its end, with its indexes back (chapterdesk_fold_quarters, below), not at each
-- of its batches.
CREATE FUNCTION call_reports_repeats() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    touched call_reports[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF chapterdesk_stats_deferred() THEN
            CREATE TEMP TABLE IF NOT EXISTS chapterdesk_repeat_deltas (id bigint) ON COMMIT DROP;
            INSERT INTO chapterdesk_repeat_deltas SELECT id FROM new_rows WHERE deleted_at IS NULL;
            RETURN NULL;
        END IF;
        SELECT array_agg(n::call_reports) INTO touched FROM new_rows n WHERE n.deleted_at IS NULL;
    ELSIF TG_OP = 'UPDATE' THEN
        -- Only the rows whose compared columns changed (a follow-up ticked moves nothing).
        SELECT array_agg(x) INTO touched FROM (
            SELECT v AS x FROM old_rows o JOIN new_rows n ON n.id = o.id,
                LATERAL (VALUES (o::call_reports), (n::call_reports)) AS l (v)
            WHERE (o.campaign_id, o.legislator_id, o.called_at, o.office, o.outcome, o.stance_heard, o.notes, o.chapter_id, o.deleted_at)
                IS DISTINCT FROM (n.campaign_id, n.legislator_id, n.called_at, n.office, n.outcome, n.stance_heard, n.notes, n.chapter_id, n.deleted_at)) y;
    ELSE
        SELECT array_agg(o::call_reports) INTO touched FROM old_rows o;
    END IF;
    PERFORM chapterdesk_mark_repeats(touched);
    RETURN NULL;
END $$;
CREATE TRIGGER call_reports_repeats_insert AFTER INSERT ON call_reports
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION call_reports_repeats();
CREATE TRIGGER call_reports_repeats_update AFTER UPDATE ON call_reports
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION call_reports_repeats();
CREATE TRIGGER call_reports_repeats_delete AFTER DELETE ON call_reports
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION call_reports_repeats();

-- The end of a bulk load: 0006's fold (kept under another name, not copied here),
-- then the load's reports marked, ten thousand at a time: those with another
-- chapter's report of the same legislator and second (chapterdesk_mark_repeats' first
-- test, here in one pass over the table rather than a look-up a report: 200,000
-- reports of three chapters, none a repeat, took 2 s so, and 11 s by look-ups, on a
-- busy machine).
ALTER FUNCTION chapterdesk_fold_quarters() RENAME TO chapterdesk_fold_quarters_0006;
CREATE FUNCTION chapterdesk_fold_quarters() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    touched call_reports[];
BEGIN
    PERFORM chapterdesk_fold_quarters_0006();
    IF to_regclass('pg_temp.chapterdesk_repeat_deltas') IS NULL THEN
        RETURN;
    END IF;
    FOR touched IN
        SELECT array_agg(r) FROM (
            SELECT r, (row_number() OVER (ORDER BY r.id) - 1) / 10000 AS chunk
            FROM call_reports r JOIN pg_temp.chapterdesk_repeat_deltas d ON d.id = r.id
            WHERE r.deleted_at IS NULL
              AND EXISTS (SELECT 1 FROM call_reports o WHERE o.legislator_id = r.legislator_id AND o.called_at = r.called_at
                          AND o.chapter_id <> r.chapter_id AND o.deleted_at IS NULL)) x
        GROUP BY chunk ORDER BY chunk
    LOOP
        PERFORM chapterdesk_mark_repeats(touched);
    END LOOP;
    DROP TABLE pg_temp.chapterdesk_repeat_deltas;
END $$;

-- The reports there already, as a bulk load's.
CREATE TEMP TABLE chapterdesk_repeat_deltas ON COMMIT DROP AS SELECT id FROM call_reports WHERE deleted_at IS NULL;
SELECT chapterdesk_fold_quarters();

-- With the owner's rights, as the counters' triggers (0004, 0006): a lead's report
-- counts, and no lead writes the marks or counters. Only triggers call them.
DO $$
DECLARE
    sp text := format('%I, pg_temp', current_schema());
BEGIN
    EXECUTE format('ALTER FUNCTION chapterdesk_mark_repeats(call_reports[]) SECURITY DEFINER SET search_path = %s', sp);
    EXECUTE format('ALTER FUNCTION call_reports_repeats() SECURITY DEFINER SET search_path = %s', sp);
    EXECUTE format('ALTER FUNCTION chapterdesk_fold_quarters() SECURITY DEFINER SET search_path = %s', sp);
END $$;
REVOKE EXECUTE ON FUNCTION chapterdesk_mark_repeats(call_reports[]) FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION chapterdesk_alike_reports(call_reports) FROM PUBLIC;

-- 0024's function answers from the marks, so the rule is written once here; and the
-- owner too, who reads every report already (the dashboard's weeks that do not start
-- on a quarter of an hour are read with it).
CREATE OR REPLACE FUNCTION chapterdesk_call_repeats(campaign bigint, from_at bigint, to_at bigint)
RETURNS SETOF bigint
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT m.report_id FROM call_report_repeats m
    WHERE m.campaign_id = campaign AND m.called_at >= from_at AND m.called_at < to_at
      AND (EXISTS (SELECT 1 FROM coalition_coordinators WHERE role_name = session_user::text)
           OR pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'call_reports'::regclass), 'USAGE'))
$$;

-- What the whip count reads on a server: call_stats, each call once. The view reads
-- with its owner's rights, so a lead or the coordinator reads the counts as before
-- and not the repeats apart.
CREATE VIEW coalition_call_stats AS
SELECT c.campaign_id, c.legislator_id, c.attempts - coalesce(r.repeats, 0) AS attempts,
       c.reaches - coalesce(r.reaches, 0) AS reaches, c.last_called_at, c.last_reached_at
FROM call_stats c
LEFT JOIN call_repeat_stats r ON r.campaign_id = c.campaign_id AND r.legislator_id = c.legislator_id;

-- The grants again: 0017's (kept under another name), and the view to read, to both,
-- as call_stats.
ALTER FUNCTION chapterdesk_coalition_grants() RENAME TO chapterdesk_coalition_grants_0017;
CREATE FUNCTION chapterdesk_coalition_grants() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM chapterdesk_coalition_grants_0017();
    GRANT SELECT ON coalition_call_stats TO chapterdesk_lead, chapterdesk_coordinator;
END $$;
REVOKE EXECUTE ON FUNCTION chapterdesk_coalition_grants() FROM PUBLIC;

DO $$
BEGIN
    IF (SELECT count(*) FROM pg_roles WHERE rolname IN ('chapterdesk_lead', 'chapterdesk_coordinator')) = 2 THEN
        PERFORM chapterdesk_coalition_grants();
    END IF;
END $$;
