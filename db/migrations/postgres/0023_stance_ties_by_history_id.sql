-- 0023 (PostgreSQL): of whip count history rows of the same time, the one with the
-- higher id is the current stance, in the count (stances) as in every query that
-- reads the history (ORDER BY changed_at DESC, id DESC).
--
-- The trigger took any row of the same time or newer ("changed_at >="): two leads'
-- imports of calls heard at the same minute, the row with the lower id could reach
-- the count last (its statement's trigger waiting on the other's commit), and the
-- count then said its stance while the history said the other's: the count was
-- whichever import committed last (tester t4, F7). Now the count moves only to a row
-- later by (time, id), whatever order the transactions commit in. SQLite writes one
-- transaction at a time, so its ids already follow the writes (0001's trigger).
CREATE OR REPLACE FUNCTION stance_history_current() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO stances AS s (campaign_id, legislator_id, stance, history_id, changed_at)
    SELECT DISTINCT ON (n.campaign_id, n.legislator_id) n.campaign_id, n.legislator_id, n.stance, n.id, n.changed_at
    FROM new_rows n ORDER BY n.campaign_id, n.legislator_id, n.changed_at DESC, n.id DESC
    ON CONFLICT (campaign_id, legislator_id) DO UPDATE
        SET stance = excluded.stance, history_id = excluded.history_id, changed_at = excluded.changed_at
        WHERE (excluded.changed_at, excluded.history_id) > (s.changed_at, s.history_id);
    RETURN NULL;
END $$;

-- CREATE OR REPLACE resets the function's rights: with its owner's, as 0004 gave them.
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION stance_history_current() SECURITY DEFINER SET search_path = %I, pg_temp', current_schema());
END $$;
