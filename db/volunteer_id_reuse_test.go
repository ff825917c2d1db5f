package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestExternalIDOfAnotherPersonIsNotMerged: NationBuilder ids are small integers,
// so another nation's export reuses them. A row whose id is on the roster but whose
// name, email and phones all differ from that person is another person: added, its
// id not stored, and said, never merged into the one who has the id (the tester's
// repro-1: Guadalupe took Linda's mobile and address, or became Linda).
func TestExternalIDOfAnotherPersonIsNotMerged(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	g := db.NewVolunteer("Guadalupe", "Ramírez")
	g.Email, g.Phone, g.Zip = "guadalupe49@example.org", "(857) 367-6065", "02130"
	opts := db.ImportOptions{Format: "nationbuilder"}
	if _, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{{Line: 2, Volunteer: g, System: "nationbuilder", ExternalID: "2"}}), opts); err != nil {
		t.Fatal(err)
	}
	l := db.NewVolunteer("Linda", "Huỳnh")
	l.Email, l.Phone, l.Mobile, l.Address1, l.Zip = "linda8@example.org", "(508) 635-1835", "508.635.1835", "288 Church St", "02744"
	for _, take := range []bool{false, true} {
		opts.TakeFileValues = take
		sum, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{{Line: 2, Volunteer: l, System: "nationbuilder", ExternalID: "2"}}), opts)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Updated != 0 || len(sum.IDsElsewhere) != 1 {
			t.Fatalf("take %v: %d created, %d updated, %d unchanged; ids elsewhere %+v", take, sum.Created, sum.Updated, sum.Unchanged, sum.IDsElsewhere)
		}
		if why := sum.IDsElsewhere[0].Why; !strings.Contains(why, "Guadalupe Ramírez") || !strings.Contains(why, "id not stored") {
			t.Errorf("said %q", why)
		}
		got, err := s.Volunteer(ctx, 1)
		if err != nil {
			t.Fatal(err)
		}
		if got.FirstName != "Guadalupe" || got.Email != g.Email || got.Mobile != "" || got.Address1 != "" {
			t.Errorf("take %v: Guadalupe's record is now %+v", take, got)
		}
	}
	rows, err := s.ListVolunteers(ctx, db.VolunteerFilter{}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 {
		t.Errorf("%d on the roster, want Guadalupe and Linda once each", len(rows))
	}
}
