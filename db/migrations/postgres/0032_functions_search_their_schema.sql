-- 0032 (PostgreSQL only): every function that reads a table finds it in the schema,
-- never in a login's temporary tables.
--
-- A function's body finds its tables by name, in the search_path of whoever calls it
-- unless the function sets its own, and PostgreSQL searches a session's temporary
-- schema first. A lead with psql created a temporary table chapter_leads naming
-- herself the lead of every chapter: the row-level security policies ask
-- chapterdesk_lead_chapters(), which read her table, and she read, changed and
-- deleted any chapter's volunteers and call reports; a temporary
-- coalition_coordinators made her the coordinator (tester t4). The functions made
-- with SET search_path FROM CURRENT (0014 on) searched the temporary schema first too.
--
-- Every function of the schema whose body names one of its tables or views now
-- searches the schema, then the temporary one, last, where nothing of ours is.
-- Functions that read no table (chapterdesk_fold and the like) are left as they are:
-- functions are never looked up in the temporary schema, and a setting would keep
-- the planner from inlining them. A later migration that replaces a function must
-- set it again (CREATE OR REPLACE drops it): TestFunctionsSearchTheirSchema checks.
DO $$
DECLARE
    f regprocedure;
BEGIN
    FOR f IN
        SELECT p.oid::regprocedure FROM pg_proc p
        WHERE p.pronamespace = current_schema()::regnamespace AND p.prokind = 'f'
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
          AND EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = p.pronamespace AND c.relkind IN ('r', 'p', 'v', 'm')
              AND p.prosrc ~* ('\m' || c.relname || '\M'))
    LOOP
        EXECUTE format('ALTER FUNCTION %s SET search_path = %I, pg_temp', f, current_schema());
    END LOOP;
END $$;
