package db_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

// TestSessionBillStandsForOneCampaignBill (tester t10): `campaign link 1 H.3269
// --session 194th --to "H 5151"` then `campaign link 1 S.1305 --session 194th --to
// "H 5151"` took both, with no word: the session bill's record then counted twice, for
// two of the campaign's bills. The second link is refused, naming the campaign bill
// that stands for H 5151 already and how to move it; the first stays.
func TestSessionBillStandsForOneCampaignBill(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	id := dbtest.Campaign(t, s)
	if _, err := s.LinkBill(ctx, db.BillLink{CampaignID: id, CampaignBill: "H.3269", Session: "194th", SessionNumber: "H 5151"}); err != nil {
		t.Fatal(err)
	}
	_, err := s.LinkBill(ctx, db.BillLink{CampaignID: id, CampaignBill: "S.1305", Session: "194th", SessionNumber: "H.5151"})
	var ve *db.ValidationError
	if !errors.As(err, &ve) || !strings.Contains(ve.Message, "H.3269") || !strings.Contains(ve.Message, "campaign unlink") {
		t.Errorf("second link to H 5151: %v; want it refused, naming H.3269 and how to unlink it", err)
	}
	links, err := s.BillLinks(ctx, id)
	if err != nil || len(links) != 1 || links[0].CampaignBill != "H.3269" {
		t.Errorf("links %+v (%v); want H.3269's alone", links, err)
	}
	// The same bill linked again, and S.1305 to its own number, are taken.
	for _, l := range []db.BillLink{{CampaignID: id, CampaignBill: "H.3269", Session: "194th", SessionNumber: "H 5151"},
		{CampaignID: id, CampaignBill: "S.1305", Session: "194th"}} {
		if _, err := s.LinkBill(ctx, l); err != nil {
			t.Errorf("%s: %v", l.CampaignBill, err)
		}
	}
}

// TestSessionImportSaysASessionBillLinkedTwice: a file linked twice before campaign
// link refused it (H.3269 and S.1305 both to H 5151) kept both; the session import
// says so, naming the two campaign bills and how to take one back.
func TestSessionImportSaysASessionBillLinkedTwice(t *testing.T) {
	ctx := context.Background()
	sf, err := importer.ReadSession("../../shared/data/openstates-sessions/ma-194th", time.Date(2026, 4, 5, 0, 0, 0, 0, time.UTC), "")
	if err != nil {
		t.Skip("no real data here:", err)
	}
	s := dbtest.Open(t)
	id := dbtest.Campaign(t, s)
	if _, err := s.LinkBill(ctx, db.BillLink{CampaignID: id, CampaignBill: "H.3269", Session: "194th", SessionNumber: "H 5151"}); err != nil {
		t.Fatal(err)
	}
	if _, err := writableRaw(t, s).ExecContext(ctx, fmt.Sprintf(`INSERT INTO campaign_bill_links (campaign_id, bill_key, state, session,
		session_number, session_key, linked_at) VALUES (%d, 'S1305', 'MA', '194th', 'H 5151', 'H5151', 1)`, id)); err != nil {
		t.Fatal(err)
	}
	sum, err := s.ImportSession(ctx, &sf.SessionExport, db.ImportOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if notes := strings.Join(sum.Notes, "\n"); !strings.Contains(notes, "H.3269 and S.1305 are both linked to H 5151") ||
		!strings.Contains(notes, "campaign unlink") {
		t.Errorf("notes %q; want them to say H 5151 is linked twice", notes)
	}
}
