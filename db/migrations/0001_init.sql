-- 0001_init: the whole ChapterDesk data model.
--
-- Conventions:
--   * every record that can travel between chapters has a stable `uuid` (text, RFC 4122)
--     besides its integer row id; merges match on it.
--   * timestamps (*_at) are INTEGER seconds since 1970 UTC: a quarter of the bytes of
--     RFC 3339 text in the table and in every index that holds them, which matters at a
--     million call reports (read them with datetime(x, 'unixepoch')). Calendar dates
--     (joined_on) are 'YYYY-MM-DD' text.
--   * `deleted_at` marks a soft-deleted row (the trash); NULL means live.
--   * vocabularies are enforced with CHECK so a bad value never lands. They are written
--     as OR chains, not IN lists: SQLite builds a temporary b-tree for a constant IN list
--     of more than two values on every run of a statement, which made each single-row
--     INSERT four times slower.

-- The chapters present in this file. Exactly one row has is_self = 1: the chapter that
-- owns the file (its profile: name, contact block for leaflets). Merged chapters come in
-- as further rows.
CREATE TABLE chapters (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT    NOT NULL UNIQUE,
    is_self      INTEGER NOT NULL DEFAULT 0 CHECK (is_self IN (0, 1)),
    name         TEXT    NOT NULL,
    state        TEXT    NOT NULL DEFAULT '',
    contact_name TEXT    NOT NULL DEFAULT '',
    email        TEXT    NOT NULL DEFAULT '',
    phone        TEXT    NOT NULL DEFAULT '',
    website      TEXT    NOT NULL DEFAULT '',
    address      TEXT    NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE UNIQUE INDEX chapters_one_self ON chapters (is_self) WHERE is_self = 1;

-- Import batches: one row per committed import, so an import can be listed and undone.
CREATE TABLE import_batches (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT    NOT NULL UNIQUE,
    kind        TEXT    NOT NULL CHECK (kind = 'volunteers' OR kind = 'legislators' OR kind = 'calls' OR
                                        kind = 'merge' OR kind = 'campaign'),
    format      TEXT    NOT NULL DEFAULT '',
    source_name TEXT    NOT NULL DEFAULT '',
    created     INTEGER NOT NULL DEFAULT 0,
    updated     INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    undone_at   INTEGER
);

-- What an import changed in rows that existed before it, so undo can put them back.
-- Rows an import created carry its batch id in their own import_batch_id column.
CREATE TABLE import_changes (
    id         INTEGER PRIMARY KEY,
    batch_id   INTEGER NOT NULL REFERENCES import_batches (id) ON DELETE CASCADE,
    table_name TEXT    NOT NULL,
    row_id     INTEGER NOT NULL,
    before     TEXT    NOT NULL -- JSON object of the columns as they were
);
CREATE INDEX import_changes_batch ON import_changes (batch_id);

-- Campaigns: one bill push (possibly a Senate and a House bill), with texts per language.
CREATE TABLE campaigns (
    id                  INTEGER PRIMARY KEY,
    uuid                TEXT    NOT NULL UNIQUE,
    revision            INTEGER NOT NULL DEFAULT 1,
    state               TEXT    NOT NULL DEFAULT '',
    default_lang        TEXT    NOT NULL DEFAULT 'en',
    action_url          TEXT    NOT NULL DEFAULT '',
    votes_needed_upper  INTEGER NOT NULL DEFAULT 0 CHECK (votes_needed_upper >= 0),
    votes_needed_lower  INTEGER NOT NULL DEFAULT 0 CHECK (votes_needed_lower >= 0),
    status              TEXT    NOT NULL DEFAULT 'active' CHECK (status = 'active' OR status = 'won' OR
                                                                 status = 'lost' OR status = 'archived'),
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    deleted_at          INTEGER
);

-- The bills of a campaign, usually one per chamber, with their lead sponsor.
CREATE TABLE campaign_bills (
    id          INTEGER PRIMARY KEY,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    chamber     TEXT    NOT NULL CHECK (chamber IN ('upper', 'lower')),
    number      TEXT    NOT NULL,
    sponsor     TEXT    NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    UNIQUE (campaign_id, number)
);

-- A campaign's texts in one language. The call script may hold placeholders
-- ({legislator_title}, {legislator_name}, {caller_name}, {caller_town}, {bill_number}).
CREATE TABLE campaign_texts (
    campaign_id     INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    lang            TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    summary         TEXT    NOT NULL DEFAULT '',
    call_script     TEXT    NOT NULL DEFAULT '',
    script_key_line TEXT    NOT NULL DEFAULT '',
    help_intro      TEXT    NOT NULL DEFAULT '',
    updated_at      INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, lang)
) WITHOUT ROWID;

