-- 0007: call_stats follow an update or delete of a call report incrementally.
--
-- The triggers of 0001 rebuilt a (campaign, legislator) row of call_stats from all of
-- that legislator's reports on every update or delete of one report. Undoing an import
-- touches every report it brought, most of them about the same few legislators, so
-- its cost grew with the square of its size: 38,000 calls took 265 s to undo. Now the
-- counts move by one, and the last call and last reach are read from the
-- call_reports_legislator index (newest first, stopping at the first match), so each
-- report costs the same however many there are. The result is the same: a pair with no
-- live report has no row, and last_* are exact.

DROP TRIGGER call_reports_stats_update;
CREATE TRIGGER call_reports_stats_update
AFTER UPDATE OF campaign_id, legislator_id, outcome, called_at, deleted_at ON call_reports
BEGIN
    UPDATE call_stats SET attempts = attempts - 1,
        reaches = reaches - (OLD.outcome = 'spoke_legislator' OR OLD.outcome = 'spoke_staff' OR OLD.outcome = 'left_voicemail')
    WHERE OLD.deleted_at IS NULL AND campaign_id = OLD.campaign_id AND legislator_id = OLD.legislator_id;
    INSERT INTO call_stats (campaign_id, legislator_id, attempts, reaches)
    SELECT NEW.campaign_id, NEW.legislator_id, 1,
           (NEW.outcome = 'spoke_legislator' OR NEW.outcome = 'spoke_staff' OR NEW.outcome = 'left_voicemail')
    WHERE NEW.deleted_at IS NULL
    ON CONFLICT (campaign_id, legislator_id) DO UPDATE SET
        attempts = attempts + 1, reaches = reaches + excluded.reaches;
    UPDATE call_stats SET
        last_called_at = coalesce((SELECT r.called_at FROM call_reports r INDEXED BY call_reports_legislator
            WHERE r.legislator_id = call_stats.legislator_id AND r.campaign_id = call_stats.campaign_id
              AND r.deleted_at IS NULL
            ORDER BY r.called_at DESC LIMIT 1), 0),
        last_reached_at = coalesce((SELECT r.called_at FROM call_reports r INDEXED BY call_reports_legislator
            WHERE r.legislator_id = call_stats.legislator_id AND r.campaign_id = call_stats.campaign_id
              AND r.deleted_at IS NULL
              AND (r.outcome = 'spoke_legislator' OR r.outcome = 'spoke_staff' OR r.outcome = 'left_voicemail')
            ORDER BY r.called_at DESC LIMIT 1), 0)
    WHERE (campaign_id = OLD.campaign_id AND legislator_id = OLD.legislator_id)
       OR (campaign_id = NEW.campaign_id AND legislator_id = NEW.legislator_id);
    DELETE FROM call_stats WHERE attempts <= 0
      AND ((campaign_id = OLD.campaign_id AND legislator_id = OLD.legislator_id)
        OR (campaign_id = NEW.campaign_id AND legislator_id = NEW.legislator_id));
END;

DROP TRIGGER call_reports_stats_delete;
CREATE TRIGGER call_reports_stats_delete AFTER DELETE ON call_reports WHEN OLD.deleted_at IS NULL
BEGIN
    UPDATE call_stats SET attempts = attempts - 1,
        reaches = reaches - (OLD.outcome = 'spoke_legislator' OR OLD.outcome = 'spoke_staff' OR OLD.outcome = 'left_voicemail'),
        last_called_at = coalesce((SELECT r.called_at FROM call_reports r INDEXED BY call_reports_legislator
            WHERE r.legislator_id = OLD.legislator_id AND r.campaign_id = OLD.campaign_id AND r.deleted_at IS NULL
            ORDER BY r.called_at DESC LIMIT 1), 0),
        last_reached_at = coalesce((SELECT r.called_at FROM call_reports r INDEXED BY call_reports_legislator
            WHERE r.legislator_id = OLD.legislator_id AND r.campaign_id = OLD.campaign_id AND r.deleted_at IS NULL
              AND (r.outcome = 'spoke_legislator' OR r.outcome = 'spoke_staff' OR r.outcome = 'left_voicemail')
            ORDER BY r.called_at DESC LIMIT 1), 0)
    WHERE campaign_id = OLD.campaign_id AND legislator_id = OLD.legislator_id;
    DELETE FROM call_stats WHERE campaign_id = OLD.campaign_id AND legislator_id = OLD.legislator_id AND attempts <= 0;
END;
