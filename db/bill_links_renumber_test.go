package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestRenumberedBillKeepsItsLinks: the campaign's H.3269 was linked to the 194th's
// H 5293 (refiled), and the coalition's next edition renumbered it H.5293, as the
// print warning advises; the link stayed on "H3269", a bill the campaign no longer
// had, and `import session` said both "linked by hand" and "not taken, link it". The
// link moves with the bill it stands for, and the import says so; a bill the campaign
// drops takes its links along, said with the command to link again.
func TestRenumberedBillKeepsItsLinks(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	id := dbtest.Campaign(t, s)
	for _, l := range []db.BillLink{{CampaignID: id, CampaignBill: "H.3269", Session: "194th", SessionNumber: "H 5293"},
		{CampaignID: id, CampaignBill: "S.1305", Session: "194th"}} {
		if _, err := s.LinkBill(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	c, res := importHouseBillAs(t, s, "H.5293")
	links, err := s.BillLinks(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, l := range links {
		got[l.CampaignBill] = l.SessionNumber
	}
	if len(got) != 2 || got["H.5293"] != "H 5293" || got["S.1305"] != "S.1305" {
		t.Errorf("links %v; want H.5293 → H 5293 and S.1305 → S.1305", got)
	}
	if notes := strings.Join(res.Notes, "\n"); !strings.Contains(notes, "H.3269 is now H.5293: its link to session 194th (H 5293) moved with it") {
		t.Errorf("the import says %q; want it to say the link moved", notes)
	}

	// The next edition has no Senate bill: its link goes, and the import says so.
	c.Revision++
	var house []db.Bill
	for _, b := range c.Bills {
		if b.Chamber == db.ChamberLower {
			house = append(house, b)
		}
	}
	c.Bills = house
	if res, err = s.ImportCampaign(ctx, c); err != nil {
		t.Fatal(err)
	}
	if links, err = s.BillLinks(ctx, id); err != nil || len(links) != 1 || links[0].CampaignBill != "H.5293" {
		t.Errorf("links %+v (%v); want H.5293's alone", links, err)
	}
	if notes := strings.Join(res.Notes, "\n"); !strings.Contains(notes, "S.1305 is no longer among the campaign's bills: its link to session 194th (S.1305) was removed") {
		t.Errorf("the import says %q; want it to say the link was removed", notes)
	}
}

// TestReplacedBillDoesNotTakeTheLink: a campaign that swaps its House bill for an
// unrelated one (H.3269 for H.4000) is no renumbering: the link to the session's
// H 3269 went with it silently, and that bill's sponsors and votes then counted for
// H.4000 (the reviewer, on followRenumbered). A link moves only to a bill whose number
// is the session bill's it points to; otherwise it is removed, and the import says so.
func TestReplacedBillDoesNotTakeTheLink(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	id := dbtest.Campaign(t, s)
	if _, err := s.LinkBill(ctx, db.BillLink{CampaignID: id, CampaignBill: "H.3269", Session: "194th", SessionNumber: "H 3269"}); err != nil {
		t.Fatal(err)
	}
	_, res := importHouseBillAs(t, s, "H.4000")
	links, err := s.BillLinks(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range links {
		if l.CampaignBill == "H.4000" {
			t.Errorf("H.4000 took the link to session %s (%s): the session's H 3269 would count for it", l.Session, l.SessionNumber)
		}
	}
	if notes := strings.Join(res.Notes, "\n"); !strings.Contains(notes, "H.3269 is no longer among the campaign's bills: its link to session 194th (H 3269) was removed") {
		t.Errorf("the import says %q; want it to say the link was removed", notes)
	}
}

// importHouseBillAs imports the coalition's next edition of the starter campaign, its
// House bill numbered number, and gives the campaign imported and what the import said.
func importHouseBillAs(t *testing.T, s *db.Store, number string) (db.Campaign, db.CampaignImport) {
	t.Helper()
	c, err := db.ParseCampaignFile(assets.StarterCampaign)
	if err != nil {
		t.Fatal(err)
	}
	c.Revision++
	for i := range c.Bills {
		if c.Bills[i].Chamber == db.ChamberLower {
			c.Bills[i].Number = number
		}
	}
	res, err := s.ImportCampaign(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	return c, res
}
