package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestMemberTwiceOnARollCall: a member listed twice by voter_id on one roll call with
// different votes is neither vote: both rows are kept unmatched, each listed with a
// reason naming both votes and lines; listed twice with the same vote, the vote is
// kept once and the import says so. Neither row counts as "already there" in a file
// that never had them (tester t6, F10: the second vote was dropped without a word and
// counted "1 already there", the first row standing as the member's vote).
func TestMemberTwiceOnARollCall(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	exp := rc.exp
	exp.Votes = []db.IncomingVote{
		{Line: 2, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Turncoat", VoterID: "ocd-person/e"},
		{Line: 3, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Open", VoterID: "ocd-person/f"},
		{Line: 4, VoteID: "ocd-vote/1", Option: "no", VoterName: "Turncoat", VoterID: "ocd-person/e"},
		{Line: 5, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Open", VoterID: "ocd-person/f"},
	}
	sum, err := rc.s.ImportSession(ctx, &exp, db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Unchanged != 0 {
		t.Errorf("%d already there in a new file", sum.Unchanged)
	}
	reason := map[int]string{}
	for _, u := range sum.Unmatched {
		if u.Table == "vote_people" {
			reason[u.Line] = u.Reason
		}
	}
	for _, line := range []int{2, 4} {
		for _, w := range []string{"yes (line 2)", "no (line 4)", "none taken"} {
			if !strings.Contains(reason[line], w) {
				t.Errorf("line %d: reason %q does not say %q", line, reason[line], w)
			}
		}
	}
	if !strings.Contains(strings.Join(sum.Notes, "\n"), "Open (ocd-person/f), yes, lines 3 and 5") {
		t.Errorf("notes %q do not list Open's vote given twice", sum.Notes)
	}
	votes := map[string][]string{}
	if err := rc.s.EachRecordRow(ctx, db.RecordFilter{CampaignID: rc.campaign}, func(r *db.RecordRow) error {
		if r.Kind == "roll call" {
			votes[r.ExportName] = append(votes[r.ExportName], r.Role+"/"+r.MatchedBy)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(votes["Turncoat"], " "); got != "yes/ no/" {
		t.Errorf("Turncoat's rows %q, want both kept, neither matched", got)
	}
	if got := strings.Join(votes["Open"], " "); got != "yes/id" {
		t.Errorf("Open's rows %q, want one vote", got)
	}
	t.Run("the same export again adds nothing", func(t *testing.T) {
		again, err := rc.s.ImportSession(ctx, &exp, db.ImportOptions{})
		if err != nil || again.Votes != 0 || again.BatchID != 0 {
			t.Fatalf("%+v %v", again, err)
		}
	})
}

// TestVoterIDOfAnotherMember: a row whose voter_id is another member's of the roll call
// (Open's row given Turncoat's id, the same vote) was "kept once" as Turncoat's vote
// given twice, without a word that Open's vote vanished (tester t11): the note names
// the member the row names, left without a vote.
func TestVoterIDOfAnotherMember(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	exp := rc.exp
	exp.Votes = []db.IncomingVote{
		{Line: 2, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Turncoat", VoterID: "ocd-person/e"},
		{Line: 3, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Open", VoterID: "ocd-person/e"},
	}
	sum, err := rc.s.ImportSession(ctx, &exp, db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	notes := strings.Join(sum.Notes, "\n")
	if !strings.Contains(notes, `line 3 names "Open"`) || !strings.Contains(notes, "Open has no vote on this roll call") {
		t.Errorf("notes do not name Open, left without a vote:\n%s", notes)
	}
}
