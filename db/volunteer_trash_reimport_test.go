package db_test

import (
	"context"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestReimportLeavesTrashedVolunteersInTheTrash: the roster imported again after the
// lead put three of its people in the trash re-created all three, with no word (t7 F9).
// A person in the trash the file has again (by their id in the file's system, their
// email, or their phone with their name) stays there and is listed, not added.
func TestReimportLeavesTrashedVolunteersInTheTrash(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	row := func(line int, first, email, phone, ext string) db.IncomingVolunteer {
		v := db.NewVolunteer(first, "Sullivan")
		v.Email, v.Phone, v.Zip, v.State = email, phone, "02134", "MA"
		return db.IncomingVolunteer{Line: line, Volunteer: v, System: "nationbuilder", ExternalID: ext}
	}
	rows := func() []db.IncomingVolunteer {
		return []db.IncomingVolunteer{
			row(2, "Thomas", "", "", "41"),                       // by the id in NationBuilder
			row(3, "Emily", "emily@example.org", "", ""),         // by email
			row(4, "Brian", "", "(617) 555-0104", ""),            // by phone and name
			row(5, "Kathleen", "kathleen@example.org", "", "44"), // stays on the roster
		}
	}
	if _, err := s.ImportVolunteers(ctx, db.VolunteerRows(rows()), db.ImportOptions{Format: "nationbuilder"}); err != nil {
		t.Fatal(err)
	}
	all, err := s.ListVolunteers(ctx, db.VolunteerFilter{}, 0, 10)
	if err != nil || len(all) != 4 {
		t.Fatalf("%d volunteers, %v", len(all), err)
	}
	trashed := map[int64]bool{}
	for _, v := range all {
		if v.FirstName != "Kathleen" {
			if err := s.TrashVolunteer(ctx, v.ID); err != nil {
				t.Fatal(err)
			}
			trashed[v.ID] = true
		}
	}
	sum, err := s.ImportVolunteers(ctx, db.VolunteerRows(rows()), db.ImportOptions{Format: "nationbuilder"})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 0 {
		t.Errorf("%d created: the people in the trash came back as new volunteers", sum.Created)
	}
	if len(sum.InTrash) != 3 {
		t.Errorf("listed in the trash: %+v, want the 3", sum.InTrash)
	}
	for _, p := range sum.InTrash {
		if !trashed[p.VolunteerID] {
			t.Errorf("line %d: %s listed as volunteer %d, not one in the trash", p.Line, p.Name, p.VolunteerID)
		}
	}
	if n, _ := s.CountVolunteers(ctx, db.VolunteerFilter{}); n != 1 {
		t.Errorf("%d on the roster, want Kathleen alone", n)
	}
}
