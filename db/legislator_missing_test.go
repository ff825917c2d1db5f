package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestLegislatorFileMissingAMemberSaysSo: a legislators file that no longer lists a
// member in office here, imported without --retire-missing, names them and the way to
// retire them; the member stays in office (tester t6, F12: "0 retired" and nothing
// else, the member still taking district-alone calls).
func TestLegislatorFileMissingAMemberSaysSo(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	opts := db.ImportOptions{Format: "openstates", Source: "ma.csv", State: "MA"}
	jo := incoming(2, "ocd-person/1", db.ChamberLower, "1st Suffolk", "Jo Ames", "")
	mike := incoming(3, "ocd-person/2", db.ChamberLower, "3rd Worcester", "Mike Kushmerek", "")
	if _, err := s.ImportLegislators(ctx, []db.IncomingLegislator{jo, mike}, opts); err != nil {
		t.Fatal(err)
	}
	sum, err := s.ImportLegislators(ctx, []db.IncomingLegislator{jo}, opts)
	if err != nil {
		t.Fatal(err)
	}
	notes := strings.Join(sum.Notes, "\n")
	for _, w := range []string{"1 legislator in office here is not in this file: Rep. Mike Kushmerek (3rd Worcester)", "--retire-missing"} {
		if !strings.Contains(notes, w) {
			t.Errorf("notes %q do not say %q", notes, w)
		}
	}
	if sum.Retired != 0 {
		t.Errorf("%d retired without --retire-missing", sum.Retired)
	}
	if again, err := s.ImportLegislators(ctx, []db.IncomingLegislator{jo, mike}, opts); err != nil || len(again.Notes) != 0 {
		t.Errorf("the whole file again: notes %q, %v", again.Notes, err)
	}
}
