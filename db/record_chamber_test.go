package db_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/reports"
)

// TestRecordCountsOnlyRollCall: a roll call the export gives by its counts only (as
// Massachusetts gives its Senate's) is on the official record of each member of its
// chamber in office, in the legislator's record and in the export, saying that the
// chamber voted and that the member's own vote is not published.
func TestRecordCountsOnlyRollCall(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		ctx := context.Background()
		rc := recordChapterIn(t, open(t))
		s := rc.s
		senator, err := s.CreateLegislator(ctx, db.Legislator{OpenStatesID: "ocd-person/s1", State: "MA", Chamber: db.ChamberUpper,
			District: "Middlesex and Worcester", Name: "Jamie Eldridge", GivenName: "Jamie", FamilyName: "Eldridge", InOffice: true})
		if err != nil {
			t.Fatal(err)
		}
		retired, err := s.CreateLegislator(ctx, db.Legislator{OpenStatesID: "ocd-person/s2", State: "MA", Chamber: db.ChamberUpper,
			District: "Hampden", Name: "Old Senator", GivenName: "Old", FamilyName: "Senator"})
		if err != nil {
			t.Fatal(err)
		}
		counted := time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC)
		if _, err := s.SetStance(ctx, db.StanceChange{CampaignID: rc.campaign, LegislatorID: senator, Stance: db.StanceYes,
			ChangedAt: counted, ChangedBy: "lead"}); err != nil {
			t.Fatal(err)
		}
		rc.exp.RollCalls = append(rc.exp.RollCalls, db.IncomingRollCall{Line: 3, ID: "ocd-vote/2", BillID: "ocd-bill/1",
			Chamber: "upper", Motion: "Passing it to be enacted", StartDate: "2025-07-31", Result: "pass", Yes: 38, No: 2,
			VotedAt: time.Date(2025, 7, 31, 0, 0, 0, 0, time.UTC)})
		if _, err := s.ImportSession(ctx, &rc.exp, db.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		rows := func(f db.RecordFilter) []db.RecordRow {
			t.Helper()
			var out []db.RecordRow
			if err := s.EachRecordRow(ctx, f, func(r *db.RecordRow) error {
				out = append(out, *r)
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			return out
		}
		t.Run("a senator's record says the Senate voted and that their vote is not published", func(t *testing.T) {
			got := rows(db.RecordFilter{CampaignID: rc.campaign, LegislatorID: senator})
			if len(got) != 1 {
				t.Fatalf("%+v", got)
			}
			r := got[0]
			if r.Kind != "roll call" || r.Role != db.VoteNotPublished || !r.CountsOnly() || r.Bill != "H 100" ||
				r.Motion != "Passing it to be enacted" || r.Date != "2025-07-31" || r.Name != "Jamie Eldridge" {
				t.Errorf("%+v", r)
			}
			if note := r.CountsOnlyNote(); note != "Senate roll call 2025-07-31, passed 38–2: members' votes not published" {
				t.Errorf("%q", note)
			}
			if r.Counted != db.StanceYes || !r.CountedAt.Equal(counted) {
				t.Errorf("the count at the vote: %q since %v", r.Counted, r.CountedAt)
			}
		})
		t.Run("a member of the other chamber, or no longer in office, has no such row", func(t *testing.T) {
			for _, r := range rows(db.RecordFilter{CampaignID: rc.campaign, LegislatorID: rc.ids["Ann Yes"]}) {
				if r.CountsOnly() {
					t.Errorf("a representative: %+v", r)
				}
			}
			if got := rows(db.RecordFilter{CampaignID: rc.campaign, LegislatorID: retired}); len(got) != 0 {
				t.Errorf("a senator no longer in office: %+v", got)
			}
		})
		t.Run("the whole record has it once per senator, in its place by date", func(t *testing.T) {
			var kinds []string
			for _, r := range rows(db.RecordFilter{CampaignID: rc.campaign}) {
				k := r.Kind + " " + r.Date
				if len(kinds) == 0 || kinds[len(kinds)-1] != k {
					kinds = append(kinds, k)
				}
				if r.CountsOnly() && r.LegislatorID != senator {
					t.Errorf("%+v", r)
				}
			}
			if strings.Join(kinds, ", ") != "roll call 2025-06-30, roll call 2025-07-31, sponsorship 2026-04-05" {
				t.Errorf("%v", kinds)
			}
		})
		t.Run("the export writes it with its note", func(t *testing.T) {
			var b bytes.Buffer
			if err := reports.WriteRecordCSV(ctx, &b, func(fn func(*db.RecordRow) error) error {
				return s.EachRecordRow(ctx, db.RecordFilter{CampaignID: rc.campaign}, fn)
			}); err != nil {
				t.Fatal(err)
			}
			table, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\ufeff"))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			found := 0
			for _, row := range table[1:] {
				if row[7] == "Jamie Eldridge" && row[1] == "roll call" {
					found++
					if row[11] != "not published" || row[12] != "yes" ||
						row[len(row)-1] != "Senate roll call 2025-07-31, passed 38–2: members' votes not published" {
						t.Errorf("%q", row)
					}
				}
			}
			if found != 1 || table[0][len(table[0])-1] != "note" {
				t.Errorf("%d rows of the senator's; header %q", found, table[0])
			}
		})
		t.Run("the record against the whip count still gives it by its counts alone", func(t *testing.T) {
			list, err := s.RecordVsWhip(ctx, rc.campaign)
			if err != nil || len(list) != 2 {
				t.Fatalf("%+v, %v", list, err)
			}
			if !list[1].CountsOnly() || list[1].Yes != 38 || list[0].CountsOnly() {
				t.Errorf("%+v", list[1])
			}
		})
	})
}

