-- 0012: a volunteer's external id (NationBuilder, Action Network, ...) is keyed per
-- chapter, as on a server since its migration postgres/0011. A file holds several
-- chapters once merged (a coordinator's roll-up), and two chapters may each know the
-- same person: with the key (system, external_id) across the file, a merge silently
-- dropped the second chapter's ids (ON CONFLICT DO NOTHING), an import after it
-- stored none of its own chapter's ids that another chapter held, and a re-import of
-- a changed person then added that person again.
--
-- chapter_id is the volunteer's; the writers give it (an import writes its own
-- chapter's people, a merge the chapter of the volunteer it made), and a volunteer
-- moved to another chapter takes its ids along. Key columns first (see 0002).
CREATE TABLE volunteer_external_ids_v3 (
    chapter_id   INTEGER NOT NULL REFERENCES chapters (id),
    system       TEXT    NOT NULL,
    external_id  TEXT    NOT NULL,
    volunteer_id INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
    PRIMARY KEY (chapter_id, system, external_id)
) WITHOUT ROWID;
INSERT INTO volunteer_external_ids_v3 (chapter_id, system, external_id, volunteer_id)
    SELECT v.chapter_id, e.system, e.external_id, e.volunteer_id
    FROM volunteer_external_ids e JOIN volunteers v ON v.id = e.volunteer_id;
DROP TABLE volunteer_external_ids;
ALTER TABLE volunteer_external_ids_v3 RENAME TO volunteer_external_ids;
CREATE INDEX volunteer_external_ids_volunteer ON volunteer_external_ids (volunteer_id);

CREATE TRIGGER volunteers_external_ids_follow AFTER UPDATE OF chapter_id ON volunteers
    WHEN OLD.chapter_id IS NOT NEW.chapter_id
BEGIN
    UPDATE volunteer_external_ids SET chapter_id = NEW.chapter_id WHERE volunteer_id = NEW.id;
END;
