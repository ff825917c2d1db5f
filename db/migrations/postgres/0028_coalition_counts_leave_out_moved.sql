-- 0028 (PostgreSQL): the coordinator's volunteers living in a district leave out the
-- volunteers marked Moved, as the workbook of a data file, the owner's and the call
-- sheets do (db.livesThereSQL, tester t5 F6): the coordinator's By district counted
-- them where they no longer live, and read more than the owner for the same data.
-- 0020's view, with that one condition added to both chambers.
CREATE OR REPLACE VIEW coalition_volunteer_counts_exact WITH (security_barrier) AS
WITH typed AS (
    SELECT 'upper'::text AS chamber, v.senate_district AS district, count(*) AS volunteers
    FROM volunteers v
    WHERE v.deleted_at IS NULL AND v.status <> 'moved' AND (SELECT chapterdesk_is_coordinator())
    GROUP BY v.senate_district
    UNION ALL
    SELECT 'lower'::text, v.house_district, count(*)
    FROM volunteers v
    WHERE v.deleted_at IS NULL AND v.status <> 'moved' AND (SELECT chapterdesk_is_coordinator())
    GROUP BY v.house_district
), directory AS ( -- per chamber and key, the one district the directory spells so
    SELECT l.chamber, chapterdesk_district_key(l.district) AS key, min(l.district) AS district
    FROM (SELECT DISTINCT chamber, district FROM legislators WHERE district <> '') l
    GROUP BY 1, 2
    HAVING count(*) = 1
), d AS (
    SELECT t.chamber, coalesce(dir.district, t.district) AS district, sum(t.volunteers)::bigint AS volunteers
    FROM typed t
    LEFT JOIN directory dir ON dir.chamber = t.chamber AND btrim(t.district) <> ''
        AND dir.key = chapterdesk_district_key(t.district)
    GROUP BY 1, 2
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
