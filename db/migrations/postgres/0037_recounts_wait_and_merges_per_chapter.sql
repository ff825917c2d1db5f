-- 0037 (PostgreSQL), three fixes. First: a recount of call_stats waits for the other
-- writes of its rows.
--
-- call_stats_recompute (0001) recounts the (campaign, legislator) pairs a statement's
-- edit, trash, restore or delete of reports touched: it deleted their rows and
-- inserted them again from the live reports. Two chapters' writes to reports of one
-- legislator at once (two leads each editing or trashing their own, one lead's undo
-- beside another's import) met there: the second's delete waited for the first's
-- row, found it gone and did not see the row put back, so its insert failed on
-- call_stats' key ("duplicate key value violates unique constraint call_stats_pkey")
-- and the lead's write with it; when the first had left no live report to count, the
-- second went in and the count kept reports no longer there (tester, s48). So too
-- when the other write was a new report's count (the insert trigger's upsert, or a
-- bulk load's tallies) of a pair without a row yet.
--
-- Now a recount, before it reads anything:
--   * takes a lock of each pair's bucket (of 256, as 0029's: a lock a pair would run
--     a big undo out of the server's lock table) for its transaction, in one order:
--     another recount of the pair waits for its commit;
--   * puts a row in for each pair that has none, which waits for any insert of that
--     row under way (a new report's count) and leaves it be;
--   * deletes the pairs' rows, which waits for any update of them under way;
-- and only then counts, in a statement of its own (a plpgsql statement reads what is
-- committed when it starts), so every write it waited for is in its count, and a
-- write that comes after waits for its commit and adds to its row. The counts are
-- the same as 0001's; a pair left with no live report has no row, as before.
--
-- The other counters need no such wait: chapter_call_quarters (0006) and
-- call_repeat_stats (0029) are moved by differences, each an upsert that adds to the
-- row as it is when its lock is had, and the marks of repeats they count are written
-- under 0029's locks of the calls' buckets.
CREATE OR REPLACE FUNCTION call_stats_recompute(pairs_campaign bigint[], pairs_legislator bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(2037, k) FROM (
        SELECT DISTINCT (hashint8extended(p.legislator_id, p.campaign_id) & 255)::int AS k
        FROM unnest(pairs_campaign, pairs_legislator) AS p (campaign_id, legislator_id) ORDER BY 1) x;
    INSERT INTO call_stats (campaign_id, legislator_id)
    SELECT DISTINCT * FROM unnest(pairs_campaign, pairs_legislator) AS p (campaign_id, legislator_id) ORDER BY 1, 2
    ON CONFLICT (campaign_id, legislator_id) DO NOTHING;
    DELETE FROM call_stats c USING unnest(pairs_campaign, pairs_legislator) AS p (campaign_id, legislator_id)
    WHERE c.campaign_id = p.campaign_id AND c.legislator_id = p.legislator_id;
    INSERT INTO call_stats (campaign_id, legislator_id, attempts, reaches, last_called_at, last_reached_at)
    SELECT r.campaign_id, r.legislator_id, count(*),
           count(*) FILTER (WHERE r.outcome IN ('spoke_legislator', 'spoke_staff', 'left_voicemail')),
           max(r.called_at),
           coalesce(max(r.called_at) FILTER (WHERE r.outcome IN ('spoke_legislator', 'spoke_staff', 'left_voicemail')), 0)
    FROM call_reports r
    JOIN (SELECT DISTINCT * FROM unnest(pairs_campaign, pairs_legislator)) AS p (campaign_id, legislator_id)
      ON r.campaign_id = p.campaign_id AND r.legislator_id = p.legislator_id
    WHERE r.deleted_at IS NULL
    GROUP BY r.campaign_id, r.legislator_id;
END $$;

-- CREATE OR REPLACE resets the function's rights: with the owner's, as before (0004).
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION call_stats_recompute(bigint[], bigint[]) SECURITY DEFINER SET search_path = %I, pg_temp', current_schema());
END $$;

-- Second: the owner's merge of several chapters' records (a copy of the whole server)
-- was one import batch under the owner's own chapter, whose leads listed it (its
-- journal rows were walled by 0036, its line in the list of imports was not). It is
-- now filed as one batch per chapter (merger.fileUnderItsChapters): at its end, each
-- chapter's records move from the merge's batch to a copy of it under that chapter.
-- The history is append-only but for its moves in time (0031); now also this move:
-- by the owner (a lead's rows are walled), of nothing but the batch, from a merge's
-- batch standing to another of the same file and time under the row's own chapter.
CREATE OR REPLACE FUNCTION stance_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.call_report_id IS NOT NULL
       AND (to_jsonb(NEW) - 'changed_at') = (to_jsonb(OLD) - 'changed_at')
       AND chapterdesk_stance_move_recorded(NEW.id) THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND NOT row_security_active('stance_history')
       AND (to_jsonb(NEW) - 'import_batch_id') = (to_jsonb(OLD) - 'import_batch_id')
       AND EXISTS (SELECT 1 FROM import_batches o JOIN import_batches n ON n.id = NEW.import_batch_id
                   WHERE o.id = OLD.import_batch_id AND o.kind = 'merge' AND n.kind = 'merge'
                     AND o.undone_at IS NULL AND n.undone_at IS NULL
                     AND n.source_name = o.source_name AND n.started_at = o.started_at
                     AND n.chapter_id = NEW.chapter_id) THEN
        RETURN NEW;
    END IF;
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
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION stance_history_append_only() SET search_path = %I, pg_temp', current_schema());
END $$;

-- Third, found beside the first: the whip count's current stance is picked again when
-- the history row it stands on goes (an undo, 0013) or moves (0031). Lead A's undo
-- took an older row of a legislator's history while lead B's took the current one:
-- B's pick, read before A's commit, was A's row, gone once A committed, and B's undo
-- failed ("violates foreign key constraint stances_history_id_fkey"). Each row that
-- goes or moves now first takes a lock of its pair's bucket (of 256) for its
-- transaction, as the recount does (apart from its locks): the second undo waits for
-- the first's commit before it forgets anything, and its pick (a statement of its own,
-- after) reads what the first left.
CREATE OR REPLACE FUNCTION stance_history_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(2013, (hashint8extended(OLD.legislator_id, OLD.campaign_id) & 255)::int);
    DELETE FROM stances WHERE campaign_id = OLD.campaign_id AND legislator_id = OLD.legislator_id
        AND history_id = OLD.id;
    RETURN OLD;
END $$;

CREATE OR REPLACE FUNCTION stance_history_forget_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(2013, (hashint8extended(OLD.legislator_id, OLD.campaign_id) & 255)::int);
    DELETE FROM stances WHERE campaign_id = OLD.campaign_id AND legislator_id = OLD.legislator_id;
    RETURN NEW;
END $$;

DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION stance_history_forget() SECURITY DEFINER SET search_path = %I, pg_temp', current_schema());
    EXECUTE format('ALTER FUNCTION stance_history_forget_moved() SECURITY DEFINER SET search_path = %I, pg_temp', current_schema());
END $$;
