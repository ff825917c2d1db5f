package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestRollCallsOfAnExportWithoutVotePeople (tester t10): the NH export given without
// its vote_people table (a folder that lacked it) had every roll call marked
// "members' votes not published", which says the legislature keeps them secret. The
// export imported has no members' votes, and the record says that; a roll call of an
// export that lists members' votes on others (the Massachusetts Senate's) is still
// "not published".
func TestRollCallsOfAnExportWithoutVotePeople(t *testing.T) {
	ctx := context.Background()
	older, _, _, _ := twoSessions(t)
	exp := *older
	exp.Votes, exp.Missing = nil, append(exp.Missing, "vote_people")
	s := dbtest.Open(t)
	campaign, _ := twoSessionChapter(t, s, &exp)
	if _, err := s.ImportSession(ctx, &exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	rows := 0
	if err := s.EachRecordRow(ctx, db.RecordFilter{CampaignID: campaign}, func(r *db.RecordRow) error {
		if r.Kind != "roll call" {
			return nil
		}
		rows++
		if !r.CountsOnly() || strings.Contains(r.CountsOnlyNote(), "not published") || !strings.Contains(r.CountsOnlyNote(), "no members' votes") ||
			r.RoleText() == db.VoteNotPublished {
			t.Errorf("%s %s: %q, %q", r.Bill, r.Date, r.RoleText(), r.CountsOnlyNote())
			return nil
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if rows == 0 {
		t.Fatal("no roll call in the record")
	}
}
