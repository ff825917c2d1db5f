package db_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// rawExec runs a statement (no arguments) on the store's database behind its back,
// as another program (a push from another laptop) writes it.
func rawExec(t *testing.T, s *db.Store, q string) {
	t.Helper()
	ctx := context.Background()
	if url, ok := dbtest.URLOf(s); ok {
		c, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return
	}
	if _, err := rawDB(t, s.Path()).Exec(q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// Tester t4, F3: undoing an import deleted for good, without a word, a volunteer it
// created that a lead had edited since (a phone and a note set): not even the trash
// kept it. One edited since goes to the trash now, and the undo says so; one left as
// the import wrote it (a row of the file merged into it included) is deleted.
func TestUndoTrashesCreatedVolunteersEditedSince(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		ctx := context.Background()
		s := open(t)
		roster, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{
			rosterRow(2, "Ana", "Souza", "ana@example.org", "", "", "", nil, nil),
			rosterRow(3, "Cy", "Diaz", "cy@example.org", "", "", "", nil, nil),
			rosterRow(4, "Cy", "Diaz", "cy@example.org", "508-555-0104", "", "", []string{"phone bank"}, nil),
		}), db.ImportOptions{Source: "roster.csv"})
		if err != nil {
			t.Fatal(err)
		}
		found, _ := s.SearchVolunteers(ctx, "ana@example.org", 1)
		if len(found) != 1 {
			t.Fatalf("Ana: %+v", found)
		}
		ana, err := s.Volunteer(ctx, found[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		ana.Phone, ana.Notes = "508-555-7777", "called back: will host a house party"
		if err := s.UpdateVolunteer(ctx, ana); err != nil {
			t.Fatal(err)
		}

		sum, err := s.UndoImport(ctx, roster.BatchID)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Deleted != 1 || sum.EditedTrashed != 1 || sum.Trashed != 0 {
			t.Errorf("undo: %+v, want Cy deleted and Ana, edited since, in the trash", sum)
		}
		trash, _ := s.Trash(ctx)
		if len(trash) != 1 || trash[0].ID != ana.ID || trash[0].Kind != db.TrashVolunteers {
			t.Fatalf("trash %+v, want Ana", trash)
		}
		if err := s.RestoreFromTrash(ctx, db.TrashVolunteers, ana.ID); err != nil {
			t.Fatal(err)
		}
		if back, err := s.Volunteer(ctx, ana.ID); err != nil || back.Notes != ana.Notes || back.Phone != ana.Phone {
			t.Errorf("Ana restored: %+v %v, want her phone and note kept", back, err)
		}
		if hits, _ := s.SearchVolunteers(ctx, "cy@example.org", 1); len(hits) != 0 {
			t.Errorf("Cy, untouched since the import, is still there: %+v", hits)
		}
	})
}

// The same hole for the call reports an import created: one edited since (by a push
// of another lead's checkout, which writes the file's newer copy and time) was
// deleted for good. It goes to the trash now.
func TestUndoTrashesCreatedCallReportsEditedSince(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		ctx := context.Background()
		s := open(t)
		dbtest.CallDesk(t, s)
		calls, err := s.ImportCalls(ctx, []db.IncomingCall{
			dbtest.CallRow(2, "Ana Souza", "ana@example.org"),
			dbtest.CallRow(3, "Cy Diaz", "cy@example.org"),
		}, db.CallImportOptions{ImportOptions: db.ImportOptions{Source: "calls.csv"}})
		if err != nil {
			t.Fatal(err)
		}
		rawExec(t, s, `UPDATE call_reports SET notes = 'staff: the rep will cosponsor', updated_at = updated_at + 3600 -- an hour after the import
			WHERE volunteer_id IN (SELECT id FROM volunteers WHERE email = 'ana@example.org')`)

		sum, err := s.UndoImport(ctx, calls.BatchID)
		if err != nil {
			t.Fatal(err)
		}
		if sum.EditedTrashed != 1 {
			t.Errorf("undo: %+v, want Ana's report, edited since, in the trash", sum)
		}
		trash, _ := s.Trash(ctx)
		var reports int
		for _, e := range trash {
			if e.Kind == db.TrashCallReports {
				reports++
			}
		}
		if reports != 1 {
			t.Errorf("trash %+v, want Ana's call report", trash)
		}
	})
}
