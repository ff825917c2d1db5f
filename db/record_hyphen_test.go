package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestVoterNameHyphenOrSpace: a journal name written with a space where the directory
// has a hyphen ("Farley Bouvier" for Tricia Farley-Bouvier), or a hyphen where it has a
// space ("Perkins-Kwoka, R." for Rebecca Perkins Kwoka), is the one member it fits:
// the vote was kept unmatched, "no member of the House here is named Farley Bouvier",
// and was on no page of hers. Two members it fits so are a question naming both.
func TestVoterNameHyphenOrSpace(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	ids := map[string]int64{}
	for i, l := range []struct{ given, family string }{{"Tricia", "Farley-Bouvier"}, {"Rebecca", "Perkins Kwoka"},
		{"Ann", "Smith-Jones"}, {"Bo", "Smith Jones"}, {"Lan", "Hoa"}} {
		id, err := rc.s.CreateLegislator(ctx, db.Legislator{OpenStatesID: "ocd-person/h" + string(rune('a'+i)), State: "MA",
			Chamber: db.ChamberLower, District: l.family + " district", Name: l.given + " " + l.family, GivenName: l.given,
			FamilyName: l.family, InOffice: true})
		if err != nil {
			t.Fatal(err)
		}
		ids[l.family] = id
	}
	rc.exp.Votes = []db.IncomingVote{
		{Line: 2, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Farley Bouvier"},
		{Line: 3, VoteID: "ocd-vote/1", Option: "no", VoterName: "Perkins-Kwoka, R."},
		{Line: 4, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Smith-Jones *"},
		{Line: 5, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Ho A."}}
	rc.exp.Sponsorships = nil
	sum, err := rc.s.ImportSession(ctx, &rc.exp, db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	voted := map[int64]string{}
	if err := rc.s.EachRecordRow(ctx, db.RecordFilter{CampaignID: rc.campaign}, func(r *db.RecordRow) error {
		if r.Kind == "roll call" && r.LegislatorID != 0 {
			voted[r.LegislatorID] = r.Role
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	t.Run("a space for a hyphen, or a hyphen for a space, is the one member it fits", func(t *testing.T) {
		if voted[ids["Farley-Bouvier"]] != "yes" || voted[ids["Perkins Kwoka"]] != "no" || sum.VotesByName != 2 {
			t.Errorf("%v, %d by name, unmatched %+v", voted, sum.VotesByName, sum.Unmatched)
		}
	})
	t.Run("a surname with an initial is not a double name run together", func(t *testing.T) {
		if len(sum.Unmatched) != 2 || sum.Unmatched[1].Line != 5 ||
			sum.Unmatched[1].Reason != "no member of the House here is named Ho A." {
			t.Errorf("%+v", sum.Unmatched)
		}
	})
	t.Run("a name two members fit so is listed with both, not guessed", func(t *testing.T) {
		if len(sum.Unmatched) != 2 || sum.Unmatched[0].Line != 4 ||
			!strings.Contains(sum.Unmatched[0].Reason, "Smith-Jones fits 2 members of the House (Ann Smith-Jones, Bo Smith Jones)") {
			t.Errorf("%+v", sum.Unmatched)
		}
	})
}
