package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportCallsToAFormerSeat: a call made while a member held the seat a later
// legislators import moved them from (Rep. Connolly of the 26th Middlesex, a Senator
// since) was refused as "not in district 26th Middlesex", and its title was checked
// against the Senate (tester s46): the call's export kept the seat of its date (t6
// F9), the import did not. The seat the database knows the member held on the call's
// date decides, the title and the district; a call after the move to the old seat is
// refused saying until when they held it; one to a district the database never knew
// them in says so plainly.
func TestImportCallsToAFormerSeat(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	campaign := dbtest.Campaign(t, s)
	opts := db.ImportOptions{Format: "openstates", Source: "ma.csv", State: "MA"}
	donahue := incoming(3, "ocd-person/2", db.ChamberLower, "16th Worcester", "Dan Donahue", "")
	roll := []db.IncomingLegislator{incoming(2, "ocd-person/1", db.ChamberLower, "26th Middlesex", "Mike Connolly", ""), donahue}
	if _, err := s.ImportLegislators(ctx, roll, opts); err != nil {
		t.Fatal(err)
	}
	moved := []db.IncomingLegislator{incoming(2, "ocd-person/1", db.ChamberUpper, "Second Middlesex", "Mike Connolly", ""), donahue}
	if sum, err := s.ImportLegislators(ctx, moved, opts); err != nil || sum.Updated != 1 {
		t.Fatalf("%+v %v", sum, err)
	}
	time.Sleep(1100 * time.Millisecond) // the calls after the second he moved
	before, after := time.Now().Add(-48*time.Hour), time.Now()
	call := func(line int, leg string, at time.Time) db.IncomingCall {
		if at == after { // within the second after the move, not in the future
			at = at.Add(-time.Duration(line) * 10 * time.Millisecond)
		} else {
			at = at.Add(time.Duration(line) * time.Minute)
		}
		return db.IncomingCall{Line: line, CallerName: "Rosa Almeida", CallerEmail: "rosa@example.org", Legislator: leg,
			CalledAt: at, Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff}
	}
	rows := []db.IncomingCall{
		call(2, "Rep. Connolly (26th Middlesex)", before),
		call(3, "Rep. Mike Connolly", before),
		call(4, "Sen. Mike Connolly", before),    // his, the title the other chamber's then
		call(5, "Rep. (26th Middlesex)", before), // his seat then
		call(6, "Sen. Mike Connolly (Second Middlesex)", after),
		call(7, "Rep. Connolly (26th Middlesex)", after),        // he had moved
		call(8, "Sen. Donahue (Worcester and Norfolk)", before), // a seat the database never knew him in
	}
	sum, err := s.ImportCalls(ctx, rows, db.CallImportOptions{CampaignID: campaign})
	if err != nil {
		t.Fatal(err)
	}
	why, note := map[int]string{}, map[int]string{}
	for _, u := range sum.Unresolved {
		why[u.Line] = u.Reason
	}
	for _, u := range sum.TitleCorrected {
		note[u.Line] = u.Reason
	}
	for _, line := range []int{2, 3, 4, 5, 6} {
		if r, ok := why[line]; ok {
			t.Errorf("line %d (%q) left out: %s", line, rows[line-2].Legislator, r)
		}
	}
	for line, want := range map[int]string{2: "", 3: "", 6: "", 4: "the form says Senator", 5: "who has since moved"} {
		if want == "" && note[line] != "" || !strings.Contains(note[line], want) {
			t.Errorf("line %d (%q): correction %q, want %q", line, rows[line-2].Legislator, note[line], want)
		}
	}
	for line, want := range map[int]string{7: "until", 8: "no other seat of theirs is on file"} {
		if !strings.Contains(why[line], want) {
			t.Errorf("line %d (%q): reason %q, want one saying %q", line, rows[line-2].Legislator, why[line], want)
		}
	}
	// The import lists the calls with the seat of their date, as the call log does.
	for _, c := range sum.Changes {
		if c.Line == 3 && c.Name != "Rosa Almeida called Rep. Mike Connolly" {
			t.Errorf("line 3 listed as %q, want the seat of its date", c.Name)
		}
	}
	if sum.Created != 5 {
		t.Errorf("%d created, want 5", sum.Created)
	}
}
