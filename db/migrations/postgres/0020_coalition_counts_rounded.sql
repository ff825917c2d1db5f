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

-- The districts as the directory spells them. A lead's app spells a volunteer's
-- district as the legislators' directory does when it saves one, and an import of
-- legislators respells the rosters, but not the coordinator's: it does not read them
-- (db.fixDistrictsAfterImport). Until the owner's next import, "second suffolk" and
-- "Second Suffolk" were two groups here: the directory's district short of those
-- typed otherwise, who were a group of their own, often withheld, beside which a
-- second district was withheld. Now a typed district whose key is that of exactly one
-- of the chamber's directory districts counts as that district.
--
-- chapterdesk_district_key is db.DistrictKey: case folded, "&" read as "and", split at
-- every ASCII character not a letter or digit, a leading "the" dropped, the chamber
-- words before a district's number dropped (NGP VAN's "SD-02", "HD 011", "sd02",
-- "Senate District 2", "LD 26"), every number, ordinal or number word ("2", "2nd",
-- "second", "twenty-first") written as a numeric ordinal, and the zeros before a
-- subdistrict's number ("027A" is "27a"). It folds no accents and no letters outside ASCII (db.DistrictKey
-- does), so two texts it gives one key always have one db.DistrictKey: it matches
-- less, never more.
CREATE FUNCTION chapterdesk_number_word(w text) RETURNS int LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    units text[] := ARRAY['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
        'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
    ords text[] := ARRAY['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth',
        'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth',
        'eighteenth', 'nineteenth'];
    tens text[] := ARRAY['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
    tensOrd text[] := ARRAY['twentieth', 'thirtieth', 'fortieth', 'fiftieth', 'sixtieth', 'seventieth', 'eightieth', 'ninetieth'];
    n int := coalesce(array_position(units, w), array_position(ords, w));
    t int;
    u int;
BEGIN
    IF n IS NOT NULL THEN
        RETURN n;
    END IF;
    t := coalesce(array_position(tens, w), array_position(tensOrd, w));
    IF t IS NOT NULL THEN
        RETURN 10 + 10 * t;
    END IF;
    FOR t IN 1 .. 8 LOOP -- "twentyfirst", "twentyone"
        IF starts_with(w, tens[t]) THEN
            u := coalesce(array_position(units, substr(w, length(tens[t]) + 1)),
                          array_position(ords, substr(w, length(tens[t]) + 1)));
            IF u IS NOT NULL AND u < 10 THEN
                RETURN 10 + 10 * t + u;
            END IF;
        END IF;
    END LOOP;
    RETURN NULL;
END $$;

CREATE FUNCTION chapterdesk_district_key(s text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    words text[] := array_remove(regexp_split_to_array(lower(replace(coalesce(s, ''), '&', ' and ')),
        '[^a-z0-9\u0080-\U0010FFFF]+'), '');
    out text[] := '{}';
    i int := 1;
    n bigint;
    u int;
    m text[];
    j int := 1;
BEGIN
    IF cardinality(words) > 1 AND words[1] = 'the' THEN
        words := words[2:];
    END IF;
    -- db.dropChamberWords
    IF cardinality(words) = 1 THEN
        m := regexp_match(words[1], '^(sd|hd|ld|ad)([0-9].*)$');
        IF m IS NOT NULL THEN
            words := ARRAY[m[2]];
        END IF;
    ELSE
        WHILE j < cardinality(words) AND words[j] = ANY (ARRAY['sd', 'hd', 'ld', 'ad', 'senate', 'house',
            'assembly', 'state', 'legislative', 'district', 'dist']) LOOP
            j := j + 1;
        END LOOP;
        IF j > 1 AND words[j] ~ '^[0-9]' THEN
            words := words[j:];
        END IF;
    END IF;
    WHILE i <= cardinality(words) LOOP
        n := chapterdesk_number_word(words[i]);
        IF n IS NOT NULL THEN
            -- "twenty-first" came apart at the hyphen: one number.
            IF i < cardinality(words) AND n >= 20 AND n % 10 = 0 THEN
                u := chapterdesk_number_word(words[i + 1]);
                IF u IS NOT NULL AND u < 10 THEN
                    n := n + u;
                    i := i + 1;
                END IF;
            END IF;
        ELSE
            m := regexp_match(words[i], '^([0-9]{1,18})(st|nd|rd|th|d)?$');
            IF m IS NOT NULL THEN
                n := m[1]::bigint;
            END IF;
        END IF;
        IF n IS NULL AND words[i] ~ '^0+[1-9]' THEN
            out := out || regexp_replace(words[i], '^0+', '');
        ELSIF n IS NULL THEN
            out := out || words[i];
        ELSE
            out := out || (n::text || CASE WHEN n % 100 BETWEEN 11 AND 13 THEN 'th' WHEN n % 10 = 1 THEN 'st'
                WHEN n % 10 = 2 THEN 'nd' WHEN n % 10 = 3 THEN 'rd' ELSE 'th' END);
        END IF;
        i := i + 1;
    END LOOP;
    RETURN array_to_string(out, ' ');
END $$;

-- 0015's view, its districts grouped as the directory spells them: the roster's
-- districts are counted per typed text first (a few hundred), and only those texts
-- are keyed.
CREATE OR REPLACE VIEW coalition_volunteer_counts_exact WITH (security_barrier) AS
WITH typed AS (
    SELECT 'upper'::text AS chamber, v.senate_district AS district, count(*) AS volunteers
    FROM volunteers v
    WHERE v.deleted_at IS NULL AND (SELECT chapterdesk_is_coordinator())
    GROUP BY v.senate_district
    UNION ALL
    SELECT 'lower'::text, v.house_district, count(*)
    FROM volunteers v
    WHERE v.deleted_at IS NULL AND (SELECT chapterdesk_is_coordinator())
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
