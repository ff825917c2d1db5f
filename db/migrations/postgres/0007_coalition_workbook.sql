-- 0007 (PostgreSQL): what the coordinator's coalition workbook reads of the roster,
-- and nothing more. A coordinator has no privilege on the volunteer tables (0004);
-- these two views, like coalition_call_reports, read with their owner's rights and
-- answer only a coordinator (their grant, and their WHERE):
--   * coalition_callers: each volunteer who made a call report (one not in the
--     trash), as first name and the last name's first letter (the workbook shows
--     "Maria G."), with their chapter. No email, phone, address, note, or volunteer
--     who never called. (The subquery with LIMIT 1 probes the volunteer's calls by
--     index; as EXISTS the planner read all 5M calls of a 50-chapter server: 2.9 s,
--     0.85 s now.)
--   * coalition_volunteer_counts: the live roster counted per chapter, day joined and
--     districts: the workbook's "volunteers", "new volunteers" and "volunteers living
--     there" columns, without a single volunteer's row.

CREATE VIEW coalition_callers WITH (security_barrier) AS
SELECT v.id, v.chapter_id, btrim(v.first_name) AS first_name,
       coalesce(upper(substring(v.last_name from '[[:alpha:]]')), '') AS last_initial
FROM volunteers v
WHERE (SELECT true FROM call_reports r WHERE r.volunteer_id = v.id AND r.deleted_at IS NULL LIMIT 1)
  AND (SELECT chapterdesk_is_coordinator());

CREATE VIEW coalition_volunteer_counts WITH (security_barrier) AS
SELECT v.chapter_id, v.joined_on, v.senate_district, v.house_district, count(*) AS volunteers
FROM volunteers v
WHERE v.deleted_at IS NULL AND (SELECT chapterdesk_is_coordinator())
GROUP BY v.chapter_id, v.joined_on, v.senate_district, v.house_district;

-- A lead's writes of a volunteer's tags, languages and external ids, and of call
-- reports, were checked by `volunteer_id IN (SELECT id FROM volunteers)`: a hash of
-- all the lead's volunteers, built by reading every chapter's roster, for each
-- statement (0.2 s a statement, half a second a volunteer saved, on a server of
-- 200,000 volunteers). The same rule as a correlated EXISTS looks up the one
-- volunteer by its key; the volunteers read are still the lead's only (the subquery
-- is under the lead's own policy on volunteers).
ALTER POLICY lead_own ON volunteer_external_ids
    USING (EXISTS (SELECT 1 FROM volunteers v WHERE v.id = volunteer_id))
    WITH CHECK (EXISTS (SELECT 1 FROM volunteers v WHERE v.id = volunteer_id));
ALTER POLICY lead_own ON volunteer_languages
    USING (EXISTS (SELECT 1 FROM volunteers v WHERE v.id = volunteer_id))
    WITH CHECK (EXISTS (SELECT 1 FROM volunteers v WHERE v.id = volunteer_id));
ALTER POLICY lead_own ON volunteer_tags
    USING (EXISTS (SELECT 1 FROM volunteers v WHERE v.id = volunteer_id))
    WITH CHECK (EXISTS (SELECT 1 FROM volunteers v WHERE v.id = volunteer_id));
ALTER POLICY lead_own ON call_reports
    WITH CHECK (chapter_id IN (SELECT chapterdesk_lead_chapters())
                AND (volunteer_id IS NULL OR EXISTS (SELECT 1 FROM volunteers v WHERE v.id = volunteer_id)));

-- The grants again: 0004's, the counters of 0006 (chapter_call_quarters), the whole
-- stance history for the coordinator (its callers are short since 0005), the two
-- views, and the coordinator's reports without their notes.
CREATE OR REPLACE FUNCTION chapterdesk_coalition_grants() RETURNS void LANGUAGE plpgsql AS $$
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
    -- of the volunteer tables nothing but the two views.
    FOREACH t IN ARRAY shared || ARRAY['import_batches', 'import_changes'] LOOP
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO chapterdesk_coordinator', t);
    END LOOP;
    GRANT SELECT ON coalition_call_reports, coalition_chapter_weeks, settings, chapter_call_quarters
        TO chapterdesk_coordinator;
    -- Every chapter's reports but their notes: a caller types anything there ("call me
    -- back at ..."), and the coordinator reads no volunteer's contact or notes.
    GRANT SELECT (id, uuid, chapter_id, campaign_id, volunteer_id, legislator_id, called_at, office, outcome,
                  stance_heard, gave_name_zip, follow_up, follow_up_done, source, import_batch_id, created_at,
                  updated_at, deleted_at) ON call_reports TO chapterdesk_coordinator;
    GRANT SELECT ON coalition_callers, coalition_volunteer_counts TO chapterdesk_coordinator;
    -- The whole history: since 0005 its callers are first name and last initial.
    GRANT SELECT, INSERT ON stance_history TO chapterdesk_coordinator;
END $$;
REVOKE EXECUTE ON FUNCTION chapterdesk_coalition_grants() FROM PUBLIC;

DO $$
BEGIN
    IF (SELECT count(*) FROM pg_roles WHERE rolname IN ('chapterdesk_lead', 'chapterdesk_coordinator')) = 2 THEN
        PERFORM chapterdesk_coalition_grants();
    END IF;
END $$;
