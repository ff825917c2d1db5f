package reports_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/reports"
)

func TestWorkbookRecordSheet(t *testing.T) {
	ctx := context.Background()
	s := demoStore(t, 100, 1500)
	q := db.ReportQuery{To: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)}
	_, sum := workbook(t, s, q, reports.WorkbookOptions{})
	w, err := s.WhipCount(ctx, sum.CampaignID)
	if err != nil {
		t.Fatal(err)
	}
	// The demo's senators vote on S.1305: each as the count has them now, but one.
	ls, _ := s.Legislators(ctx)
	osid := map[int64]string{}
	for _, l := range ls {
		osid[l.ID] = l.OpenStatesID
	}
	exp := db.SessionExport{Source: "test", State: "MA", Session: "193rd", ExportedAt: time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC),
		Bills: []db.SessionBill{{OpenStatesID: "ocd-bill/1", Identifier: "S 1305", Chamber: "upper"}},
		RollCalls: []db.IncomingRollCall{{ID: "ocd-vote/1", BillID: "ocd-bill/1", Chamber: "upper", Motion: "S. 1305 On passage",
			StartDate: "2026-11-20", VotedAt: time.Date(2026, 11, 20, 23, 0, 0, 0, time.UTC), Result: "pass"}}, Votes: []db.IncomingVote{}}
	right, against := 0, 0
	for _, r := range w.Legislators {
		if r.Chamber != db.ChamberUpper {
			continue
		}
		opt := ""
		switch r.Stance {
		case db.StanceSponsor, db.StanceCosponsor, db.StanceYes, db.StanceLeaningYes:
			opt = "yes"
		case db.StanceNo, db.StanceLeaningNo:
			opt = "no"
		default:
			continue
		}
		if right > 0 && against == 0 {
			opt = map[string]string{"yes": "no", "no": "yes"}[opt]
			against++
		} else {
			right++
		}
		exp.Votes = append(exp.Votes, db.IncomingVote{VoteID: "ocd-vote/1", Option: opt, VoterName: r.Name, VoterID: osid[r.LegislatorID]})
	}
	if right < 2 {
		t.Fatal("the demo's senate has too few stances")
	}
	if _, err := s.LinkBill(ctx, db.BillLink{CampaignID: sum.CampaignID, CampaignBill: "S.1305", Session: "193rd"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportSession(ctx, &exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	f, _ := workbook(t, s, q, reports.WorkbookOptions{})
	t.Run("the record sheet comes after By week, only with roll calls", func(t *testing.T) {
		want := "Summary,By legislator,By district,By volunteer,By week,Record vs whip count,Call log,Volunteers"
		if got := strings.Join(f.GetSheetList(), ","); got != want {
			t.Errorf("sheets %s", got)
		}
	})
	t.Run("it sums the roll call up and gives each vote its verdict", func(t *testing.T) {
		verdicts := columnValues(t, f, reports.SheetRecord, "Verdict")
		n := map[string]int{}
		for _, v := range verdicts {
			n[v]++
		}
		if n["right"] != right || n["against"] != 1 {
			t.Errorf("%v, want %d right, 1 against", n, right)
		}
		rows, _ := f.GetRows(reports.SheetRecord)
		if len(rows) < 2 || !strings.Contains(strings.Join(rows[1], "|"), "1 against the count") {
			t.Errorf("%q", rows[1])
		}
	})
}

// TestWorkbookRecordSheetVoteOfTheOtherChamber: a senator's vote on a House roll call,
// from their term there, was listed under "House" with their Senate district and
// judged against the stance as any vote: the row now says whose district it is and
// that the verdict is of a House vote by a member now in the Senate.
func TestWorkbookRecordSheetVoteOfTheOtherChamber(t *testing.T) {
	ctx := context.Background()
	s := demoStore(t, 20, 100)
	q := db.ReportQuery{To: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)}
	_, sum := workbook(t, s, q, reports.WorkbookOptions{})
	w, err := s.WhipCount(ctx, sum.CampaignID)
	if err != nil {
		t.Fatal(err)
	}
	ls, _ := s.Legislators(ctx)
	var senator db.Legislator
	for _, l := range ls {
		if l.Chamber == db.ChamberUpper && l.OpenStatesID != "" {
			senator = l
			break
		}
	}
	stance := db.StanceUnknown
	for _, r := range w.Legislators {
		if r.LegislatorID == senator.ID {
			stance = r.Stance
		}
	}
	if _, err := s.SetStance(ctx, db.StanceChange{CampaignID: sum.CampaignID, LegislatorID: senator.ID, Stance: db.StanceYes,
		ChangedAt: time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)}); err != nil && stance != db.StanceYes {
		t.Fatal(err)
	}
	exp := db.SessionExport{Source: "test", State: "MA", Session: "193rd", ExportedAt: time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC),
		Bills: []db.SessionBill{{OpenStatesID: "ocd-bill/1", Identifier: "S 1305", Chamber: "upper"}},
		RollCalls: []db.IncomingRollCall{{ID: "ocd-vote/1", BillID: "ocd-bill/1", Chamber: "lower", Motion: "S. 1305 On passage",
			StartDate: "2026-11-20", VotedAt: time.Date(2026, 11, 20, 23, 0, 0, 0, time.UTC), Result: "pass"}},
		Votes: []db.IncomingVote{{VoteID: "ocd-vote/1", Option: "no", VoterName: senator.Name, VoterID: senator.OpenStatesID}}}
	if _, err := s.LinkBill(ctx, db.BillLink{CampaignID: sum.CampaignID, CampaignBill: "S.1305", Session: "193rd"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportSession(ctx, &exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	f, _ := workbook(t, s, q, reports.WorkbookOptions{})
	rows, err := f.GetRows(reports.SheetRecord)
	if err != nil || len(rows) != 3 {
		t.Fatalf("%q %v", rows, err)
	}
	cell := func(header string) string {
		i := slices.Index(rows[0], header)
		if i < 0 || i >= len(rows[2]) {
			t.Fatalf("no %s in %q", header, rows)
		}
		return rows[2][i]
	}
	if got, want := cell("Chamber"), "House"; got != want {
		t.Errorf("Chamber %q, want %q", got, want)
	}
	if got, want := cell("District"), senator.District+" (their Senate district now)"; got != want {
		t.Errorf("District %q, want %q", got, want)
	}
	if got, want := cell("Verdict"), "against — House vote, from their term in the House (now in the Senate)"; got != want {
		t.Errorf("Verdict %q, want %q", got, want)
	}
}
