package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportCallsNoSenatorOfThatName: "Senator Rogers" where two Representatives
// are named Rogers and no Senator is left out saying no Senator of that name was
// found, naming the Representatives; it was refused as if both could be meant.
func TestImportCallsNoSenatorOfThatName(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Ann Rogers")
	dbtest.Legislator(t, s, db.ChamberLower, "2nd Suffolk", "Bob Rogers")
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{{Line: 2, CallerName: "Ana Perez", Legislator: "Senator Rogers",
		CalledAt: time.Date(2025, 3, 3, 10, 4, 0, 0, time.UTC), Outcome: db.OutcomeBusy}}, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Unresolved) != 1 {
		t.Fatalf("left out %+v, want the one report", sum.Unresolved)
	}
	r := sum.Unresolved[0].Reason
	if !strings.Contains(r, "no Senator by that name") || !strings.Contains(r, "Ann Rogers") || !strings.Contains(r, "Bob Rogers") || strings.Contains(r, "could be meant") {
		t.Errorf("reason %q, want no Senator by that name, naming both Representatives", r)
	}
}
