package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportCallsToAFormerLegislator: a call made while a member served is filed to
// them after a legislators import has retired them (--retire-missing); a call that
// could be them or someone in office now is left out naming both, and one made after
// they left is left out saying when they left.
func TestImportCallsToAFormerLegislator(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	campaign := dbtest.Campaign(t, s)
	roll := []db.IncomingLegislator{
		incoming(2, "ocd-person/1", db.ChamberLower, "3rd Bristol", "Carol Doherty", ""),
		incoming(3, "ocd-person/2", db.ChamberUpper, "First Plymouth", "Mark Doherty", ""),
		incoming(4, "ocd-person/3", db.ChamberLower, "1st Suffolk", "Jo Ames", ""),
	}
	opts := db.ImportOptions{Format: "openstates", Source: "ma.csv", State: "MA", RetireMissing: true}
	if _, err := s.ImportLegislators(ctx, roll, opts); err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	all, _ := s.Legislators(ctx)
	for _, l := range all {
		ids[l.Name] = l.ID
	}
	// Carol Doherty leaves; Dan Roe takes the 3rd Bristol.
	next := append(roll[1:3:3], incoming(5, "ocd-person/4", db.ChamberLower, "3rd Bristol", "Dan Roe", ""))
	if sum, err := s.ImportLegislators(ctx, next, opts); err != nil || sum.Retired != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	all, _ = s.Legislators(ctx)
	for _, l := range all {
		ids[l.Name] = l.ID
	}
	// The import's time is the one she is known to have left by, to the second; the
	// calls are not to be in the future.
	time.Sleep(2 * time.Second)
	before, after := time.Now().Add(-48*time.Hour), time.Now()
	call := func(line int, leg string, at time.Time) db.IncomingCall {
		if at == after {
			at = at.Add(-time.Duration(line) * 10 * time.Millisecond)
		} else {
			at = at.Add(time.Duration(line) * time.Minute)
		}
		return db.IncomingCall{Line: line, CallerName: "Rosa Almeida", CallerEmail: "rosa@example.org", Legislator: leg,
			CalledAt: at, Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff}
	}
	rows := []db.IncomingCall{
		call(2, "Rep. Carol Doherty", before),          // hers
		call(3, "Carol Doherty (3rd Bristol)", before), // hers
		call(4, "Doherty", before),                     // hers or Sen. Mark Doherty's
		call(5, "Rep. (3rd Bristol)", before),          // hers or her successor's
		call(6, "Rep. Carol Doherty", after),           // she had left
		call(7, "Sen. Mark Doherty", before),           // his, as before
		call(8, "Rep. Dan Roe", after),                 // his
	}
	sum, err := s.ImportCalls(ctx, rows, db.CallImportOptions{CampaignID: campaign})
	if err != nil {
		t.Fatal(err)
	}
	why := map[int]string{}
	for _, u := range sum.Unresolved {
		why[u.Line] = u.Reason
	}
	for _, line := range []int{2, 3, 7, 8} {
		if r, ok := why[line]; ok {
			t.Errorf("line %d left out: %s", line, r)
		}
	}
	for line, want := range map[int][]string{
		4: {"Rep. Carol Doherty", "Sen. Mark Doherty", "left office"},
		5: {"Rep. Carol Doherty", "Rep. Dan Roe", "left office"},
		6: {"Rep. Carol Doherty", "left office by"},
	} {
		for _, w := range want {
			if !strings.Contains(why[line], w) {
				t.Errorf("line %d: reason %q does not say %q", line, why[line], w)
			}
		}
	}
	got := map[int64]int64{}
	reports, err := s.ListCallReports(ctx, db.CallFilter{CampaignID: campaign}, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reports {
		got[r.CalledAt.Unix()] = r.LegislatorID
	}
	for _, c := range []struct {
		row  db.IncomingCall
		name string
	}{{rows[0], "Carol Doherty"}, {rows[1], "Carol Doherty"}, {rows[5], "Mark Doherty"}, {rows[6], "Dan Roe"}} {
		if id := got[c.row.CalledAt.Unix()]; id != ids[c.name] {
			t.Errorf("line %d (%q) filed to legislator %d, want %s (%d)", c.row.Line, c.row.Legislator, id, c.name, ids[c.name])
		}
	}
	if len(reports) != 4 {
		t.Errorf("%d reports, want 4", len(reports))
	}
	t.Run("a sponsor is looked up among those in office now, with no call's date in the reason", func(t *testing.T) {
		checks, err := s.CheckSponsors(ctx, campaign, "Rep. Carol Doherty")
		if err != nil || len(checks) != 1 {
			t.Fatal(checks, err)
		}
		if c := checks[0]; c.LegislatorID != 0 || !strings.Contains(c.Why, "no longer in office") || strings.Contains(c.Why, "call") {
			t.Errorf("%+v", c)
		}
	})
}

// TestImportCallsFormerLegislatorLeftOnTheLegislatureDay: the day a former member is
// said to have left office by is the legislature's (Boston's), not the computer's:
// set to Kiritimati or Honolulu, whichever has another day than Boston now.
func TestImportCallsFormerLegislatorLeftOnTheLegislatureDay(t *testing.T) {
	now := time.Now().In(massachusetts)
	far := "Pacific/Kiritimati" // Boston +19h: another day once it is 5 AM in Boston
	if now.Hour() < 5 {
		far = "Pacific/Honolulu" // Boston -5h: another day before 5 AM in Boston
	}
	setLocal(t, far)
	ctx := context.Background()
	s := dbtest.Open(t)
	campaign := dbtest.Campaign(t, s)
	opts := db.ImportOptions{Format: "openstates", Source: "ma.csv", State: "MA", RetireMissing: true}
	carol := incoming(2, "ocd-person/1", db.ChamberLower, "3rd Bristol", "Carol Doherty", "")
	dan := incoming(3, "ocd-person/4", db.ChamberLower, "3rd Bristol", "Dan Roe", "")
	if _, err := s.ImportLegislators(ctx, []db.IncomingLegislator{carol}, opts); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportLegislators(ctx, []db.IncomingLegislator{dan}, opts); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond) // the call after the second she left
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{{Line: 2, CallerName: "Rosa Almeida", CallerEmail: "rosa@example.org",
		Legislator: "Rep. Carol Doherty", CalledAt: time.Now(), Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff}},
		db.CallImportOptions{CampaignID: campaign})
	if err != nil {
		t.Fatal(err)
	}
	want := "left office by " + time.Now().In(massachusetts).Format("2 Jan 2006")
	if len(sum.Unresolved) != 1 || !strings.Contains(sum.Unresolved[0].Reason, want) {
		t.Errorf("%+v, want a reason saying %q", sum.Unresolved, want)
	}
}
