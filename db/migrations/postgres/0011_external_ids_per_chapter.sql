-- 0011 (PostgreSQL): a volunteer's external id (NationBuilder, Action Network, ...)
-- is keyed per chapter. It was keyed (system, external_id) across the whole server,
-- so when a second chapter imported people another chapter already held by their
-- NationBuilder ids, its ids were silently not stored (ON CONFLICT DO NOTHING), its
-- re-import of a changed person then created that person again, and a lead inserting
-- an id learnt from the unique violation that another chapter knew it. Two chapters
-- may each know the same person; a data file keeps one chapter's ids.
--
-- The chapter is the volunteer's, kept by the database whoever writes the row (the
-- app's statements, COPY, a merge), so no writer names it and none can name another.
-- The trigger reads the volunteer with the writer's rights: a lead's row for a
-- volunteer she cannot see gets no chapter and is refused (NOT NULL), as its policy
-- would refuse it.

ALTER TABLE volunteer_external_ids ADD COLUMN chapter_id bigint REFERENCES chapters (id) DEFERRABLE;
UPDATE volunteer_external_ids e SET chapter_id = v.chapter_id FROM volunteers v WHERE v.id = e.volunteer_id;
ALTER TABLE volunteer_external_ids ALTER COLUMN chapter_id SET NOT NULL;
ALTER TABLE volunteer_external_ids DROP CONSTRAINT volunteer_external_ids_pkey;
ALTER TABLE volunteer_external_ids ADD PRIMARY KEY (chapter_id, system, external_id);

CREATE FUNCTION volunteer_external_ids_chapter() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.chapter_id := (SELECT chapter_id FROM volunteers WHERE id = NEW.volunteer_id);
    RETURN NEW;
END $$;
CREATE TRIGGER volunteer_external_ids_chapter BEFORE INSERT OR UPDATE ON volunteer_external_ids
    FOR EACH ROW EXECUTE FUNCTION volunteer_external_ids_chapter();

-- A volunteer moved to another chapter takes its ids along.
CREATE FUNCTION volunteers_external_ids_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE volunteer_external_ids SET chapter_id = NEW.chapter_id WHERE volunteer_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER volunteers_external_ids_follow AFTER UPDATE OF chapter_id ON volunteers
    FOR EACH ROW WHEN (OLD.chapter_id IS DISTINCT FROM NEW.chapter_id)
    EXECUTE FUNCTION volunteers_external_ids_follow();
