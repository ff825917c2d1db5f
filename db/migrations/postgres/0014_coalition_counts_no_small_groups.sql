-- 0014 (PostgreSQL): the coordinator's counts of the rosters hold no group of fewer
-- than 5 volunteers.
--
-- 0007's view coalition_volunteer_counts grouped the live roster by chapter, day
-- joined, Senate district and House district. Those four together nearly name a
-- person: on a demo coalition 929 of its 985 rows were a group of one, so a
-- coordinator who knew the day a friend joined learned where she lives. The workbook
-- needs only three margins, never their crossing: each chapter's volunteers, those of
-- a chapter who joined in the period, and the volunteers living in each district. The
-- view is now the districts' margin and a function the chapters'; a group of 1 to 4
-- volunteers is left out (a district, a chapter) or its count withheld (NULL: the
-- chapter's joiners), and the app shows "fewer than 5" for what is not there. 5 is the
-- usual floor of published small-area counts; below it a count plus what a coordinator
-- knows anyway (the callers' first names and whom they called) points at a person.
-- The coalition's own totals come from the rows, not from the parts shown, so they are
-- exact whenever they are 5 or more.

DROP VIEW coalition_volunteer_counts;

-- Per chamber and district, live volunteers living there; districts of fewer than 5
-- are not listed. The name and the grant are 0007's (chapterdesk_coalition_grants()
-- grants SELECT on it); it answers only a coordinator (the WHERE, as 0007's did).
CREATE VIEW coalition_volunteer_counts WITH (security_barrier) AS
SELECT d.chamber, d.district, d.volunteers
FROM (
    SELECT 'upper'::text AS chamber, v.senate_district AS district, count(*) AS volunteers
    FROM volunteers v
    WHERE v.deleted_at IS NULL AND v.senate_district <> '' AND (SELECT chapterdesk_is_coordinator())
    GROUP BY v.senate_district
    UNION ALL
    SELECT 'lower'::text, v.house_district, count(*)
    FROM volunteers v
    WHERE v.deleted_at IS NULL AND v.house_district <> '' AND (SELECT chapterdesk_is_coordinator())
    GROUP BY v.house_district
) d
WHERE d.volunteers >= 5;

-- Per chapter, its live volunteers and those who joined on a day in [from_day,
-- to_day) (YYYY-MM-DD, as joined_on is kept), and a row with chapter_id NULL for the
-- whole coalition. A chapter of fewer than 5 is not listed; joiners fewer than 5 are
-- NULL. The period is the caller's, so it is a function: it reads the roster with its
-- owner's rights, and only the coordinator (and the owner) may run it (the grant
-- below and in chapterdesk_coalition_grants(); a lead could otherwise count another
-- chapter's people).
CREATE FUNCTION coalition_chapter_volunteers(from_day text, to_day text)
RETURNS TABLE (chapter_id bigint, volunteers bigint, joined bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT g.chapter_id, g.volunteers, CASE WHEN g.joined >= 5 THEN g.joined END
    FROM (SELECT v.chapter_id, count(*) AS volunteers,
                 count(*) FILTER (WHERE v.joined_on >= from_day AND v.joined_on < to_day) AS joined
          FROM volunteers v WHERE v.deleted_at IS NULL
          GROUP BY ROLLUP (v.chapter_id)) g
    WHERE g.volunteers >= 5
$$;
REVOKE EXECUTE ON FUNCTION coalition_chapter_volunteers(text, text) FROM PUBLIC;

-- The grants again: 0007's, and the function to the coordinator. (0007's stays, under
-- another name, so it is not copied here.)
ALTER FUNCTION chapterdesk_coalition_grants() RENAME TO chapterdesk_coalition_grants_0007;
CREATE FUNCTION chapterdesk_coalition_grants() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM chapterdesk_coalition_grants_0007();
    GRANT EXECUTE ON FUNCTION coalition_chapter_volunteers(text, text) TO chapterdesk_coordinator;
END $$;
REVOKE EXECUTE ON FUNCTION chapterdesk_coalition_grants() FROM PUBLIC;

DO $$
BEGIN
    IF (SELECT count(*) FROM pg_roles WHERE rolname IN ('chapterdesk_lead', 'chapterdesk_coordinator')) = 2 THEN
        PERFORM chapterdesk_coalition_grants();
    END IF;
END $$;

-- The chapter the login's new records and printed profile are: chapterdesk_self_chapter(),
-- or for the coordinator, who works on none, a refusal (insufficient privilege, as the
-- server's other refusals are, so the app tells the coordinator what it may do)
-- where the NULL gave "converting NULL to int64" on a coordinator's import and "not
-- found" on its leaflet.
CREATE FUNCTION chapterdesk_working_chapter() RETURNS bigint LANGUAGE plpgsql STABLE AS $$
DECLARE
    c bigint := chapterdesk_self_chapter();
BEGIN
    IF c IS NULL THEN
        RAISE EXCEPTION 'the login % works on no chapter', current_user USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN c;
END $$;
