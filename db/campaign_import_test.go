package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestCampaignImportMarksSponsors: the whip count is the same whichever comes first,
// the campaign file or the legislators. Imported after the legislators, the campaign
// used to leave its sponsor unmarked (the Senate's "For the bill" 0 instead of 1)
// until the same legislator file was imported a second time.
func TestCampaignImportMarksSponsors(t *testing.T) {
	ctx := context.Background()
	file := []db.IncomingLegislator{
		incoming(2, "ocd-person/1", db.ChamberUpper, "Middlesex and Worcester", "Jamie Eldridge", ""),
		incoming(3, "ocd-person/2", db.ChamberLower, "7th Hampden", "Aaron Saunders", ""),
	}
	opts := db.ImportOptions{Format: "openstates", Source: "ma.csv", State: "MA"}
	starter := func() db.Campaign {
		c, err := db.ParseCampaignFile(assets.StarterCampaign)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	// history is the whip count's record, a line a change: name, stance, who and why.
	history := func(s *db.Store, campaign int64) string {
		all, _ := s.Legislators(ctx)
		var lines []string
		for _, l := range all {
			changes, err := s.StanceHistory(ctx, campaign, l.ID)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range changes {
				lines = append(lines, l.Name+": "+string(c.Stance)+" by "+c.ChangedBy+", "+c.Reason)
			}
		}
		return strings.Join(lines, "\n")
	}

	campaignFirst := dbtest.Open(t)
	res, err := campaignFirst.ImportCampaign(ctx, starter())
	if err != nil || len(res.Notes) != 0 {
		t.Fatalf("%+v %v", res, err)
	}
	if _, err := campaignFirst.ImportLegislators(ctx, file, opts); err != nil {
		t.Fatal(err)
	}
	want := history(campaignFirst, res.ID)
	if want != "Jamie Eldridge: sponsor by ChapterDesk, sponsor of S.1305 (the campaign)" {
		t.Fatalf("campaign first: %q", want)
	}

	s := dbtest.Open(t)
	if _, err := s.ImportLegislators(ctx, file, opts); err != nil {
		t.Fatal(err)
	}
	res, err = s.ImportCampaign(ctx, starter())
	if err != nil {
		t.Fatal(err)
	}
	t.Run("imported after the legislators, the campaign marks its sponsor as the legislator import does", func(t *testing.T) {
		if got := history(s, res.ID); got != want {
			t.Errorf("legislators first:\n%s\nwant\n%s", got, want)
		}
		notes := strings.Join(res.Notes, "\n")
		if !strings.Contains(notes, "Sen. Jamie Eldridge marked as the sponsor of S.1305 in the whip count") ||
			!strings.Contains(notes, "Rep. Juana Matías, the sponsor of H.3269, is not a legislator in office here") {
			t.Errorf("notes:\n%s", notes)
		}
	})
	t.Run("the same file again marks nothing twice", func(t *testing.T) {
		again, err := s.ImportCampaign(ctx, starter())
		if err != nil || strings.Contains(strings.Join(again.Notes, "\n"), "marked") {
			t.Fatalf("%+v %v", again, err)
		}
		if got := history(s, res.ID); got != want {
			t.Errorf("%s", got)
		}
	})
	t.Run("a stance the lead set stays, and the lead is told", func(t *testing.T) {
		all, _ := s.Legislators(ctx)
		var eldridge int64
		for _, l := range all {
			if l.Name == "Jamie Eldridge" {
				eldridge = l.ID
			}
		}
		if _, err := s.SetStance(ctx, db.StanceChange{CampaignID: res.ID, LegislatorID: eldridge, Stance: db.StanceUndecided,
			ChangedBy: "lead", Reason: "he hedged at the forum"}); err != nil {
			t.Fatal(err)
		}
		newer := starter()
		newer.Revision = 2
		got, err := s.ImportCampaign(ctx, newer)
		if err != nil || !strings.Contains(strings.Join(got.Notes, "\n"), `Sen. Jamie Eldridge, the sponsor of S.1305, stands at "Undecided" in the whip count`) {
			t.Fatalf("%+v %v", got, err)
		}
		if changes, _ := s.StanceHistory(ctx, res.ID, eldridge); len(changes) != 2 || changes[0].Stance != db.StanceUndecided {
			t.Errorf("%+v", changes)
		}
	})
}
