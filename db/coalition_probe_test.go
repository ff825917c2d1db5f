package db_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TestCoalitionLeadCannotProbeAnotherChaptersCalls: a lead with psql opened an import
// batch of their own chapter, inserted probe reports carrying a guessed legislator,
// second, outcome and notes, asked chapterdesk_calls_in_other_chapters (SECURITY
// DEFINER) of the batch and rolled back: it answered "Springfield | 1" for the other
// chapter's real notes and nothing for a wrong guess (t9 repro-9); so did call_stats
// less coalition_call_stats in the same transaction. Within a transaction that wrote,
// neither may tell a right guess from a wrong one.
func TestCoalitionLeadCannotProbeAnotherChaptersCalls(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	alice := coalConnect(t, sc.url, sc.leadA)
	// B's report (newCoalition): legislator, second 1700000000, spoke_staff, these notes.
	probe := func(notes string) string {
		t.Helper()
		tx, err := alice.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback(ctx)
		var batch int64
		if err := tx.QueryRow(ctx, `INSERT INTO import_batches (uuid, kind, source_name, started_at, finished_at, chapter_id)
			VALUES (gen_random_uuid()::text, 'calls', 'probe', 1, 2, chapterdesk_working_chapter()) RETURNING id`).Scan(&batch); err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO call_reports (uuid, chapter_id, campaign_id, legislator_id, called_at, outcome, notes,
			source, import_batch_id, created_at, updated_at)
			VALUES (gen_random_uuid()::text, chapterdesk_working_chapter(), $1, $2, 1700000000, 'spoke_staff', $3, 'probe', $4, 0, 0)`,
			sc.campaign, sc.legislator, notes, batch); err != nil {
			t.Fatal(err)
		}
		var said []string
		if _, err := tx.Exec(ctx, `SAVEPOINT ask`); err != nil {
			t.Fatal(err)
		}
		rows, err := tx.Query(ctx, `SELECT coalesce(chapter, '-') || '|' || reports FROM chapterdesk_calls_in_other_chapters($1)`, batch)
		if err == nil {
			var got []string
			got, err = pgx.CollectRows(rows, pgx.RowTo[string])
			said = append(said, got...)
		}
		if err != nil {
			said = append(said, "refused")
			if _, err := tx.Exec(ctx, `ROLLBACK TO SAVEPOINT ask`); err != nil {
				t.Fatal(err)
			}
		}
		var diff int
		if err := tx.QueryRow(ctx, `SELECT coalesce(sum(s.attempts - c.attempts), 0) FROM call_stats s
			JOIN coalition_call_stats c USING (campaign_id, legislator_id)`).Scan(&diff); err != nil {
			said = append(said, "stats refused")
			if _, err := tx.Exec(ctx, `ROLLBACK TO SAVEPOINT ask`); err != nil {
				t.Fatal(err)
			}
		} else {
			said = append(said, fmt.Sprintf("stats %d", diff))
		}
		return strings.Join(said, ", ")
	}
	right := probe("private note: staff will call back at 508-555-0101")
	wrong := probe("a wrong guess")
	if right != wrong {
		t.Errorf("a lead's rolled-back probe tells a right guess of another chapter's notes (%q) from a wrong one (%q)", right, wrong)
	}
}

// TestSecurityDefinerFunctionsNotForEveryone: every SECURITY DEFINER function of the
// schema runs with the owner's rights; none may be executable by PUBLIC (every login
// of the server), only by the roles that need it.
func TestSecurityDefinerFunctionsNotForEveryone(t *testing.T) {
	sc := newCoalition(t)
	rows, err := sc.admin.Query(context.Background(), `
		SELECT p.oid::regprocedure::text FROM pg_proc p
		WHERE p.pronamespace = current_schema()::regnamespace AND p.prosecdef
		  AND EXISTS (SELECT 1 FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
		              WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE')
		ORDER BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		t.Errorf("%s is SECURITY DEFINER and every login may execute it", n)
	}
	var definers int
	if err := sc.admin.QueryRow(context.Background(), `SELECT count(*) FROM pg_proc WHERE pronamespace = current_schema()::regnamespace
		AND prosecdef`).Scan(&definers); err != nil || definers < 5 {
		t.Fatalf("%d SECURITY DEFINER functions (%v): the query looks in the wrong place", definers, err)
	}
}
