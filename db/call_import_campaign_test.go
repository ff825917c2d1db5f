package db_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestCallImportAsksWhichCampaign: with two active campaigns and none chosen, a call
// import used to file the reports under the newest without a word, and move its whip
// count. It now refuses, naming the campaigns, and an import always says which
// campaign it filed to.
func TestCallImportAsksWhichCampaign(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	first := dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Jo Ames")
	second, err := db.ParseCampaignFile(assets.StarterCampaign)
	if err != nil {
		t.Fatal(err)
	}
	second.UUID = "0b9a3c1e-7d2f-4e55-8c1a-2f6d0e9b7a11"
	second.FAQ, second.HelpSteps = nil, nil // its own content, not the first's
	res, err := s.ImportCampaign(ctx, second)
	if err != nil {
		t.Fatal(err)
	}
	// The untouched starter was archived by the import: set active again, two campaigns are.
	if err := s.SetCampaignStatus(ctx, first, "active"); err != nil {
		t.Fatal(err)
	}
	rows := []db.IncomingCall{{Line: 2, CallerName: "Rosa Almeida", CallerEmail: "rosa@example.org", Legislator: "Rep. Jo Ames",
		CalledAt: time.Date(2026, 11, 18, 18, 0, 0, 0, time.UTC), Office: db.OfficeCapitol, Outcome: db.OutcomeSpokeLegislator,
		StanceHeard: db.StanceYes}}

	t.Run("refuses with two active campaigns and no choice, naming both, and writes nothing", func(t *testing.T) {
		_, err := s.ImportCalls(ctx, rows, db.CallImportOptions{UpdateStances: true})
		if !errors.Is(err, db.ErrWhichCampaign) {
			t.Fatalf("err %v", err)
		}
		for _, want := range []string{"campaign 1", "campaign 2", "Safe Communities Act (S.1305 / H.3269)", "--campaign"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("no %q in %q", want, err)
			}
		}
		if list, _ := s.ListCallReports(ctx, db.CallFilter{}, 0, 10); len(list) != 0 {
			t.Errorf("%d reports written", len(list))
		}
	})
	t.Run("the campaign chosen is the one filed to, and the summary names it", func(t *testing.T) {
		sum, err := s.ImportCalls(ctx, rows, db.CallImportOptions{ImportOptions: db.ImportOptions{DryRun: true}, CampaignID: first})
		if err != nil || sum.Campaign.ID != first || !strings.Contains(strings.Join(sum.Notes, "\n"), "campaign 1, Safe Communities Act (S.1305 / H.3269)") {
			t.Fatalf("%+v %v", sum, err)
		}
	})
	t.Run("once the other is archived, the only active campaign is taken, and named", func(t *testing.T) {
		if err := s.SetCampaignStatus(ctx, res.ID, "archived"); err != nil {
			t.Fatal(err)
		}
		sum, err := s.ImportCalls(ctx, rows, db.CallImportOptions{})
		if err != nil || sum.Campaign.ID != first || !strings.Contains(strings.Join(sum.Notes, "\n"), "campaign 1,") {
			t.Fatalf("%+v %v", sum, err)
		}
	})
}
