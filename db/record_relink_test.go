package db_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

// TestRelinkStopsCountingTheBillReplaced: tester t10 linked H.3269 to H 5151 of the
// 194th, imported the session, then linked it to H 4000: the command said only "it is
// H 4000", and after importing again `export record` listed H 5151's roll calls beside
// H 4000's and the whip board banded members by their H 5151 votes. A link replaced
// says which bill it replaced, and that bill's record (kept) no longer counts as the
// campaign's: its roll calls and votes are not the campaign's record, and the stances
// its sponsorships gave fall back (the real MA and NH exports).
func TestRelinkStopsCountingTheBillReplaced(t *testing.T) {
	ctx := context.Background()
	t.Run("Massachusetts: H 5151's roll calls are no longer the campaign's once H.3269 is linked to H 4000", func(t *testing.T) {
		dir := "../../shared/data/openstates-sessions/ma-194th"
		s, campaign := energyLinkedToH5151(t)
		sf, err := importer.ReadSession(dir, time.Date(2026, 4, 5, 0, 0, 0, 0, time.UTC), "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ImportSession(ctx, &sf.SessionExport, db.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		if bills := recordBills(t, s, campaign); bills != "H 5151" {
			t.Fatalf("record of %s before the new link", bills)
		}
		l, err := s.LinkBill(ctx, db.BillLink{CampaignID: campaign, CampaignBill: "H.3269", Session: "194th", SessionNumber: "H 4000"})
		if err != nil {
			t.Fatal(err)
		}
		if l.Replaced != "H 5151" || strings.Join(l.NoLongerCounted, ",") != "H 5151" {
			t.Errorf("replaced %q, no longer counted %v; want H 5151", l.Replaced, l.NoLongerCounted)
		}
		if bills := recordBills(t, s, campaign); bills != "" {
			t.Errorf("record of %s right after the new link, before H 4000's import; want none", bills)
		}
		if _, err := s.ImportSession(ctx, &sf.SessionExport, db.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		if bills := recordBills(t, s, campaign); bills != "H 4000" {
			t.Errorf("record of %s after importing again; want H 4000 only", bills)
		}
		marks, err := s.RecordMarks(ctx, campaign)
		if err != nil {
			t.Fatal(err)
		}
		for id, m := range marks {
			if strings.HasPrefix(m.LastVoteMotion, "H. 5151") {
				t.Errorf("legislator %d banded by %q", id, m.LastVoteMotion)
				break
			}
		}
		// The same link again replaces nothing.
		if l, err := s.LinkBill(ctx, db.BillLink{CampaignID: campaign, CampaignBill: "H.3269", Session: "194th", SessionNumber: "H 4000"}); err != nil ||
			l.Replaced != "" || len(l.NoLongerCounted) != 0 {
			t.Errorf("linked again: %+v, %v", l, err)
		}
	})
	t.Run("New Hampshire: SB 476's sponsors stop counting as sponsors once the campaign's bill is linked to another", func(t *testing.T) {
		older, _, signedOn, _ := twoSessions(t)
		s := dbtest.Open(t)
		campaign, ids := twoSessionChapter(t, s, older)
		if _, err := s.UnlinkBill(ctx, campaign, "SB 476", "NH", "2025"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ImportSession(ctx, older, db.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		sponsor := ids[signedOn[0]]
		if st := stanceOf(t, s, campaign, sponsor); st != db.StanceSponsor && st != db.StanceCosponsor {
			t.Fatalf("%s is %s after the import", signedOn[0], st)
		}
		l, err := s.LinkBill(ctx, db.BillLink{CampaignID: campaign, CampaignBill: "SB 476", Session: "2024", SessionNumber: "SB 1"})
		if err != nil {
			t.Fatal(err)
		}
		if l.Replaced != "SB 476" || l.StanceChanges == 0 {
			t.Errorf("replaced %q, %d stance changes", l.Replaced, l.StanceChanges)
		}
		for _, name := range signedOn {
			if st := stanceOf(t, s, campaign, ids[name]); st == db.StanceSponsor || st == db.StanceCosponsor {
				t.Errorf("%s still counts as %s of SB 476", name, st)
			}
		}
		hist, err := s.StanceHistory(ctx, campaign, sponsor)
		if err != nil || len(hist) < 2 || !strings.Contains(hist[0].Reason, "SB 476") || !strings.Contains(hist[0].Reason, "no longer linked") {
			t.Errorf("history %+v, %v", hist, err)
		}
	})
}

// recordBills lists the session bills of a campaign's record, as export record gives
// them, joined by a comma.
func recordBills(t *testing.T, s *db.Store, campaign int64) string {
	t.Helper()
	seen := map[string]bool{}
	var bills []string
	if err := s.EachRecordRow(context.Background(), db.RecordFilter{CampaignID: campaign}, func(r *db.RecordRow) error {
		if !seen[r.Bill] {
			seen[r.Bill] = true
			bills = append(bills, r.Bill)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return strings.Join(bills, ",")
}

// energyLinkedToH5151 is a chapter of the real Massachusetts legislators (ma.csv) with a
// campaign "Energy" whose bill H.3269 is linked to H 5151 of the 194th; the test is
// skipped where the shared data is not.
func energyLinkedToH5151(t *testing.T) (*db.Store, int64) {
	t.Helper()
	ctx := context.Background()
	f, err := os.Open("../../shared/data/openstates/ma.csv")
	if err != nil {
		t.Skip("no real data here:", err)
	}
	defer f.Close()
	in, err := importer.ReadLegislators(f, "")
	if err != nil {
		t.Fatal(err)
	}
	s := dbtest.Open(t)
	if _, err := s.ImportLegislators(ctx, in.Rows, db.ImportOptions{State: "MA", Format: "openstates"}); err != nil {
		t.Fatal(err)
	}
	campaign, err := s.SaveCampaign(ctx, db.Campaign{State: "MA", DefaultLang: "en", Texts: map[string]db.CampaignTexts{"en": {Name: "Energy"}},
		Bills: []db.Bill{{Chamber: db.ChamberLower, Number: "H.3269"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.LinkBill(ctx, db.BillLink{CampaignID: campaign, CampaignBill: "H.3269", Session: "194th", SessionNumber: "H 5151"}); err != nil {
		t.Fatal(err)
	}
	return s, campaign
}
