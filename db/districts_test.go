package db_test

import (
	"context"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

func TestDistrictKey(t *testing.T) {
	for _, c := range [][2]string{
		{"Second Suffolk", "2nd suffolk"}, {"second suffolk", "2nd suffolk"}, {"2 Suffolk", "2nd suffolk"},
		{"the 2nd  Suffolk", "2nd suffolk"}, {"2d Suffolk", "2nd suffolk"}, {"Twenty-first Middlesex", "21st middlesex"}, {"21 Middlesex", "21st middlesex"},
		{"11th Essex", "11th essex"}, {"Eleventh Essex", "11th essex"}, {"Middlesex & Worcester", "middlesex and worcester"},
		{"Middlesex and Worcester", "middlesex and worcester"}, {"  Berkshire, Hampden, Franklin and Hampshire ", "berkshire hampden franklin and hampshire"},
	} {
		if got := db.DistrictKey(c[0]); got != c[1] {
			t.Errorf("DistrictKey(%q) = %q, want %q", c[0], got, c[1])
		}
	}
}

func TestVolunteerDistrictsFollowTheDirectory(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.Legislator(t, s, db.ChamberUpper, "Second Suffolk", "Liz Miranda")
	dbtest.Legislator(t, s, db.ChamberLower, "2nd Suffolk", "Dan Ryan")
	dbtest.Legislator(t, s, db.ChamberLower, "15th Suffolk", "Sam Montaño")
	ana := dbtest.Volunteer(t, s, "Ana", "Souza", func(v *db.Volunteer) { v.SenateDistrict, v.HouseDistrict = "second suffolk", "the 15 suffolk" })
	dbtest.Volunteer(t, s, "Bruno", "Lima", func(v *db.Volunteer) { v.SenateDistrict = "Nowhere County" })

	t.Run("a typed district is stored as the directory spells it", func(t *testing.T) {
		v, _ := s.Volunteer(ctx, ana)
		if v.SenateDistrict != "Second Suffolk" || v.HouseDistrict != "15th Suffolk" {
			t.Errorf("stored %q, %q", v.SenateDistrict, v.HouseDistrict)
		}
	})
	t.Run("the district filter finds them however the district is typed", func(t *testing.T) {
		for _, typed := range []string{"second suffolk", "2 Suffolk", "Second Suffolk", "15th suffolk"} {
			rows, err := s.ListVolunteers(ctx, db.VolunteerFilter{District: typed}, 0, 10)
			if err != nil || len(rows) != 1 || rows[0].ID != ana {
				t.Errorf("district %q: %d rows, %v", typed, len(rows), err)
			}
			if n, _ := s.CountVolunteers(ctx, db.VolunteerFilter{District: typed}); n != 1 {
				t.Errorf("district %q counts %d", typed, n)
			}
		}
	})
	t.Run("a district the directory does not name is kept and listed", func(t *testing.T) {
		off, n, err := s.DistrictsNotInDirectory(ctx)
		if err != nil || n != 1 || len(off) != 1 || off[0].District != "Nowhere County" || off[0].Volunteers != 1 {
			t.Errorf("%d volunteers, %+v, %v", n, off, err)
		}
	})
	t.Run("the directory's districts are offered in natural order", func(t *testing.T) {
		got, err := s.Districts(ctx, db.ChamberLower)
		if err != nil || len(got) != 2 || got[0] != "2nd Suffolk" || got[1] != "15th Suffolk" {
			t.Errorf("%q, %v", got, err)
		}
	})
}
