package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestCoalitionCallKeepsTheSeatOfItsDate: TestCallKeepsTheSeatOfItsDate on a server,
// read by a lead and by the coordinator. The owner imports the legislators; the seats
// a call had on its date come from that import's recorded changes, which row-level
// security hides from a lead: their call log
// relabelled the Representative's call as a call to the Senate seat.
func TestCoalitionCallKeepsTheSeatOfItsDate(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	opts := db.ImportOptions{Format: "openstates", Source: "ma.csv", State: "MA"}
	rep := incoming(2, "ocd-person/kush", db.ChamberLower, "3rd Worcester", "Mike Kushmerek", "")
	if _, err := sc.s.ImportLegislators(ctx, []db.IncomingLegislator{rep}, opts); err != nil {
		t.Fatal(err)
	}
	ls, err := db.Open(ctx, coalAs(t, sc.url, sc.leadA), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ls.Close()
	before := time.Now().Add(-72 * time.Hour).Truncate(time.Second)
	if _, err := ls.ImportCalls(ctx, []db.IncomingCall{{Line: 2, CallerName: "Max Ruiz", CallerEmail: "max@example.org",
		Legislator: "Rep. Kushmerek", CalledAt: before, Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff}},
		db.CallImportOptions{CampaignID: sc.campaign}); err != nil {
		t.Fatal(err)
	}
	sen := incoming(2, "ocd-person/kush", db.ChamberUpper, "Worcester and Middlesex", "Mike Kushmerek", "")
	if sum, err := sc.s.ImportLegislators(ctx, []db.IncomingLegislator{sen}, opts); err != nil || sum.Updated != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	for who, s := range map[string]*db.Store{"owner": sc.s, "lead": ls} {
		found := false
		if err := s.EachCallReport(ctx, func(c *db.CallLogRow) error {
			if c.CalledAt.Unix() == before.Unix() {
				found = true
				if got := c.Legislator + " | " + string(c.Chamber) + " | " + c.District; got != "Rep. Mike Kushmerek | lower | 3rd Worcester" {
					t.Errorf("%s: the call of %s reads %q", who, before, got)
				}
			}
			return nil
		}); err != nil {
			t.Fatalf("%s: %v", who, err)
		}
		if !found {
			t.Errorf("%s: the call is not listed", who)
		}
	}
}
