-- 0002: volunteer_external_ids with its key columns first.
--
-- Same data, columns reordered. Debian 12's sqlite3 tool (SQLite 3.40) reports false
-- "NULL value in volunteer_external_ids.volunteer_id" errors from PRAGMA
-- integrity_check on a WITHOUT ROWID table whose primary key is not its leading
-- columns; a lead or a coalition volunteer checking a file with it must see "ok".
CREATE TABLE volunteer_external_ids_v2 (
    system       TEXT    NOT NULL,
    external_id  TEXT    NOT NULL,
    volunteer_id INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
    PRIMARY KEY (system, external_id)
) WITHOUT ROWID;
INSERT INTO volunteer_external_ids_v2 (system, external_id, volunteer_id)
    SELECT system, external_id, volunteer_id FROM volunteer_external_ids;
DROP TABLE volunteer_external_ids;
ALTER TABLE volunteer_external_ids_v2 RENAME TO volunteer_external_ids;
CREATE INDEX volunteer_external_ids_volunteer ON volunteer_external_ids (volunteer_id);
