-- 0012: the UUIDs of the call reports an undone import deleted, each with a hash of
-- what the report held (office, stance heard, notes: see contentHash). A call import
-- numbers the calls of one key in slots (see slotID) and takes a free slot as the end
-- of the key's calls; an undo that deleted a lower slot while a later import's report
-- kept a higher one left a gap, and importing again filed that report a second time.
-- A slot listed here is taken, and the report that held it is added back under it.
CREATE TABLE undone_call_slots (
    uuid    TEXT    NOT NULL PRIMARY KEY,
    content INTEGER NOT NULL
);
