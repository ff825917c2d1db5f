package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// A report whose stance moved the whip count, imported again with its stance
// corrected (the volunteer misheard: "no", not "leaning yes"), moves the whip count
// to the correction even without UpdateStances: the count stood on that report, and
// kept what it no longer says. An undo of the correcting import puts the count back.
func TestImportCallsStanceCorrectionMovesTheCount(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2025, 6, 3, 10, 0, 0, 0, time.UTC)
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "22nd Middlesex", "Marc Lombardo")
	call := db.IncomingCall{Line: 2, CallerName: "Ann Lee", CallerEmail: "ann@example.org", Legislator: "Rep. Marc Lombardo",
		CalledAt: day, Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceLeaningYes, Notes: "s3"}
	if _, err := s.ImportCalls(ctx, []db.IncomingCall{call}, db.CallImportOptions{UpdateStances: true}); err != nil {
		t.Fatal(err)
	}
	whip := func() string {
		t.Helper()
		got, err := db.QueryStrings(ctx, s, `SELECT stance FROM stances`)
		if err != nil || len(got) != 1 {
			t.Fatal(got, err)
		}
		return got[0]
	}
	if w := whip(); w != "leaning_yes" {
		t.Fatalf("whip count %q after the first import", w)
	}
	corrected := call
	corrected.StanceHeard = db.StanceNo
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{corrected}, db.CallImportOptions{})
	if err != nil || sum.Updated != 1 {
		t.Fatalf("%v: %+v", err, sum)
	}
	if w := whip(); w != "no" || sum.StanceChanges != 1 {
		t.Errorf("whip count %q (%d stance changes) after the report's stance was corrected to no", w, sum.StanceChanges)
	}
	if _, err := s.UndoImport(ctx, sum.BatchID); err != nil {
		t.Fatal(err)
	}
	if w := whip(); w != "leaning_yes" {
		t.Errorf("whip count %q after undo, want leaning_yes", w)
	}
}

// The report the whip count stands on, corrected to "didn't say" (or with its stance
// cleared): the count no longer stands on anything that report says, so it falls
// back to the stance before it (the earlier call's "undecided"; "unknown" when there
// was none), a history row saying so; undo of the correcting import puts it back.
func TestImportCallsStanceCorrectedToDidntSayFallsBack(t *testing.T) {
	for _, tc := range []struct {
		name    string
		heard   db.Stance
		earlier bool
		want    string
	}{
		{"didn't say, an earlier call", db.StanceUnknown, true, "undecided"},
		{"cleared, an earlier call", "", true, "undecided"},
		{"didn't say, no earlier stance", db.StanceUnknown, false, "unknown"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			day := time.Date(2025, 6, 3, 10, 0, 0, 0, time.UTC)
			s := dbtest.Open(t)
			dbtest.Campaign(t, s)
			dbtest.Legislator(t, s, db.ChamberLower, "22nd Middlesex", "Marc Lombardo")
			first := db.IncomingCall{Line: 2, CallerName: "Bo Kim", CallerEmail: "bo@example.org", Legislator: "Rep. Marc Lombardo",
				CalledAt: day.Add(-48 * time.Hour), Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceUndecided, Notes: "s1"}
			call := db.IncomingCall{Line: 3, CallerName: "Ann Lee", CallerEmail: "ann@example.org", Legislator: "Rep. Marc Lombardo",
				CalledAt: day, Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceLeaningYes, Notes: "s3"}
			calls := []db.IncomingCall{call}
			if tc.earlier {
				calls = []db.IncomingCall{first, call}
			}
			if _, err := s.ImportCalls(ctx, calls, db.CallImportOptions{UpdateStances: true}); err != nil {
				t.Fatal(err)
			}
			whip := func() string {
				t.Helper()
				got, err := db.QueryStrings(ctx, s, `SELECT stance FROM stances`)
				if err != nil || len(got) != 1 {
					t.Fatal(got, err)
				}
				return got[0]
			}
			if w := whip(); w != "leaning_yes" {
				t.Fatalf("whip count %q after the first import", w)
			}
			corrected := call
			corrected.StanceHeard = tc.heard
			sum, err := s.ImportCalls(ctx, []db.IncomingCall{corrected}, db.CallImportOptions{})
			if err != nil || sum.Updated != 1 {
				t.Fatalf("%v: %+v", err, sum)
			}
			if w := whip(); w != tc.want || sum.StanceChanges != 1 {
				t.Errorf("whip count %q (%d stance changes) after the report was corrected to %q, want %q", w, sum.StanceChanges, tc.heard, tc.want)
			}
			if _, err := s.UndoImport(ctx, sum.BatchID); err != nil {
				t.Fatal(err)
			}
			if w := whip(); w != "leaning_yes" {
				t.Errorf("whip count %q after undo, want leaning_yes", w)
			}
		})
	}
}
