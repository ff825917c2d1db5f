package db_test

import (
	"context"
	"testing"
)

// TestCoalitionLeadsTempTablesCrossNoWall: a lead with psql made a temporary table
// chapter_leads naming herself the lead of every chapter, and a temporary
// coalition_coordinators naming herself the coordinator: the functions the
// row-level security policies ask looked their tables up in her temporary schema
// first, and she read, changed and deleted the other chapter's volunteers and call
// reports (tester t4). Every function that reads a table now searches the schema
// alone (postgres/0032).
func TestCoalitionLeadsTempTablesCrossNoWall(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	alice := coalConnect(t, sc.url, sc.leadA)
	for _, q := range []string{
		`CREATE TEMP TABLE chapter_leads (role_name text, chapter_id bigint)`,
		`INSERT INTO chapter_leads VALUES (current_user, ` + itoa(sc.a.ID) + `), (current_user, ` + itoa(sc.b.ID) + `)`,
		`CREATE TEMP TABLE coalition_coordinators (role_name text)`,
		`INSERT INTO coalition_coordinators VALUES (current_user)`,
	} {
		if _, err := alice.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if n := coalCount(t, alice, `SELECT count(*) FROM volunteers WHERE chapter_id = $1`, sc.b.ID); n != 0 {
		t.Errorf("a lead of A with a temporary chapter_leads reads %d of B's volunteers", n)
	}
	if n := coalCount(t, alice, `SELECT count(*) FROM call_reports WHERE chapter_id = $1`, sc.b.ID); n != 0 {
		t.Errorf("a lead of A with a temporary chapter_leads reads %d of B's call reports", n)
	}
	if tag, err := alice.Exec(ctx, `UPDATE volunteers SET notes = 'changed by A' WHERE id = $1`, sc.volB); err == nil && tag.RowsAffected() != 0 {
		t.Errorf("a lead of A with a temporary chapter_leads changed %d of B's volunteers", tag.RowsAffected())
	}
	if tag, err := alice.Exec(ctx, `DELETE FROM call_reports WHERE chapter_id = $1`, sc.b.ID); err == nil && tag.RowsAffected() != 0 {
		t.Errorf("a lead of A with a temporary chapter_leads deleted %d of B's call reports", tag.RowsAffected())
	}
	var coordinator bool
	if err := alice.QueryRow(ctx, `SELECT chapterdesk_is_coordinator()`).Scan(&coordinator); err != nil || coordinator {
		t.Errorf("a lead of A with a temporary coalition_coordinators is the coordinator: %v, %v", coordinator, err)
	}
	if n := coalCount(t, sc.admin, `SELECT count(*) FROM volunteers WHERE id = $1 AND notes = 'changed by A'`, sc.volB); n != 0 {
		t.Errorf("B's volunteer holds A's change")
	}
}

// TestFunctionsSearchTheirSchema: every function of the schema whose body names one
// of its tables or views searches the schema, then the temporary one last (see
// postgres/0032): a function a migration adds or replaces without saying so would
// read a login's temporary table of that name.
func TestFunctionsSearchTheirSchema(t *testing.T) {
	sc := newCoalition(t)
	rows, err := sc.admin.Query(context.Background(), `
		SELECT p.oid::regprocedure::text, coalesce(array_to_string(p.proconfig, ';'), '') FROM pg_proc p
		WHERE p.pronamespace = current_schema()::regnamespace AND p.prokind = 'f'
		  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
		  AND EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = p.pronamespace AND c.relkind IN ('r', 'p', 'v', 'm')
		      AND p.prosrc ~* ('\m' || c.relname || '\M'))
		  AND NOT coalesce(array_to_string(p.proconfig, ';'), '') ~ ('(^|;)search_path=("?' || current_schema() || '"?), pg_temp($|;)')
		ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	checked := 0
	for rows.Next() {
		var name, config string
		if err := rows.Scan(&name, &config); err != nil {
			t.Fatal(err)
		}
		t.Errorf("%s reads tables with the caller's search_path (its settings: %q): give it SET search_path = <schema>, pg_temp", name, config)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if err := sc.admin.QueryRow(context.Background(), `SELECT count(*) FROM pg_proc WHERE pronamespace = current_schema()::regnamespace
		AND proconfig IS NOT NULL`).Scan(&checked); err != nil || checked < 10 {
		t.Fatalf("%d functions of the schema with settings (%v): the query looks in the wrong place", checked, err)
	}
}
