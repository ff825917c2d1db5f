package db

import "testing"

// The import's memo of district spellings gives what resolving each row gives: the
// directory's spelling where the match is certain, the typed one (trimmed) otherwise.
func TestDistrictSpeller(t *testing.T) {
	d := districtDirectory{
		ChamberLower: {DistrictKey("2nd Suffolk"): {"2nd Suffolk"}, DistrictKey("1st Essex"): {"1st Essex", "First Essex"}},
		ChamberUpper: {DistrictKey("Second Suffolk"): {"Second Suffolk"}},
	}
	spell := d.speller(nil)
	for range 2 { // the second time from the memo
		for _, v := range []Volunteer{
			{HouseDistrict: "second suffolk", SenateDistrict: "2nd Suffolk"},
			{HouseDistrict: " 1st Essex ", SenateDistrict: "Third Middlesex"},
			{HouseDistrict: "", SenateDistrict: "second   SUFFOLK"},
			{HouseDistrict: "2nd Suffolk", SenateDistrict: "2nd Suffolk"}, // the same text in either chamber
		} {
			want, got := v, v
			d.canonVolunteer(&want)
			spell(&got)
			if got.HouseDistrict != want.HouseDistrict || got.SenateDistrict != want.SenateDistrict {
				t.Errorf("%q/%q: speller gives %q/%q, canonVolunteer %q/%q", v.HouseDistrict, v.SenateDistrict,
					got.HouseDistrict, got.SenateDistrict, want.HouseDistrict, want.SenateDistrict)
			}
		}
	}
	if got := func() Volunteer { v := Volunteer{HouseDistrict: "second suffolk"}; spell(&v); return v }(); got.HouseDistrict != "2nd Suffolk" {
		t.Errorf("house district %q, want the directory's 2nd Suffolk", got.HouseDistrict)
	}
}
