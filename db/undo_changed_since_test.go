package db_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// Undoing an import whose records a later import changed (a call report edited by a
// later export, a volunteer whose file values a later roster took, a tag it added to
// one) deleted them, for good, with no word; undoing the later import then said it
// had put them back as they were. The earlier undo now refuses, naming the import to
// undo first, and an undo says which records it changed are no longer there to put
// back (here, deleted behind the import's back as the old undo did).
func TestUndoRefusesWhereALaterImportChangedTheRecords(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2025, 6, 3, 10, 0, 0, 0, time.UTC)
	call := db.IncomingCall{Line: 2, CallerName: "Ann Lee", CallerEmail: "ann@example.org", Legislator: "Rep. Marc Lombardo",
		CalledAt: day, Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceLeaningYes, Notes: "first call"}
	setup := func(t *testing.T, stances bool) (s *db.Store, first, edit db.CallImportSummary) {
		s = dbtest.Open(t)
		dbtest.Campaign(t, s)
		dbtest.Legislator(t, s, db.ChamberLower, "22nd Middlesex", "Marc Lombardo")
		first = importCallsAgain(t, s, "first export", 1, call)
		edited := call
		edited.Notes, edited.StanceHeard = "first call - aide Jim", db.StanceNo
		edit, err := s.ImportCalls(ctx, []db.IncomingCall{edited}, db.CallImportOptions{UpdateStances: stances})
		if err != nil || edit.Updated != 1 || stances && edit.StanceChanges != 1 {
			t.Fatalf("edit: %v, %d updated, %d stance changes", err, edit.Updated, edit.StanceChanges)
		}
		return s, first, edit
	}
	t.Run("call reports a later import edited refuse the undo, and stay", func(t *testing.T) {
		s, first, edit := setup(t, true)
		before := storedCalls(t, s)
		_, err := s.UndoImport(ctx, first.BatchID)
		want := "undo import " + itoa(edit.BatchID) + " first"
		if !errors.Is(err, db.ErrConflict) || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "1 call report") {
			t.Fatalf("got %v, want a conflict saying %q", err, want)
		}
		if got := storedCalls(t, s); strings.Join(got, "\n") != strings.Join(before, "\n") {
			t.Errorf("after the refused undo %q, want %q", got, before)
		}
		// In the order asked: the edit put back, then the report taken. A second
		// later, as on a busy machine: the edit's undo once stamped the report anew,
		// and the first import's undo then took it for one edited since, trashed
		// (this case failed now and then on PostgreSQL in CI).
		time.Sleep(1100 * time.Millisecond)
		if sum, err := s.UndoImport(ctx, edit.BatchID); err != nil || sum.Restored != 1 || len(sum.Gone) != 0 {
			t.Fatalf("undo of the edit: %+v %v", sum, err)
		}
		if sum, err := s.UndoImport(ctx, first.BatchID); err != nil || sum.Deleted < 1 {
			t.Fatalf("undo of the first import then: %+v %v", sum, err)
		}
		if got := storedCalls(t, s); len(got) != 0 {
			t.Errorf("reports left %q", got)
		}
	})
	t.Run("an undo does not say it put back a report that is gone", func(t *testing.T) {
		s, _, edit := setup(t, false)
		// As the undo of the first import did before: the edited report deleted.
		if err := db.WriteRaw(ctx, s, `DELETE FROM call_reports`); err != nil {
			t.Fatal(err)
		}
		sum, err := s.UndoImport(ctx, edit.BatchID)
		if err != nil || sum.Restored != 0 || sum.Gone["call_reports"] != 1 {
			t.Fatalf("%+v %v; want none restored, 1 call report gone", sum, err)
		}
	})
	t.Run("volunteers whose file values a later import took refuse the undo", func(t *testing.T) {
		s := dbtest.Open(t)
		first, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{
			rosterRow(2, "Ana", "Souza", "ana@example.org", "617-555-0100", "", "", nil, nil),
			rosterRow(3, "Cy", "Diaz", "cy@example.org", "", "", "", nil, nil),
		}), db.ImportOptions{Source: "a.csv"})
		if err != nil || first.Created != 2 {
			t.Fatalf("%+v %v", first, err)
		}
		taken, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{
			rosterRow(2, "Ana", "Souza", "ana@example.org", "617-555-0199", "", "", nil, nil),
		}), db.ImportOptions{Source: "a-edited.csv", TakeFileValues: true})
		if err != nil || taken.Updated != 1 {
			t.Fatalf("%+v %v", taken, err)
		}
		tagged, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{
			rosterRow(3, "Cy", "Diaz", "cy@example.org", "", "", "", []string{"phonebank"}, nil),
		}), db.ImportOptions{Source: "b.csv"})
		if err != nil || tagged.Updated != 1 {
			t.Fatalf("%+v %v", tagged, err)
		}
		_, err = s.UndoImport(ctx, first.BatchID)
		want := "undo import " + itoa(tagged.BatchID) + ", then " + itoa(taken.BatchID) + " first"
		if !errors.Is(err, db.ErrConflict) || !strings.Contains(err.Error(), want) {
			t.Fatalf("got %v, want a conflict saying %q", err, want)
		}
		if n, _ := s.CountVolunteers(ctx, db.VolunteerFilter{}); n != 2 {
			t.Errorf("%d volunteers after the refused undo, want 2", n)
		}
	})
	t.Run("legislators a later import updated refuse the undo", func(t *testing.T) {
		s := dbtest.Open(t)
		first, err := s.ImportLegislators(ctx, []db.IncomingLegislator{
			incoming(2, "ocd-person/1", db.ChamberLower, "7th Hampden", "Aaron Saunders", "617-722-2320"),
		}, db.ImportOptions{State: "MA"})
		if err != nil {
			t.Fatal(err)
		}
		later, err := s.ImportLegislators(ctx, []db.IncomingLegislator{
			incoming(2, "ocd-person/1", db.ChamberLower, "7th Hampden", "Aaron Saunders", "617-722-9999"),
		}, db.ImportOptions{State: "MA"})
		if err != nil || later.Updated != 1 {
			t.Fatalf("%+v %v", later, err)
		}
		if _, err := s.UndoImport(ctx, first.BatchID); !errors.Is(err, db.ErrConflict) ||
			!strings.Contains(err.Error(), "undo import "+itoa(later.BatchID)+" first") {
			t.Fatalf("got %v", err)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
