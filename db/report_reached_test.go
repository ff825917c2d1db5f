package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestLegislatorsReachedOneDefinition: after a member reached by a call left office
// (a legislators import with --retire-missing), the dashboard said 1 legislator
// reached and the workbook's Summary 2, for the same calls (tester t3, F15). Both
// count the legislators the whip count counts, in office now; the calls to the
// former member stay in the calls and reaches (and are named apart).
func TestLegislatorsReachedOneDefinition(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	campaign := dbtest.Campaign(t, s)
	roll := []db.IncomingLegislator{
		incoming(2, "ocd-person/1", db.ChamberLower, "3rd Bristol", "Carol Doherty", ""),
		incoming(3, "ocd-person/3", db.ChamberLower, "1st Suffolk", "Jo Ames", ""),
	}
	opts := db.ImportOptions{Format: "openstates", Source: "ma.csv", State: "MA", RetireMissing: true}
	if _, err := s.ImportLegislators(ctx, roll, opts); err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(-48 * time.Hour)
	call := func(line int, leg string) db.IncomingCall {
		return db.IncomingCall{Line: line, CallerName: "Rosa Almeida", CallerEmail: "rosa@example.org", Legislator: leg,
			CalledAt: at.Add(time.Duration(line) * time.Minute), Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff}
	}
	if _, err := s.ImportCalls(ctx, []db.IncomingCall{call(2, "Rep. Carol Doherty"), call(3, "Rep. Jo Ames")},
		db.CallImportOptions{CampaignID: campaign}); err != nil {
		t.Fatal(err)
	}
	if sum, err := s.ImportLegislators(ctx, roll[1:], opts); err != nil || sum.Retired != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	w, err := s.WhipCount(ctx, campaign)
	if err != nil {
		t.Fatal(err)
	}
	err = s.Report(ctx, db.ReportQuery{To: time.Now().Add(time.Hour)}, func(r *db.Report) error {
		got := r.Summary
		if got.LegislatorsReached != w.LegislatorsReached || got.LegislatorsReached != 1 || got.LegislatorsCalled != 1 {
			t.Errorf("workbook: %d called, %d reached; dashboard %d reached; want 1 each (Rep. Jo Ames, in office)",
				got.LegislatorsCalled, got.LegislatorsReached, w.LegislatorsReached)
		}
		if got.Calls != 2 || got.Reaches != 2 {
			t.Errorf("workbook: %d calls, %d reaches; want 2 and 2 (the former member's call is still a call)", got.Calls, got.Reaches)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
