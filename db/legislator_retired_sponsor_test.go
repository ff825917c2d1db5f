package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestRetiringARecordSponsorSaysSo: a legislators import that retires a member the
// official record shows as a sponsor of a campaign's bill names them with the bill,
// not only "1 retired" (tester t6, F5: Rep. Madaro, primary sponsor of H 5293, was
// retired without a word of it).
func TestRetiringARecordSponsorSaysSo(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	if _, err := rc.s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	all, err := rc.s.Legislators(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var file []db.IncomingLegislator
	for i, l := range all {
		if l.Name != "Judith García" {
			file = append(file, db.IncomingLegislator{Line: i + 2, Legislator: l})
		}
	}
	sum, err := rc.s.ImportLegislators(ctx, file, db.ImportOptions{Format: "openstates", Source: "ma.csv", State: "MA", RetireMissing: true})
	if err != nil || sum.Retired != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	if notes := strings.Join(sum.Notes, "\n"); !strings.Contains(notes, "Rep. Judith García") || !strings.Contains(notes, "sponsor of H 100") {
		t.Errorf("notes %q do not name the retired sponsor and the bill", notes)
	}
}
