-- 0019: the volunteers and call reports deleted for good, by UUID, so that a merge of
-- an older backup (or of any file that still holds them) does not bring them back
-- (tester t4, F4). An import taken back (import undo) and the trash emptied deleted
-- them; a merge then added them again as new, "2 volunteers added": a person who
-- asked to be erased came back, and a wrongly imported list with them.
--
-- Only the UUID and why: nothing of the person stays. reason is 'import undo' (of
-- import batch_id) or 'trash emptied'. chapter_id is the chapter the record was
-- under (no foreign key: a chapter a merge's undo removes leaves its rows here).
-- A merge leaves these out and lists them; --bring-back-deleted takes them in and
-- removes their rows.
CREATE TABLE erased_records (
    uuid       TEXT    PRIMARY KEY,
    kind       TEXT    NOT NULL CHECK (kind IN ('volunteer', 'call report')),
    chapter_id INTEGER NOT NULL,
    reason     TEXT    NOT NULL CHECK (reason IN ('import undo', 'trash emptied')),
    batch_id   INTEGER,
    erased_at  INTEGER NOT NULL,
    erased_by  TEXT    NOT NULL DEFAULT ''
);
