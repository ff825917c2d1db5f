package reports_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/reports"
)

// TestRecordCSVSaysAVoteOfTheOtherChamber: a senator's vote on a House roll call, from
// their term there, was a row "lower" with their Senate district and no word of it.
func TestRecordCSVSaysAVoteOfTheOtherChamber(t *testing.T) {
	row := db.RecordRow{CampaignID: 1, Kind: "roll call", Bill: "H 100", Name: "Vanna Howard", Chamber: db.ChamberLower,
		MemberChamber: db.ChamberUpper, District: "First Middlesex", Role: "yes", MatchedBy: "id", RollCallID: 1, Yes: 1}
	var buf bytes.Buffer
	if err := reports.WriteRecordCSV(context.Background(), &buf, func(fn func(*db.RecordRow) error) error { return fn(&row) }); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("%q %v", rows, err)
	}
	if got, want := rows[1][len(rows[1])-1], "House vote, from their term in the House (now in the Senate)"; got != want {
		t.Errorf("note %q, want %q", got, want)
	}
}

// TestRecordCSVSaysAnEarlierSessionsSponsorship: a cosponsorship of the earlier
// session's bill was a row "cosponsor", as one of the newest session's (t6 F6).
func TestRecordCSVSaysAnEarlierSessionsSponsorship(t *testing.T) {
	row := db.RecordRow{CampaignID: 1, Kind: "sponsorship", Bill: "SB 476", Session: "2024", Name: "Ruth Ward", Role: "cosponsor",
		MatchedBy: "id", Earlier: "an earlier session than 2025: not counted"}
	var buf bytes.Buffer
	if err := reports.WriteRecordCSV(context.Background(), &buf, func(fn func(*db.RecordRow) error) error { return fn(&row) }); err != nil {
		t.Fatal(err)
	}
	if want := "cosponsor, session 2024: an earlier session than 2025: not counted"; !bytes.Contains(buf.Bytes(), []byte(want)) {
		t.Errorf("no %q in %s", want, buf.String())
	}
}
