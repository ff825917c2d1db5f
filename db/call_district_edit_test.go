package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportCallsOwnUUIDDistrictEdited: a row with a report's UUID whose district
// column alone was edited to another legislator's district was counted unchanged,
// the edit lost without a word (tester s46). It is left out saying the name and the
// district disagree; so is one whose chamber alone was edited; the row as exported
// is unchanged; a name edited beside the district as exported is the row moved to
// another legislator, listed as before.
func TestImportCallsOwnUUIDDistrictEdited(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	campaign := dbtest.Campaign(t, s)
	roll := []db.IncomingLegislator{
		incoming(2, "ocd-person/1", db.ChamberLower, "26th Middlesex", "Mike Connolly", ""),
		incoming(3, "ocd-person/2", db.ChamberLower, "16th Worcester", "Dan Donahue", ""),
	}
	if _, err := s.ImportLegislators(ctx, roll, db.ImportOptions{Format: "openstates", Source: "ma.csv", State: "MA"}); err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(-48 * time.Hour).Truncate(time.Second)
	row := db.IncomingCall{Line: 2, CallerName: "Rosa Almeida", CallerEmail: "rosa@example.org", Legislator: "Rep. Mike Connolly",
		CalledAt: at, Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff}
	if _, err := s.ImportCalls(ctx, []db.IncomingCall{row}, db.CallImportOptions{CampaignID: campaign}); err != nil {
		t.Fatal(err)
	}
	if err := s.EachCallReport(ctx, func(c *db.CallLogRow) error {
		row.UUID = c.UUID
		return nil
	}); err != nil || row.UUID == "" {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, legislator, district, want string
		unchanged                        int
	}{
		{"as exported", "Rep. Mike Connolly", "26th Middlesex", "", 1},
		{"the district edited", "Rep. Mike Connolly", "16th Worcester", "the name and the seat disagree", 0},
		{"a family name, the district edited", "Connolly", "16th Worcester", "the name and the seat disagree", 0},
		{"the name edited", "Rep. Dan Donahue", "26th Middlesex", "", 0},
		{"the chamber edited", "Rep. Mike Connolly", "26th Middlesex", "the row's chamber column says \"Senate\"", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := row
			in.Legislator, in.LegislatorDistrict, in.LegislatorChamber = c.legislator, c.district, db.ChamberLower
			if c.name == "the chamber edited" {
				in.LegislatorChamber = db.ChamberUpper
			}
			sum, err := s.ImportCalls(ctx, []db.IncomingCall{in}, db.CallImportOptions{CampaignID: campaign, ImportOptions: db.ImportOptions{DryRun: true}})
			if err != nil {
				t.Fatal(err)
			}
			if sum.Unchanged != c.unchanged || sum.Created != 0 || sum.Updated != 0 {
				t.Errorf("%d unchanged, %d created, %d updated, want %d unchanged", sum.Unchanged, sum.Created, sum.Updated, c.unchanged)
			}
			var why string
			for _, u := range sum.Unresolved {
				why += u.Reason
			}
			if c.want != "" && !strings.Contains(why, c.want) || c.want == "" && why != "" {
				t.Errorf("left out: %q, want %q", why, c.want)
			}
		})
	}
}
