-- 0004 (PostgreSQL): the coalition server. Many chapters in one database; the walls
-- between them are kept by PostgreSQL itself (row-level security and grants), so a bug
-- in the app, or a lead with psql, cannot cross them. Server only: a data file is one
-- chapter's and has no logins.
--
-- Who is who:
--   * the owner: the login that ran `server init` and owns the tables. It is the
--     coalition's administrator, and a single-chapter server's only kind of login.
--     Row-level security is ENABLEd but not FORCEd, so the owner (like a superuser)
--     is not subject to the policies and works exactly as before. FORCE would buy
--     nothing against the owner (who may ALTER TABLE ... NO FORCE), and would stop
--     the owner's bulk path: COPY FROM is refused on a table whose policies apply.
--   * a lead: a login that is a member of the group role chapterdesk_lead, with one
--     row per chapter in chapter_leads. It reads and writes the people, reports and
--     imports of those chapters only; legislators and campaigns it reads.
--   * a coordinator: a member of chapterdesk_coordinator with a row in
--     coalition_coordinators. It reads every chapter's call reports and the whip
--     count, edits the shared campaigns and legislators, and has no privilege at all on
--     the volunteer tables (email, phone, address, notes): the caller is shown to it
--     as first name and last initial by the view coalition_call_reports.
--
-- The policies are written TO PUBLIC and decide by this database's membership tables
-- (chapter_leads, coalition_coordinators), not by group roles: roles belong to the
-- whole PostgreSQL cluster, and this migration must run for an owner that may not
-- create roles (a chapter server set up before coalitions). The group roles, which
-- carry the table grants, are made by the first `server add-lead` or
-- `server add-coordinator` (db/coalition.go), which then runs
-- chapterdesk_coalition_grants(). A login that is neither owner, lead nor coordinator
-- has no grant, and would see no chapter's rows if it had one.

CREATE TABLE chapter_leads (
    role_name  text COLLATE "C" NOT NULL,
    chapter_id bigint NOT NULL REFERENCES chapters (id) ON DELETE CASCADE DEFERRABLE,
    added_at   bigint NOT NULL,
    PRIMARY KEY (role_name, chapter_id)
);
CREATE INDEX chapter_leads_chapter ON chapter_leads (chapter_id);

CREATE TABLE coalition_coordinators (
    role_name text COLLATE "C" PRIMARY KEY,
    added_at  bigint NOT NULL
);

-- The chapters of the current login, when it is a lead.
CREATE FUNCTION chapterdesk_lead_chapters() RETURNS SETOF bigint LANGUAGE sql STABLE AS $$
    SELECT chapter_id FROM chapter_leads WHERE role_name = current_user::text
$$;

CREATE FUNCTION chapterdesk_is_coordinator() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM coalition_coordinators WHERE role_name = current_user::text)
$$;

-- The chapter the current login works on: a lead's (the one named by the session
-- setting chapterdesk.chapter when the lead has several, else the first); none for a
-- coordinator; the owner's own chapter (is_self) for everyone else.
CREATE FUNCTION chapterdesk_self_chapter() RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN EXISTS (SELECT 1 FROM chapter_leads WHERE role_name = current_user::text) THEN
            (SELECT chapter_id FROM chapter_leads WHERE role_name = current_user::text
             ORDER BY (chapter_id::text = coalesce(current_setting('chapterdesk.chapter', true), '')) DESC, chapter_id
             LIMIT 1)
        WHEN chapterdesk_is_coordinator() THEN NULL
        ELSE (SELECT id FROM chapters WHERE is_self = 1)
    END
$$;

