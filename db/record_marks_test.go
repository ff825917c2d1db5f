package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestRecordMarksShowThePassageVote: the whip board's band is the vote on passing the
// bill, never a later vote on an amendment — Ann Yes voted yes on engrossing H 100,
// then no on a hostile amendment to it, and the board showed her "N", the newest.
func TestRecordMarksShowThePassageVote(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	at := func(day int) (string, time.Time) {
		t := time.Date(2025, 6, day, 15, 0, 0, 0, time.UTC)
		return t.Format(time.RFC3339), t
	}
	d1, t1 := at(10)
	d2, t2 := at(11)
	rc.exp.RollCalls = []db.IncomingRollCall{
		{Line: 2, ID: "ocd-vote/1", BillID: "ocd-bill/1", Chamber: "lower", Motion: "H. 100 On passing to be engrossed",
			StartDate: d1, VotedAt: t1, Result: "pass"},
		{Line: 3, ID: "ocd-vote/2", BillID: "ocd-bill/1", Chamber: "lower", Motion: "H. 100 On adoption of amendment #9",
			StartDate: d2, VotedAt: t2, Result: "fail"}}
	rc.exp.Votes = []db.IncomingVote{
		{Line: 2, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Yes", VoterID: "ocd-person/d"},
		{Line: 3, VoteID: "ocd-vote/2", Option: "no", VoterName: "Yes", VoterID: "ocd-person/d"},
		{Line: 4, VoteID: "ocd-vote/2", Option: "yes", VoterName: "Turncoat", VoterID: "ocd-person/e"}}
	if _, err := rc.s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	marks, err := rc.s.RecordMarks(ctx, rc.campaign)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a later vote on an amendment does not stand for the vote on the bill", func(t *testing.T) {
		m := marks[rc.ids["Ann Yes"]]
		if m.LastVote != "yes" || m.LastVoteOn != "2025-06-10" || m.LastVoteMotion != "H. 100 On passing to be engrossed" {
			t.Errorf("%+v", m)
		}
	})
	t.Run("a member who voted on an amendment only has no vote on the board", func(t *testing.T) {
		if m := marks[rc.ids["Bob Turncoat"]]; m.LastVote != "" {
			t.Errorf("%+v", m)
		}
	})
}
