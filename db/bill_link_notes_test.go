package db_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

// TestLinkNotesSayWhatHappened (tester t11): a link to a number no export of the
// session imported here brought warns, a working link replaced by it named with the
// way back; a link that replaced one without a record says so and stops there (it
// printed "...: this link replaces that one; " and nothing after); unlinking a
// session the bill is not linked to names the links it has (it said only "not found").
func TestLinkNotesSayWhatHappened(t *testing.T) {
	ctx := context.Background()
	sf, err := importer.ReadSession("../../shared/data/openstates-sessions/ma-194th", time.Date(2026, 4, 5, 0, 0, 0, 0, massachusetts), "")
	if err != nil {
		t.Skip("no real session export here:", err)
	}
	s := dbtest.Open(t)
	campaign, err := s.SaveCampaign(ctx, db.Campaign{State: "MA", DefaultLang: "en", Texts: map[string]db.CampaignTexts{"en": {Name: "Energy"}},
		Bills: []db.Bill{{Chamber: db.ChamberLower, Number: "H.3269"}}})
	if err != nil {
		t.Fatal(err)
	}
	link := func(to string) db.BillLink {
		t.Helper()
		l, err := s.LinkBill(ctx, db.BillLink{CampaignID: campaign, CampaignBill: "H.3269", Session: "194th", SessionNumber: to})
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	link("H 5151")
	if _, err := s.ImportSession(ctx, &sf.SessionExport, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if l := link("H 5151"); l.NotHereNote() != "" {
		t.Errorf("a link to a bill imported here warns: %s", l.NotHereNote())
	}
	l := link("H 9999")
	if n := l.NotHereNote(); !strings.Contains(n, "no bill H 9999 of session 194th") || !strings.Contains(n, `--to "H 5151"`) {
		t.Errorf("a link to a bill no import brought, replacing H 5151's, says: %q", n)
	}
	l = link("H 5151")
	if n := l.ReplacedNote(); n != "it was H 9999 until now: this link replaces that one" {
		t.Errorf("replacing a link without a record says: %q", n)
	}
	_, err = s.UnlinkBill(ctx, campaign, "H.3269", "MA", "2023")
	if err == nil || !strings.Contains(err.Error(), "not linked to session 2023") || !strings.Contains(err.Error(), "194th (H 5151)") {
		t.Errorf("unlinking a session it is not linked to: %v", err)
	}
}
