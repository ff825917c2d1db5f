package db_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
)

// statsDrift lists the call_stats rows that differ from a count of the live reports.
func statsDrift(t testing.TB, path string) []string {
	t.Helper()
	c, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	const reach = `(outcome = 'spoke_legislator' OR outcome = 'spoke_staff' OR outcome = 'left_voicemail')`
	rows, err := c.Query(`
		WITH want AS (SELECT campaign_id, legislator_id, count(*) AS attempts, sum(` + reach + `) AS reaches,
				max(called_at) AS last_called_at, coalesce(max(CASE WHEN ` + reach + ` THEN called_at END), 0) AS last_reached_at
			FROM call_reports WHERE deleted_at IS NULL GROUP BY campaign_id, legislator_id)
		SELECT 'missing or wrong ' || w.campaign_id || '/' || w.legislator_id FROM want w
			LEFT JOIN call_stats s USING (campaign_id, legislator_id)
			WHERE s.attempts IS NOT w.attempts OR s.reaches IS NOT w.reaches
			   OR s.last_called_at IS NOT w.last_called_at OR s.last_reached_at IS NOT w.last_reached_at
		UNION ALL
		SELECT 'extra ' || s.campaign_id || '/' || s.legislator_id FROM call_stats s
			WHERE NOT EXISTS (SELECT 1 FROM want w WHERE w.campaign_id = s.campaign_id AND w.legislator_id = s.legislator_id)`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		out = append(out, s)
	}
	return out
}

// TestCallStatsFollowEveryChange: after reports are trashed, restored, moved to
// another legislator, given another outcome or date, and deleted, call_stats equal a
// count of the live reports.
func TestCallStatsFollowEveryChange(t *testing.T) {
	path := demoFile(t, "stats.db", 7, 200, 3000)
	c, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, q := range []string{
		`UPDATE call_reports SET deleted_at = 1 WHERE id % 3 = 0`,
		`UPDATE call_reports SET deleted_at = NULL WHERE id % 9 = 0`,
		`UPDATE call_reports SET legislator_id = (SELECT min(id) FROM legislators) WHERE id % 7 = 0`,
		`UPDATE call_reports SET outcome = 'spoke_legislator' WHERE id % 5 = 0`,
		`UPDATE call_reports SET outcome = 'no_answer' WHERE id % 11 = 0`,
		`UPDATE call_reports SET called_at = called_at + 86400 * 30 WHERE id % 13 = 0`,
		`UPDATE call_reports SET deleted_at = 2 WHERE id % 17 = 0`,
		`DELETE FROM call_reports WHERE id % 4 = 0 AND id NOT IN (SELECT call_report_id FROM stance_history WHERE call_report_id IS NOT NULL)`,
		`UPDATE call_reports SET deleted_at = 3 WHERE legislator_id = (SELECT min(id) FROM legislators)`,
	} {
		if _, err := c.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if drift := statsDrift(t, path); len(drift) > 0 {
			t.Fatalf("after %s: %d rows drift, first %s", q, len(drift), drift[0])
		}
	}
}

// TestUndoOfACallImportKeepsCallStats: undoing an import of calls to one legislator
// leaves call_stats equal to a full recount. How its time grows with the number of
// calls is BenchmarkUndoCallImport's to say (before 0006 every report taken back
// recounted all of its legislator's reports: quadratic), not a timed test's.
func TestUndoOfACallImportKeepsCallStats(t *testing.T) {
	undoCalls(t, 1500)
}

// BenchmarkUndoCallImport times the undo of 1,500 and 6,000 calls to one office:
// linear, the second takes about four times the first.
func BenchmarkUndoCallImport(b *testing.B) {
	for _, n := range []int{1500, 6000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				took := undoCalls(b, n)
				b.ReportMetric(float64(took.Microseconds())/float64(n), "µs/call")
			}
		})
	}
}

// undoCalls imports n calls to one legislator (as one batch, written directly) and
// returns how long UndoImport takes; call_stats must then equal a full recount.
func undoCalls(t testing.TB, n int) time.Duration {
	t.Helper()
	ctx := context.Background()
	path := demoFile(t, "undo.db", 3, 50, 100)
	c, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Exec(fmt.Sprintf(`
		INSERT INTO import_batches (uuid, kind, format, source_name, started_at, finished_at, created)
			VALUES ('undo-test', 'calls', 'csv', 'calls.csv', 1, 1, %[1]d);
		WITH RECURSIVE i(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM i WHERE k < %[1]d)
		INSERT INTO call_reports (uuid, chapter_id, campaign_id, legislator_id, called_at, outcome, import_batch_id,
			created_at, updated_at)
		SELECT 'undo-' || k, (SELECT id FROM chapters WHERE is_self = 1), (SELECT min(id) FROM campaigns),
			(SELECT min(id) FROM legislators), 1767225600 + k * 60,
			CASE k %% 3 WHEN 0 THEN 'spoke_staff' WHEN 1 THEN 'no_answer' ELSE 'left_voicemail' END,
			(SELECT id FROM import_batches WHERE uuid = 'undo-test'), 1, 1
		FROM i`, n))
	c.Close()
	if err != nil {
		t.Fatal(err)
	}
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	bs, err := s.ImportBatches(ctx)
	if err != nil || len(bs) == 0 {
		t.Fatal(bs, err)
	}
	start := time.Now()
	if _, err := s.UndoImport(ctx, bs[0].ID); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	if drift := statsDrift(t, path); len(drift) > 0 {
		t.Errorf("%d call_stats rows drift, first %s", len(drift), drift[0])
	}
	return took
}
