package db_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestReimportAfterSpreadsheetResave: a roster re-saved by a spreadsheet writes the
// same values another way; importing it again lists no values as differing.
func TestReimportAfterSpreadsheetResave(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	row := func(i int, resaved bool) db.IncomingVolunteer {
		v := db.NewVolunteer(fmt.Sprintf("Ana%d", i), "Souza")
		v.Email, v.Phone, v.Zip, v.State = fmt.Sprintf("ana%d@example.org", i), fmt.Sprintf("(617) 555-01%02d", i), "02134", "MA"
		v.Address1, v.City = "12 Centre St", "Boston"
		v.HouseDistrict, v.SenateDistrict = "002", "015"
		if resaved {
			v.Email, v.Phone, v.Zip = fmt.Sprintf("Ana%d@Example.org", i), fmt.Sprintf("+1 617.555.01%02d", i), "2134"
			v.Address1, v.City = "12  centre st", "BOSTON "
			v.HouseDistrict, v.SenateDistrict = "2", "15"
		}
		return db.IncomingVolunteer{Line: i + 2, Volunteer: v, System: "ngpvan", ExternalID: fmt.Sprint(1000 + i)}
	}
	var first, again []db.IncomingVolunteer
	for i := range 20 {
		first, again = append(first, row(i, false)), append(again, row(i, true))
	}
	if _, err := s.ImportVolunteers(ctx, db.VolunteerRows(first), db.ImportOptions{Format: "ngpvan"}); err != nil {
		t.Fatal(err)
	}
	sum, err := s.ImportVolunteers(ctx, db.VolunteerRows(again), db.ImportOptions{Format: "ngpvan"})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("lists no value as differing", func(t *testing.T) {
		for _, c := range sum.Conflicts {
			t.Errorf("line %d %s: %q vs %q", c.Line, c.Field, c.Stored, c.InFile)
		}
	})
	t.Run("changes nobody", func(t *testing.T) {
		if sum.Unchanged != 20 || sum.Updated != 0 {
			t.Errorf("%d unchanged, %d updated", sum.Unchanged, sum.Updated)
		}
	})
	t.Run("still lists a district that really differs", func(t *testing.T) {
		moved := row(0, false)
		moved.HouseDistrict = "020"
		sum, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{moved}), db.ImportOptions{Format: "ngpvan"})
		if err != nil {
			t.Fatal(err)
		}
		if len(sum.Conflicts) != 1 || sum.Conflicts[0].Field != "house_district" {
			t.Errorf("%+v", sum.Conflicts)
		}
	})
}