-- An import belongs to a chapter, so its undo journal (which holds the rows' old
-- values, people's included) is walled like the rows. A coordinator's imports
-- (legislators, campaigns) belong to none.
ALTER TABLE import_batches ADD COLUMN chapter_id bigint REFERENCES chapters (id) DEFERRABLE;
ALTER TABLE import_batches ALTER COLUMN chapter_id SET DEFAULT chapterdesk_self_chapter();
UPDATE import_batches SET chapter_id = (SELECT id FROM chapters WHERE is_self = 1)
    WHERE kind IN ('volunteers', 'calls', 'merge');

-- The counters the whip count reads (call_stats, stances) are coalition-wide and kept
-- by triggers. They run with the owner's rights, so a lead's report counts in full
-- (and a lead's recount of a pair sees every chapter's reports, not only its own),
-- while the lead itself has no write grant on the counters.
DO $$
DECLARE
    sp text := format('%I, pg_temp', current_schema());
BEGIN
    EXECUTE format('ALTER FUNCTION call_reports_stats_insert() SECURITY DEFINER SET search_path = %s', sp);
    EXECUTE format('ALTER FUNCTION call_reports_stats_change() SECURITY DEFINER SET search_path = %s', sp);
    EXECUTE format('ALTER FUNCTION call_stats_recompute(bigint[], bigint[]) SECURITY DEFINER SET search_path = %s', sp);
    EXECUTE format('ALTER FUNCTION stance_history_current() SECURITY DEFINER SET search_path = %s', sp);
END $$;
-- Only triggers call them.
REVOKE EXECUTE ON FUNCTION call_stats_recompute(bigint[], bigint[]) FROM PUBLIC;

-- Row-level security: every table that holds a chapter's people or reports.
ALTER TABLE volunteers ENABLE ROW LEVEL SECURITY;
ALTER TABLE volunteer_external_ids ENABLE ROW LEVEL SECURITY;
ALTER TABLE volunteer_languages ENABLE ROW LEVEL SECURITY;
ALTER TABLE volunteer_tags ENABLE ROW LEVEL SECURITY;
ALTER TABLE call_reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE stance_history ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_batches ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE chapters ENABLE ROW LEVEL SECURITY;
ALTER TABLE chapter_leads ENABLE ROW LEVEL SECURITY;
ALTER TABLE coalition_coordinators ENABLE ROW LEVEL SECURITY;

CREATE POLICY lead_own ON volunteers
    USING (chapter_id IN (SELECT chapterdesk_lead_chapters()))
    WITH CHECK (chapter_id IN (SELECT chapterdesk_lead_chapters()));

-- A volunteer's tags, languages and external ids go with the volunteer: the subquery
-- on volunteers is itself under the caller's policy.
CREATE POLICY lead_own ON volunteer_external_ids
    USING (volunteer_id IN (SELECT id FROM volunteers))
    WITH CHECK (volunteer_id IN (SELECT id FROM volunteers));
CREATE POLICY lead_own ON volunteer_languages
    USING (volunteer_id IN (SELECT id FROM volunteers))
    WITH CHECK (volunteer_id IN (SELECT id FROM volunteers));
CREATE POLICY lead_own ON volunteer_tags
    USING (volunteer_id IN (SELECT id FROM volunteers))
    WITH CHECK (volunteer_id IN (SELECT id FROM volunteers));

-- A lead's reports are its chapters', with its own volunteers as callers.
CREATE POLICY lead_own ON call_reports
    USING (chapter_id IN (SELECT chapterdesk_lead_chapters()))
    WITH CHECK (chapter_id IN (SELECT chapterdesk_lead_chapters())
                AND (volunteer_id IS NULL OR volunteer_id IN (SELECT id FROM volunteers)));
CREATE POLICY coordinator_read ON call_reports FOR SELECT
    USING ((SELECT chapterdesk_is_coordinator()));

-- The whip count's history is the coalition's: everyone reads it (the coordinator
-- without changed_by, by its column grants); each writes only its own.
CREATE POLICY read_all ON stance_history FOR SELECT USING (true);
CREATE POLICY lead_insert ON stance_history FOR INSERT
    WITH CHECK (chapter_id IN (SELECT chapterdesk_lead_chapters()));
CREATE POLICY coordinator_insert ON stance_history FOR INSERT
    WITH CHECK (chapter_id IS NULL AND (SELECT chapterdesk_is_coordinator()));
CREATE POLICY lead_undo ON stance_history FOR DELETE
    USING (chapter_id IN (SELECT chapterdesk_lead_chapters()));

CREATE POLICY lead_own ON import_batches
    USING (chapter_id IN (SELECT chapterdesk_lead_chapters()))
    WITH CHECK (chapter_id IN (SELECT chapterdesk_lead_chapters()));
CREATE POLICY coordinator_own ON import_batches
    USING (chapter_id IS NULL AND (SELECT chapterdesk_is_coordinator()))
    WITH CHECK (chapter_id IS NULL AND (SELECT chapterdesk_is_coordinator()));
CREATE POLICY by_batch ON import_changes
    USING (batch_id IN (SELECT id FROM import_batches))
    WITH CHECK (batch_id IN (SELECT id FROM import_batches));

-- Chapters' names and contact blocks are the coalition's; a lead edits its own.
CREATE POLICY read_all ON chapters FOR SELECT USING (true);
CREATE POLICY lead_update ON chapters FOR UPDATE
    USING (id IN (SELECT chapterdesk_lead_chapters()))
    WITH CHECK (id IN (SELECT chapterdesk_lead_chapters()));

CREATE POLICY own_or_coordinator ON chapter_leads FOR SELECT
    USING (role_name = current_user::text OR (SELECT chapterdesk_is_coordinator()));
CREATE POLICY own ON coalition_coordinators FOR SELECT
    USING (role_name = current_user::text);

-- The coordinator's call reports: every chapter's, the caller as first name and last
-- initial, nothing else of the volunteer. The view reads with its owner's rights, so
-- it answers only a coordinator (its grant, and its WHERE).
CREATE VIEW coalition_call_reports WITH (security_barrier) AS
SELECT r.id, r.uuid, r.chapter_id, c.name AS chapter, r.campaign_id, r.legislator_id, r.called_at, r.office,
       r.outcome, r.stance_heard, r.gave_name_zip, r.follow_up, r.follow_up_done, r.source,
       r.created_at, r.updated_at, r.deleted_at,
       CASE WHEN v.id IS NULL THEN ''
            ELSE btrim(v.first_name || CASE WHEN btrim(v.last_name) <> '' THEN ' ' || left(btrim(v.last_name), 1) || '.' ELSE '' END)
       END AS caller
FROM call_reports r
JOIN chapters c ON c.id = r.chapter_id
LEFT JOIN volunteers v ON v.id = r.volunteer_id
WHERE (SELECT chapterdesk_is_coordinator());

-- Calls per chapter per week (weeks start Monday, UTC), for the coalition dashboard.
CREATE VIEW coalition_chapter_weeks WITH (security_barrier) AS
SELECT r.chapter_id, c.name AS chapter,
       (date_trunc('week', to_timestamp(r.called_at) AT TIME ZONE 'UTC'))::date AS week,
       count(*) AS calls,
       count(*) FILTER (WHERE r.outcome IN ('spoke_legislator', 'spoke_staff', 'left_voicemail')) AS reaches,
       max(r.called_at) AS last_called_at
FROM call_reports r
JOIN chapters c ON c.id = r.chapter_id
WHERE r.deleted_at IS NULL AND (SELECT chapterdesk_is_coordinator())
GROUP BY r.chapter_id, c.name, 3;

-- The grants of the two group roles, set afresh (revoked, then granted) each time a
-- coalition command runs: a later migration that adds a table redefines this function.
CREATE FUNCTION chapterdesk_coalition_grants() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    t text;
    shared text[] := ARRAY['legislators', 'legislator_edits', 'campaigns', 'campaign_bills', 'campaign_texts',
        'faq_sections', 'faq_section_texts', 'faq_entries', 'faq_entry_texts', 'help_steps', 'help_step_texts',
        'campaign_bill_links', 'session_bills', 'campaign_session_bills', 'bill_sponsorships', 'roll_calls',
        'roll_call_votes'];
BEGIN
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA %I FROM chapterdesk_lead, chapterdesk_coordinator', current_schema());
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO chapterdesk_lead, chapterdesk_coordinator', current_schema());
    -- Both read the shared record, the counters and the bookkeeping.
    FOREACH t IN ARRAY shared || ARRAY['chapters', 'chapter_leads', 'coalition_coordinators', 'stances', 'call_stats',
            'data_fixups', 'schema_migrations'] LOOP
        EXECUTE format('GRANT SELECT ON %I TO chapterdesk_lead, chapterdesk_coordinator', t);
    END LOOP;
    -- A lead: its chapter's people, reports and imports (the policies say which rows).
    FOREACH t IN ARRAY ARRAY['volunteers', 'volunteer_external_ids', 'volunteer_languages', 'volunteer_tags',
            'call_reports', 'import_batches', 'import_changes', 'settings'] LOOP
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO chapterdesk_lead', t);
    END LOOP;
    GRANT SELECT, INSERT, UPDATE (name) ON tags TO chapterdesk_lead; -- an upsert of a tag names it again
    GRANT SELECT, INSERT, DELETE ON stance_history TO chapterdesk_lead;
    GRANT UPDATE (name, state, contact_name, email, phone, website, address, updated_at) ON chapters TO chapterdesk_lead;
    -- The coordinator: the shared record to edit, every chapter's reports to read, and
    -- nothing of the volunteer tables.
    FOREACH t IN ARRAY shared || ARRAY['import_batches', 'import_changes'] LOOP
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO chapterdesk_coordinator', t);
    END LOOP;
    GRANT SELECT ON call_reports, coalition_call_reports, coalition_chapter_weeks, settings TO chapterdesk_coordinator;
    GRANT SELECT (id, uuid, campaign_id, legislator_id, stance, changed_at, reason, call_report_id, chapter_id,
                  import_batch_id) ON stance_history TO chapterdesk_coordinator;
    GRANT INSERT ON stance_history TO chapterdesk_coordinator;
END $$;
REVOKE EXECUTE ON FUNCTION chapterdesk_coalition_grants() FROM PUBLIC;

-- A server whose group roles exist already (another database of the same cluster made
-- them) gets its grants now.
DO $$
BEGIN
    IF (SELECT count(*) FROM pg_roles WHERE rolname IN ('chapterdesk_lead', 'chapterdesk_coordinator')) = 2 THEN
        PERFORM chapterdesk_coalition_grants();
    END IF;
END $$;
