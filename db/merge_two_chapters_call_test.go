package db_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestMergeKeepsThisChaptersOwnCallReport: a call reported to two chapters' forms
// (the same caller, time and legislator give one report identity) was one record to
// the merge, and the other chapter's notes, saved later, replaced this chapter's own
// with only a count said (tester t3's F9). Another chapter's copy now changes nothing
// of this chapter's report: ours is kept and the difference listed, field by field.
// A chapter's own report edited since (same chapter) still comes in
// (TestMergeTakesAChaptersNewerRecords).
func TestMergeKeepsThisChaptersOwnCallReport(t *testing.T) {
	ctx := context.Background()
	at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.FixedZone("EST", -5*3600))
	call := func(notes string) db.IncomingCall {
		return db.IncomingCall{Line: 2, CallerName: "María José Pérez", CallerEmail: "mj@example.org", Legislator: "Rep. Jim O'Day",
			CalledAt: at, Outcome: db.OutcomeSpokeStaff, Notes: notes}
	}
	setup := func(s *db.Store, notes string) {
		dbtest.Campaign(t, s)
		dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Jim O'Day")
		if _, err := s.ImportCalls(ctx, []db.IncomingCall{call(notes)}, db.CallImportOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	s := dbtest.OpenFile(t)
	setup(s, "r1")
	bPath := filepath.Join(t.TempDir(), "b.db")
	b, err := db.Open(ctx, bPath, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond) // chapter B's report saved later
	setup(b, "r1 same call also reported to chapter B")
	b.Close()

	res, err := s.Merge(ctx, bPath)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.ListCallReports(ctx, db.CallFilter{}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || rows[0].Notes != "r1" {
		t.Fatalf("reports %+v; want one, with this chapter's notes r1", rows)
	}
	if res.UpdatedCalls != 0 {
		t.Errorf("%d call reports updated", res.UpdatedCalls)
	}
	msg := res.String()
	for _, want := range []string{"María José Pérez", "Rep. Jim O'Day", `notes: here "r1", the file's "r1 same call also reported to chapter B"`} {
		if !strings.Contains(msg, want) {
			t.Errorf("the merge said %q; want %q in it", msg, want)
		}
	}
}
