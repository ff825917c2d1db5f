package db_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestCampaignImportBesideTheStarter: a campaign imported into a file that has the
// starter campaign made two active campaigns, and every call import then asked which.
// The starter untouched (no calls, no whip count of its own, no edits) is archived,
// and the import says so; touched, both stay, and the import says that.
func TestCampaignImportBesideTheStarter(t *testing.T) {
	ctx := context.Background()
	other := func() db.Campaign {
		c, err := db.ParseCampaignFile(assets.StarterCampaign)
		if err != nil {
			t.Fatal(err)
		}
		c.UUID = "5f0c7a52-8d5e-4f55-9a39-3f7f0f4b1c11"
		for i := range c.FAQ {
			c.FAQ[i].UUID = ""
			for j := range c.FAQ[i].Entries {
				c.FAQ[i].Entries[j].UUID = ""
			}
		}
		for i := range c.HelpSteps {
			c.HelpSteps[i].UUID = ""
		}
		return c
	}
	active := func(s *db.Store) int {
		cs, err := s.Campaigns(ctx)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, c := range cs {
			if c.Status == "active" {
				n++
			}
		}
		return n
	}
	t.Run("an untouched starter campaign is archived", func(t *testing.T) {
		s := dbtest.Open(t)
		dbtest.Campaign(t, s)
		res, err := s.ImportCampaign(ctx, other())
		if err != nil {
			t.Fatal(err)
		}
		want, note := 1, "was archived"
		if os.Getenv("CHAPTERDESK_TEST_BACKEND") == "postgres" {
			want, note = 2, "coalition server" // the coalition's campaigns: both kept, and said
		}
		if n := active(s); n != want || !strings.Contains(strings.Join(res.Notes, "\n"), note) {
			t.Errorf("%d active campaigns, notes %q; want %d, and a note saying %q", n, res.Notes, want, note)
		}
	})
	t.Run("a starter campaign the lead edited stays, and the import says so", func(t *testing.T) {
		s := dbtest.Open(t)
		id := dbtest.Campaign(t, s)
		time.Sleep(1100 * time.Millisecond) // an edit a second later
		c, err := s.Campaign(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		c.ActionURL = "https://example.org/act"
		if _, err := s.SaveCampaign(ctx, c); err != nil {
			t.Fatal(err)
		}
		res, err := s.ImportCampaign(ctx, other())
		if err != nil {
			t.Fatal(err)
		}
		if n := active(s); n != 2 || !strings.Contains(strings.Join(res.Notes, "\n"), "kept") {
			t.Errorf("%d active campaigns, notes %q; want both, and a note", n, res.Notes)
		}
	})
}
