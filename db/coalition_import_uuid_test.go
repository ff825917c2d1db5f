package db_test

import (
	"context"
	"testing"

	"github.com/google/uuid"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestCoalitionLeadImportsAnotherChaptersExport: a lead on a chapter server imports
// a CSV export whose UUIDs another chapter's volunteers have (that chapter's own
// export, handed over). She cannot see them, so the volunteers she creates get new
// UUIDs; keeping the file's refused the whole import as a conflict she could not
// see.
func TestCoalitionLeadImportsAnotherChaptersExport(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	theirs := uuid.NewString()
	if _, err := sc.admin.Exec(ctx, `UPDATE volunteers SET uuid = $1 WHERE id = $2`, theirs, sc.volB); err != nil {
		t.Fatal(err)
	}
	ls, err := db.Open(ctx, coalAs(t, sc.url, sc.leadA), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ls.Close()
	v := db.NewVolunteer("Ben", "Baker")
	v.Email, v.UUID = "ben.baker@example.net", theirs
	sum, err := ls.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{{Line: 2, Volunteer: v}}), db.ImportOptions{Format: "plain"})
	if err != nil || sum.Created != 1 {
		t.Fatalf("the lead's import: %+v, %v", sum, err)
	}
	var n int
	if err := sc.admin.QueryRow(ctx, `SELECT count(*) FROM volunteers WHERE uuid = $1`, theirs).Scan(&n); err != nil || n != 1 {
		t.Errorf("%d volunteers with the other chapter's UUID, %v; want theirs alone", n, err)
	}
}
