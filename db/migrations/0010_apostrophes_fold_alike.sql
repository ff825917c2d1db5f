-- 0010: an apostrophe is one letter however it was typed (db/text.go, nameApostrophes):
-- the folded names are folded again, so a volunteer stored as "O’Brien" is found by
-- "O'Brien" and matched by an import that spells it so.
UPDATE volunteers
   SET name_key = replace(replace(replace(replace(name_key, '’', ''''), '‘', ''''), 'ʼ', ''''), '`', ''''),
       last_key = replace(replace(replace(replace(last_key, '’', ''''), '‘', ''''), 'ʼ', ''''), '`', '''')
 WHERE name_key GLOB '*[’‘ʼ`]*';
