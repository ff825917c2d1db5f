package db_test

import (
	"context"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestSameNameTwiceOnARollCallIsKept: rows without a voter_id written the same way on
// one roll call ("Moran" three times, yes, no, yes) are each kept and each listed as
// unmatched with its line; they used to collapse into one ("1 votes … 2 already
// there"). The same export again adds none of them twice.
func TestSameNameTwiceOnARollCallIsKept(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	exp := rc.exp
	exp.Votes = []db.IncomingVote{
		{Line: 2, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Moran"},
		{Line: 3, VoteID: "ocd-vote/1", Option: "no", VoterName: "Moran"},
		{Line: 4, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Moran"},
		// Katsakiores is one member: three rows of his name are none of them his.
		{Line: 5, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Katsakiores"},
		{Line: 6, VoteID: "ocd-vote/1", Option: "no", VoterName: "Katsakiores"},
	}
	sum, err := rc.s.ImportSession(ctx, &exp, db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("every row is kept and listed as unmatched", func(t *testing.T) {
		var unmatched []db.Unmatched
		for _, u := range sum.Unmatched {
			if u.Table == "vote_people" {
				unmatched = append(unmatched, u)
			}
		}
		if sum.Votes != 5 || sum.Unchanged != 0 || len(unmatched) != 5 {
			t.Fatalf("%d votes, %d unchanged, unmatched %+v", sum.Votes, sum.Unchanged, unmatched)
		}
		for i, u := range unmatched {
			if u.Line != i+2 || u.Reason == "" {
				t.Errorf("%+v", u)
			}
		}
		var options []string
		if err := rc.s.EachRecordRow(ctx, db.RecordFilter{CampaignID: rc.campaign}, func(r *db.RecordRow) error {
			if r.Kind == "roll call" && r.ExportName == "Moran" {
				options = append(options, r.Role)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if len(options) != 3 {
			t.Errorf("Moran's rows in the record: %v", options)
		}
	})
	t.Run("the same export again adds nothing", func(t *testing.T) {
		again, err := rc.s.ImportSession(ctx, &exp, db.ImportOptions{})
		if err != nil || again.Votes != 0 || again.BatchID != 0 {
			t.Fatalf("%+v %v", again, err)
		}
	})
}