// TestRecordCountsOnlyNote: the note of a roll call given without its members' votes
// says what the export gives, and only that.
func TestRecordCountsOnlyNote(t *testing.T) {
	for _, c := range []struct {
		row  db.RecordRow
		want string
	}{
		{db.RecordRow{Chamber: db.ChamberUpper, Date: "2025-07-31", Result: "pass", Yes: 38, No: 2},
			"Senate roll call 2025-07-31, passed 38–2: members' votes not published"},
		{db.RecordRow{Chamber: db.ChamberUpper, Date: "2025-11-19", Result: "fail", Yes: 5, No: 33, NotVoting: 2},
			"Senate roll call 2025-11-19, failed 5–33, 2 not voting: members' votes not published"},
		{db.RecordRow{Chamber: db.ChamberUpper, Date: "2025-06-30", Result: "pass"},
			"Senate roll call 2025-06-30, passed (the export gives no counts): members' votes not published"},
		{db.RecordRow{Date: "2025-06-30", Result: "pass", Yes: 1},
			"Roll call 2025-06-30, passed 1–0: members' votes not published"},
	} {
		if got := c.row.CountsOnlyNote(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.row, got, c.want)
		}
	}
}

// TestImportSessionMatchesMembersInOffice: a voter the export names without an id is
// matched among the members who may have cast the vote: those in office, and those no
// longer in office whom the export shows serving in the session. A former member who
// shares a surname with a sitting one neither takes their vote nor makes it a question.
func TestImportSessionMatchesMembersInOffice(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		ctx := context.Background()
		rc := recordChapterIn(t, open(t))
		s := rc.s
		former := func(osid, name string) int64 {
			t.Helper()
			given, family, _ := strings.Cut(name, " ")
			id, err := s.CreateLegislator(ctx, db.Legislator{OpenStatesID: osid, State: "MA", Chamber: db.ChamberLower,
				District: name + " district", Name: name, GivenName: given, FamilyName: family})
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		nguyen, err := s.CreateLegislator(ctx, db.Legislator{OpenStatesID: "ocd-person/n", State: "MA", Chamber: db.ChamberLower,
			District: "18th Middlesex", Name: "Tram Nguyen", GivenName: "Tram", FamilyName: "Nguyen", InOffice: true})
		if err != nil {
			t.Fatal(err)
		}
		// Left before the session (the export never names them): Mary García beside
		// the sitting Judith García, Ruth Howard alone.
		former("ocd-person/r1", "Mary García")
		howard := former("ocd-person/r2", "Ruth Howard")
		// Served in the session and left since: the export names them, Chynah Tyler as
		// a voter on another roll call, David Nguyen as a sponsor of another bill.
		tyler := former("ocd-person/r3", "Chynah Tyler")
		former("ocd-person/r4", "David Nguyen")
		rc.exp.RollCalls = append(rc.exp.RollCalls, db.IncomingRollCall{Line: 3, ID: "ocd-vote/3", BillID: "ocd-bill/2",
			Chamber: "lower", Motion: "S. 100 On passage", StartDate: "2025-03-01", Result: "pass", Yes: 1,
			VotedAt: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)})
		rc.exp.Sponsorships = append(rc.exp.Sponsorships, db.IncomingSponsorship{Line: 6, Name: "David Nguyen", EntityType: "person",
			PersonID: "ocd-person/r4", BillID: "ocd-bill/2", Classification: "cosponsor"})
		rc.exp.Votes = append(rc.exp.Votes,
			db.IncomingVote{Line: 12, VoteID: "ocd-vote/1", Option: "no", VoterName: "Howard"},
			db.IncomingVote{Line: 13, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Tyler *"},
			db.IncomingVote{Line: 14, VoteID: "ocd-vote/1", Option: "yes", VoterName: "Nguyen"},
			db.IncomingVote{Line: 15, VoteID: "ocd-vote/3", Option: "yes", VoterName: "Tyler", VoterID: "ocd-person/r3"})
		sum, err := s.ImportSession(ctx, &rc.exp, db.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		reason := map[int]string{} // of vote_people, by line
		for _, u := range sum.Unmatched {
			if u.Table == "vote_people" {
				reason[u.Line] = u.Reason
			}
		}
		matched := map[string]int64{}
		if err := s.EachRecordRow(ctx, db.RecordFilter{CampaignID: rc.campaign}, func(r *db.RecordRow) error {
			if r.Kind == "roll call" && r.MatchedBy == "name" {
				matched[r.ExportName] = r.LegislatorID
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		t.Run("a surname a former member shares is the one member in office it fits", func(t *testing.T) {
			if _, ok := reason[4]; ok || matched["Garcia *"] != rc.ids["Judith García"] {
				t.Errorf("Garcia: %q, matched %d", reason[4], matched["Garcia *"])
			}
		})
		t.Run("a vote is not given to a member who may have left before the session", func(t *testing.T) {
			want := "Howard fits no member of the House in office, only Ruth Howard, no longer in office, " +
				"whom this export of session 194th does not name: they may have left before it"
			if reason[12] != want || matched["Howard"] == howard {
				t.Errorf("Howard: %q, matched %d", reason[12], matched["Howard"])
			}
		})
		t.Run("a former member the export shows serving in the session is matched when no one in office fits", func(t *testing.T) {
			if _, ok := reason[13]; ok || matched["Tyler *"] != tyler {
				t.Errorf("Tyler: %q, matched %d", reason[13], matched["Tyler *"])
			}
		})
		t.Run("such a former member beside one in office makes the name a question naming both", func(t *testing.T) {
			want := "Nguyen fits 2 members of the House (David Nguyen (no longer in office), Tram Nguyen)"
			if reason[14] != want || matched["Nguyen"] == nguyen {
				t.Errorf("Nguyen: %q, matched %d", reason[14], matched["Nguyen"])
			}
		})
	})
}
