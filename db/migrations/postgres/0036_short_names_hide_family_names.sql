-- 0036 (PostgreSQL): a caller's short name ("first name and last initial": the
-- coordinator's call reports and callers, the whip count's shared history) printed a
-- first name of several words whole: "María José García L." for a form's "María José
-- García López" split at its last word, "Nguyễn Thị H." for a name written family
-- name first (tester t9, repro-13). Every other chapter's lead read those in
-- stance_history.
--
-- A first name of several words is now given by its initials: "M. J. G. L.",
-- "N. T. H."; one word stays ("Ann A.", "Jean-Baptiste V."). Which word of such a name
-- is a family name cannot be told, so none is printed whole. The same rule as the
-- workbook's reports.SafeName (a data file's coalition-safe workbook).

CREATE OR REPLACE FUNCTION chapterdesk_short_name(first_name text, last_name text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    -- A word's initial: its first character after any opening quote, bracket or stop
    -- ("'t Hooft": T).
    SELECT btrim(CASE WHEN cardinality(w) > 1
                      THEN coalesce((SELECT string_agg(upper(left(ltrim(x, '''"([.-'), 1)) || '.', ' ' ORDER BY n)
                                     FROM unnest(w) WITH ORDINALITY AS u(x, n) WHERE ltrim(x, '''"([.-') <> ''), '')
                      ELSE coalesce(w[1], '') END
                 || coalesce(' ' || upper(left(nullif(ltrim(btrim(coalesce(last_name, '')), '''"([.-'), ''), 1)) || '.', ''))
    FROM (SELECT array_remove(regexp_split_to_array(btrim(coalesce(first_name, '')), '\s+'), '') AS w) f
$$;

-- The coordinator's call reports: the caller by the function (0004 wrote the rule out).
CREATE OR REPLACE VIEW coalition_call_reports WITH (security_barrier) AS
SELECT r.id, r.uuid, r.chapter_id, c.name AS chapter, r.campaign_id, r.legislator_id, r.called_at, r.office,
       r.outcome, r.stance_heard, r.gave_name_zip, r.follow_up, r.follow_up_done, r.source,
       r.created_at, r.updated_at, r.deleted_at,
       CASE WHEN v.id IS NULL THEN '' ELSE chapterdesk_short_name(v.first_name, v.last_name) END AS caller
FROM call_reports r
JOIN chapters c ON c.id = r.chapter_id
LEFT JOIN volunteers v ON v.id = r.volunteer_id
WHERE (SELECT chapterdesk_is_coordinator());

-- The coordinator's callers (the workbook, the record compared): the first name as
-- the short name gives it, the last initial apart as before.
CREATE OR REPLACE VIEW coalition_callers WITH (security_barrier) AS
SELECT v.id, v.chapter_id, chapterdesk_short_name(v.first_name, '') AS first_name,
       coalesce(upper(substring(v.last_name from '[[:alpha:]]')), '') AS last_initial
FROM volunteers v
WHERE (SELECT true FROM call_reports r WHERE r.volunteer_id = v.id AND r.deleted_at IS NULL LIMIT 1)
  AND (SELECT chapterdesk_is_coordinator());

-- The history written before: its guard steps aside for this one rewrite, inside the
-- migration's transaction, as in 0005.
ALTER TABLE stance_history DISABLE TRIGGER stance_history_no_update;
ALTER TABLE stance_history DISABLE TRIGGER stance_history_refold_moved; -- no stance moves
UPDATE stance_history h SET changed_by = s.short
FROM (SELECT r.id, chapterdesk_short_name(v.first_name, v.last_name) AS short
      FROM call_reports r JOIN volunteers v ON v.id = r.volunteer_id) s
WHERE s.id = h.call_report_id AND s.short <> '' AND h.changed_by <> s.short;
ALTER TABLE stance_history ENABLE TRIGGER stance_history_no_update;
ALTER TABLE stance_history ENABLE TRIGGER stance_history_refold_moved;

-- A stance heard on a report not written yet (a bulk load) or naming no volunteer:
-- the name as given, all but its last word as the first name (as a form's name is
-- split), not only its first word (0005).
CREATE OR REPLACE FUNCTION stance_history_caller() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
DECLARE
    short text;
    given text := btrim(NEW.changed_by);
BEGIN
    IF NEW.call_report_id IS NULL THEN
        RETURN NEW;
    END IF;
    SELECT chapterdesk_short_name(v.first_name, v.last_name) INTO short
    FROM call_reports r JOIN volunteers v ON v.id = r.volunteer_id
    WHERE r.id = NEW.call_report_id;
    IF coalesce(short, '') = '' AND NEW.changed_by <> 'call report' THEN
        short := CASE WHEN given ~ '\s' THEN chapterdesk_short_name(regexp_replace(given, '\s+\S*$', ''), regexp_replace(given, '^.*\s', ''))
                      ELSE chapterdesk_short_name(given, '') END;
    END IF;
    NEW.changed_by := coalesce(nullif(short, ''), 'call report');
    RETURN NEW;
END $$;
DO $$
BEGIN
    EXECUTE format('ALTER FUNCTION stance_history_caller() SET search_path = %I, pg_temp', current_schema());
END $$;
REVOKE EXECUTE ON FUNCTION stance_history_caller() FROM PUBLIC;
