-- 0015 (PostgreSQL): the coordinator's counts of the rosters give no group of fewer
-- than 5 by subtraction either.
--
-- 0014 withheld every count under 5 that coalition_chapter_volunteers returns, but
-- two answers, or an answer and its own totals, still gave one:
--  1. Differencing. The period was the caller's, to the day: joiners in [a, b+1) less
--     those in [a, b) are a chapter's joiners of day b, down to one person. Whole
--     months alone do not close it (March to May less March to April is May), nor
--     does a chapter's volunteers less its joiners of a period (those who joined
--     outside it, or on no recorded day).
--  2. Complementary disclosure. The coalition's row was exact; with one chapter
--     withheld, the total less the chapters shown was that chapter's count.
--
-- What is given now, and why no subtraction of given numbers is a group of 1 to 4:
--  - The period is whole calendar months: from_day and to_day the first day of a
--    month, from_day before to_day; any other is refused (insufficient_privilege, as
--    the server's other refusals are, with a sentence saying what is allowed).
--  - A chapter's live volunteers fall into buckets: the month they joined, or one
--    bucket of those with no date (joined_on '' or not a date). A bucket of 1 to 4 is
--    small. A chapter's joiners of a period are given only when none of its buckets,
--    in any month, is small: its volunteers and each of its periods are then sums of
--    buckets of 0 or at least 5, and so is any difference of two of them (the
--    periods are unions of whole buckets). A period's joiners are never given by
--    looking only inside the period: the volunteers less two periods' joiners would
--    be the months outside both.
--    0 joiners is given: it names nobody, and withholding it would be read off the
--    larger periods around it.
--  - A chapter of fewer than 5 volunteers is not listed (0014). When one or more are
--    (1 to 4 each; one of 0 is not in the table and names nobody), the chapter of 5
--    or more with the lowest id is not listed either (secondary suppression), so the
--    coalition's total can stay exact: the total less the chapters shown is then the
--    small ones plus one of at least 5, which bounds each small one only by 0 to
--    min(4, rest - 5) (exact only when all of them are 0, naming nobody). It is
--    chosen by id, not by size: the smallest would be known to be no larger than any
--    shown, and that upper bound could pin a small one (4 and 6 beside a shown 6
--    leave 10: the small one is 4). A chapter not listed has its joiners withheld
--    too, in every period.
--    With no chapter of 5 or more to withhold (all are small) the total is withheld.
--  - The coalition's joiners: the chapters whose joiners are withheld (not listed,
--    or with a small bucket) are pooled, bucket by bucket, and the total is given
--    only when no pooled bucket is small. The total less the chapters shown is then
--    the pool's joiners of the period, itself a sum of pooled buckets of 0 or at
--    least 5, as is the pool's volunteers less it; and the withheld set does not
--    depend on the period, so two periods' totals differ by whole pooled buckets.
--  - The districts (coalition_volunteer_counts, 0014) had the same hole as the
--    chapters: per chamber, the coalition's volunteers less the districts listed are
--    those of the districts not listed and of none, and the legislators' list says
--    which districts those are (2 in a third district were 300 less the 298 listed).
--    So in a chamber with a cell of 1 to 4 (a district, or the volunteers of no
--    district), unless the volunteers of no district, never listed, are 5 or more,
--    the first district by name of 5 or more is not listed either: the same bound as
--    the chapters'. The districts have no period, and so nothing to difference.
-- This costs the coordinator joiners wherever a month had 1 to 4 of them; a count
-- withheld says "not given" in the workbook, which is better than a count that with
-- another one names a person. Counts read at two different times differ by those who
-- joined or left between: that is not closed here (nor can a count of a live roster).
--
-- The signature and the grants are 0014's (chapterdesk_coalition_grants() grants
-- EXECUTE on it by name); the body is plpgsql so that it can refuse a period.
CREATE OR REPLACE FUNCTION coalition_chapter_volunteers(from_day text, to_day text)
RETURNS TABLE (chapter_id bigint, volunteers bigint, joined bigint)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF from_day IS NULL OR to_day IS NULL
        OR from_day !~ '^[0-9]{4}-(0[1-9]|1[0-2])-01$' OR to_day !~ '^[0-9]{4}-(0[1-9]|1[0-2])-01$'
        OR to_day <= from_day THEN
        RAISE EXCEPTION 'the coalition''s counts of joiners are by whole calendar months: from % to % is not one; give the first day of a month (YYYY-MM-01) and the first day of a later month',
            coalesce(from_day, 'nothing'), coalesce(to_day, 'nothing') USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN QUERY
    WITH b AS ( -- a chapter's live volunteers per month joined; '' the undated
        SELECT v.chapter_id AS chapter, CASE WHEN v.joined_on ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN left(v.joined_on, 7) ELSE '' END AS month,
               count(*) AS n
        FROM volunteers v WHERE v.deleted_at IS NULL
        GROUP BY 1, 2
    ), c AS (
        SELECT b.chapter, sum(b.n)::bigint AS volunteers,
               coalesce(sum(b.n) FILTER (WHERE b.month <> '' AND b.month >= left(from_day, 7) AND b.month < left(to_day, 7)), 0)::bigint AS joined,
               bool_or(b.n < 5) AS small_bucket
        FROM b GROUP BY b.chapter
    ), secondary AS ( -- a chapter of 5 or more, when a chapter of 1 to 4 is withheld
        SELECT c.chapter FROM c
        WHERE c.volunteers >= 5 AND EXISTS (SELECT FROM c s WHERE s.volunteers < 5)
        ORDER BY c.chapter LIMIT 1
    ), shown AS (
        SELECT c.*, c.volunteers >= 5 AND c.chapter IS DISTINCT FROM (SELECT s.chapter FROM secondary s) AS listed
        FROM c
    ), pool AS ( -- the buckets of the chapters whose joiners are withheld, summed
        SELECT b.month, sum(b.n) AS n
        FROM b JOIN shown s ON s.chapter = b.chapter
        WHERE NOT s.listed OR s.small_bucket
        GROUP BY b.month
    ), total AS (
        SELECT sum(c.volunteers)::bigint AS volunteers, sum(c.joined)::bigint AS joined FROM c
    )
    SELECT s.chapter, s.volunteers, CASE WHEN NOT s.small_bucket THEN s.joined END
    FROM shown s WHERE s.listed
    UNION ALL
    SELECT NULL, t.volunteers, CASE WHEN NOT EXISTS (SELECT FROM pool p WHERE p.n < 5) THEN t.joined END
    FROM total t
    WHERE t.volunteers >= 5 AND (EXISTS (SELECT FROM secondary) OR NOT EXISTS (SELECT FROM c WHERE c.volunteers < 5));
