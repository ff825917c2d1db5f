package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// An older ChapterDesk read the form's "Will look into it" as Undecided; today's reads
// it as Didn't say. The same form imported again after the upgrade said 79 reports
// "were edited since imported" and moved 14 legislators in the whip count (t7 F2),
// though no one edited anything. A report stored as Undecided, whose row is an answer
// that now reads as Didn't say, is the same report read under the older rule: it is
// left as it is, unchanged, and listed as read otherwise before; the count stays.
func TestReimportUnderANewStanceReadingChangesNothing(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "22nd Middlesex", "Marc Lombardo")
	call := db.IncomingCall{Line: 2, CallerName: "Ann Lee", CallerEmail: "ann@example.org", Legislator: "Rep. Marc Lombardo",
		CalledAt: time.Date(2025, 6, 3, 10, 0, 0, 0, time.UTC), Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff,
		StanceHeard: db.StanceUndecided} // as the older version read "Will look into it"
	if _, err := s.ImportCalls(ctx, []db.IncomingCall{call}, db.CallImportOptions{UpdateStances: true}); err != nil {
		t.Fatal(err)
	}
	again := call
	again.StanceHeard, again.StanceNotSaid = db.StanceUnknown, true // as this version reads it
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{again}, db.CallImportOptions{UpdateStances: true})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Updated != 0 || len(sum.Edited) != 0 || sum.Unchanged != 1 || sum.StanceChanges != 0 {
		t.Errorf("%d updated (%+v), %d unchanged, %d stance changes; want the report unchanged", sum.Updated, sum.Edited, sum.Unchanged, sum.StanceChanges)
	}
	if len(sum.ReadBefore) != 1 {
		t.Errorf("read otherwise before: %+v, want the row listed", sum.ReadBefore)
	}
	if got, _ := db.QueryStrings(ctx, s, `SELECT stance FROM stances`); len(got) != 1 || got[0] != "undecided" {
		t.Errorf("whip count %v, want undecided as it stood", got)
	}
}
