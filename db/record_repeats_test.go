package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestRecordCountsARepeatedCallOnce: a file (or the server's owner) holding two
// chapters' reports of one call (the same form imported by both) counts the call once
// before the vote, as the workbook's sheets count it, and lists it once; the other
// chapter's own call counts. Both ways of reading the calls give the same answer.
func TestRecordCountsARepeatedCallOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		ctx := context.Background()
		rc := recordChapterIn(t, open(t))
		s := rc.s
		if err := db.WriteRaw(ctx, s, `INSERT INTO chapters (uuid, name, created_at, updated_at) VALUES ('chapter-b', 'Springfield', 0, 0)`); err != nil {
			t.Fatal(err)
		}
		maria := dbtest.Volunteer(t, s, "Maria", "Souza", nil)
		ben := dbtest.Volunteer(t, s, "Ben", "Baker", nil)
		before := time.Date(2025, 5, 2, 10, 0, 0, 0, time.UTC)
		after := time.Date(2025, 7, 10, 10, 0, 0, 0, time.UTC) // the roll call is on 2025-06-30
		call := func(vol int64, at time.Time, heard db.Stance, springfield bool) {
			t.Helper()
			id, err := s.CreateCallReport(ctx, db.CallReport{CampaignID: rc.campaign, VolunteerID: vol, LegislatorID: rc.ids["Bob Turncoat"],
				CalledAt: at, Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeStaff, StanceHeard: heard, Notes: "said thanks"}, heard != "")
			if err != nil {
				t.Fatal(err)
			}
			if springfield {
				if err := db.WriteRaw(ctx, s, `UPDATE call_reports SET chapter_id = (SELECT id FROM chapters WHERE uuid = 'chapter-b') WHERE id = ?`, id); err != nil {
					t.Fatal(err)
				}
			}
		}
		call(maria, before, db.StanceYes, false)
		call(ben, before, db.StanceYes, true) // Springfield's report of the same call
		call(ben, before.Add(24*time.Hour), "", true)
		call(maria, after, "", false)
		if _, err := s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		for _, side := range []int{1, 2} {
			t.Run([]string{"", "the calls up to the vote read", "the calls after the vote read"}[side], func(t *testing.T) {
				defer db.SetRecordCallSide(side)()
				bob := recordVote(t, s, rc.campaign, "Bob Turncoat")
				if bob.Verdict != db.VerdictAgainst || bob.Calls != 2 || len(bob.CallsBefore) != 2 ||
					!bob.LastCall.Equal(before.Add(24*time.Hour)) {
					t.Errorf("Bob: %s, %d calls before the vote, last %v, listed %q; want the call both chapters reported once: "+
						"2 calls, the last on 3 May", bob.Verdict, bob.Calls, bob.LastCall, bob.CallsBefore)
				}
			})
		}
	})
}

// recordVote is the first roll call's vote of the legislator named, as s reads it.
func recordVote(t *testing.T, s *db.Store, campaign int64, name string) db.ComparedVote {
	t.Helper()
	list, err := s.RecordVsWhip(context.Background(), campaign)
	if err != nil || len(list) != 1 {
		t.Fatalf("the record: %+v, %v", list, err)
	}
	for _, v := range list[0].Votes {
		if v.Name == name {
			return v
		}
	}
	t.Fatalf("no vote of %s in %+v", name, list[0].Votes)
	return db.ComparedVote{}
}

// TestCoalitionRecordCountsEachLoginsCalls: on a server the record's calls before a
// vote are, for a lead, their chapter's own (the only reports a lead reads), and for
// the coordinator and the owner the coalition's, a call two chapters reported counted
// once; both ways of reading the calls give the same answer, and the screen's
// sentence says which calls are counted.
func TestCoalitionRecordCountsEachLoginsCalls(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	q := func(sql string, args ...any) int64 {
		t.Helper()
		var id int64
		if err := sc.admin.QueryRow(ctx, sql, args...).Scan(&id); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		return id
	}
	bill := q(`INSERT INTO session_bills (openstates_id, state, session, identifier, number_key, created_at)
		VALUES ('ocd-bill/1', 'MA', '194th', 'H 100', 'H100', 0) RETURNING id`)
	q(`INSERT INTO campaign_session_bills (campaign_id, bill_key, session_bill_id, matched_by) VALUES ($1, 'H100', $2, 'number')
		RETURNING session_bill_id`, sc.campaign, bill)
	roll := q(`INSERT INTO roll_calls (openstates_id, session_bill_id, chamber, motion, start_date, voted_at, result, no_count,
		created_at) VALUES ('ocd-vote/1', $1, 'lower', 'passage', '2023-11-20', 1700500000, 'fail', 1, 0) RETURNING id`, bill)
	q(`INSERT INTO roll_call_votes (roll_call_id, voter_key, voter_name, option, legislator_id, matched_by)
		VALUES ($1, 'jane', 'Jane Doe', 'no', $2, 'name') RETURNING id`, roll, sc.legislator)
	// newCoalition gave each chapter its report of one call (1700000000, alike: a
	// repeat). Worcester called again before the vote and after it; Springfield once
	// more before it.
	report := func(uuid string, chapter, vol, at int64) {
		q(`INSERT INTO call_reports (uuid, chapter_id, campaign_id, volunteer_id, legislator_id, called_at, outcome, notes,
			created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 'left_voicemail', '', 0, 0) RETURNING id`,
			uuid, chapter, sc.campaign, vol, sc.legislator, at)
	}
	report("a-2", sc.a.ID, sc.volA, 1700200000)
	report("a-after", sc.a.ID, sc.volA, 1700600000)
	report("b-2", sc.b.ID, sc.volB, 1700100000)

	// A lead of both chapters (none chosen, as a verb runs) reads both chapters'
	// reports: the call both reported counts once.
	both := coalLogin("dora")
	for _, chapter := range []string{sc.a.Name, sc.b.Name} {
		if _, err := sc.s.AddLead(ctx, both, chapter); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		who, login string
		calls      int
		last       int64
		says       string
	}{
		{"the lead of both chapters", both, 3, 1700200000, "these chapters"},
		{"the coordinator", sc.coord, 3, 1700200000, "the coalition"},
		{"the owner", "", 3, 1700200000, "the coalition"},
		{"the lead of Worcester", sc.leadA, 2, 1700200000, "this chapter"},
		{"the lead of Springfield", sc.leadB, 2, 1700100000, "this chapter"},
	} {
		s := sc.s
		if c.login != "" {
			s = sc.openAs(t, c.login)
		}
		for _, side := range []int{1, 2} {
			t.Run(c.who+[]string{"", ", the calls up to the vote read", ", the calls after the vote read"}[side], func(t *testing.T) {
				defer db.SetRecordCallSide(side)()
				list, err := s.RecordVsWhip(ctx, sc.campaign)
				if err != nil || len(list) != 1 || len(list[0].Votes) != 1 {
					t.Fatalf("the record: %+v, %v", list, err)
				}
				v := list[0].Votes[0]
				if v.Calls != c.calls || len(v.CallsBefore) != c.calls || v.LastCall.Unix() != c.last {
					t.Errorf("Jane Doe: %d calls before the vote, last %d, listed %q; want %d, the last %d",
						v.Calls, v.LastCall.Unix(), v.CallsBefore, c.calls, c.last)
				}
				if list[0].CalledBy != c.says || !strings.Contains(list[0].CallsCounted, c.says) {
					t.Errorf("the calls counted are %q: %q; want %q", list[0].CalledBy, list[0].CallsCounted, c.says)
				}
			})
		}
	}
}
