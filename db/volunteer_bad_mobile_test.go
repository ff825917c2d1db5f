package db_test

import (
	"context"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestBadMobileOnTheRoster: a mobile on the roster that a later export marks bad
// (NationBuilder's is_mobile_bad) stayed in its field with texts closed, and
// nothing said so: the lead saw a mobile no text would go to, not why. The number
// is kept (it may be the person's still, and the lead decides), texts are closed,
// and the import lists the volunteer, the number and the line.
func TestBadMobileOnTheRoster(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	v := db.NewVolunteer("Di", "Souza")
	v.Email, v.Mobile, v.OKText = "di@example.org", "617-555-0623", true
	if _, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{{Line: 2, Volunteer: v}}), db.ImportOptions{Format: "nationbuilder"}); err != nil {
		t.Fatal(err)
	}
	later := db.NewVolunteer("Di", "Souza")
	later.Email = "di@example.org"
	in := db.IncomingVolunteer{Line: 7, Volunteer: later, OptOutText: true, BadMobile: "(617) 555-0623"}
	sum, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{in}), db.ImportOptions{Format: "nationbuilder"})
	if err != nil {
		t.Fatal(err)
	}
	r := dbtest.Roster(t, s)
	if len(r) != 1 || r[0].Mobile != "617-555-0623" || r[0].OKText {
		t.Fatalf("%+v; want the mobile kept, texts closed", r)
	}
	if len(sum.BadMobiles) != 1 || sum.BadMobiles[0].Line != 7 || sum.BadMobiles[0].VolunteerID != r[0].ID ||
		sum.BadMobiles[0].Mobile != "617-555-0623" {
		t.Errorf("listed %+v; want Di's mobile, line 7", sum.BadMobiles)
	}
}
