-- 0015: while the official record lists a legislator as a sponsor or cosponsor of a
-- campaign's bill, that is their stance in the whip count, whatever order the calls
-- and the session export were imported in (tester t6, F13, F2, F8).
--
-- The count was the newest history row. A call heard after the export was left out of
-- the history when the export came first ("a call does not move a sponsorship"), and
-- became the count when the calls came first (the export's row, dated by the export,
-- landing under it): the bill's primary sponsor was "Sponsor" one way and "No" the
-- other. And the calls left out never came back when the sponsorship went (a newer
-- export withdrawing it, or its import undone). Now the calls always go into the
-- history, and the count is, of a legislator's rows: the newest record row when it
-- is a sponsor or cosponsor and no stance was set by hand after it; else the newest row not the record's; else the newest
-- row (see stanceRowAt in db/stance_rule.go, which reads the history by the same rule).
-- A record row is one a session import wrote, or one naming "Open States" and no call
-- (a merge's copy of one).
DROP TRIGGER stance_history_current;

-- A change not the record's: the count moves to it unless a sponsorship stands (a
-- stance the lead sets by hand after the sponsorship's export is their judgement over
-- it), when
-- it is newer than the one the count stands on (of one time, the later written), or
-- the count stands on a record row that is no sponsorship (a withdrawal with nothing
-- before it) or on a sponsor the campaign's file names, marked by a legislator import
-- ("sponsor of S.1305 (the campaign)", by "ChapterDesk"): no sponsorship on record,
-- dated by the import, it counts only while nothing else is known (F1).
CREATE TRIGGER stance_history_current AFTER INSERT ON stance_history
WHEN NOT ((NEW.import_batch_id IS NOT NULL AND NEW.import_batch_id IN
            (SELECT id FROM import_batches WHERE format = 'openstates-session'))
          OR (NEW.changed_by = 'Open States' AND NEW.call_report_id IS NULL))
BEGIN
    INSERT INTO stances (campaign_id, legislator_id, stance, history_id, changed_at)
    VALUES (NEW.campaign_id, NEW.legislator_id, NEW.stance, NEW.id, NEW.changed_at)
    ON CONFLICT (campaign_id, legislator_id) DO UPDATE
        SET stance = excluded.stance, history_id = excluded.history_id, changed_at = excluded.changed_at
        WHERE (NOT EXISTS (SELECT 1 FROM stance_history c WHERE c.id = stances.history_id
                AND c.stance IN ('sponsor', 'cosponsor')
                AND ((c.import_batch_id IS NOT NULL AND c.import_batch_id IN
                        (SELECT id FROM import_batches WHERE format = 'openstates-session'))
                     OR (c.changed_by = 'Open States' AND c.call_report_id IS NULL)))
               OR (NEW.call_report_id IS NULL AND NOT (NEW.changed_by = 'ChapterDesk' AND NEW.call_report_id IS NULL
                      AND NEW.reason LIKE 'sponsor of %' AND NEW.reason LIKE '% (the campaign)')
                   AND excluded.changed_at >= stances.changed_at))
          AND (excluded.changed_at >= stances.changed_at
               OR EXISTS (SELECT 1 FROM stance_history c WHERE c.id = stances.history_id
                    AND ((c.import_batch_id IS NOT NULL AND c.import_batch_id IN
                            (SELECT id FROM import_batches WHERE format = 'openstates-session'))
                         OR (c.changed_by = 'Open States' AND c.call_report_id IS NULL)
                         OR (c.changed_by = 'ChapterDesk' AND c.call_report_id IS NULL
                      AND c.reason LIKE 'sponsor of %' AND c.reason LIKE '% (the campaign)'))));
END;

-- A record row: the legislator's count is picked again from their whole history.
CREATE TRIGGER stance_history_current_record AFTER INSERT ON stance_history
WHEN (NEW.import_batch_id IS NOT NULL AND NEW.import_batch_id IN
        (SELECT id FROM import_batches WHERE format = 'openstates-session'))
     OR (NEW.changed_by = 'Open States' AND NEW.call_report_id IS NULL)
