-- 0012 (PostgreSQL): a lead's rows may point only at her own chapter's.
--
-- A stance change's call_report_id: a lead could cite another chapter's call report;
-- stance_history_caller (0005), which reads with the owner's rights, then wrote that
-- report's caller into changed_by, and INSERT ... RETURNING changed_by gave a lead
-- the name of another chapter's caller ("Brian K."); committed, her change was tied
-- to their call. The row-level policy checks only the row's own chapter_id. This
-- trigger runs before stance_history_caller (triggers fire by name) with the writer's
-- rights: a writer that row-level security applies to (a lead, the coordinator) cites
-- only a report it can see, of the row's chapter, or is refused, in the same words
-- whether the report exists or not. Such a writer never loads history ahead of its
-- reports (it may not COPY, see Store.load), so its report is always written first.
-- The owner's bulk loads, which may, are not held to it.
CREATE FUNCTION stance_history_cites_own() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.call_report_id IS NOT NULL AND row_security_active('stance_history')
       AND NOT EXISTS (SELECT 1 FROM call_reports r WHERE r.id = NEW.call_report_id AND r.chapter_id = NEW.chapter_id) THEN
        RAISE EXCEPTION 'a stance change may cite only a call report of its own chapter (call report %)',
            NEW.call_report_id USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER stance_history_a_cites_own BEFORE INSERT ON stance_history
    FOR EACH ROW EXECUTE FUNCTION stance_history_cites_own();

-- A volunteer's recruiter: the foreign key accepted another chapter's volunteer (and
-- so confirmed to a lead that the id existed), and the recruiter then broke the
-- lead's checkout. A recruiter is a volunteer of the same chapter, for every writer.
-- A lead who cannot see the recruiter is refused in the same words whether it exists
-- or not; for the owner a recruiter not written yet (a load's later batch) is left to
-- the foreign key.
CREATE FUNCTION volunteers_recruiter_same_chapter() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- An update that leaves both as they were checks nothing: a recruiter set before
    -- this rule (another chapter's) must not stop every later edit of the volunteer.
    IF TG_OP = 'UPDATE' AND NEW.recruiter_id IS NOT DISTINCT FROM OLD.recruiter_id
       AND NEW.chapter_id = OLD.chapter_id THEN
        RETURN NEW;
    END IF;
    IF NEW.recruiter_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM volunteers r WHERE r.id = NEW.recruiter_id AND r.chapter_id = NEW.chapter_id)
       AND (row_security_active('volunteers') OR EXISTS (SELECT 1 FROM volunteers r WHERE r.id = NEW.recruiter_id)) THEN
        RAISE EXCEPTION 'a volunteer''s recruiter must be a volunteer of the same chapter (volunteer %)',
            NEW.recruiter_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER volunteers_recruiter_same_chapter BEFORE INSERT OR UPDATE OF recruiter_id, chapter_id ON volunteers
    FOR EACH ROW EXECUTE FUNCTION volunteers_recruiter_same_chapter();
