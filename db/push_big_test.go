package db_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// pushScan is what one of a merge's temporary tables saw in its transaction: the rows
// written into it and the rows read by scanning it whole.
type pushScan struct {
	table         string
	written, read int64
}

// Tester t4's F6: a lead's push of a checkout with 20,000 new volunteers ran ten
// minutes on the server (4,000 took 36 s), holding every chapter's writes. The
// statements that bring in the new volunteers' recruiters and tags were planned as
// if one volunteer were new (the server's statistics of its own tables know nothing
// of the rows just written, and the merge's temporary tables had none), and read a
// temporary table whole once for each new volunteer. Without timing anything: no
// temporary table of the merge is read whole more than a few dozen times over.
func TestPushOfManyNewVolunteersReadsEachTempTableFewTimes(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	ls, err := db.Open(ctx, coalAs(t, sc.url, sc.leadA), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ls.Close()
	dest := t.TempDir() + "/checkout.db"
	if err := ls.Checkout(ctx, dest); err != nil {
		t.Fatal(err)
	}
	const n = 3000
	// Each new volunteer recruited by the one before, and tagged.
	fileExec(t, dest, `INSERT INTO tags (kind, name) VALUES ('tag', 'bigload')`,
		fmt.Sprintf(`WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i WHERE k < %d)
		INSERT INTO volunteers (uuid, chapter_id, first_name, last_name, email, created_at, updated_at)
		SELECT 'big-' || k, (SELECT id FROM chapters WHERE is_self = 1), 'Big' || k, 'Load' || k,
			'big' || k || '@example.org', 1700000000, 1700000000 FROM i`, n),
		`UPDATE volunteers SET recruiter_id = (SELECT r.id FROM volunteers r
			WHERE r.uuid = 'big-' || (CAST(substr(volunteers.uuid, 5) AS INTEGER) - 1)) WHERE uuid LIKE 'big-%'`,
		`INSERT INTO volunteer_tags (volunteer_id, tag_id) SELECT v.id, t.id FROM volunteers v, tags t
			WHERE v.uuid LIKE 'big-%' AND t.name = 'bigload'`)
	var scans []pushScan
	defer db.SetMergeInspect(func(ctx context.Context, tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT relname, n_tup_ins, coalesce(seq_tup_read, 0) FROM pg_stat_xact_all_tables
			WHERE schemaname LIKE 'pg\_temp%' ORDER BY relname`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var s pushScan
			if err := rows.Scan(&s.table, &s.written, &s.read); err != nil {
				return err
			}
			scans = append(scans, s)
		}
		return rows.Err()
	})()
	res, err := ls.Push(ctx, dest, db.PushList, false)
	if err != nil {
		t.Fatal(err)
	}
	if res.Merge.Volunteers != n {
		t.Fatalf("the push added %d volunteers; want %d", res.Merge.Volunteers, n)
	}
	if got := coalCount(t, sc.admin, `SELECT count(*) FROM volunteers v JOIN volunteers r ON r.id = v.recruiter_id
		WHERE v.uuid LIKE 'big-%' AND r.uuid = 'big-' || (substr(v.uuid, 5)::int - 1)`); got != n-1 {
		t.Errorf("%d of the new volunteers have their recruiter; want %d", got, n-1)
	}
	if got := coalCount(t, sc.admin, `SELECT count(*) FROM volunteer_tags vt JOIN volunteers v ON v.id = vt.volunteer_id
		JOIN tags g ON g.id = vt.tag_id WHERE v.uuid LIKE 'big-%' AND g.name = 'bigload'`); got != n {
		t.Errorf("%d of the new volunteers have their tag; want %d", got, n)
	}
	seen := map[string]bool{}
	for _, s := range scans {
		seen[s.table] = true
		// A statement may read a table whole once or twice; a plan that reads it once
		// for each new volunteer reads it thousands of times over.
		if s.read > 40*max(s.written, 100) {
			t.Errorf("%s (%d rows) was read whole %.0f times over (%d rows read)", s.table, s.written,
				float64(s.read)/float64(max(s.written, 1)), s.read)
		}
	}
	if !seen["src_volunteers"] || !seen["merge_volunteers"] {
		t.Errorf("the temporary tables seen were %v; want src_volunteers and merge_volunteers among them", scans)
	}
	t.Logf("%+v", scans)
}
