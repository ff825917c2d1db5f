package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// countersDrift lists what of call_stats and chapter_call_quarters differs from a
// count of the live reports (each counter row that is wrong, missing or extra, and
// each quarter whose calls or reaches are off), and what of call_repeat_stats
// differs from a count of the marks of repeats (call_report_repeats).
func countersDrift(t *testing.T, c *pgx.Conn) []string {
	t.Helper()
	const reach = `outcome IN ('spoke_legislator', 'spoke_staff', 'left_voicemail')`
	rows, err := c.Query(context.Background(), `
		WITH want AS (SELECT campaign_id, legislator_id, count(*) AS attempts, count(*) FILTER (WHERE `+reach+`) AS reaches,
				max(called_at) AS last_called_at, coalesce(max(called_at) FILTER (WHERE `+reach+`), 0) AS last_reached_at
			FROM call_reports WHERE deleted_at IS NULL GROUP BY 1, 2),
		quarters AS (SELECT campaign_id, called_at / 900 AS quarter, chapter_id, count(*) AS calls,
				count(*) FILTER (WHERE `+reach+`) AS reaches
			FROM call_reports WHERE deleted_at IS NULL GROUP BY 1, 2, 3)
		SELECT format('call_stats %s/%s: %s, want %s', coalesce(w.campaign_id, s.campaign_id), coalesce(w.legislator_id, s.legislator_id),
				(s.attempts, s.reaches, s.last_called_at, s.last_reached_at), (w.attempts, w.reaches, w.last_called_at, w.last_reached_at))
		FROM want w FULL JOIN call_stats s USING (campaign_id, legislator_id)
		WHERE (w.attempts, w.reaches, w.last_called_at, w.last_reached_at)
			IS DISTINCT FROM (s.attempts, s.reaches, s.last_called_at, s.last_reached_at)
		UNION ALL
		SELECT format('chapter_call_quarters %s/%s/%s: %s, want %s', campaign_id, quarter, chapter_id,
				(coalesce(q.calls, 0), coalesce(q.reaches, 0)), (coalesce(w.calls, 0), coalesce(w.reaches, 0)))
		FROM quarters w FULL JOIN chapter_call_quarters q USING (campaign_id, quarter, chapter_id)
		WHERE (coalesce(q.calls, 0), coalesce(q.reaches, 0)) IS DISTINCT FROM (coalesce(w.calls, 0), coalesce(w.reaches, 0))
		UNION ALL
		SELECT format('call_repeat_stats %s/%s: %s, want %s', campaign_id, legislator_id,
				(coalesce(s.repeats, 0), coalesce(s.reaches, 0)), (coalesce(m.repeats, 0), coalesce(m.reaches, 0)))
		FROM (SELECT campaign_id, legislator_id, count(*) AS repeats, sum(reached) AS reaches
			FROM call_report_repeats GROUP BY 1, 2) m FULL JOIN call_repeat_stats s USING (campaign_id, legislator_id)
		WHERE (coalesce(s.repeats, 0), coalesce(s.reaches, 0)) IS DISTINCT FROM (coalesce(m.repeats, 0), coalesce(m.reaches, 0))`)
	if err != nil {
		t.Fatal(err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// writeAtOnce runs first in a transaction of lead A's login, then second in one of
// lead B's while A's is open; once B's write waits on a lock A's holds, A's commits.
// It returns B's error (its write's or its commit's).
func writeAtOnce(t *testing.T, sc *coalScene, first, second string) error {
	t.Helper()
	ctx := context.Background()
	alice, bob := coalConnect(t, sc.url, sc.leadA), coalConnect(t, sc.url, sc.leadB)
	ta, err := alice.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer ta.Rollback(ctx)
	if _, err := ta.Exec(ctx, first); err != nil {
		t.Fatalf("A: %s: %v", first, err)
	}
	done := make(chan error, 1)
	go func() {
		tb, err := bob.Begin(ctx)
		if err == nil {
			if _, err = tb.Exec(ctx, second); err == nil {
				err = tb.Commit(ctx)
			} else {
				tb.Rollback(ctx)
			}
		}
		done <- err
	}()
	pid := bob.PgConn().PID()
	for waited := 0; coalCount(t, sc.admin, `SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`, pid) == 0; waited++ {
		select {
		case err := <-done:
			// B never met A's write: what it wrote does not race A's.
			ta.Rollback(ctx)
			t.Fatalf("B's write ended without waiting for A's (%v): the test races nothing", err)
		case <-time.After(20 * time.Millisecond):
		}
		if waited > 500 {
			t.Fatal("B's write never waited for A's")
		}
	}
	if err := ta.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	return <-done
}

// Tester's finding (s48): call_stats_recompute (0001) deletes a legislator's counter
// row and inserts it again; two chapters' writes to reports of one legislator at once
// (each lead editing, trashing or restoring their own) met there: the second failed
// with a duplicate key on call_stats, or, when the first left no live report to
// count, went in and left a count of reports no longer there. Each case here is two
// leads' transactions, the second waiting for the first's; both must go in, and the
// counters must equal a count of the live reports after.
func TestCoalitionStatsRecomputeRace(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name, setup, a, b string
		marked            int // the repeats marked after both
	}{{
		// The counter row is there: A's recompute rewrites it, B's waits for it.
		name: "both edit an outcome",
		a:    `UPDATE call_reports SET outcome = 'no_answer' WHERE uuid = 'call-a'`,
		b:    `UPDATE call_reports SET outcome = 'no_answer' WHERE uuid = 'call-b'`,
	}, {
		// A leaves B's report the only live one; B's then leaves none.
		name: "both trash their report",
		a:    `UPDATE call_reports SET deleted_at = 1700000100 WHERE uuid = 'call-a'`,
		b:    `UPDATE call_reports SET deleted_at = 1700000100 WHERE uuid = 'call-b'`,
	}, {
		// No counter row yet: A's new report adds one (the insert trigger's count),
		// B's restored report is recounted.
		name:  "a new report and a restored one",
		setup: `UPDATE call_reports SET deleted_at = 1700000100 WHERE uuid IN ('call-a', 'call-b')`,
		a: `INSERT INTO call_reports (uuid, chapter_id, campaign_id, volunteer_id, legislator_id, called_at, outcome, created_at, updated_at)
			SELECT 'call-a2', chapter_id, campaign_id, volunteer_id, legislator_id, 1700000200, 'spoke_legislator', 0, 0
			FROM call_reports WHERE uuid = 'call-a'`,
		b: `UPDATE call_reports SET deleted_at = NULL WHERE uuid = 'call-b'`,
	}, {
		// The other way round: B's new report's count waits for A's recount.
		name:  "a restored report and a new one",
		setup: `UPDATE call_reports SET deleted_at = 1700000100 WHERE uuid IN ('call-a', 'call-b')`,
		a:     `UPDATE call_reports SET deleted_at = NULL WHERE uuid = 'call-a'`,
		b: `INSERT INTO call_reports (uuid, chapter_id, campaign_id, volunteer_id, legislator_id, called_at, outcome, created_at, updated_at)
			SELECT 'call-b2', chapter_id, campaign_id, volunteer_id, legislator_id, 1700000200, 'spoke_legislator', 0, 0
			FROM call_reports WHERE uuid = 'call-b'`,
	}, {
		// The same call reported to both chapters at once: one counts, the other is
		// marked its repeat (0029, under the lock of the call's bucket).
		name: "the same call reported to both",
		a: `INSERT INTO call_reports (uuid, chapter_id, campaign_id, volunteer_id, legislator_id, called_at, outcome, created_at, updated_at)
			SELECT 'call-a2', chapter_id, campaign_id, volunteer_id, legislator_id, 1700007200, 'spoke_legislator', 0, 0
			FROM call_reports WHERE uuid = 'call-a'`,
		b: `INSERT INTO call_reports (uuid, chapter_id, campaign_id, volunteer_id, legislator_id, called_at, outcome, created_at, updated_at)
			SELECT 'call-b2', chapter_id, campaign_id, volunteer_id, legislator_id, 1700007200, 'spoke_legislator', 0, 0
			FROM call_reports WHERE uuid = 'call-b'`,
		marked: 1,
	}} {
		t.Run(c.name, func(t *testing.T) {
			sc := newCoalition(t)
			// Two calls of other times, as two chapters' mostly are: reports of one
			// legislator and second wait for each other's marks of repeats (0029).
			for _, q := range []string{`UPDATE call_reports SET called_at = 1700003600 WHERE uuid = 'call-b'`, c.setup} {
				if _, err := sc.admin.Exec(ctx, q); q != "" && err != nil {
					t.Fatal(err)
				}
			}
			if err := writeAtOnce(t, sc, c.a, c.b); err != nil {
				t.Errorf("B's write while A's was under way: %v", err)
			}
			for _, d := range countersDrift(t, sc.admin) {
				t.Errorf("after both writes: %s", d)
			}
			if n := coalCount(t, sc.admin, `SELECT count(*) FROM call_report_repeats`); n != c.marked {
				t.Errorf("after both writes: %d reports marked repeats, want %d", n, c.marked)
			}
		})
	}
}

// Found beside the counters' race (s48): the whip count's current stance (stances)
// is picked again when the history row it stands on goes (an import's undo:
// stance_history_forget and _refold, 0013). Lead A's undo took an older row of a
// legislator's history while lead B's took the current one: B's pick, made before A's
// commit, was A's row, gone once A committed, and B's undo failed ("violates foreign
// key constraint stances_history_id_fkey"). The other way round, B's first, is the
// control: A's delete waits for the row B's pick holds. After both, the count stands
// on the row the rule picks of those left.
func TestCoalitionStanceUndoRace(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name   string
		aLater bool // A's row is the later, current one
	}{{"an older row, then the current", false}, {"the current row, then an older", true}} {
		t.Run(c.name, func(t *testing.T) {
			sc := newCoalition(t)
			// Two undone imports, A's and B's, each of a stance heard on its chapter's
			// call, one later than the other.
			at := map[bool]int64{true: 1700000600, false: 1700000500}
			if _, err := sc.admin.Exec(ctx, `INSERT INTO import_batches (uuid, kind, started_at, chapter_id, undone_at)
				VALUES ('ba', 'calls', 0, $1, 1), ('bb', 'calls', 0, $2, 1)`, sc.a.ID, sc.b.ID); err != nil {
				t.Fatal(err)
			}
			if _, err := sc.admin.Exec(ctx, `INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at, changed_by, reason,
					call_report_id, chapter_id, import_batch_id)
				SELECT 'h-' || right(r.uuid, 1), r.campaign_id, r.legislator_id, 'undecided', CASE r.uuid WHEN 'call-a' THEN $1::bigint ELSE $2 END,
					'a caller', 'heard on a call', r.id, r.chapter_id, b.id
				FROM call_reports r JOIN import_batches b ON b.chapter_id = r.chapter_id AND b.uuid IN ('ba', 'bb')`,
				at[c.aLater], at[!c.aLater]); err != nil {
				t.Fatal(err)
			}
			current := map[bool]string{true: "h-a", false: "h-b"}[c.aLater]
			if n := coalCount(t, sc.admin, `SELECT count(*) FROM stances s JOIN stance_history h ON h.id = s.history_id WHERE h.uuid = $1`, current); n != 1 {
				t.Fatalf("the count does not stand on %s: the test races nothing", current)
			}
			if err := writeAtOnce(t, sc, `DELETE FROM stance_history WHERE uuid = 'h-a'`, `DELETE FROM stance_history WHERE uuid = 'h-b'`); err != nil {
				t.Errorf("B's undo while A's was under way: %v", err)
			}
			if n := coalCount(t, sc.admin, `SELECT count(*) FROM stances s
				WHERE s.history_id IS NOT DISTINCT FROM stance_history_pick(s.campaign_id, s.legislator_id)`); n != 1 {
				t.Errorf("after both undos the count stands on no row the rule picks (%d of 1)", n)
			}
		})
	}
}
