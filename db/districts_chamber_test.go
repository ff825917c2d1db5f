package db_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestDistrictFilterChamber: --volunteers district:"1st Suffolk" also took every
// volunteer of the Senate's First Suffolk (38 call sheets, 17 right), "House 1st
// Suffolk" too, without a word. A chamber word now keeps to that chamber, and a name
// both chambers have is refused naming both.
func TestDistrictFilterChamber(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		s := open(t)
		dbtest.Legislator(t, s, db.ChamberUpper, "First Suffolk", "Sen One")
		dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Rep One")
		dbtest.Legislator(t, s, db.ChamberLower, "3rd Suffolk", "Rep Three")
		dbtest.Legislator(t, s, db.ChamberUpper, "Second Essex", "Sen Two")
		dbtest.Legislator(t, s, db.ChamberLower, "2nd Essex", "Rep Two")
		for name, d := range map[string][2]string{"Ann Both": {"First Suffolk", "1st Suffolk"},
			"Bea Senate": {"First Suffolk", "3rd Suffolk"}, "Cy House": {"Second Suffolk", "1st Suffolk"}, "Dee Essex": {"Second Essex", "2nd Essex"}} {
			first, last, _ := strings.Cut(name, " ")
			dbtest.Volunteer(t, s, first, last, func(v *db.Volunteer) { v.SenateDistrict, v.HouseDistrict = d[0], d[1] })
		}
		names := func(district string) ([]string, error) {
			rows, err := s.ListVolunteers(ctx, db.VolunteerFilter{District: district}, 0, 10)
			var out []string
			for _, r := range rows {
				out = append(out, r.FirstName)
			}
			slices.Sort(out)
			return out, err
		}
		var ve *db.ValidationError
		if got, err := names("1st suffolk"); !errors.As(err, &ve) || !strings.Contains(err.Error(), "the House's 1st Suffolk (volunteers: 2) and the Senate's First Suffolk (volunteers: 2)") ||
			!strings.Contains(err.Error(), `"House 1st suffolk"`) {
			t.Errorf("1st suffolk: %v, %v; want a refusal naming both districts", got, err)
		}
		for typed, want := range map[string]string{"House 1st Suffolk": "Ann Cy", "senate first suffolk": "Ann Bea",
			"Senate District 1st Suffolk": "Ann Bea", "3rd suffolk": "Bea", "House 3rd Suffolk": "Bea", "Senate 3rd Suffolk": "",
			"2nd Essex": "Dee"} { // both chambers' district, the same volunteers either way: no question
			if got, err := names(typed); err != nil || strings.Join(got, " ") != want {
				t.Errorf("%s: %v (%v); want %q", typed, got, err, want)
			}
		}
	})
}
