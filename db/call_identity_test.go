package db_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// importCallsAgain imports rows into s and fails the test unless the import created
// want reports.
func importCallsAgain(t *testing.T, s *db.Store, what string, want int, rows ...db.IncomingCall) db.CallImportSummary {
	t.Helper()
	sum, err := s.ImportCalls(context.Background(), rows, db.CallImportOptions{})
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if sum.Created != want {
		t.Errorf("%s: %d reports created (%d unchanged, %d left out), want %d", what, sum.Created, sum.Unchanged,
			len(sum.Unresolved), want)
	}
	return sum
}

// straight is the row with every curly apostrophe typed straight.
func straight(in db.IncomingCall) db.IncomingCall {
	r := strings.NewReplacer("’", "'", "‘", "'", "ʼ", "'", "`", "'")
	in.CallerName, in.Legislator, in.Notes = r.Replace(in.CallerName), r.Replace(in.Legislator), r.Replace(in.Notes)
	return in
}

// The same call typed with a curly apostrophe in one export and a straight one in
// another (a phone's keyboard and a desktop's) is one report, whichever came first,
// also when one file has both (reports stored before under the UUID a curly spelling
// gave: TestImportCallsKeepTheirUUIDsWithApostrophes).
func TestImportCallsApostropheSpellingsAreOneReport(t *testing.T) {
	at := time.Date(2026, 11, 18, 18, 5, 7, 0, time.FixedZone("EST", -5*3600))
	curly := db.IncomingCall{Line: 2, CallerName: "Kevin O’Brien", CallerEmail: "kob@example.org", Legislator: "Rep. Jim O’Day",
		CalledAt: at, Outcome: db.OutcomeSpokeStaff, Notes: "He’ll think about it"}
	noEmail := db.IncomingCall{Line: 3, CallerName: "Lee O‘Neil", Legislator: "Jim O'Day", CalledAt: at.Add(2 * time.Hour),
		Outcome: db.OutcomeBusy}
	setup := func(t *testing.T) *db.Store {
		s := dbtest.Open(t)
		dbtest.Campaign(t, s)
		dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Jim O'Day")
		return s
	}
	t.Run("curly, then straight", func(t *testing.T) {
		s := setup(t)
		importCallsAgain(t, s, "curly", 2, curly, noEmail)
		importCallsAgain(t, s, "straight", 0, straight(curly), straight(noEmail))
	})
	t.Run("straight, then curly", func(t *testing.T) {
		s := setup(t)
		importCallsAgain(t, s, "straight", 2, straight(curly), straight(noEmail))
		importCallsAgain(t, s, "curly", 0, curly, noEmail)
	})
	t.Run("both in one file", func(t *testing.T) {
		s := setup(t)
		importCallsAgain(t, s, "both", 2, curly, straight(curly), straight(noEmail), noEmail)
	})
}

// Two calls of one caller to one legislator at one time (a form that asks only the
// day) that differ in the office, the stance or the notes are two reports, whatever
// the order the exports list them in: a later export sorted otherwise, with the second
// call added before the first, adds the second, and neither is taken for the other.
// (One call, then another of the key alone, is an edit of the first: see
// TestImportCallsEditedRowUpdatesItsReport.)
func TestImportCallsOfOneKeyInAnyOrder(t *testing.T) {
	day := time.Date(2026, 11, 18, 0, 0, 0, 0, time.UTC)
	capitol := db.IncomingCall{Line: 2, CallerName: "Ann Lee", CallerEmail: "ann@example.org", Legislator: "Rep. Jo Ames",
		CalledAt: day, Office: db.OfficeCapitol, Outcome: db.OutcomeLeftVoicemail}
	district := capitol
	district.Office = db.OfficeDistrict
	heard := capitol
	heard.Notes = "staff said she is for it"
	offices := func(t *testing.T, s *db.Store) []string {
		t.Helper()
		r, err := dbtest.Raw(t, s.Path()).Query(`SELECT office || '/' || notes FROM call_reports`)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		var got []string
		for r.Next() {
			var o string
			if err := r.Scan(&o); err != nil {
				t.Fatal(err)
			}
			got = append(got, o)
		}
		slices.Sort(got)
		return got
	}
	for _, c := range []struct {
		name          string
		first, second []db.IncomingCall
		added         int
	}{
		{"one, then both the other way round", []db.IncomingCall{capitol}, []db.IncomingCall{district, capitol}, 1},
		{"both, then the other way round", []db.IncomingCall{capitol, district}, []db.IncomingCall{district, capitol}, 0},
		{"two, then a third first", []db.IncomingCall{capitol, district}, []db.IncomingCall{heard, district, capitol}, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := dbtest.Open(t)
			dbtest.Campaign(t, s)
			dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Jo Ames")
			importCallsAgain(t, s, "first export", len(c.first), c.first...)
			importCallsAgain(t, s, "second export", c.added, c.second...)
			importCallsAgain(t, s, "second export again", 0, c.second...)
			var want []string
			for _, in := range append(c.first, c.second...) {
				if o := string(in.Office) + "/" + in.Notes; !slices.Contains(want, o) {
					want = append(want, o)
				}
			}
			slices.Sort(want)
			if got := offices(t, s); !slices.Equal(got, want) {
				t.Errorf("stored %q, want one report of each call: %q", got, want)
			}
		})
	}
}

