package db_test

import (
	"context"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestReimportSkipsNotesEditedInTheApp: a weekly NationBuilder re-import listed every
// note the lead had edited in the app since ("values differ"), though NationBuilder
// still gave the note it gave before: noise that hid the real differences. The note
// an outside system gave is kept with the person's id in it; a file whose note is
// that one again lists nothing, and one whose note changed in that system is listed.
func TestReimportSkipsNotesEditedInTheApp(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	row := func(id, first, email, notes string) db.IncomingVolunteer {
		v := db.NewVolunteer(first, "Reimport")
		v.Email, v.Notes = email, notes
		return db.IncomingVolunteer{Line: 2, Volunteer: v, System: "nationbuilder", ExternalID: id}
	}
	file := func(notes ...string) []db.IncomingVolunteer {
		return []db.IncomingVolunteer{row("1", "Ana", "ana@example.org", notes[0]), row("2", "Bo", "bo@example.org", notes[1])}
	}
	imp := func(rows []db.IncomingVolunteer, opts db.ImportOptions) db.VolunteerImportSummary {
		t.Helper()
		opts.Format = "nationbuilder"
		sum, err := s.ImportVolunteers(ctx, db.VolunteerRows(rows), opts)
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	imp(file("met at the rally", "drives"), db.ImportOptions{})
	// The lead edits both notes in the app.
	for _, r := range dbtest.Roster(t, s) {
		v, err := s.Volunteer(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		v.Notes += "; called 3/2, will canvass"
		if err := s.UpdateVolunteer(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	t.Run("the same file again lists no note", func(t *testing.T) {
		sum := imp(file("met at the rally", "drives"), db.ImportOptions{})
		for _, c := range sum.Conflicts {
			t.Errorf("line %d %s %s: %q vs %q", c.Line, c.Name, c.Field, c.Stored, c.InFile)
		}
		if sum.Unchanged != 2 || sum.Differ != 0 {
			t.Errorf("%d unchanged, %d differ; want 2 unchanged", sum.Unchanged, sum.Differ)
		}
	})
	t.Run("a note changed in NationBuilder is listed, again after its import is undone", func(t *testing.T) {
		changed := file("met at the rally", "moved to Lynn")
		changed[1].City = "Lynn" // a value filled: the import is one to undo
		listsBo := func(sum db.VolunteerImportSummary) {
			t.Helper()
			if len(sum.Conflicts) != 1 || sum.Conflicts[0].Field != "notes" || sum.Conflicts[0].InFile != "moved to Lynn" {
				t.Fatalf("%+v; want Bo's new note listed", sum.Conflicts)
			}
		}
		sum := imp(changed, db.ImportOptions{})
		listsBo(sum)
		// Undone, the import never gave the note: the same file lists it again.
		if _, err := s.UndoImport(ctx, sum.BatchID); err != nil {
			t.Fatal(err)
		}
		listsBo(imp(changed, db.ImportOptions{}))
		// Seen once, NationBuilder's note is what it gave last: next week's same file
		// lists nothing, the roster keeping the lead's note.
		if sum := imp(changed, db.ImportOptions{}); len(sum.Conflicts) != 0 {
			t.Errorf("%+v; want nothing listed once NationBuilder's note was seen", sum.Conflicts)
		}
	})
	t.Run("another system's file is compared as before", func(t *testing.T) {
		other := file("met at the rally", "drives")
		for i := range other {
			other[i].System = "ngpvan"
		}
		if sum := imp(other, db.ImportOptions{}); len(sum.Conflicts) != 2 {
			t.Errorf("%+v; want both notes listed: NGP VAN never gave them", sum.Conflicts)
		}
	})
}
