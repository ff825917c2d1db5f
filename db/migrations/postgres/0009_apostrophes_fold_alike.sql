-- 0009 (PostgreSQL): an apostrophe is one letter however it was typed (db/text.go,
-- nameApostrophes): the folded names are folded again, and the search's own fold of a
-- city or an email folds them as the Go one does.
UPDATE volunteers
   SET name_key = translate(name_key, '’‘ʼ`', ''''''''''),
       last_key = translate(last_key, '’‘ʼ`', '''''''''')
 WHERE name_key ~ '[’‘ʼ`]';

CREATE OR REPLACE FUNCTION chapterdesk_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT btrim(regexp_replace(lower(regexp_replace(translate(normalize(coalesce(t, ''), NFD), '’‘ʼ`', ''''''''''),
                                                     '[\u0300-\u036f]', '', 'g')),
                                '\s+', ' ', 'g'))
$$;
