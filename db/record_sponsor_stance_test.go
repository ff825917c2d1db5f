package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestSponsorStanceIsTheStrongest: a legislator who sponsors one of a campaign's bills
// and cosponsors another is a sponsor in the whip count, whatever order the export
// lists the two in (the last one imported used to win: NH 2024's Rosenwald, primary
// sponsor of SB 403 and cosponsor of SB 476, was counted a cosponsor); when a newer
// export withdraws one, the stance is what remains.
func TestSponsorStanceIsTheStrongest(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	ids := map[string]int64{}
	for i, name := range []string{"Cindy Rosenwald", "Dan Innis", "James Gray"} {
		id, err := s.CreateLegislator(ctx, db.Legislator{OpenStatesID: "ocd-person/" + string(rune('a'+i)), State: "NH",
			Chamber: db.ChamberUpper, District: name + " district", Name: name, InOffice: true})
		if err != nil {
			t.Fatal(err)
		}
		ids[name] = id
	}
	campaign, err := s.SaveCampaign(ctx, db.Campaign{State: "NH", DefaultLang: "en", Texts: map[string]db.CampaignTexts{"en": {Name: "Two bills"}},
		Bills: []db.Bill{{Chamber: db.ChamberUpper, Number: "SB 403"}, {Chamber: db.ChamberUpper, Number: "SB 476"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range []string{"SB 403", "SB 476"} {
		if _, err := s.LinkBill(ctx, db.BillLink{CampaignID: campaign, CampaignBill: b, Session: "2024"}); err != nil {
			t.Fatal(err)
		}
	}
	sp := func(line int, person, bill string, primary bool) db.IncomingSponsorship {
		class := "cosponsor"
		if primary {
			class = "primary"
		}
		name := map[string]string{"a": "Cindy Rosenwald", "b": "Dan Innis", "c": "James Gray"}[person]
		return db.IncomingSponsorship{Line: line, Name: name, EntityType: "person", PersonID: "ocd-person/" + person,
			BillID: "ocd-bill/" + bill, Primary: primary, Classification: class}
	}
	nh := time.FixedZone("EST", -5*3600)
	exp := db.SessionExport{Source: "test", State: "NH", Session: "2024", ExportedAt: time.Date(2024, 12, 19, 0, 0, 0, 0, nh),
		Bills: []db.SessionBill{{OpenStatesID: "ocd-bill/403", Identifier: "SB 403", Chamber: "upper"},
			{OpenStatesID: "ocd-bill/476", Identifier: "SB 476", Chamber: "upper"}},
		// Rosenwald's sponsorship comes before her cosponsorship, Innis's after his.
		Sponsorships: []db.IncomingSponsorship{sp(2, "a", "403", true), sp(3, "b", "403", false), sp(4, "c", "403", false),
			sp(5, "a", "476", false), sp(6, "b", "476", true), sp(7, "c", "476", false)},
	}
	stances := func(t *testing.T) map[string]db.Stance {
		t.Helper()
		w, err := s.WhipCount(ctx, campaign)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]db.Stance{}
		for _, r := range w.Legislators {
			got[r.Name] = r.Stance
		}
		// export record's stance_now says the same.
		if err := s.EachRecordRow(ctx, db.RecordFilter{CampaignID: campaign}, func(r *db.RecordRow) error {
			if r.Now != got[r.Name] {
				t.Errorf("%s: record's stance now %q, whip count %q", r.Name, r.Now, got[r.Name])
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return got
	}
	if _, err := s.ImportSession(ctx, &exp, db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	t.Run("a sponsor of one bill who cosponsors another is a sponsor, in either order", func(t *testing.T) {
		got := stances(t)
		if got["Cindy Rosenwald"] != db.StanceSponsor || got["Dan Innis"] != db.StanceSponsor || got["James Gray"] != db.StanceCosponsor {
			t.Errorf("%v", got)
		}
	})
	t.Run("the same export again mends a stance an earlier version left wrong, and only that", func(t *testing.T) {
		// As the versions before this fix left her: the record's cosponsor, last imported.
		if _, err := s.SetStance(ctx, db.StanceChange{CampaignID: campaign, LegislatorID: ids["Cindy Rosenwald"], Stance: db.StanceCosponsor,
			ChangedAt: exp.ExportedAt, ChangedBy: db.RecordChangedBy, Reason: "cosponsor of SB 476"}); err != nil {
			t.Fatal(err)
		}
		sum, err := s.ImportSession(ctx, &exp, db.ImportOptions{})
		if err != nil || sum.StanceChanges != 1 || sum.BatchID == 0 {
			t.Fatalf("%+v %v", sum, err)
		}
		if got := stances(t); got["Cindy Rosenwald"] != db.StanceSponsor {
			t.Errorf("%v", got)
		}
		again, err := s.ImportSession(ctx, &exp, db.ImportOptions{})
		if err != nil || again.StanceChanges != 0 || again.BatchID != 0 {
			t.Fatalf("%+v %v", again, err)
		}
	})
	// The newer export drops Rosenwald's sponsorship of SB 403 and Innis's cosponsorship
	// of SB 403: she still cosponsors SB 476, he still sponsors it.
	newer := exp
	newer.ExportedAt = time.Date(2025, 1, 15, 0, 0, 0, 0, nh)
	newer.Sponsorships = []db.IncomingSponsorship{sp(2, "c", "403", false), sp(3, "a", "476", false), sp(4, "b", "476", true), sp(5, "c", "476", false)}
	sum, err := s.ImportSession(ctx, &newer, db.ImportOptions{})
	if err != nil || len(sum.Withdrawn) != 2 {
		t.Fatalf("%+v %v", sum, err)
	}
	t.Run("a withdrawn sponsorship leaves the stance of what remains", func(t *testing.T) {
		got := stances(t)
		if got["Cindy Rosenwald"] != db.StanceCosponsor || got["Dan Innis"] != db.StanceSponsor || got["James Gray"] != db.StanceCosponsor {
			t.Errorf("%v", got)
		}
	})
	t.Run("stats counts the sponsorships that stand, not the withdrawn ones", func(t *testing.T) {
		if n := counts(t, s)["sponsorships"]; n != 4 {
			t.Errorf("sponsorships: %d, want 4 (6 less 2 withdrawn)", n)
		}
	})
}
