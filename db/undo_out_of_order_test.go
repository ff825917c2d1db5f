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

// A value the lead edited in the app after an import, of a field the import changed,
// was overwritten by the import's undo with the value from before the import, with
// no word. The undo now keeps a field whose value is no longer the one the import
// wrote, puts back the others, and says how many records kept values changed since
// (UndoSummary.ChangedSince). A file where an undo of the middle of three imports
// already ran out of order (as before the refusal) is one too: the last import's undo
// keeps the value that undo put back rather than bring back the undone import's.
func TestUndoKeepsValuesChangedSinceTheImport(t *testing.T) {
	ctx := context.Background()
	importAs := func(t *testing.T, s *db.Store, email, city, phone string) int64 {
		t.Helper()
		row := rosterRow(2, "Al", "Doe", email, phone, "nationbuilder", "1", nil, nil)
		row.City = city
		sum, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{row}),
			db.ImportOptions{Source: "f.csv", TakeFileValues: true})
		if err != nil || sum.Created+sum.Updated != 1 {
			t.Fatalf("import %s: %+v %v", email, sum, err)
		}
		return sum.BatchID
	}
	now := func(t *testing.T, s *db.Store) string {
		t.Helper()
		var got string
		if err := dbtest.Raw(t, s.Path()).QueryRow(`SELECT email || ' ' || city || ' ' || phone FROM volunteers`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		return got
	}
	edit := func(t *testing.T, s *db.Store, f func(v *db.Volunteer)) {
		t.Helper()
		var id int64
		if err := dbtest.Raw(t, s.Path()).QueryRow(`SELECT id FROM volunteers`).Scan(&id); err != nil {
			t.Fatal(err)
		}
		v, err := s.Volunteer(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		f(&v)
		if err := s.UpdateVolunteer(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("an email edited in the app stays, the city goes back", func(t *testing.T) {
		s := dbtest.Open(t)
		importAs(t, s, "a@example.org", "Boston", "")
		taken := importAs(t, s, "b@example.org", "Cambridge", "")
		edit(t, s, func(v *db.Volunteer) { v.Email = "z@example.org" })
		sum, err := s.UndoImport(ctx, taken)
		if err != nil || sum.ChangedSince["volunteers"] != 1 {
			t.Fatalf("%+v %v; want 1 volunteer with values changed since", sum, err)
		}
		if got := now(t, s); got != "z@example.org Boston " {
			t.Errorf("after the undo: %q, want the app's email and the city from before", got)
		}
	})
	t.Run("a field the import did not change, edited in the app, changes nothing", func(t *testing.T) {
		s := dbtest.Open(t)
		importAs(t, s, "a@example.org", "Boston", "")
		taken := importAs(t, s, "b@example.org", "Cambridge", "")
		edit(t, s, func(v *db.Volunteer) { v.Phone = "617-555-0100" })
		sum, err := s.UndoImport(ctx, taken)
		if err != nil || sum.Restored != 1 || len(sum.ChangedSince) != 0 {
			t.Fatalf("%+v %v", sum, err)
		}
		if got := now(t, s); !strings.HasPrefix(got, "a@example.org Boston 617") {
			t.Errorf("after the undo: %q", got)
		}
	})
	for _, old := range []bool{false, true} {
		name := "the middle import undone out of order before"
		if old {
			name += ", in a file whose imports did not record what they wrote"
		}
		t.Run(name, func(t *testing.T) {
			s := dbtest.Open(t)
			importAs(t, s, "a@example.org", "Boston", "")
			middle := importAs(t, s, "b@example.org", "Cambridge", "")
			last := importAs(t, s, "c@example.org", "Somerville", "")
			// What the undo of the middle import did before it was refused.
			for _, q := range []string{`UPDATE volunteers SET email = 'a@example.org', city = 'Boston'`,
				`UPDATE import_batches SET undone_at = (SELECT max(started_at) FROM import_batches) WHERE id = ` + itoa(middle)} {
				if err := db.WriteRaw(ctx, s, q); err != nil {
					t.Fatal(err)
				}
			}
			if old {
				if err := db.WriteRaw(ctx, s, `UPDATE import_changes SET after = NULL`); err != nil {
					t.Fatal(err)
				}
			}
			sum, err := s.UndoImport(ctx, last)
			if err != nil || sum.ChangedSince["volunteers"] != 1 {
				t.Fatalf("%+v %v; want 1 volunteer with values changed since", sum, err)
			}
			if got := now(t, s); got != "a@example.org Boston " {
				t.Errorf("after the undo of the last import: %q, want the first import's values", got)
			}
		})
	}
}
