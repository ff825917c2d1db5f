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
	eldridge := importEldridge(t, s)
	campaign := dbtest.Campaign(t, s)
	call := db.IncomingCall{Line: 2, CallerName: "Mary Jiménez", CallerEmail: "mary@example.org", Legislator: "Sen. Jamie Eldridge",
		CalledAt: time.Date(2024, 5, 4, 10, 0, 0, 0, time.UTC), Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff, StanceHeard: db.StanceUndecided}
	if _, err := s.ImportCalls(ctx, []db.IncomingCall{call}, db.CallImportOptions{UpdateStances: true}); err != nil {
		t.Fatal(err)
	}
	if h, _ := s.StanceHistory(ctx, campaign, eldridge); len(h) != 1 || h[0].Stance != db.StanceUndecided {
		t.Fatalf("history before: %+v", h)
	}
	sum, err := s.ImportLegislators(ctx, eldridgeFile(), openStatesMA)
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

// The session import counted Sen. Eldridge a cosponsor of H 5293 by the official
// record, and every legislators import after it said he stood so "as the lead set it"
// (t3 F6): the lead never touched it. The note says the official record set it, and
// how; the stance is left as it is.
func TestSponsorStanceFromTheRecordIsNotTheLeads(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	importEldridge(t, s)
	campaign := dbtest.Campaign(t, s)
	if _, err := s.LinkBill(ctx, db.BillLink{CampaignID: campaign, CampaignBill: "H.3269", Session: "194th", SessionNumber: "H 5293"}); err != nil {
		t.Fatal(err)
	}
	exp := db.SessionExport{Source: "test", State: "MA", Session: "194th", ExportedAt: time.Date(2026, 4, 5, 4, 0, 0, 0, time.UTC),
		Bills: []db.SessionBill{{OpenStatesID: "ocd-bill/5293", Identifier: "H 5293", Title: "An Act", Chamber: "lower"}},
		Sponsorships: []db.IncomingSponsorship{{Line: 2, Name: "Jamie Eldridge", EntityType: "person", PersonID: "ocd-person/1",
			BillID: "ocd-bill/5293", Classification: "cosponsor"}}}
	if _, err := s.ImportSession(ctx, &exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	sum, err := s.ImportLegislators(ctx, eldridgeFile(), openStatesMA)
	if err != nil {
		t.Fatal(err)
	}
	notes := strings.Join(sum.Notes, "\n")
	want := `Sen. Jamie Eldridge, the sponsor of S.1305 in the campaign's file, stands at "Cosponsor" in the whip count ` +
		`by the official record: cosponsor of H 5293 (Open States, session 194th, exported 2026-04-05); left as it is`
	if strings.Contains(notes, "as the lead set it") || !strings.Contains(notes, want) {
		t.Errorf("notes: %s\nwant %s…", notes, want)
	}
}

// importEldridge imports the one senator these tests need, Sen. Jamie Eldridge of
// Middlesex and Worcester, as from Open States, and gives his id.
func importEldridge(t *testing.T, s *db.Store) int64 {
	t.Helper()
	ctx := context.Background()
	if _, err := s.ImportLegislators(ctx, eldridgeFile(), openStatesMA); err != nil {
		t.Fatal(err)
	}
	all, err := s.Legislators(ctx)
	if err != nil || len(all) != 1 {
		t.Fatalf("legislators %+v: %v", all, err)
	}
	return all[0].ID
}

// eldridgeFile is an Open States legislators file of Sen. Jamie Eldridge alone.
func eldridgeFile() []db.IncomingLegislator {
	return []db.IncomingLegislator{incoming(2, "ocd-person/1", db.ChamberUpper, "Middlesex and Worcester", "Jamie Eldridge", "")}
}

// openStatesMA are the options of an Open States import of Massachusetts' ma.csv.
var openStatesMA = db.ImportOptions{Format: "openstates", Source: "ma.csv", State: "MA"}
