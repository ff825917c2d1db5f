package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportCallsOwnExportToTheMinute: a row of ChapterDesk's own export re-saved by
// a spreadsheet that dropped the seconds ("3/14/2026 14:05") is its report's time,
// not "another time": the edit is taken and the report keeps its seconds.
func TestImportCallsOwnExportToTheMinute(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.CallDesk(t, s)
	at := time.Date(2026, 3, 14, 14, 5, 37, 0, time.UTC)
	row := dbtest.CallRow(2, "Ana Perez", "ana@example.org")
	row.CalledAt, row.Outcome = at, db.OutcomeBusy
	if _, err := s.ImportCalls(ctx, []db.IncomingCall{row}, db.CallImportOptions{}); err != nil {
		t.Fatal(err)
	}
	calls, err := s.ListCallReports(ctx, db.CallFilter{}, 0, 10)
	if err != nil || len(calls) != 1 {
		t.Fatalf("%d reports: %v", len(calls), err)
	}
	var id string
	if err := dbtest.Raw(t, s.Path()).QueryRow(`SELECT uuid FROM call_reports`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	edited := row
	edited.UUID, edited.CalledAt, edited.NoSeconds, edited.Notes = id, at.Truncate(time.Minute), true, "call back Monday"
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{edited}, db.CallImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Moved) > 0 || len(sum.Edited) != 1 {
		t.Fatalf("moved %+v, edited %+v; want the report edited", sum.Moved, sum.Edited)
	}
	calls, err = s.ListCallReports(ctx, db.CallFilter{}, 0, 10)
	if err != nil || len(calls) != 1 || calls[0].Notes != "call back Monday" || !calls[0].CalledAt.Equal(at) {
		t.Errorf("reports %+v: %v; want the notes edited and the time with its seconds", calls, err)
	}
}
