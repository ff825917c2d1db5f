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
	// The sheet with the first call's row too: another caller's row of its second
	// that holds something else, without it, may be that report corrected (see
	// TestReimportWithCallerAndContentCorrected).
	sum, err = s.ImportCalls(ctx, []db.IncomingCall{call(2, "a@x.org", dec4, db.StanceNo), call(3, "c@x.org", dec4, db.StanceYes)}, opts)
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

// A call heard "No" from a sponsor only the campaign's file marked took the whip count
// from Sponsor with nothing but "1 stance changes recorded" (tester, s40): the import
// names the legislator, what is counted now and the mark it replaced; a second call
// to them is an ordinary change.
func TestImportCallsSaysASponsorMarkReplaced(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	campaign, leg := dbtest.CallDesk(t, s)
	if _, err := writableRaw(t, s).ExecContext(ctx, `INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at, changed_by, reason)
		VALUES ('3f9a2c10-0000-4000-8000-000000000001', ?, ?, 'sponsor', ?, 'ChapterDesk', 'sponsor of S.1305 (the campaign)')`,
		campaign, leg, time.Now().Add(-time.Hour).Unix()); err != nil {
		t.Fatal(err)
	}
	call := dbtest.CallRow(2, "Ann A", "a@x.org")
	call.CalledAt, call.Office, call.StanceHeard = time.Now().Add(-24*time.Hour), db.OfficeCapitol, db.StanceNo
	opts := db.CallImportOptions{UpdateStances: true}
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{call}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if sum.SponsorsReplaced != 1 || len(sum.SponsorReplacedNotes) != 1 ||
		!strings.Contains(sum.SponsorReplacedNotes[0].Reason, `counted "No" as heard on this call, in place of "Sponsor"`) {
		t.Errorf("the import says %d sponsors replaced: %+v", sum.SponsorsReplaced, sum.SponsorReplacedNotes)
	}
	again := dbtest.CallRow(3, "Ann B", "b@x.org")
	again.CalledAt, again.Office, again.StanceHeard = time.Now().Add(-2*time.Hour), db.OfficeCapitol, db.StanceYes
	if sum, err = s.ImportCalls(ctx, []db.IncomingCall{again}, opts); err != nil || sum.SponsorsReplaced != 0 || sum.StanceChanges != 1 {
		t.Errorf("a second call: %d sponsors replaced, %d changes (%v); want 0 and 1", sum.SponsorsReplaced, sum.StanceChanges, err)
	}
}
