package db_test

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportCallsTownWithNoCallerKept (s47): a report that gave the caller's town
// but no name and no email (or a placeholder email) was filed with no caller and the
// town dropped, without a word. It is still filed with no caller (a town is no one),
// the town kept in the report's notes, after any notes of its own; the same rows
// imported again change nothing.
func TestImportCallsTownWithNoCallerKept(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		s := open(t)
		dbtest.CallDesk(t, s)
		a := dbtest.CallRow(2, "", "")
		a.CallerTown, a.Notes = "Worcester", "Aide took my zip"
		b := dbtest.CallRow(3, "n/a", "none@none.com")
		b.CallerTown = "Lynn"
		c := dbtest.CallRow(4, "", "") // no town: nothing to keep
		rows := []db.IncomingCall{a, b, c}
		sum, err := s.ImportCalls(ctx, rows, db.CallImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Created != 3 || sum.NewCallers != 0 {
			t.Errorf("%d reports, %d callers added; want 3 reports, no caller", sum.Created, sum.NewCallers)
		}
		calls, err := s.ListCallReports(ctx, db.CallFilter{}, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		var notes []string
		for _, r := range calls {
			if r.VolunteerID != 0 {
				t.Errorf("report of %v filed to volunteer %d", r.CalledAt, r.VolunteerID)
			}
			notes = append(notes, r.Notes)
		}
		sort.Strings(notes)
		want := []string{"", "Aide took my zip; caller's town on the report form: Worcester", "caller's town on the report form: Lynn"}
		if strings.Join(notes, "|") != strings.Join(want, "|") {
			t.Errorf("notes %q; want %q", notes, want)
		}
		again, err := s.ImportCalls(ctx, rows, db.CallImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if again.Created != 0 || again.Updated != 0 || again.Unchanged != 3 {
			t.Errorf("imported again: %d added, %d updated, %d unchanged; want 3 unchanged", again.Created, again.Updated, again.Unchanged)
		}
	})
}

// TestImportCallsTownAloneThenNamed: the check line's way out holds with the town
// in the notes: the sheet imported again with the caller written in moves the
// report to them (its notes now the row's), adding none.
func TestImportCallsTownAloneThenNamed(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		s := open(t)
		dbtest.CallDesk(t, s)
		ana := dbtest.Volunteer(t, s, "Ana", "Silva", func(v *db.Volunteer) { v.Email = "ana@example.org" })
		a := dbtest.CallRow(2, "", "")
		a.CallerTown, a.Notes = "Worcester", "Aide took my zip"
		b := dbtest.CallRow(3, "Ana Silva", "ana@example.org")
		if _, err := s.ImportCalls(ctx, []db.IncomingCall{a, b}, db.CallImportOptions{}); err != nil {
			t.Fatal(err)
		}
		a.CallerName, a.CallerEmail = "Ana Silva", "ana@example.org"
		sum, err := s.ImportCalls(ctx, []db.IncomingCall{a, b}, db.CallImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Created != 0 || sum.Updated != 1 || sum.Unchanged != 1 {
			t.Errorf("imported again named: %d added, %d updated, %d unchanged; want 1 updated, 1 unchanged", sum.Created, sum.Updated, sum.Unchanged)
		}
		calls, err := s.ListCallReports(ctx, db.CallFilter{}, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range calls {
			if r.VolunteerID != ana || r.Notes != "" && r.Notes != "Aide took my zip" {
				t.Errorf("report of %v: caller %d, notes %q; want Ana Silva's (%d)", r.CalledAt, r.VolunteerID, r.Notes, ana)
			}
		}
	})
}
