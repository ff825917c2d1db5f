package db_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

func TestDistrictKey(t *testing.T) {
	for _, c := range [][2]string{
		{"Second Suffolk", "2nd suffolk"}, {"second suffolk", "2nd suffolk"}, {"2 Suffolk", "2nd suffolk"},
		{"the 2nd  Suffolk", "2nd suffolk"}, {"2d Suffolk", "2nd suffolk"}, {"Twenty-first Middlesex", "21st middlesex"}, {"21 Middlesex", "21st middlesex"},
		{"11th Essex", "11th essex"}, {"Eleventh Essex", "11th essex"}, {"Middlesex & Worcester", "middlesex and worcester"},
		{"Middlesex and Worcester", "middlesex and worcester"}, {"12º Essex", "12th essex"}, {"12ª Essex", "12th essex"},
		{"12.º Essex", "12th essex"}, {"12° Essex", "12th essex"}, {"  Berkshire, Hampden, Franklin and Hampshire ", "berkshire hampden franklin and hampshire"},
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

// TestVanDistrictCodes: NGP VAN exports a district as a code ("011", "SD-02",
// "HD 027A"), which was stored as it stands: the district filter, call sheets and
// the workbook's By district sheet, which compare stored text, missed those
// volunteers. They are stored as the directory spells the district, and those no
// district of the directory reads as are listed by the import.
func TestVanDistrictCodes(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.Legislator(t, s, db.ChamberUpper, "2", "Liz Miranda")
	dbtest.Legislator(t, s, db.ChamberLower, "11", "Dan Ryan")
	dbtest.Legislator(t, s, db.ChamberLower, "27A", "Sam Montaño")
	row := func(line int, first, senate, house string) db.IncomingVolunteer {
		v := db.NewVolunteer(first, "Souza")
		v.Email, v.SenateDistrict, v.HouseDistrict = first+"@example.org", senate, house
		return db.IncomingVolunteer{Line: line, Volunteer: v, System: "ngpvan", ExternalID: first}
	}
	rows := []db.IncomingVolunteer{row(2, "ana", "SD-02", "011"), row(3, "bo", "Senate District 2", "HD 027A"),
		row(4, "cy", "SD02", "027a"), row(5, "di", "002", "HD-099"), row(6, "ed", "", "HD-099")}
	sum, err := s.ImportVolunteers(ctx, db.VolunteerRows(rows), db.ImportOptions{Format: "ngpvan"})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a district code is stored as the directory spells the district", func(t *testing.T) {
		want := map[string][2]string{"ana": {"2", "11"}, "bo": {"2", "27A"}, "cy": {"2", "27A"}, "di": {"2", "HD-099"}, "ed": {"", "HD-099"}}
		vs, err := s.ListVolunteers(ctx, db.VolunteerFilter{}, 0, 10)
		if err != nil || len(vs) != len(want) {
			t.Fatalf("%d volunteers, %v", len(vs), err)
		}
		for _, v := range vs {
			if w := want[v.FirstName]; v.SenateDistrict != w[0] || v.HouseDistrict != w[1] {
				t.Errorf("%s: stored %q/%q, want %q/%q", v.FirstName, v.SenateDistrict, v.HouseDistrict, w[0], w[1])
			}
		}
	})
	t.Run("the districts no district of the directory reads as are listed", func(t *testing.T) {
		want := []db.DistrictNotRead{{Chamber: db.ChamberLower, District: "HD-099", Rows: 2, FirstLine: 5}}
		if len(sum.DistrictsNotRead) != 1 || sum.DistrictsNotRead[0] != want[0] {
			t.Errorf("listed %+v, want %+v", sum.DistrictsNotRead, want)
		}
	})
}

// TestDistrictsNotReadCountsEvery: the list of districts no district of the
// directory reads as stopped at 500, and the import's heading ("500 districts of the
// file are none the legislators' directory names") counted the list: a file of 503
// such districts said 500, the rows of the other three counted nowhere.
// DistrictsNotReadCount counts every one (the list keeps the first 500 whole).
func TestDistrictsNotReadCountsEvery(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.Legislator(t, s, db.ChamberLower, "11", "Dan Ryan")
	const n = 503
	var rows []db.IncomingVolunteer
	for i := range n {
		v := db.NewVolunteer("Ana", fmt.Sprintf("Souza%d", i))
		v.Email, v.HouseDistrict = fmt.Sprintf("ana%d@example.org", i), fmt.Sprintf("HD-9%03d", i)
		rows = append(rows, db.IncomingVolunteer{Line: i + 2, Volunteer: v})
	}
	sum, err := s.ImportVolunteers(ctx, db.VolunteerRows(rows), db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.DistrictsNotReadCount != n || len(sum.DistrictsNotRead) != 500 {
		t.Errorf("%d districts not read counted, %d listed; want %d, 500", sum.DistrictsNotReadCount, len(sum.DistrictsNotRead), n)
	}
}
