package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestCoalitionCountersCountARepeatedCallOnce: the same form imported by two
// chapters gives each its own report of a call (0022), and the coordinator's
// workbook counts it once (0024), but the coordinator's dashboard (its weeks, read
// from the quarter-hour counters) and the whip count's calls and reaches, the
// coordinator's and each lead's (read from call_stats), counted it twice. Each
// chapter's own row keeps its report; the coalition's figures count the call once,
// through the report's deletion (the repeat is then the one counted), its return,
// an edit that makes it another call, and an owner's bulk import of the same form.
func TestCoalitionCountersCountARepeatedCallOnce(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	campaign := dbtest.Campaign(t, sc.s)
	dbtest.Legislator(t, sc.s, db.ChamberLower, "1st Suffolk", "Jo Ames")
	now := time.Now().UTC()
	// This week's, whenever the test runs: an hour back was last week's in the first
	// hour of a Monday, and the week's counts were 0. Weeks start on a whole minute, in
	// UTC as in the odd zone below, so the minute begun is always in now's week.
	at := now.Truncate(time.Minute)
	row := func(line int, name, email string, at time.Time, outcome db.Outcome) db.IncomingCall {
		return db.IncomingCall{Line: line, CallerName: name, CallerEmail: email, Legislator: "Rep. Jo Ames", CalledAt: at,
			Office: db.OfficeCapitol, Outcome: outcome, StanceHeard: db.StanceYes, Notes: "said thanks"}
	}
	form := []db.IncomingCall{row(2, "Rosa Almeida", "rosa@example.org", at, db.OutcomeSpokeStaff)}
	open := func(login string) *db.Store {
		t.Helper()
		s, err := db.Open(ctx, coalAs(t, sc.url, login), db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	alice, bob, carol := open(sc.leadA), open(sc.leadB), open(sc.coord)
	aliceImport, err := alice.ImportCalls(ctx, form, db.CallImportOptions{CampaignID: campaign})
	if err != nil {
		t.Fatal(err)
	}
	// Bob's chapter: the same call, and a call of its own that reached no one.
	bobImport, err := bob.ImportCalls(ctx, append(form, row(3, "Ana Diaz", "ana@example.org", at, db.OutcomeNoAnswer)),
		db.CallImportOptions{CampaignID: campaign})
	if err != nil {
		t.Fatal(err)
	}
	// The import says so (it said the call counted twice).
	if said := strings.Join(bobImport.Notes, "\n"); !strings.Contains(said, "count the same call filed by two chapters once") {
		t.Errorf("Springfield's import said %q; want the call counted once in the coalition's numbers", said)
	}

	// check: the dashboard's rows (each chapter's own reports), its coalition week
	// and the whip count as each login reads it.
	check := func(when string, worcester, springfield, calls, reaches int) {
		t.Helper()
		d, err := carol.CoalitionDashboard(ctx, campaign, now)
		if err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		rows := map[string]int{}
		for _, c := range d.Chapters {
			rows[c.Name] = c.Calls
		}
		if rows["Worcester"] != worcester || rows["Springfield"] != springfield {
			t.Errorf("%s: the dashboard's chapter rows %v; want Worcester %d, Springfield %d (each chapter's own reports)",
				when, rows, worcester, springfield)
		}
		var week db.WeekCount
		if len(d.Coalition) == len(d.Weeks) && len(d.Weeks) > 0 {
			week = d.Coalition[len(d.Coalition)-1]
		}
		if week.Calls != calls || week.Reaches != reaches {
			t.Errorf("%s: the coalition's calls this week %d, reaches %d; want %d and %d (a call once)", when, week.Calls, week.Reaches, calls, reaches)
		}
		for who, s := range map[string]*db.Store{"coordinator": carol, "lead of Worcester": alice, "lead of Springfield": bob, "owner": sc.s} {
			w, err := s.WhipCount(ctx, campaign)
			if err != nil {
				t.Fatalf("%s: %s's whip count: %v", when, who, err)
			}
			if w.AllCalls() != calls || w.AllReaches() != reaches {
				t.Errorf("%s: the %s's whip count: %d calls, %d reaches; want %d and %d (a call once)", when, who, w.AllCalls(), w.AllReaches(), calls, reaches)
			}
		}
	}
	check("both chapters imported the form", 1, 2, 2, 1)

	// Weeks that start on no quarter of an hour are read from the reports: the same.
	odd, err := carol.CoalitionDashboard(ctx, campaign, now.In(time.FixedZone("odd", 7*60)))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(odd.Coalition); n == 0 || odd.Coalition[n-1].Calls != 2 || odd.Coalition[n-1].Reaches != 1 {
		t.Errorf("weeks read from the reports: the coalition's weeks %+v; want 2 calls, 1 reach this week", odd.Coalition)
	}
	// Which report repeats which is no lead's to read, nor the coordinator's, nor
	// how many repeats there are apart from the counts.
	for _, login := range []string{sc.leadA, sc.leadB, sc.coord} {
		c := coalConnect(t, sc.url, login)
		for _, table := range []string{"call_report_repeats", "call_repeat_stats"} {
			var n int
			if err := c.QueryRow(ctx, `SELECT count(*) FROM `+table).Scan(&n); err == nil {
				t.Errorf("%s reads %s (%d rows)", login, table, n)
			}
		}
	}

	mine := func(s *db.Store) int64 {
		t.Helper()
		rows, err := s.ListCallReports(ctx, db.CallFilter{CampaignID: campaign}, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if r.CalledAt.Equal(at) && r.Outcome == db.OutcomeSpokeStaff { // the form's, not Ana's of the same minute
				return r.ID
			}
		}
		t.Fatal("the form's report is not there")
		return 0
	}
	aliceReport, bobReport := mine(alice), mine(bob)
	if _, err := alice.TrashCallReport(ctx, aliceReport); err != nil {
		t.Fatal(err)
	}
	check("Worcester's report in the trash (Springfield's is counted)", 0, 2, 2, 1)
	if _, err := alice.RestoreCallReport(ctx, aliceReport); err != nil {
		t.Fatal(err)
	}
	check("Worcester's report back", 1, 2, 2, 1)
	if _, err := bob.TrashCallReport(ctx, bobReport); err != nil {
		t.Fatal(err)
	}
	check("Springfield's repeat in the trash", 1, 1, 2, 1)
	if _, err := bob.RestoreCallReport(ctx, bobReport); err != nil {
		t.Fatal(err)
	}
	check("Springfield's repeat back", 1, 2, 2, 1)
	if err := db.WriteRaw(ctx, sc.s, `UPDATE call_reports SET notes = 'said thanks, and another call' WHERE id = ?`, bobReport); err != nil {
		t.Fatal(err)
	}
	check("Springfield's report edited into another call", 1, 2, 3, 2)
	if err := db.WriteRaw(ctx, sc.s, `UPDATE call_reports SET notes = 'said thanks' WHERE id = ?`, bobReport); err != nil {
		t.Fatal(err)
	}
	check("Springfield's report edited back", 1, 2, 2, 1)

	// The owner's import is a bulk load (its counters added at its end).
	if _, err := sc.s.ImportCalls(ctx, form, db.CallImportOptions{CampaignID: campaign}); err != nil {
		t.Fatal(err)
	}
	d, err := carol.CoalitionDashboard(ctx, campaign, now)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, c := range d.Chapters {
		total += c.Calls
	}
	if total != 4 {
		t.Fatalf("after the owner's import the chapters' rows hold %d reports; want 4", total)
	}
	check("the owner's chapter imported the form too", 1, 2, 2, 1)

	// Worcester's import taken back: its report deleted, Springfield's counted (the
	// owner's repeats it).
	if _, err := alice.UndoImport(ctx, aliceImport.BatchID); err != nil {
		t.Fatal(err)
	}
	check("Worcester's import taken back", 0, 2, 2, 1)
}

// TestCoalitionRepeatsWrittenAtOnceCountOnce: two leads saving the same call at once
// (neither transaction sees the other's report until it commits) still count it
// once: the second waits for the first's commit before it judges its report.
func TestCoalitionRepeatsWrittenAtOnceCountOnce(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	carol := sc.openAs(t, sc.coord)
	before, err := carol.WhipCount(ctx, sc.campaign)
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(-time.Hour).Unix()
	insert := `INSERT INTO call_reports (uuid, chapter_id, campaign_id, legislator_id, called_at, outcome, notes,
		created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 'spoke_staff', 'the same form', 0, 0)`
	alice, bob := coalConnect(t, sc.url, sc.leadA), coalConnect(t, sc.url, sc.leadB)
	tx, err := alice.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, insert, "race-a", sc.a.ID, sc.campaign, sc.legislator, at); err != nil {
		t.Fatal(err)
	}
	done := make(chan error)
	go func() {
		_, err := bob.Exec(ctx, insert, "race-b", sc.b.ID, sc.campaign, sc.legislator, at)
		done <- err
	}()
	time.Sleep(300 * time.Millisecond) // Bob's write is under way, Alice's not committed
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	after, err := carol.WhipCount(ctx, sc.campaign)
	if err != nil {
		t.Fatal(err)
	}
	if after.AllCalls() != before.AllCalls()+1 || after.AllReaches() != before.AllReaches()+1 {
		t.Errorf("two leads saving one call at once: the whip count went from %d calls, %d reaches to %d, %d; want one more of each",
			before.AllCalls(), before.AllReaches(), after.AllCalls(), after.AllReaches())
	}
}
