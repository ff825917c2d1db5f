-- 0008: the official record beside the whip count (Open States session exports).
--
-- A session export holds every bill of a session; only the bills a campaign follows are
-- kept, with their sponsorships and roll calls. Every row keeps the Open States id it
-- came from, so importing the same export again adds nothing and a newer export of the
-- same session adds what is new. Rows carry the import batch that brought them, so an
-- undo takes them back.
--
-- Written in the SQL subset SQLite and PostgreSQL share: TEXT, INTEGER and REAL columns,
-- keys normalized in Go (number_key, session_key) instead of COLLATE NOCASE, timestamps
-- as INTEGER Unix seconds like the rest of the schema (calendar text kept beside them).
--
-- A session import is recorded in import_batches as kind 'legislators' with format
-- 'openstates-session' (Store.ImportBatches names it 'session'): widening the kind's
-- CHECK would mean rebuilding import_batches, which six tables reference, and SQLite
-- cannot drop a referenced table inside a migration's transaction without its foreign
-- key actions emptying those references.

-- Which session bill stands for a campaign's bill. Only what the lead says is taken:
-- bill numbers are reused from one session to the next (S 1305 of the 194th is not the
-- S.1305 of the 193rd), so a number alone never ties a campaign to a session's bill.
-- session_number may be the campaign's own number (the bill kept its number) or a new
-- one (H.3269 became H 5293). Keyed by the campaign bill's normalized number, not by
-- campaign_bills.id: saving a campaign rewrites its bill rows.
CREATE TABLE campaign_bill_links (
    campaign_id    INTEGER NOT NULL REFERENCES campaigns (id),
    bill_key       TEXT    NOT NULL, -- the campaign's number, normalized (S.1305 -> S1305)
    state          TEXT    NOT NULL, -- two-letter code, upper case
    session        TEXT    NOT NULL, -- Open States' session identifier ("194th", "2024")
    session_number TEXT    NOT NULL, -- as the lead typed it ("H 5293")
    session_key    TEXT    NOT NULL, -- normalized (H5293)
    linked_at      INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, bill_key, state, session)
);

-- A session's bill that a campaign follows.
CREATE TABLE session_bills (
    id              INTEGER PRIMARY KEY,
    openstates_id   TEXT    NOT NULL UNIQUE, -- ocd-bill/...
    state           TEXT    NOT NULL,
    session         TEXT    NOT NULL,
    identifier      TEXT    NOT NULL, -- as Open States writes it ("H 5293")
    number_key      TEXT    NOT NULL, -- normalized (H5293)
    title           TEXT    NOT NULL DEFAULT '',
    chamber         TEXT    NOT NULL DEFAULT '', -- upper, lower, or '' when the export does not say
    exported_on     TEXT    NOT NULL DEFAULT '', -- YYYY-MM-DD of the export that brought it
    import_batch_id INTEGER REFERENCES import_batches (id),
    created_at      INTEGER NOT NULL
);
CREATE INDEX session_bills_number ON session_bills (state, session, number_key);
CREATE INDEX session_bills_batch ON session_bills (import_batch_id);

-- Which campaign bill a kept session bill was taken for, and how (matched_by: 'number'
-- for a link to the campaign's own number, 'link' for a new number, 'docket' for a
-- Massachusetts docket number followed through bill_related_bills).
CREATE TABLE campaign_session_bills (
    campaign_id     INTEGER NOT NULL REFERENCES campaigns (id),
    bill_key        TEXT    NOT NULL,
    session_bill_id INTEGER NOT NULL REFERENCES session_bills (id),
    matched_by      TEXT    NOT NULL,
    import_batch_id INTEGER REFERENCES import_batches (id),
    PRIMARY KEY (campaign_id, bill_key, session_bill_id)
);
CREATE INDEX campaign_session_bills_bill ON campaign_session_bills (session_bill_id);
CREATE INDEX campaign_session_bills_batch ON campaign_session_bills (import_batch_id);

-- Sponsors and cosponsors of a kept bill. legislator_id is set when the sponsor's
-- ocd-person id is a legislator here; otherwise unmatched says why.
CREATE TABLE bill_sponsorships (
    id              INTEGER PRIMARY KEY,
    session_bill_id INTEGER NOT NULL REFERENCES session_bills (id),
    sponsor_key     TEXT    NOT NULL, -- the ocd-person id, else 'name:' and the folded name
    name            TEXT    NOT NULL DEFAULT '',
    person_id       TEXT    NOT NULL DEFAULT '',
    entity_type     TEXT    NOT NULL DEFAULT '',
    is_primary      INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
    classification  TEXT    NOT NULL DEFAULT '',
    legislator_id   INTEGER REFERENCES legislators (id),
    unmatched       TEXT    NOT NULL DEFAULT '',
    import_batch_id INTEGER REFERENCES import_batches (id),
    created_at      INTEGER NOT NULL,
    UNIQUE (session_bill_id, sponsor_key, classification)
);
CREATE INDEX bill_sponsorships_legislator ON bill_sponsorships (legislator_id);
CREATE INDEX bill_sponsorships_batch ON bill_sponsorships (import_batch_id);

-- Roll calls on a kept bill, with the counts the export gives.
CREATE TABLE roll_calls (
    id               INTEGER PRIMARY KEY,
    openstates_id    TEXT    NOT NULL UNIQUE, -- ocd-vote/...
    session_bill_id  INTEGER NOT NULL REFERENCES session_bills (id),
    chamber          TEXT    NOT NULL DEFAULT '',
    motion           TEXT    NOT NULL DEFAULT '',
    start_date       TEXT    NOT NULL DEFAULT '', -- as the export writes it
    voted_at         INTEGER NOT NULL,            -- the same, as Unix seconds
    result           TEXT    NOT NULL DEFAULT '',
    yes_count        INTEGER NOT NULL DEFAULT 0,
    no_count         INTEGER NOT NULL DEFAULT 0,
    other_count      INTEGER NOT NULL DEFAULT 0,
    not_voting_count INTEGER NOT NULL DEFAULT 0,
    import_batch_id  INTEGER REFERENCES import_batches (id),
    created_at       INTEGER NOT NULL
);
CREATE INDEX roll_calls_bill ON roll_calls (session_bill_id, voted_at);
CREATE INDEX roll_calls_batch ON roll_calls (import_batch_id);

-- Each member's vote on a kept roll call. matched_by is 'id' (voter_id), 'name' (the
-- one member of the chamber the journal name fits) or '' with unmatched saying why.
CREATE TABLE roll_call_votes (
    id              INTEGER PRIMARY KEY,
    roll_call_id    INTEGER NOT NULL REFERENCES roll_calls (id),
    voter_key       TEXT    NOT NULL, -- voter_id, else 'name:' and the name as written
    voter_name      TEXT    NOT NULL DEFAULT '',
    voter_id        TEXT    NOT NULL DEFAULT '',
    option          TEXT    NOT NULL, -- yes, no, other, not voting
    legislator_id   INTEGER REFERENCES legislators (id),
    matched_by      TEXT    NOT NULL DEFAULT '',
    unmatched       TEXT    NOT NULL DEFAULT '',
    import_batch_id INTEGER REFERENCES import_batches (id),
    UNIQUE (roll_call_id, voter_key)
);
CREATE INDEX roll_call_votes_legislator ON roll_call_votes (legislator_id);
CREATE INDEX roll_call_votes_batch ON roll_call_votes (import_batch_id);
