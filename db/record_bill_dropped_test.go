package db_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

// TestDroppedBillStopsCounting: a campaign whose bill list changes (the campaign
// screen's save, a campaign file imported) and so loses a link, its bill gone from the
// campaign, went on counting the old bill's record: export record listed H 5151's roll
// calls, the whip board banded members by them, and SB 476's sponsors stayed sponsors.
// As with campaign unlink, the record is kept but no longer counts, and the stances it
// gave fall back with a history row saying why (the real MA and NH exports).
func TestDroppedBillStopsCounting(t *testing.T) {
	ctx := context.Background()
	t.Run("Massachusetts: the campaign screen swaps H.3269 for H.4000; H 5151's roll calls are no longer the campaign's", func(t *testing.T) {
		s, campaign := energyLinkedToH5151(t)
		sf, err := importer.ReadSession("../../shared/data/openstates-sessions/ma-194th", time.Date(2026, 4, 5, 0, 0, 0, 0, time.UTC), "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ImportSession(ctx, &sf.SessionExport, db.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		if bills := recordBills(t, s, campaign); bills != "H 5151" {
			t.Fatalf("record of %s before the edit", bills)
		}
		c, err := s.Campaign(ctx, campaign)
		if err != nil {
			t.Fatal(err)
		}
		c.Bills = []db.Bill{{Chamber: db.ChamberLower, Number: "H.4000"}}
		_, notes, err := s.SaveCampaignSaying(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Join(notes, "\n"); !strings.Contains(n, "H.3269 is no longer among the campaign's bills") ||
			!strings.Contains(n, "the record of H 5151 imported here is kept but no longer counts as the campaign's") {
			t.Errorf("the save says %q; want it to say H 5151's record no longer counts", n)
		}
		if bills := recordBills(t, s, campaign); bills != "" {
			t.Errorf("record of %s after H.3269 left the campaign; want none", bills)
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
	})
	t.Run("New Hampshire: a campaign file without SB 476; its sponsors stop counting as sponsors, and the import says so", func(t *testing.T) {
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
		c, err := s.Campaign(ctx, campaign)
		if err != nil {
			t.Fatal(err)
		}
		c.Revision++
		c.Bills = []db.Bill{{Chamber: db.ChamberUpper, Number: "SB 1"}}
		res, err := s.ImportCampaign(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range signedOn {
			if st := stanceOf(t, s, campaign, ids[name]); st == db.StanceSponsor || st == db.StanceCosponsor {
				t.Errorf("%s still counts as %s of SB 476", name, st)
			}
		}
		hist, err := s.StanceHistory(ctx, campaign, sponsor)
		if err != nil || len(hist) < 2 || !strings.Contains(hist[0].Reason, "SB 476") || !strings.Contains(hist[0].Reason, "no longer") {
			t.Errorf("history %+v, %v", hist, err)
		}
		if notes := strings.Join(res.Notes, "\n"); !strings.Contains(notes, "no longer counts as the campaign's") {
			t.Errorf("the import says %q; want it to say SB 476's record no longer counts", notes)
		}
		if bills := recordBills(t, s, campaign); bills != "" {
			t.Errorf("record of %s after SB 476 left the campaign; want none", bills)
		}
	})
}

// TestOpenStopsCountingTheRecordOfARemovedLink: a file (a server) an earlier version
// left with a link removed (a bill dropped from the campaign) but the old session
// bill's record still the campaign's went on counting it, and no later edit of the
// campaign caught it. The open (a server's init) takes it back once, as campaign
// unlink does: the record is kept but no longer counts, the stances it gave fall
// back, a history row saying why (the real MA and NH exports).
func TestOpenStopsCountingTheRecordOfARemovedLink(t *testing.T) {
	ctx := context.Background()
	t.Run("Massachusetts: H 5151's roll calls, H.3269's link to it gone, are no longer the campaign's", func(t *testing.T) {
		s, campaign := energyLinkedToH5151(t)
		sf, err := importer.ReadSession("../../shared/data/openstates-sessions/ma-194th", time.Date(2026, 4, 5, 0, 0, 0, 0, time.UTC), "")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ImportSession(ctx, &sf.SessionExport, db.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		banded := func(s *db.Store) int {
			marks, err := s.RecordMarks(ctx, campaign)
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, m := range marks {
				if strings.HasPrefix(m.LastVoteMotion, "H. 5151") {
					n++
				}
			}
			return n
		}
		if bills := recordBills(t, s, campaign); bills != "H 5151" || banded(s) == 0 {
			t.Fatalf("record of %q, %d banded by H 5151 before; the test did not set the old state", bills, banded(s))
		}
		again := openAsEarlierLeft(t, s, campaign)
		if bills := recordBills(t, again, campaign); bills != "" {
			t.Errorf("record of %s after the open, its link gone; want none", bills)
		}
		if n := banded(again); n > 0 {
			t.Errorf("%d legislators banded by H 5151's votes after the open", n)
		}
	})
	t.Run("New Hampshire: SB 476's sponsors, its link gone, stop counting as sponsors, a history row saying why", func(t *testing.T) {
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
		if st := stanceOf(t, s, campaign, sponsor); !st.Sponsorship() {
			t.Fatalf("%s is %s after the import", signedOn[0], st)
		}
		again := openAsEarlierLeft(t, s, campaign)
		for _, name := range signedOn {
			if st := stanceOf(t, again, campaign, ids[name]); st.Sponsorship() {
				t.Errorf("%s still counts as %s of SB 476, its link gone", name, st)
			}
		}
		hist, err := again.StanceHistory(ctx, campaign, sponsor)
		if err != nil || len(hist) < 2 || !strings.Contains(hist[0].Reason, "SB 476") || !strings.Contains(hist[0].Reason, "no longer linked") {
			t.Errorf("history %+v, %v", hist, err)
		}
		if bills := recordBills(t, again, campaign); bills != "" {
			t.Errorf("record of %s after the open; want none", bills)
		}
	})
}

// openAsEarlierLeft removes campaign's links by hand, as a version before
// followRenumbered unlinked the record left a campaign whose bill was dropped, and
// opens the file again (a server: inits it again) with its fix-ups to do.
func openAsEarlierLeft(t *testing.T, s *db.Store, campaign int64) *db.Store {
	t.Helper()
	ctx := context.Background()
	raw := writableRaw(t, s)
	if _, err := raw.ExecContext(ctx, fmt.Sprintf(`DELETE FROM campaign_bill_links WHERE campaign_id = %d`, campaign)); err != nil {
		t.Fatal(err)
	}
	if url, ok := dbtest.URLOf(s); ok {
		if _, _, err := db.InitServer(ctx, url); err != nil {
			t.Fatal(err)
		}
		return s
	}
	if _, err := raw.ExecContext(ctx, `DELETE FROM data_fixups WHERE name = 'record_of_removed_links'`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	again, err := db.Open(ctx, s.Path(), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { again.Close() })
	return again
}

// A file an earlier version left so, merged (read-only: its open's fix-up not done),
// brought the record of the removed link as the campaign's: the merge takes it back
// as the open does.
func TestMergeStopsCountingTheRecordOfARemovedLink(t *testing.T) {
	older, _, signedOn, _ := twoSessions(t)
	ctx := context.Background()
	s := dbtest.Open(t)
	campaign, _ := twoSessionChapter(t, s, older)
	c, err := s.Campaign(ctx, campaign)
	if err != nil {
		t.Fatal(err)
	}
	for _, session := range []string{"2024", "2025"} {
		if _, err := s.UnlinkBill(ctx, campaign, "SB 476", "NH", session); err != nil {
			t.Fatal(err)
		}
	}
	otherPath := t.TempDir() + "/other.db"
	o, err := db.Open(ctx, otherPath, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	legs, err := s.Legislators(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range legs {
		l.ID = 0
		if _, err := o.CreateLegislator(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	c.ID = 0
	imported, err := o.ImportCampaign(ctx, c)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.LinkBill(ctx, db.BillLink{CampaignID: imported.ID, CampaignBill: "SB 476", Session: "2024"}); err != nil {
		t.Fatal(err)
	}
	if _, err := o.ImportSession(ctx, older, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	o.Close()
	raw, err := sql.Open("sqlite", "file:"+otherPath)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`DELETE FROM campaign_bill_links`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if _, err := s.Merge(ctx, otherPath); err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, l := range legs {
		ids[l.Name] = l.ID
	}
	for _, name := range signedOn {
		if st := stanceOf(t, s, campaign, ids[name]); st.Sponsorship() {
			t.Errorf("%s counts as %s of SB 476 after the merge, its link gone", name, st)
		}
	}
	if bills := recordBills(t, s, campaign); bills != "" {
		t.Errorf("record of %s after the merge; want none", bills)
	}
}
