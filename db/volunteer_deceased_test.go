package db_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportDeceasedMakesInactive: a row the file has deceased makes the person
// already on the roster inactive, never deleted, and the summary says so; it adds
// no one, importing it again changes nothing, and undoing the import makes the
// person active again. (A deceased CiviCRM contact on the roster stayed active.)
func TestImportDeceasedMakesInactive(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	bo := dbtest.Volunteer(t, s, "Bo", "Li", func(v *db.Volunteer) { v.Email = "bo@example.org" })
	rows := func() []db.IncomingVolunteer {
		var out []db.IncomingVolunteer
		for i, name := range [][3]string{{"Bo", "Li", "BO@example.org"}, {"Cy", "Ng", "cy@example.org"}} {
			v := db.NewVolunteer(name[0], name[1])
			v.Email = name[2]
			out = append(out, db.IncomingVolunteer{Line: i + 2, Volunteer: v, System: "civicrm",
				ExternalID: fmt.Sprint(100 + i), Deceased: true})
		}
		return out
	}
	status := func() db.VolunteerStatus {
		t.Helper()
		v, err := s.Volunteer(ctx, bo)
		if err != nil {
			t.Fatalf("volunteer %d: %v", bo, err)
		}
		return v.Status
	}
	sum, err := s.ImportVolunteers(ctx, db.VolunteerRows(rows()), db.ImportOptions{Format: "civicrm"})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("makes the one on the roster inactive and says so", func(t *testing.T) {
		want := []db.MadeInactive{{Line: 2, Name: "Bo Li", VolunteerID: bo}}
		if !slices.Equal(sum.MadeInactive, want) || sum.Updated != 1 || sum.Created != 0 {
			t.Errorf("made inactive %+v, %d updated, %d created; want %+v, 1 updated", sum.MadeInactive, sum.Updated, sum.Created, want)
		}
		if got := status(); got != db.StatusInactive {
			t.Errorf("status %q; want inactive", got)
		}
		if r := dbtest.Roster(t, s); len(r) != 1 {
			t.Errorf("roster %+v; want Bo alone, Cy not added", r)
		}
	})
	t.Run("changes nothing when imported again", func(t *testing.T) {
		again, err := s.ImportVolunteers(ctx, db.VolunteerRows(rows()), db.ImportOptions{Format: "civicrm"})
		if err != nil || len(again.MadeInactive) != 0 || again.Updated != 0 || again.Created != 0 {
			t.Errorf("%+v, %v", again, err)
		}
	})
	t.Run("is active again once the import is undone", func(t *testing.T) {
		if _, err := s.UndoImport(ctx, sum.BatchID); err != nil {
			t.Fatal(err)
		}
		if got := status(); got != db.StatusActive {
			t.Errorf("status %q; want active", got)
		}
	})
}
