-- 0020 (PostgreSQL): every count of the rosters the coordinator reads is rounded to
-- the nearest multiple of 5, so that two readings at different times give no
-- withheld group by subtraction.
--
-- 0014 and 0015 made each answer safe on its own: no group of 1 to 4, and none that
-- another count of the same answer gives by subtraction. Across answers they could
-- not: a coordinator who kept yesterday's workbook (370 in total, Springfield 160,
-- Worcester 210) read today's (Tiny and, beside it, Worcester withheld; 373 in total,
-- Springfield 160) and learned Tiny = 3 (tester, F9); a district that read 8 and then
-- 7 said one of its volunteers had left, the day a small chapter emptied its trash.
-- Withholding the total whenever any chapter is small would close the first but
-- leave the districts, and a coalition with a new chapter would have no total most
-- weeks. So the numbers are rounded, the usual way published small-area counts
-- resist differencing: every count given (a chapter's volunteers and joiners, the
-- coalition's, a district's) is the nearest multiple of 5 (5 to 7 read 5, 8 to 12
-- read 10), rounded on its own, so parts need not add up to their total. The
-- difference of two readings is then a multiple of 5 and says nothing about a group
-- of 1 to 4 beyond what "fewer than 5" says already. What 0014 and 0015 withhold is
-- still withheld: they decide on the exact counts, and the rounding is applied to
-- what they give.
--
-- A count read many times while it grows by ones still shows when it crosses a
-- rounding boundary; with the withholding around it, that bounds a small group no
-- closer than 1 to 4.

-- (1 to 4, which 0014 and 0015 never give, would round to 0 or 5: they are withheld,
-- NULL, rather than rounded, should one ever come.)
CREATE FUNCTION chapterdesk_rounded_count(n bigint) RETURNS bigint
LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN n BETWEEN 1 AND 4 THEN NULL ELSE (n + 2) / 5 * 5 END $$;

-- 0015's function keeps its body under another name, and only its owner runs it: the
-- coordinator's EXECUTE (granted by name) went with it on the rename and is taken back.
ALTER FUNCTION coalition_chapter_volunteers(text, text) RENAME TO coalition_chapter_volunteers_exact;
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'chapterdesk_coordinator') THEN
        REVOKE EXECUTE ON FUNCTION coalition_chapter_volunteers_exact(text, text) FROM chapterdesk_coordinator;
    END IF;
END $$;

-- 0014's name and signature: what 0015 gives, rounded. It still refuses a period of
-- other than whole months (the exact function does).
CREATE FUNCTION coalition_chapter_volunteers(from_day text, to_day text)
RETURNS TABLE (chapter_id bigint, volunteers bigint, joined bigint)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT e.chapter_id, chapterdesk_rounded_count(e.volunteers), chapterdesk_rounded_count(e.joined)
    FROM coalition_chapter_volunteers_exact(from_day, to_day) e
$$;
REVOKE EXECUTE ON FUNCTION coalition_chapter_volunteers(text, text) FROM PUBLIC;

-- The districts the same way. The view keeps 0015's body under another name; the
-- grants (SELECT on coalition_volunteer_counts, by name, after revoking all) are
-- given again below, so the coordinator reads only the rounded one. Its WHERE still
-- asks chapterdesk_is_coordinator() of the login reading the view on top.
ALTER VIEW coalition_volunteer_counts RENAME TO coalition_volunteer_counts_exact;
CREATE VIEW coalition_volunteer_counts WITH (security_barrier) AS
SELECT e.chamber, e.district, chapterdesk_rounded_count(e.volunteers) AS volunteers
FROM coalition_volunteer_counts_exact e;

DO $$
BEGIN
    IF (SELECT count(*) FROM pg_roles WHERE rolname IN ('chapterdesk_lead', 'chapterdesk_coordinator')) = 2 THEN
        PERFORM chapterdesk_coalition_grants();
    END IF;
END $$;