BEGIN
    DELETE FROM stances WHERE campaign_id = NEW.campaign_id AND legislator_id = NEW.legislator_id;
    INSERT INTO stances (campaign_id, legislator_id, stance, history_id, changed_at)
    SELECT p.campaign_id, p.legislator_id, p.stance, p.id, p.changed_at FROM stance_history p
    WHERE p.id = (SELECT h.id FROM stance_history h
        WHERE h.campaign_id = NEW.campaign_id AND h.legislator_id = NEW.legislator_id
        ORDER BY CASE WHEN h.stance IN ('sponsor', 'cosponsor')
                AND ((h.import_batch_id IS NOT NULL AND h.import_batch_id IN
                        (SELECT id FROM import_batches WHERE format = 'openstates-session'))
                     OR (h.changed_by = 'Open States' AND h.call_report_id IS NULL))
                AND NOT EXISTS (SELECT 1 FROM stance_history n
                    WHERE n.campaign_id = h.campaign_id AND n.legislator_id = h.legislator_id
                    AND ((n.import_batch_id IS NOT NULL AND n.import_batch_id IN
                            (SELECT id FROM import_batches WHERE format = 'openstates-session'))
                         OR (n.changed_by = 'Open States' AND n.call_report_id IS NULL)
                         OR (n.call_report_id IS NULL AND NOT (n.changed_by = 'ChapterDesk' AND n.call_report_id IS NULL
                      AND n.reason LIKE 'sponsor of %' AND n.reason LIKE '% (the campaign)')))
                    AND (n.changed_at > h.changed_at OR (n.changed_at = h.changed_at AND n.id > h.id))) THEN 0
            WHEN (h.import_batch_id IS NOT NULL AND h.import_batch_id IN
                    (SELECT id FROM import_batches WHERE format = 'openstates-session'))
                 OR (h.changed_by = 'Open States' AND h.call_report_id IS NULL)
                 OR (h.changed_by = 'ChapterDesk' AND h.call_report_id IS NULL
                      AND h.reason LIKE 'sponsor of %' AND h.reason LIKE '% (the campaign)') THEN 2
            ELSE 1 END, h.changed_at DESC, h.id DESC LIMIT 1);
END;

-- The counts an earlier version left: every legislator the record or the campaign's
-- file ever gave a stance is picked again by the rule.
CREATE TEMP TABLE record_pairs AS
    SELECT DISTINCT h.campaign_id, h.legislator_id FROM stance_history h
    WHERE (h.import_batch_id IS NOT NULL AND h.import_batch_id IN
            (SELECT id FROM import_batches WHERE format = 'openstates-session'))
       OR (h.changed_by = 'Open States' AND h.call_report_id IS NULL)
       OR (h.changed_by = 'ChapterDesk' AND h.call_report_id IS NULL
                      AND h.reason LIKE 'sponsor of %' AND h.reason LIKE '% (the campaign)');
DELETE FROM stances WHERE EXISTS (SELECT 1 FROM temp.record_pairs r
    WHERE r.campaign_id = stances.campaign_id AND r.legislator_id = stances.legislator_id);
INSERT INTO stances (campaign_id, legislator_id, stance, history_id, changed_at)
    SELECT p.campaign_id, p.legislator_id, p.stance, p.id, p.changed_at
    FROM temp.record_pairs r JOIN stance_history p ON p.id = (SELECT h.id FROM stance_history h
        WHERE h.campaign_id = r.campaign_id AND h.legislator_id = r.legislator_id
        ORDER BY CASE WHEN h.stance IN ('sponsor', 'cosponsor')
                AND ((h.import_batch_id IS NOT NULL AND h.import_batch_id IN
                        (SELECT id FROM import_batches WHERE format = 'openstates-session'))
                     OR (h.changed_by = 'Open States' AND h.call_report_id IS NULL))
                AND NOT EXISTS (SELECT 1 FROM stance_history n
                    WHERE n.campaign_id = h.campaign_id AND n.legislator_id = h.legislator_id
                    AND ((n.import_batch_id IS NOT NULL AND n.import_batch_id IN
                            (SELECT id FROM import_batches WHERE format = 'openstates-session'))
                         OR (n.changed_by = 'Open States' AND n.call_report_id IS NULL)
                         OR (n.call_report_id IS NULL AND NOT (n.changed_by = 'ChapterDesk' AND n.call_report_id IS NULL
                      AND n.reason LIKE 'sponsor of %' AND n.reason LIKE '% (the campaign)')))
                    AND (n.changed_at > h.changed_at OR (n.changed_at = h.changed_at AND n.id > h.id))) THEN 0
            WHEN (h.import_batch_id IS NOT NULL AND h.import_batch_id IN
                    (SELECT id FROM import_batches WHERE format = 'openstates-session'))
                 OR (h.changed_by = 'Open States' AND h.call_report_id IS NULL)
                 OR (h.changed_by = 'ChapterDesk' AND h.call_report_id IS NULL
                      AND h.reason LIKE 'sponsor of %' AND h.reason LIKE '% (the campaign)') THEN 2
            ELSE 1 END, h.changed_at DESC, h.id DESC LIMIT 1);
DROP TABLE temp.record_pairs;
