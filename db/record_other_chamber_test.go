package db_test

import (
	"context"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestVoteFitsAMemberNowInTheOtherChamber: a House vote written "Howard," without a
// voter_id, when the only Howard here is now a senator (MA's Vanna Howard, a
// representative in 2025), stays unmatched, but says whom it fits: "no member of the
// House here is named Howard" hid her.
func TestVoteFitsAMemberNowInTheOtherChamber(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	if _, err := rc.s.CreateLegislator(ctx, db.Legislator{OpenStatesID: "ocd-person/howard", State: "MA", Chamber: db.ChamberUpper,
		District: "First Middlesex", Name: "Vanna Howard", GivenName: "Vanna", FamilyName: "Howard", InOffice: true}); err != nil {
		t.Fatal(err)
	}
	exp := rc.exp
	exp.Votes = []db.IncomingVote{{Line: 2, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Howard,"}}
	sum, err := rc.s.ImportSession(ctx, &exp, db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := "Howard fits Sen. Vanna Howard, now in the Senate — not matched: no member of the House here is named Howard, " +
		"and the directory keeps no terms to say who sat in the House then"
	for _, u := range sum.Unmatched {
		if u.Table == "vote_people" {
			if u.Reason != want {
				t.Errorf("%q\nwant %q", u.Reason, want)
			}
			return
		}
	}
	t.Fatalf("not listed: %+v (%d matched by name)", sum.Unmatched, sum.VotesByName)
}
