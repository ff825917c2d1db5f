package main

import (
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestBoardCountsTheChamberShown: with --chamber upper the board's line counts the
// senators the record marks, not the representatives it marks too (the NH 2024
// record: "24 legislators, 25 marked by the record").
func TestBoardCountsTheChamberShown(t *testing.T) {
	whip := db.WhipCount{Legislators: []db.WhipRow{{LegislatorID: 1, Chamber: db.ChamberUpper}, {LegislatorID: 2, Chamber: db.ChamberUpper},
		{LegislatorID: 3, Chamber: db.ChamberLower}}}
	// 1 and 3 sponsor; 9 is marked but left office: no seat on the board.
	marks := map[int64]db.RecordMark{1: {Sponsorship: "sponsor"}, 3: {Sponsorship: "cosponsor"}, 9: {LastVote: "yes"}}
	for chamber, want := range map[db.Chamber][2]int{db.ChamberUpper: {2, 1}, db.ChamberLower: {1, 1}, "": {3, 2}} {
		if n, marked := boardCounts(whip, marks, chamber); n != want[0] || marked != want[1] {
			t.Errorf("%q: %d legislators, %d marked; want %v", chamber, n, marked, want)
		}
	}
}