// A time written without a zone that the chapter's zone skips ("2025-03-09 02:30" in
// New York, which is 03:30 there) keys its report as written: the file imported on a
// computer in another zone finds it. A report keyed before by the clock's reading
// (03:30) is found too.
func TestImportCallsKeyATimeTheZoneSkipsAsWritten(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	written := time.Date(2025, 3, 9, 2, 30, 0, 0, time.UTC)
	row := func(zone *time.Location, asWritten bool) db.IncomingCall {
		in := db.IncomingCall{Line: 2, CallerName: "Ann Lee", CallerEmail: "ann@example.org", Legislator: "Rep. Jo Ames",
			CalledAt: time.Date(2025, 3, 9, 2, 30, 0, 0, zone), WallClock: true, Outcome: db.OutcomeBusy}
		if asWritten {
			in.WrittenAt = written
		}
		return in
	}
	setup := func(t *testing.T) *db.Store {
		s := dbtest.Open(t)
		dbtest.Campaign(t, s)
		dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Jo Ames")
		return s
	}
	t.Run("New York, then UTC", func(t *testing.T) {
		s := setup(t)
		importCallsAgain(t, s, "in New York", 1, row(ny, true))
		importCallsAgain(t, s, "in UTC", 0, row(time.UTC, true))
	})
	t.Run("keyed by the clock before", func(t *testing.T) {
		s := setup(t)
		importCallsAgain(t, s, "before WrittenAt", 1, row(ny, false))
		importCallsAgain(t, s, "as written", 0, row(ny, true))
	})
}

// Calls imported first without --update-stances move the whip count when the file is
// imported again with it, as a first import with it would have (the newest call per
// legislator); a third run, with it again, writes no second history row.
func TestImportCallsAgainWithUpdateStancesWeighsTheStoredReports(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2026, 11, 18, 15, 0, 0, 0, time.UTC)
	older := db.IncomingCall{Line: 2, CallerName: "Ann Lee", CallerEmail: "ann@example.org", Legislator: "Rep. Jo Ames",
		CalledAt: day, Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceUndecided}
	newer := older
	newer.Line, newer.CalledAt, newer.StanceHeard = 3, day.Add(24*time.Hour), db.StanceYes
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Jo Ames")
	whip := func() (string, int) {
		t.Helper()
		raw := dbtest.Raw(t, s.Path())
		var st string
		var n int
		if err := raw.QueryRow(`SELECT coalesce((SELECT stance FROM stances), ''), (SELECT count(*) FROM stance_history)`).Scan(&st, &n); err != nil {
			t.Fatal(err)
		}
		return st, n
	}
	importCallsAgain(t, s, "without the flag", 2, newer, older)
	// Run 1 moves the count once (the newer call) and puts the older call in the
	// history only, behind it: not a second change "recorded in the whip count".
	for run, want := range []int{1, 0} {
		sum, err := s.ImportCalls(ctx, []db.IncomingCall{newer, older}, db.CallImportOptions{UpdateStances: true})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Created != 0 || sum.StanceChanges != want || sum.StancesBehind != want {
			t.Errorf("run %d with --update-stances: %d created, %d stance changes, %d behind, want 0, %d and %d", run+1, sum.Created, sum.StanceChanges, sum.StancesBehind, want, want)
		}
		if st, n := whip(); st != string(db.StanceYes) || n != 2 {
			t.Errorf("run %d: whip count %q with %d history rows, want %q (the newer call) and 2", run+1, st, n, db.StanceYes)
		}
	}
}