END $$;

-- Per chamber and district, live volunteers living there (0014's), less a district of
-- 5 or more beside a small one (see above). Same columns, so the grants stay.
CREATE OR REPLACE VIEW coalition_volunteer_counts WITH (security_barrier) AS
WITH d AS (
    SELECT 'upper'::text AS chamber, v.senate_district AS district, count(*) AS volunteers
    FROM volunteers v
    WHERE v.deleted_at IS NULL AND (SELECT chapterdesk_is_coordinator())
    GROUP BY v.senate_district
    UNION ALL
    SELECT 'lower'::text, v.house_district, count(*)
    FROM volunteers v
    WHERE v.deleted_at IS NULL AND (SELECT chapterdesk_is_coordinator())
    GROUP BY v.house_district
), secondary AS (
    SELECT DISTINCT ON (d.chamber) d.chamber, d.district
    FROM d
    WHERE d.district <> '' AND d.volunteers >= 5
        AND EXISTS (SELECT FROM d s WHERE s.chamber = d.chamber AND s.volunteers < 5)
        AND NOT EXISTS (SELECT FROM d s WHERE s.chamber = d.chamber AND s.district = '' AND s.volunteers >= 5)
    ORDER BY d.chamber, d.district
)
SELECT d.chamber, d.district, d.volunteers
FROM d
WHERE d.district <> '' AND d.volunteers >= 5
    AND NOT EXISTS (SELECT FROM secondary s WHERE s.chamber = d.chamber AND s.district = d.district);
