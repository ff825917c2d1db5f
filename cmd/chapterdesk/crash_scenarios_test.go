//go:build unix

package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestCrashImport kills `chapterdesk import volunteers` at random points and checks
// that the file is intact and holds the whole import or none of it.
func TestCrashImport(t *testing.T) {
	ctx := context.Background()
	r := newCrashRound(t)
	// 25,000 rows at least: an import of 20,000 or more beside a roster has the file
	// to itself (db.Options.Alone), which leaves a journal when killed.
	rows, points := r.pick(25_000, 100_000), r.pick(5, 20)
	file := generateRoster(t, rows)
	dir := t.TempDir()
	// Kill points alternate between an empty file, where the import takes the bulk
	// path (indexes dropped, rebuilt at the end), and a file with a roster, where it
	// takes the ordinary path of a lead's second import.
	seeded := filepath.Join(dir, "seeded.db")
	s, err := db.Open(ctx, seeded, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for j := range 50 {
		dbtest.Volunteer(t, s, "Seed", fmt.Sprint(j), nil)
	}
	s.Close()

	// Reference runs: how long a whole import takes, and what it adds.
	var took [2]time.Duration
	added := 0
	for i, template := range []string{"", seeded} {
		path := filepath.Join(dir, fmt.Sprintf("reference-%d.db", i))
		if template != "" {
			copyFile(t, template, path)
		}
		took[i] = startChild(t, "cli", "import", "volunteers", file, "--db", path).finish(t)
		if n := count(t, dbtest.Raw(t, path), `SELECT count(*) FROM volunteers`); i == 0 {
			added = n
		}
	}
	t.Logf("a whole import of %d rows takes %v into an empty file, %v beside a roster, and adds %d volunteers",
		rows, took[0].Round(time.Millisecond), took[1].Round(time.Millisecond), added)

	// A run that ends before its kill point is checked, then does not count: the
	// kill points of that kind of run move within the time it took, so every one of
	// the points is a real kill.
	outcomes := map[string]int{}
	for kills, run := 0, 0; kills < points; run++ {
		if run >= 3*points {
			t.Fatalf("only %d of %d runs were killed before they ended", kills, run)
		}
		kind := kills % 2 // 1: beside a roster
		at := r.killPoints(1, took[kind])[0]
		path := filepath.Join(dir, fmt.Sprintf("kill-%d.db", run))
		before := 0
		if kind == 1 {
			copyFile(t, seeded, path)
			before = 50
		}
		c := startChild(t, "cli", "import", "volunteers", file, "--db", path)
		finished := c.killAfter(at)
		got := checkImport(t, path, before, added)
		if finished {
			t.Logf("run ended in %v, before its kill point at %v (roster of %d): %s; not counted",
				c.ran.Round(time.Millisecond), at.Round(time.Millisecond), before, got)
			took[kind] = c.ran
			continue
		}
		kills++
		outcomes[got]++
		t.Logf("kill %2d at %v of %v (roster of %d): %s", kills, at.Round(time.Millisecond),
			took[kind].Round(time.Millisecond), before, got)
	}
	t.Logf("%d kill points: %v", points, outcomes)
	// In the full round the runs beside a roster are killed all along: some after the
	// import began writing to the file, which it had to itself.
	if points >= 20 && outcomes["absent (its journal played back)"] == 0 {
		t.Error("no kill left a journal to play back: did the import beside a roster have the file to itself?")
	}
}

// checkImport reopens a killed import's file as the app would and says whether the
// import is absent or complete; anything else fails the test.
func checkImport(t *testing.T, path string, before, added int) string {
	t.Helper()
	// A reading command may be the first to open the file after the kill. A large
	// import beside a roster has the file to itself (db.Options.Alone) and, killed,
	// leaves its journal, which only an open for writing plays back: the reading one
	// says so, and reads the file otherwise.
	played := ""
	if _, err := os.Stat(path); err == nil {
		_, jerr := os.Stat(path + "-journal")
		r, err := db.Open(context.Background(), path, db.Options{ReadOnly: true})
		switch {
		case err == nil:
			r.Close()
		case jerr == nil && errors.Is(err, db.ErrJournalLeft):
			played = " (its journal played back)"
		default:
			t.Errorf("a reading open after the kill: %v", err)
			return "unreadable"
		}
	}
	s, err := db.Open(context.Background(), path, db.Options{})
	if err != nil {
		t.Errorf("reopen after the kill: %v", err)
		return "unopenable"
	}
	s.Close()
	d := dbtest.Raw(t, path)
	if !integrityOK(t, d) {
		return "damaged"
	}
	vols := count(t, d, `SELECT count(*) FROM volunteers`)
	batches := count(t, d, `SELECT count(*) FROM import_batches`)
	switch {
	case vols == before && batches == 0:
		return "absent" + played
	case vols == before+added && batches == 1 &&
		count(t, d, `SELECT count(*) FROM volunteers WHERE import_batch_id = (SELECT id FROM import_batches)`) ==
			count(t, d, `SELECT created FROM import_batches`):
		return "complete"
	}
	t.Errorf("%s: %d volunteers and %d import batches: neither absent (%d, 0) nor complete (%d, 1)",
		filepath.Base(path), vols, batches, before, before+added)
	return "partial"
}

// stanceChild moves stances for ever, alternating a stance set by hand (SetStance)
// and one heard on a call (a call report and its stance change in one transaction),
// printing "done N" after each commit.
func stanceChild(ctx context.Context, args []string) error {
	s, err := db.Open(ctx, args[0], db.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	camps, err := s.Campaigns(ctx)
	if err != nil || len(camps) == 0 {
		return fmt.Errorf("no campaign: %v", err)
	}
	legs, err := s.Legislators(ctx)
	if err != nil || len(legs) == 0 {
		return fmt.Errorf("no legislators: %v", err)
	}
	fmt.Println("ready")
	base := time.Now().Add(-24 * time.Hour)
	stances := []db.Stance{db.StanceUndecided, db.StanceLeaningYes, db.StanceYes, db.StanceLeaningNo}
	for i := range 50_000 {
		leg, at := legs[i%len(legs)].ID, base.Add(time.Duration(i)*time.Second)
		st := stances[i/len(legs)%len(stances)]
		if i%2 == 0 {
			_, err = s.SetStance(ctx, db.StanceChange{CampaignID: camps[0].ID, LegislatorID: leg, Stance: st,
				ChangedAt: at, ChangedBy: "crash test", Reason: fmt.Sprint(i)})
		} else {
			_, err = s.CreateCallReport(ctx, db.CallReport{CampaignID: camps[0].ID, LegislatorID: leg,
				Outcome: db.OutcomeSpokeStaff, StanceHeard: st, CalledAt: at, Notes: "crash test"}, true)
		}
		if err != nil {
			return err
		}
		fmt.Println("done", i)
	}
	return nil
}

// TestCrashStanceUpdate kills a process that is moving the whip count and checks that
// each stance change is whole: its history row, the current stance the trigger keeps,
// and for a change heard on a call, the report and its counters.
func TestCrashStanceUpdate(t *testing.T) {
	r := newCrashRound(t)
	dir := t.TempDir()
	template := filepath.Join(dir, "template.db")
	s, err := db.Open(context.Background(), template, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dbtest.Campaign(t, s)
	for i := range 10 {
		dbtest.Legislator(t, s, db.ChamberLower, fmt.Sprint(i+1, "th Middlesex"), fmt.Sprint("Rep ", i))
	}
	s.Close()
	for i := range r.pick(5, 20) {
		path := filepath.Join(dir, fmt.Sprintf("kill-%d.db", i))
		copyFile(t, template, path)
		c := startChild(t, "stance", path)
		c.waitFor(t, "ready")
		at := time.Since(c.started) + time.Duration(r.rng.Int64N(int64(time.Second)))
		if c.killAfter(at) {
			t.Fatalf("the stance loop ended by itself: %s", c.out.String())
		}
		acked := strings.Count(c.out.String(), "done ")
		checkStances(t, path, acked)
	}
}

// checkStances checks a killed stance loop's file: every change the child reported
// committed is there (and at most the one in flight besides), and the tables the
// triggers keep agree with the rows they summarize.
func checkStances(t *testing.T, path string, acked int) {
	t.Helper()
	s, err := db.Open(context.Background(), path, db.Options{})
	if err != nil {
		t.Fatalf("reopen after the kill: %v", err)
	}
	s.Close()
	d := dbtest.Raw(t, path)
	if !integrityOK(t, d) {
		return
	}
	history := count(t, d, `SELECT count(*) FROM stance_history`)
	if history != acked && history != acked+1 {
		t.Errorf("%d stance changes reported committed, %d in the history", acked, history)
	}
	for what, q := range map[string]string{
		"call reports without exactly one stance change": `SELECT count(*) FROM call_reports r
			WHERE (SELECT count(*) FROM stance_history h WHERE h.call_report_id = r.id) <> 1`,
		"current stances that are not the newest change": `SELECT count(*) FROM
			(SELECT campaign_id, legislator_id, max(id) AS newest FROM stance_history GROUP BY 1, 2) h
			LEFT JOIN stances s USING (campaign_id, legislator_id) WHERE s.history_id IS NOT h.newest`,
		"current stances without history": `SELECT count(*) FROM stances s
			WHERE NOT EXISTS (SELECT 1 FROM stance_history h WHERE h.id = s.history_id)`,
		"call counters that disagree with the reports": `SELECT count(*) FROM
			(SELECT campaign_id, legislator_id, count(*) AS n FROM call_reports WHERE deleted_at IS NULL GROUP BY 1, 2) r
			LEFT JOIN call_stats c USING (campaign_id, legislator_id) WHERE c.attempts IS NOT r.n`,
	} {
		if n := count(t, d, q); n != 0 {
			t.Errorf("%s: %d (after %d changes)", what, n, history)
		}
	}
	t.Logf("killed after %d stance changes: history, stances and call counters agree", history)
}

// exportKills are the verbs that write a file from the database, each killed while it
// writes: the file must be absent or complete, and the database untouched.
//
// Hook for the coalition workbook (issue 5): when `chapterdesk report OUT.xlsx` is
// built, add {"workbook", func(out string) []string { return []string{"report", out} },
// completeWorkbook}, where completeWorkbook opens the .xlsx and reads every sheet.
var exportKills = []struct {
	name     string
	args     func(out string) []string
	complete func(t *testing.T, out string, source map[string]string)
}{
	{"backup", func(out string) []string { return []string{"backup", out} }, completeBackup},
}

// completeBackup checks that a backup is a sound ChapterDesk file with the source's rows.
func completeBackup(t *testing.T, out string, source map[string]string) {
	t.Helper()
	if err := db.CheckBackup(context.Background(), out); err != nil {
		t.Errorf("the backup left by the kill: %v", err)
		return
	}
	if got := dbtest.Digests(t, out); !maps.Equal(got, source) {
		t.Errorf("the backup's rows differ from the source's")
	}
}

// TestCrashExport kills each exporting verb mid-write.
func TestCrashExport(t *testing.T) {
	r := newCrashRound(t)
	dir := t.TempDir()
	source := filepath.Join(dir, "chapter.db")
	vols := r.pick(5_000, 10_000)
	if code, _, errOut := chapterdesk(t, "demo", "--volunteers", fmt.Sprint(vols), "--calls", fmt.Sprint(vols*10), "--db", source); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	want := dbtest.Digests(t, source)
	for _, x := range exportKills {
		took := startChild(t, "cli", append(x.args(filepath.Join(dir, x.name+"-reference")), "--db", source)...).finish(t)
		for i, at := range r.killPoints(r.pick(5, 20), took) {
			out := filepath.Join(dir, fmt.Sprintf("%s-%d", x.name, i))
			finished := startChild(t, "cli", append(x.args(out), "--db", source)...).killAfter(at)
			state := "absent"
			if _, err := os.Lstat(out); err == nil {
				state = "complete"
				x.complete(t, out, want)
			}
			if !integrityOK(t, dbtest.Raw(t, source)) || !maps.Equal(dbtest.Digests(t, source), want) {
				t.Errorf("%s killed at %v: the source database changed", x.name, at)
			}
			t.Logf("%s killed at %v of %v: %s (finished first: %v)", x.name, at.Round(time.Millisecond),
				took.Round(time.Millisecond), state, finished)
		}
	}
}
