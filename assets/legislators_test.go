package assets

import (
	"encoding/csv"
	"testing"
)

// TestBundledLegislators checks the bundled roll: the 50 states, each with both
// chambers (Nebraska's one), in believable numbers.
func TestBundledLegislators(t *testing.T) {
	if d := LegislatorsDate(); len(d) != len("2026-08-05") {
		t.Fatalf("date of the data: %q", d)
	}
	states := LegislatorStates()
	if len(states) != 50 {
		t.Fatalf("%d states: %v", len(states), states)
	}
	for _, st := range states {
		r, err := Legislators(st)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(r).ReadAll()
		if err != nil {
			t.Fatal(st, err)
		}
		if rows[0][0] != "id" || rows[0][4] != "current_chamber" {
			t.Fatalf("%s: header %v", st, rows[0])
		}
		chambers := map[string]int{}
		for _, row := range rows[1:] {
			chambers[row[4]]++
			if row[1] == "" || row[3] == "" {
				t.Errorf("%s: a legislator with no name or district: %v", st, row)
			}
		}
		switch {
		case st == "NE":
			if len(chambers) != 1 || chambers["upper"] < 40 || chambers["upper"] > 49 {
				t.Errorf("NE: %v, want 40 to 49 in one chamber", chambers)
			}
		case len(chambers) != 2 || chambers["upper"] < 15 || chambers["lower"] < 35:
			t.Errorf("%s: %v, want both chambers, 15+ senators and 35+ representatives", st, chambers)
		}
		if st == "NH" && (chambers["lower"] < 370 || chambers["lower"] > 400 || chambers["upper"] > 24) {
			t.Errorf("NH: %v, want up to 400 representatives and 24 senators", chambers)
		}
	}
	if _, err := Legislators("XX"); err == nil {
		t.Error("XX: no error")
	}
}
