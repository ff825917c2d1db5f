package db_test

import (
	"context"
	"database/sql"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestFirstReimportAfterNotesMigration: a roster imported before migration 0013 has
// no note kept as its system gave it, so the first re-import after it listed every
// note the lead had edited in the app once more. A roster note that holds the file's
// note whole (the lead added to it) is not listed: the roster loses nothing, and
// the file's note is kept as the system's from then on. A note rewritten is listed.
func TestFirstReimportAfterNotesMigration(t *testing.T) {
	ctx := context.Background()
	path := dbtest.File(t)
	row := func(id, first, notes string) db.IncomingVolunteer {
		v := db.NewVolunteer(first, "Notes")
		v.Email, v.Notes = first+"@example.org", notes
		return db.IncomingVolunteer{Line: 2, Volunteer: v, System: "nationbuilder", ExternalID: id}
	}
	file := func() []db.IncomingVolunteer { // new rows each time: an import writes the UUIDs it gives into them
		return []db.IncomingVolunteer{row("1", "ana", "met at the rally"), row("2", "bo", "drives")}
	}
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportVolunteers(ctx, db.VolunteerRows(file()), db.ImportOptions{Format: "nationbuilder"}); err != nil {
		t.Fatal(err)
	}
	for _, r := range dbtest.Roster(t, s) {
		v, _ := s.Volunteer(ctx, r.ID)
		if v.FirstName == "ana" {
			v.Notes = "Met at the rally; called 3/2, will canvass" // added to
		} else {
			v.Notes = "has a car" // rewritten
		}
		if err := s.UpdateVolunteer(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	// As before 0013: no note kept as NationBuilder gave it.
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE volunteer_external_ids SET imported_notes = ''`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	s, err = db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sum, err := s.ImportVolunteers(ctx, db.VolunteerRows(file()), db.ImportOptions{Format: "nationbuilder"})
	if err != nil {
		t.Fatal(err)
	}
	if len(sum.Conflicts) != 1 || sum.Conflicts[0].Name != "bo Notes" || sum.Conflicts[0].Field != "notes" {
		t.Errorf("listed %+v; want bo's rewritten note alone", sum.Conflicts)
	}
}
