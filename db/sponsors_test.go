package db_test

import (
	"context"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestCheckSponsors: the Campaign screen learns which sponsor is a legislator in
// office and which is not, with the reason, instead of the name being dropped.
func TestCheckSponsors(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	campaign := dbtest.Campaign(t, s)
	t.Run("says nothing before the legislators are loaded", func(t *testing.T) {
		got, err := s.CheckSponsors(ctx, campaign, "Sen. Jamie Eldridge")
		if err != nil || len(got) != 1 || got[0].Checked || got[0].LegislatorID != 0 {
			t.Fatalf("%+v %v", got, err)
		}
	})
	eldridge := dbtest.Legislator(t, s, db.ChamberUpper, "Middlesex and Worcester", "Jamie Eldridge")
	dbtest.Legislator(t, s, db.ChamberLower, "11th Hampden", "Orlando Ramos")
	got, err := s.CheckSponsors(ctx, campaign, "Sen. Jamie Eldridge", "Rep. Juana Matías", "")
	if err != nil || len(got) != 3 {
		t.Fatalf("%+v %v", got, err)
	}
	t.Run("finds a sponsor in office", func(t *testing.T) {
		if c := got[0]; !c.Checked || c.LegislatorID != eldridge || c.Title != "Sen. Jamie Eldridge" || c.District != "Middlesex and Worcester" {
			t.Errorf("%+v", c)
		}
	})
	t.Run("says a sponsor is not in office, and why", func(t *testing.T) {
		if c := got[1]; !c.Checked || c.LegislatorID != 0 || c.Sponsor != "Rep. Juana Matías" || c.Why != "no legislator in office by that name, nor a former one on file: check the spelling, or import the legislators again if they are new" {
			t.Errorf("%+v", c)
		}
	})
	t.Run("leaves an empty sponsor alone", func(t *testing.T) {
		if c := got[2]; c.LegislatorID != 0 || c.Why != "" {
			t.Errorf("%+v", c)
		}
	})
	t.Run("gives the sponsor's stance in the whip count", func(t *testing.T) {
		if _, err := s.SetStance(ctx, db.StanceChange{CampaignID: campaign, LegislatorID: eldridge, Stance: db.StanceSponsor, ChangedBy: "test"}); err != nil {
			t.Fatal(err)
		}
		got, err := s.CheckSponsors(ctx, campaign, "Sen. Jamie Eldridge")
		if err != nil || got[0].Stance != db.StanceSponsor {
			t.Errorf("%+v %v", got, err)
		}
	})
}
