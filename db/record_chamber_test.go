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
