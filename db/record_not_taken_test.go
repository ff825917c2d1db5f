package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestSameNumberBillOfAnotherSessionIsNotSuggested: bill numbers are reused every
// session. The Safe Communities Act was S.1305 / H.3269 of the 193rd; in the 194th's
// export S 1305 and H 3269 are other bills (delivery-company workers, a pediatric
// cancer tax credit). The import names them with their titles, says they are not
// known to be the campaign's and how to link the right one, and never advises linking
// them; a bill whose title names the campaign ("The PROTECT Act") is one it may link.
func TestSameNumberBillOfAnotherSessionIsNotSuggested(t *testing.T) {
	ctx := context.Background()
	rc := newRecordChapter(t)
	sca, err := rc.s.SaveCampaign(ctx, db.Campaign{State: "MA", DefaultLang: "en",
		Texts: map[string]db.CampaignTexts{"en": {Name: "Safe Communities Act"}, "es": {Name: "Ley de Comunidades Seguras"}},
		Bills: []db.Bill{{Chamber: db.ChamberUpper, Number: "S.1305"}, {Chamber: db.ChamberLower, Number: "H.3269"}}})
	if err != nil {
		t.Fatal(err)
	}
	protect, err := rc.s.SaveCampaign(ctx, db.Campaign{State: "MA", DefaultLang: "en",
		Texts: map[string]db.CampaignTexts{"en": {Name: "PROTECT Act"}},
		Bills: []db.Bill{{Chamber: db.ChamberLower, Number: "H.5293"}}})
	if err != nil {
		t.Fatal(err)
	}
	exp := rc.exp
	exp.Bills = append(exp.Bills[:len(exp.Bills):len(exp.Bills)],
		db.SessionBill{OpenStatesID: "ocd-bill/s1305", Identifier: "S 1305", Chamber: "upper",
			Title: "An Act establishing protections and accountability for Delivery Network Company workers, consumers, and communities"},
		db.SessionBill{OpenStatesID: "ocd-bill/h3269", Identifier: "H 3269", Chamber: "lower",
			Title: "An Act establishing a transferable pediatric cancer research tax credit"},
		db.SessionBill{OpenStatesID: "ocd-bill/h5293", Identifier: "H 5293", Chamber: "lower",
			Title: `An Act promoting rule of law, oversight, trust, and equal constitutional treatment ("The PROTECT Act")`})
	sum, err := rc.s.ImportSession(ctx, &exp, db.ImportOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if notes := strings.Join(sum.Notes, "\n"); strings.Contains(notes, "campaign link") {
		t.Errorf("the store's notes hold a command line, for the window too:\n%s", notes)
	}
	byBill := map[string]db.BillNotTaken{}
	for _, n := range sum.NotTaken {
		byBill[n.CampaignBill] = n
	}
	if len(sum.NotTaken) != 3 {
		t.Fatalf("not taken: %+v", sum.NotTaken)
	}
	for _, c := range []struct{ bill, title string }{{"S.1305", "Delivery Network Company workers"}, {"H.3269", "pediatric cancer research tax credit"}} {
		n := byBill[c.bill]
		note := n.Note("HOW")
		if n.CampaignID != sca || n.NamesCampaign || !strings.Contains(note, c.title) ||
			!strings.Contains(note, "not known to be the Safe Communities Act's") || !strings.Contains(note, "link that one: HOW") ||
			strings.Contains(note, "if it is the campaign's bill") {
			t.Errorf("%s: %+v\n%s", c.bill, n, note)
		}
	}
	n := byBill["H.5293"]
	if note := n.Note("HOW"); n.CampaignID != protect || !n.NamesCampaign || !strings.Contains(note, "The PROTECT Act") ||
		!strings.Contains(note, "if it is the campaign's bill, link it: HOW") {
		t.Errorf("H.5293: %+v\n%s", n, note)
	}
	if len(sum.Bills) != 1 || sum.Bills[0].CampaignID != rc.campaign {
		t.Errorf("taken: %+v", sum.Bills)
	}
}
