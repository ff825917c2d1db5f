package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportCallsDayOnlyAfterALegislatorLeft: a call given by its day alone is filed
// at noon of that day, or at the import's time for today's; the legislator is looked
// for among those who served then, not at the day's midnight. A call of today, after
// the legislators import that retired the member, is not filed to them, by name or by
// their district (tester t6, F7: both were filed to the former member, the district's
// "the one legislator in office for that district").
func TestImportCallsDayOnlyAfterALegislatorLeft(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	campaign := dbtest.Campaign(t, s)
	opts := db.ImportOptions{Format: "openstates", Source: "ma.csv", State: "MA", RetireMissing: true}
	mike := incoming(2, "ocd-person/1", db.ChamberLower, "3rd Worcester", "Mike Kushmerek", "")
	jo := incoming(3, "ocd-person/3", db.ChamberLower, "1st Suffolk", "Jo Ames", "")
	if _, err := s.ImportLegislators(ctx, []db.IncomingLegislator{mike, jo}, opts); err != nil {
		t.Fatal(err)
	}
	if sum, err := s.ImportLegislators(ctx, []db.IncomingLegislator{jo}, opts); err != nil || sum.Retired != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	time.Sleep(1100 * time.Millisecond) // the import after the second he left
	now := time.Now().In(massachusetts)
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, massachusetts)
	call := func(line int, leg string) db.IncomingCall {
		return db.IncomingCall{Line: line, CallerName: "Max Ruiz", CallerEmail: "max@example.org", Legislator: leg,
			CalledAt: today, DayOnly: true, Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff}
	}
	earlier := call(4, "3rd Worcester")
	earlier.CalledAt, earlier.DayOnly = now.Add(-48*time.Hour), false
	sum, err := s.ImportCalls(ctx, []db.IncomingCall{call(2, "Rep. Kushmerek"), call(3, "3rd Worcester"), earlier},
		db.CallImportOptions{CampaignID: campaign})
	if err != nil {
		t.Fatal(err)
	}
	why := map[int]string{}
	for _, u := range sum.Unresolved {
		why[u.Line] = u.Reason
	}
	for line, want := range map[int]string{2: "left office by", 3: "no legislator in office for district"} {
		if !strings.Contains(why[line], want) {
			t.Errorf("line %d: reason %q, want one saying %q", line, why[line], want)
		}
	}
	// Two days before, he held the seat: filed to him, saying he has left since.
	if len(sum.TitleCorrected) != 1 || !strings.Contains(sum.TitleCorrected[0].Reason, "on the call's date, who has since left office") {
		t.Errorf("corrections %+v, want line 4 filed to the member who has since left office, saying so", sum.TitleCorrected)
	}
	reports, err := s.ListCallReports(ctx, db.CallFilter{CampaignID: campaign}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != 1 || reports[0].CalledAt.Unix() != earlier.CalledAt.Unix() {
		t.Errorf("%d reports, want only line 4's (before he left): %+v", len(reports), reports)
	}
}
