package db_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// Three imports changed one person's email and city a -> b -> c (tester, repro-8):
// 'import undo' of the middle one put back a and wiped the last one's c, and the
// undo of the last then put back b, the value of an import already undone, both
// saying they had put the records back as they were. Call reports re-imported with
// notes n1 -> n2 -> n3 did the same. An undo now refuses while a later import not
// undone changed the same fields of the same records, naming it; undone newest
// first, each puts back its own earlier value.
func TestUndoOutOfOrderRefusesWhereALaterImportChangedTheSameFields(t *testing.T) {
	ctx := context.Background()
	t.Run("volunteers", func(t *testing.T) {
		s := dbtest.Open(t)
		var batches []int64
		for i, v := range [][2]string{{"a@example.org", "Boston"}, {"b@example.org", "Cambridge"}, {"c@example.org", "Somerville"}} {
			row := rosterRow(2, "Al", "Doe", v[0], "", "nationbuilder", "1", nil, nil)
			row.City = v[1]
			sum, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{row}),
				db.ImportOptions{Source: "f.csv", TakeFileValues: true})
			if err != nil || sum.Created+sum.Updated != 1 {
				t.Fatalf("import %d: %+v %v", i, sum, err)
			}
			batches = append(batches, sum.BatchID)
		}
		now := func() string {
			t.Helper()
			var got string
			if err := dbtest.Raw(t, s.Path()).QueryRow(`SELECT email || ' ' || city FROM volunteers`).Scan(&got); err != nil {
				t.Fatal(err)
			}
			return got
		}
		_, err := s.UndoImport(ctx, batches[1])
		want := "undo import " + itoa(batches[2]) + " first"
		if !errors.Is(err, db.ErrConflict) || !strings.Contains(err.Error(), want) {
			t.Fatalf("undo of the middle import: %v, want a conflict saying %q", err, want)
		}
		if got := now(); got != "c@example.org Somerville" {
			t.Errorf("after the refused undo: %q", got)
		}
		for i, want := range []string{"b@example.org Cambridge", "a@example.org Boston"} {
			if _, err := s.UndoImport(ctx, batches[2-i]); err != nil {
				t.Fatalf("undo %d: %v", batches[2-i], err)
			}
			if got := now(); got != want {
				t.Errorf("after undo %d: %q, want %q", batches[2-i], got, want)
			}
		}
	})
	t.Run("call reports", func(t *testing.T) {
		s := dbtest.Open(t)
		dbtest.Campaign(t, s)
		dbtest.Legislator(t, s, db.ChamberLower, "22nd Middlesex", "Marc Lombardo")
		call := db.IncomingCall{Line: 2, CallerName: "Ann Lee", CallerEmail: "ann@example.org", Legislator: "Rep. Marc Lombardo",
			CalledAt: time.Date(2025, 3, 5, 10, 0, 5, 0, time.UTC), Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff,
			StanceHeard: db.StanceLeaningYes, Notes: "n1"}
		importCallsAgain(t, s, "n1", 1, call)
		var batches []int64
		for _, n := range []string{"n2", "n3"} {
			call.Notes = n
			sum, err := s.ImportCalls(ctx, []db.IncomingCall{call}, db.CallImportOptions{})
			if err != nil || sum.Updated != 1 {
				t.Fatalf("%s: %+v %v", n, sum, err)
			}
			batches = append(batches, sum.BatchID)
		}
		notes := func() string {
			t.Helper()
			var got string
			if err := dbtest.Raw(t, s.Path()).QueryRow(`SELECT notes FROM call_reports`).Scan(&got); err != nil {
				t.Fatal(err)
			}
			return got
		}
		_, err := s.UndoImport(ctx, batches[0])
		want := "undo import " + itoa(batches[1]) + " first"
		if !errors.Is(err, db.ErrConflict) || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "1 call report") {
			t.Fatalf("undo of the middle import: %v, want a conflict saying %q", err, want)
		}
		if got := notes(); got != "n3" {
			t.Errorf("after the refused undo: %q", got)
		}
		for i, want := range []string{"n2", "n1"} {
			if _, err := s.UndoImport(ctx, batches[1-i]); err != nil {
				t.Fatalf("undo %d: %v", batches[1-i], err)
			}
			if got := notes(); got != want {
				t.Errorf("after undo %d: %q, want %q", batches[1-i], got, want)
			}
		}
	})
}