-- FAQ sections ("What the bill is", "What it is not", ...), ordered, translated apart.
CREATE TABLE faq_sections (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT    NOT NULL UNIQUE,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    deleted_at  INTEGER
);
CREATE INDEX faq_sections_campaign ON faq_sections (campaign_id, position);

CREATE TABLE faq_section_texts (
    section_id INTEGER NOT NULL REFERENCES faq_sections (id) ON DELETE CASCADE,
    lang       TEXT    NOT NULL,
    title      TEXT    NOT NULL,
    PRIMARY KEY (section_id, lang)
) WITHOUT ROWID;

-- FAQ entries: a question and its answer, in a section, ordered, one text per language.
CREATE TABLE faq_entries (
    id         INTEGER PRIMARY KEY,
    uuid       TEXT    NOT NULL UNIQUE,
    section_id INTEGER NOT NULL REFERENCES faq_sections (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    deleted_at INTEGER
);
CREATE INDEX faq_entries_section ON faq_entries (section_id, position);

CREATE TABLE faq_entry_texts (
    entry_id INTEGER NOT NULL REFERENCES faq_entries (id) ON DELETE CASCADE,
    lang     TEXT    NOT NULL,
    question TEXT    NOT NULL,
    answer   TEXT    NOT NULL DEFAULT '',
    PRIMARY KEY (entry_id, lang)
) WITHOUT ROWID;

-- "How you can help" steps, ordered, one text per language.
CREATE TABLE help_steps (
    id          INTEGER PRIMARY KEY,
    uuid        TEXT    NOT NULL UNIQUE,
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    deleted_at  INTEGER
);
CREATE INDEX help_steps_campaign ON help_steps (campaign_id, position);

CREATE TABLE help_step_texts (
    step_id INTEGER NOT NULL REFERENCES help_steps (id) ON DELETE CASCADE,
    lang    TEXT    NOT NULL,
    body    TEXT    NOT NULL,
    PRIMARY KEY (step_id, lang)
) WITHOUT ROWID;

-- Volunteers. Phones are kept as typed (phone, mobile) and normalized to E.164
-- (phone_e164, mobile_e164; '' when the text could not be read as a number).
-- name_key holds the folded (lowercase, accents removed) "first last" for search and
-- matching; the Store keeps it in step with the names.
CREATE TABLE volunteers (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT    NOT NULL, -- unique: see volunteers_uuid
    chapter_id      INTEGER NOT NULL REFERENCES chapters (id),
    first_name      TEXT    NOT NULL DEFAULT '',
    last_name       TEXT    NOT NULL DEFAULT '',
    name_key        TEXT    NOT NULL DEFAULT '',
    last_key        TEXT    NOT NULL DEFAULT '',
    email           TEXT    NOT NULL DEFAULT '',
    phone           TEXT    NOT NULL DEFAULT '',
    phone_e164      TEXT    NOT NULL DEFAULT '',
    mobile          TEXT    NOT NULL DEFAULT '',
    mobile_e164     TEXT    NOT NULL DEFAULT '',
    address1        TEXT    NOT NULL DEFAULT '',
    address2        TEXT    NOT NULL DEFAULT '',
    city            TEXT    NOT NULL DEFAULT '',
    state           TEXT    NOT NULL DEFAULT '',
    zip             TEXT    NOT NULL DEFAULT '',
    senate_district TEXT    NOT NULL DEFAULT '',
    house_district  TEXT    NOT NULL DEFAULT '',
    ok_call         INTEGER NOT NULL DEFAULT 1 CHECK (ok_call IN (0, 1)),
    ok_text         INTEGER NOT NULL DEFAULT 0 CHECK (ok_text IN (0, 1)),
    ok_email        INTEGER NOT NULL DEFAULT 1 CHECK (ok_email IN (0, 1)),
    do_not_contact  INTEGER NOT NULL DEFAULT 0 CHECK (do_not_contact IN (0, 1)),
    status          TEXT    NOT NULL DEFAULT 'active' CHECK (status = 'prospect' OR status = 'active' OR
                                                             status = 'inactive' OR status = 'moved'),
    recruiter_id    INTEGER REFERENCES volunteers (id) ON DELETE SET NULL,
    source          TEXT    NOT NULL DEFAULT '',
    notes           TEXT    NOT NULL DEFAULT '',
    joined_on       TEXT    NOT NULL DEFAULT '',
    import_batch_id INTEGER REFERENCES import_batches (id) ON DELETE SET NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    deleted_at      INTEGER
);
-- The big tables (volunteers, call_reports, stance_history) enforce UUID uniqueness with
-- a named index instead of a column constraint: a bulk load into an empty table may drop
-- a named index and build it once at the end (ten times faster than random inserts).
CREATE UNIQUE INDEX volunteers_uuid ON volunteers (uuid);
-- Prefix search (range scans) on the keys a lead types; partial on live rows.
CREATE INDEX volunteers_name_key  ON volunteers (name_key)  WHERE deleted_at IS NULL;
-- (last_key, name_key) is also the roster's list order, so a page needs no sort.
CREATE INDEX volunteers_last_key  ON volunteers (last_key, name_key) WHERE deleted_at IS NULL;
CREATE INDEX volunteers_email     ON volunteers (email COLLATE NOCASE) WHERE deleted_at IS NULL;
CREATE INDEX volunteers_phone     ON volunteers (phone_e164)  WHERE deleted_at IS NULL AND phone_e164 <> '';
CREATE INDEX volunteers_mobile    ON volunteers (mobile_e164) WHERE deleted_at IS NULL AND mobile_e164 <> '';
CREATE INDEX volunteers_zip       ON volunteers (zip)         WHERE deleted_at IS NULL;
CREATE INDEX volunteers_recruiter ON volunteers (recruiter_id) WHERE recruiter_id IS NOT NULL;
CREATE INDEX volunteers_batch     ON volunteers (import_batch_id) WHERE import_batch_id IS NOT NULL;

-- IDs a volunteer carries in other systems (nationbuilder, actionnetwork, ngpvan, civicrm).
CREATE TABLE volunteer_external_ids (
    volunteer_id INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
    system       TEXT    NOT NULL,
    external_id  TEXT    NOT NULL,
    PRIMARY KEY (system, external_id)
) WITHOUT ROWID;
CREATE INDEX volunteer_external_ids_volunteer ON volunteer_external_ids (volunteer_id);

-- Languages a volunteer speaks (BCP 47 codes: en, es, pt, ht, vi, ...).
CREATE TABLE volunteer_languages (
    volunteer_id INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
    lang         TEXT    NOT NULL,
    PRIMARY KEY (volunteer_id, lang)
) WITHOUT ROWID;
CREATE INDEX volunteer_languages_lang ON volunteer_languages (lang, volunteer_id);

-- Tags and skills share one vocabulary table, told apart by kind.
CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    kind TEXT    NOT NULL DEFAULT 'tag' CHECK (kind IN ('tag', 'skill')),
    name TEXT    NOT NULL,
    UNIQUE (kind, name COLLATE NOCASE)
);

