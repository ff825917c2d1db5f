package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportCallsStanceBehindANewerReport: a call older than the report the whip
// count stands on was counted among the "stance changes recorded in the whip count"
// though the count did not move (t4 F7). It is put in the history, counted apart
// and listed saying the count stays, and from which time; a call of the very time
// the count stands on, with another stance, takes the count (the last recorded of
// one time stands) and is listed saying whose stance of that time it replaced.
func TestImportCallsStanceBehindANewerReport(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	campaign, leg := dbtest.CallDesk(t, s)
	dec4 := time.Date(2026, 12, 4, 15, 0, 0, 0, time.UTC)
	call := func(line int, email string, at time.Time, st db.Stance) db.IncomingCall {
		c := dbtest.CallRow(line, "Ann "+email[:1], email)
		c.CalledAt, c.Office, c.StanceHeard = at, db.OfficeCapitol, st
		return c
	}
	whip := func() db.Stance {
		t.Helper()
		wc, err := s.WhipCount(ctx, campaign)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range wc.Legislators {
			if l.LegislatorID == leg {
				return l.Stance
			}
		}
		return ""
	}
	opts := db.CallImportOptions{UpdateStances: true}
	if sum, err := s.ImportCalls(ctx, []db.IncomingCall{call(2, "a@x.org", dec4, db.StanceNo)}, opts); err != nil || sum.StanceChanges != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{call(2, "b@x.org", dec4.AddDate(0, 0, -1), db.StanceUndecided)}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum.StanceChanges != 0 || sum.StancesBehind != 1 || len(sum.StanceBehindNotes) != 1 {
		t.Errorf("an older call: %d changes, %d behind (%+v); want 0 changes, 1 behind listed", sum.StanceChanges, sum.StancesBehind, sum.StanceBehindNotes)
	} else if r := sum.StanceBehindNotes[0].Reason; !strings.Contains(r, `stays "No"`) || !strings.Contains(r, "4 December 2026") {
		t.Errorf("an older call: %q; want it saying the count stays No, from the report of 4 December 2026", r)
	}
	if got := whip(); got != db.StanceNo {
		t.Errorf("whip count %q after an older call, want no", got)
	}
	sum, err = s.ImportCalls(ctx, []db.IncomingCall{call(2, "c@x.org", dec4, db.StanceYes)}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum.StanceChanges != 1 || len(sum.StanceTiedNotes) != 1 || !strings.Contains(sum.StanceTiedNotes[0].Reason, `"No" heard at the same time`) {
		t.Errorf("a call of the same time: %d changes, notes %+v; want 1 change, listed as replacing No heard at the same time", sum.StanceChanges, sum.StanceTiedNotes)
	}
	if got := whip(); got != db.StanceYes {
		t.Errorf("whip count %q after a call of the same time, want yes (the last recorded)", got)
	}
}
