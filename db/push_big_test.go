package db_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

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
	ls := sc.openAs(t, sc.leadA)
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

// Tester t4's F6: when the push's time ran out (or its lead gave up), the client
// left, and the server went on running the statement, every chapter's writes
// waiting behind it until someone cancelled it by hand. A push whose context ends
// mid-statement cancels the statement on the server; and the server is told to
// notice a client that is gone (killed, or its laptop closed) and stop.
func TestPushCutOffStopsItsStatementOnTheServer(t *testing.T) {
	sc := newCoalition(t)
	ls, dest := pushRaceCheckout(t, sc, "Cut off")
	const sleeper = `SELECT pg_sleep(60) AS push_cut_off`
	var checkInterval string
	defer db.SetMergeInspect(func(ctx context.Context, tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT current_setting('client_connection_check_interval', true)`).Scan(&checkInterval); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, sleeper)
		return err
	})()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		// Cancelled once the statement is under way.
		for coalCount(t, sc.admin, `SELECT count(*) FROM pg_stat_activity WHERE query = $1 AND state = 'active'`, sleeper) == 0 {
			time.Sleep(50 * time.Millisecond)
		}
		cancel()
	}()
	if _, err := ls.Push(ctx, dest, db.PushList, false); err == nil {
		t.Fatal("the push cut off went through")
	}
	// Cancelled, the statement has ended by the time the push returns: the app (or
	// the command, which exits then) waits for the server to say so.
	if coalCount(t, sc.admin, `SELECT count(*) FROM pg_stat_activity WHERE query = $1 AND state = 'active'`, sleeper) != 0 {
		t.Errorf("the push's statement still runs on the server after the push was cut off")
	}
	if v := coalVersion(t, sc.admin); v >= 140000 && (checkInterval == "" || checkInterval == "0") {
		t.Errorf("client_connection_check_interval is %q on the push's connection; want the server to check for a client gone", checkInterval)
	}
}

// coalVersion is the server's version number (150004 for 15.4).
func coalVersion(t *testing.T, c *pgx.Conn) int {
	t.Helper()
	return coalCount(t, c, `SELECT current_setting('server_version_num')::int`)
}
