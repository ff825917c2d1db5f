package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// The bill's sponsor stood at "Undecided" in the whip count from a volunteer's call
// report, and the legislators' import said "as the lead set it; left as it is" (t7
// F8): the lead never did. A stance that stands on a call report is not the lead's,
// and the note says what it stands on. It is left as it is: a campaign's file is no
// record of sponsorship, and its mark does not outrank a call (t6 F1, stance_rule.go).
func TestSponsorStanceFromACallIsNotTheLeads(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	file := []db.IncomingLegislator{incoming(2, "ocd-person/1", db.ChamberUpper, "Middlesex and Worcester", "Jamie Eldridge", "")}
	opts := db.ImportOptions{Format: "openstates", Source: "ma.csv", State: "MA"}
	if _, err := s.ImportLegislators(ctx, file, opts); err != nil {
		t.Fatal(err)
	}
	campaign := dbtest.Campaign(t, s)
	all, _ := s.Legislators(ctx)
	eldridge := all[0].ID
	call := db.IncomingCall{Line: 2, CallerName: "Mary Jiménez", CallerEmail: "mary@example.org", Legislator: "Sen. Jamie Eldridge",
		CalledAt: time.Date(2024, 5, 4, 10, 0, 0, 0, time.UTC), Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceUndecided}
	if _, err := s.ImportCalls(ctx, []db.IncomingCall{call}, db.CallImportOptions{UpdateStances: true}); err != nil {
		t.Fatal(err)
	}
	if h, _ := s.StanceHistory(ctx, campaign, eldridge); len(h) != 1 || h[0].Stance != db.StanceUndecided {
		t.Fatalf("history before: %+v", h)
	}
	sum, err := s.ImportLegislators(ctx, file, opts)
	if err != nil {
		t.Fatal(err)
	}
	notes := strings.Join(sum.Notes, "\n")
	if strings.Contains(notes, "as the lead set it") || strings.Contains(notes, "marked as the sponsor") ||
		!strings.Contains(notes, "from a call report (Mary J") { // a server names the caller by the first name and initial
		t.Errorf("notes: %s", notes)
	}
	if h, _ := s.StanceHistory(ctx, campaign, eldridge); len(h) != 1 {
		t.Errorf("history after: %+v", h)
	}
}
