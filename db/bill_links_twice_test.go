package db_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
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