CREATE TABLE volunteer_tags (
    volunteer_id INTEGER NOT NULL REFERENCES volunteers (id) ON DELETE CASCADE,
    tag_id       INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (volunteer_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX volunteer_tags_tag ON volunteer_tags (tag_id, volunteer_id);

-- Legislators as imported (Open States or by hand). The lead's own edits live apart in
-- legislator_edits so a re-import can refresh these columns without losing them.
CREATE TABLE legislators (
    id               INTEGER PRIMARY KEY,
    uuid             TEXT    NOT NULL UNIQUE,
    openstates_id    TEXT    UNIQUE,
    state            TEXT    NOT NULL DEFAULT '',
    chamber          TEXT    NOT NULL CHECK (chamber IN ('upper', 'lower')),
    district         TEXT    NOT NULL,
    name             TEXT    NOT NULL,
    given_name       TEXT    NOT NULL DEFAULT '',
    family_name      TEXT    NOT NULL DEFAULT '',
    party            TEXT    NOT NULL DEFAULT '',
    email            TEXT    NOT NULL DEFAULT '',
    capitol_address  TEXT    NOT NULL DEFAULT '',
    capitol_phone    TEXT    NOT NULL DEFAULT '',
    capitol_fax      TEXT    NOT NULL DEFAULT '',
    district_address TEXT    NOT NULL DEFAULT '',
    district_phone   TEXT    NOT NULL DEFAULT '',
    district_fax     TEXT    NOT NULL DEFAULT '',
    url              TEXT    NOT NULL DEFAULT '',
    image_url        TEXT    NOT NULL DEFAULT '',
    in_office        INTEGER NOT NULL DEFAULT 1 CHECK (in_office IN (0, 1)),
    notes            TEXT    NOT NULL DEFAULT '',
    import_batch_id  INTEGER REFERENCES import_batches (id) ON DELETE SET NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    deleted_at       INTEGER
);
CREATE INDEX legislators_district ON legislators (chamber, district);

-- The lead's own value for one field of a legislator; wins over the imported value.
CREATE TABLE legislator_edits (
    legislator_id INTEGER NOT NULL REFERENCES legislators (id) ON DELETE CASCADE,
    field         TEXT    NOT NULL CHECK (field = 'name' OR field = 'party' OR field = 'email' OR
                                          field = 'capitol_address' OR field = 'capitol_phone' OR
                                          field = 'capitol_fax' OR field = 'district_address' OR
                                          field = 'district_phone' OR field = 'district_fax' OR
                                          field = 'url'),
    value         TEXT    NOT NULL,
    edited_at     INTEGER NOT NULL,
    PRIMARY KEY (legislator_id, field)
) WITHOUT ROWID;

-- Whip count history: append-only. Every change of a legislator's stance on a campaign
-- is a new row with who, when and why; nothing is ever updated or deleted.
CREATE TABLE stance_history (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT    NOT NULL, -- unique: see stance_history_uuid
    campaign_id    INTEGER NOT NULL REFERENCES campaigns (id),
    legislator_id  INTEGER NOT NULL REFERENCES legislators (id),
    stance         TEXT    NOT NULL CHECK (stance = 'sponsor' OR stance = 'cosponsor' OR stance = 'yes' OR
                                           stance = 'leaning_yes' OR stance = 'undecided' OR
                                           stance = 'leaning_no' OR stance = 'no' OR stance = 'unknown'),
    changed_at     INTEGER NOT NULL,
    changed_by     TEXT    NOT NULL DEFAULT '',
    reason         TEXT    NOT NULL DEFAULT '',
    call_report_id INTEGER REFERENCES call_reports (id),
    chapter_id     INTEGER REFERENCES chapters (id)
);
CREATE UNIQUE INDEX stance_history_uuid ON stance_history (uuid);
CREATE INDEX stance_history_lookup ON stance_history (campaign_id, legislator_id, changed_at);

CREATE TRIGGER stance_history_no_update BEFORE UPDATE ON stance_history
BEGIN SELECT RAISE(ABORT, 'stance history is append-only'); END;
CREATE TRIGGER stance_history_no_delete BEFORE DELETE ON stance_history
BEGIN SELECT RAISE(ABORT, 'stance history is append-only'); END;

-- The current stance per campaign and legislator: the newest history row, kept by trigger
-- so the whip count never scans the history.
CREATE TABLE stances (
    campaign_id   INTEGER NOT NULL REFERENCES campaigns (id),
    legislator_id INTEGER NOT NULL REFERENCES legislators (id),
    stance        TEXT    NOT NULL,
    history_id    INTEGER NOT NULL REFERENCES stance_history (id),
    changed_at    INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, legislator_id)
) WITHOUT ROWID;

CREATE TRIGGER stance_history_current AFTER INSERT ON stance_history
BEGIN
    INSERT INTO stances (campaign_id, legislator_id, stance, history_id, changed_at)
    VALUES (NEW.campaign_id, NEW.legislator_id, NEW.stance, NEW.id, NEW.changed_at)
    ON CONFLICT (campaign_id, legislator_id) DO UPDATE
        SET stance = excluded.stance, history_id = excluded.history_id, changed_at = excluded.changed_at
        WHERE excluded.changed_at >= stances.changed_at;
END;

-- Call reports: one call by a volunteer to a legislator's office.
CREATE TABLE call_reports (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT    NOT NULL, -- unique: see call_reports_uuid
    chapter_id      INTEGER NOT NULL REFERENCES chapters (id),
    campaign_id     INTEGER NOT NULL REFERENCES campaigns (id),
    volunteer_id    INTEGER REFERENCES volunteers (id),
    legislator_id   INTEGER NOT NULL REFERENCES legislators (id),
    called_at       INTEGER NOT NULL,
    office          TEXT    NOT NULL DEFAULT 'capitol' CHECK (office = 'capitol' OR office = 'district' OR
                                                              office = 'other'),
    outcome         TEXT    NOT NULL CHECK (outcome = 'spoke_legislator' OR outcome = 'spoke_staff' OR
                                            outcome = 'left_voicemail' OR outcome = 'voicemail_full' OR
                                            outcome = 'busy' OR outcome = 'no_answer' OR
                                            outcome = 'wrong_number'),
    stance_heard    TEXT    NOT NULL DEFAULT '' CHECK (stance_heard = '' OR stance_heard = 'sponsor' OR
                                                       stance_heard = 'cosponsor' OR stance_heard = 'yes' OR
                                                       stance_heard = 'leaning_yes' OR
                                                       stance_heard = 'undecided' OR
                                                       stance_heard = 'leaning_no' OR stance_heard = 'no' OR
                                                       stance_heard = 'unknown'),
    gave_name_zip   INTEGER NOT NULL DEFAULT 0 CHECK (gave_name_zip IN (0, 1)),
    follow_up       INTEGER NOT NULL DEFAULT 0 CHECK (follow_up IN (0, 1)),
    follow_up_done  INTEGER NOT NULL DEFAULT 0 CHECK (follow_up_done IN (0, 1)),
    notes           TEXT    NOT NULL DEFAULT '',
    source          TEXT    NOT NULL DEFAULT 'manual',
    import_batch_id INTEGER REFERENCES import_batches (id) ON DELETE SET NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    deleted_at      INTEGER
);
CREATE UNIQUE INDEX call_reports_uuid ON call_reports (uuid);
CREATE INDEX call_reports_called_at  ON call_reports (called_at) WHERE deleted_at IS NULL;
CREATE INDEX call_reports_legislator ON call_reports (legislator_id, called_at) WHERE deleted_at IS NULL;
CREATE INDEX call_reports_volunteer  ON call_reports (volunteer_id, called_at) WHERE deleted_at IS NULL;
CREATE INDEX call_reports_batch      ON call_reports (import_batch_id) WHERE import_batch_id IS NOT NULL;

-- Per campaign and legislator: live calls, reaches and the last contact, kept by the
-- triggers below so the dashboard's whip count never scans a million reports.
-- A reach is spoke_legislator, spoke_staff or left_voicemail.
CREATE TABLE call_stats (
    campaign_id     INTEGER NOT NULL,
    legislator_id   INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    reaches         INTEGER NOT NULL DEFAULT 0,
    last_called_at  INTEGER NOT NULL DEFAULT 0,
    last_reached_at INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, legislator_id)
) WITHOUT ROWID;

