package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

// TestLongVoterNameIsCutInMessages (tester t10): a voter_name of 100 KB was echoed
// whole, twice, on one line of the import's list of rows not matched. A long value is
// cut in what the import says, saying how long it was.
func TestLongVoterNameIsCutInMessages(t *testing.T) {
	ctx := context.Background()
	sf, err := importer.ReadSession("../../shared/data/openstates-sessions/ma-194th", time.Date(2026, 4, 5, 0, 0, 0, 0, time.UTC), "")
	if err != nil {
		t.Skip("no real data here:", err)
	}
	long := strings.Repeat("X", 100000)
	sf.Votes[49].VoterName, sf.Votes[49].VoterID = long, ""
	s := dbtest.Open(t)
	campaign, err := s.SaveCampaign(ctx, db.Campaign{State: "MA", DefaultLang: "en", Texts: map[string]db.CampaignTexts{"en": {Name: "Energy"}},
		Bills: []db.Bill{{Chamber: db.ChamberLower, Number: "H.3269"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.LinkBill(ctx, db.BillLink{CampaignID: campaign, CampaignBill: "H.3269", Session: "194th", SessionNumber: "H 5151"}); err != nil {
		t.Fatal(err)
	}
	sum, err := s.ImportSession(ctx, &sf.SessionExport, db.ImportOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, g := range db.GroupUnmatched(sum.Unmatched) {
		if strings.HasPrefix(g.Name, "XXXX") {
			found = true
			if len(g.Name) > 300 || len(g.Reason) > 600 || !strings.Contains(g.Name, "100000 characters") {
				t.Errorf("name of %d bytes (%.120s…), reason of %d bytes (%.120s…)", len(g.Name), g.Name, len(g.Reason), g.Reason)
			}
		}
	}
	if !found {
		t.Error("the long name is not among the rows not matched")
	}
	for _, n := range sum.Notes {
		if len(n) > 20000 {
			t.Errorf("note of %d bytes: %.120s…", len(n), n)
		}
	}
}