CREATE TRIGGER call_reports_stats_insert AFTER INSERT ON call_reports WHEN NEW.deleted_at IS NULL
BEGIN
    INSERT INTO call_stats (campaign_id, legislator_id, attempts, reaches, last_called_at, last_reached_at)
    VALUES (NEW.campaign_id, NEW.legislator_id, 1,
            (NEW.outcome = 'spoke_legislator' OR NEW.outcome = 'spoke_staff' OR NEW.outcome = 'left_voicemail'),
            NEW.called_at,
            CASE WHEN (NEW.outcome = 'spoke_legislator' OR NEW.outcome = 'spoke_staff' OR NEW.outcome = 'left_voicemail') THEN NEW.called_at ELSE 0 END)
    ON CONFLICT (campaign_id, legislator_id) DO UPDATE SET
        attempts = attempts + 1,
        reaches = reaches + excluded.reaches,
        last_called_at = max(last_called_at, excluded.last_called_at),
        last_reached_at = max(last_reached_at, excluded.last_reached_at);
END;

-- Any change that can move a report between counters recomputes the two rows touched
-- from the reports themselves (indexed by legislator), which also keeps last_* exact.
CREATE TRIGGER call_reports_stats_update
AFTER UPDATE OF campaign_id, legislator_id, outcome, called_at, deleted_at ON call_reports
BEGIN
    DELETE FROM call_stats WHERE (campaign_id = OLD.campaign_id AND legislator_id = OLD.legislator_id)
                              OR (campaign_id = NEW.campaign_id AND legislator_id = NEW.legislator_id);
    INSERT INTO call_stats (campaign_id, legislator_id, attempts, reaches, last_called_at, last_reached_at)
    SELECT campaign_id, legislator_id, count(*),
           sum((outcome = 'spoke_legislator' OR outcome = 'spoke_staff' OR outcome = 'left_voicemail')),
           max(called_at),
           coalesce(max(CASE WHEN (outcome = 'spoke_legislator' OR outcome = 'spoke_staff' OR outcome = 'left_voicemail') THEN called_at END), 0)
    FROM call_reports
    WHERE deleted_at IS NULL
      AND ((campaign_id = OLD.campaign_id AND legislator_id = OLD.legislator_id)
        OR (campaign_id = NEW.campaign_id AND legislator_id = NEW.legislator_id))
    GROUP BY campaign_id, legislator_id;
END;

CREATE TRIGGER call_reports_stats_delete AFTER DELETE ON call_reports WHEN OLD.deleted_at IS NULL
BEGIN
    DELETE FROM call_stats WHERE campaign_id = OLD.campaign_id AND legislator_id = OLD.legislator_id;
    INSERT INTO call_stats (campaign_id, legislator_id, attempts, reaches, last_called_at, last_reached_at)
    SELECT campaign_id, legislator_id, count(*),
           sum((outcome = 'spoke_legislator' OR outcome = 'spoke_staff' OR outcome = 'left_voicemail')),
           max(called_at),
           coalesce(max(CASE WHEN (outcome = 'spoke_legislator' OR outcome = 'spoke_staff' OR outcome = 'left_voicemail') THEN called_at END), 0)
    FROM call_reports
    WHERE deleted_at IS NULL AND legislator_id = OLD.legislator_id AND campaign_id = OLD.campaign_id
    GROUP BY campaign_id, legislator_id;
END;

-- Typed app settings (window size, active campaign, ...), stored as text by name.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
