package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

func TestCampaigns(t *testing.T) {
	ctx := context.Background()

	t.Run("the starter campaign carries the bill, its sponsors and three languages", func(t *testing.T) {
		s := dbtest.Open(t)
		c, err := s.Campaign(ctx, dbtest.Campaign(t, s))
		if err != nil {
			t.Fatal(err)
		}
		if c.BillNumbers() != "S.1305 / H.3269" || c.VotesNeeded.Upper != 21 || c.VotesNeeded.Lower != 81 {
			t.Errorf("bills %q, votes needed %+v", c.BillNumbers(), c.VotesNeeded)
		}
		if b, _ := c.BillFor(db.ChamberLower); b.Sponsor != "Rep. Juana Matías" {
			t.Errorf("house bill %+v", b)
		}
		if langs := strings.Join(c.Languages(), ","); langs != "en,es,pt" {
			t.Errorf("languages %s", langs)
		}
		if len(c.FAQ) != 2 || len(c.FAQ[0].Entries) < 3 || len(c.HelpSteps) < 3 {
			t.Fatalf("faq %d sections, help %d steps", len(c.FAQ), len(c.HelpSteps))
		}
		for _, lang := range c.Languages() {
			script := c.TextsIn(lang).CallScript
			for _, ph := range []string{"{legislator_name}", "{caller_name}", "{caller_town}", "{bill_number}"} {
				if !strings.Contains(script, ph) {
					t.Errorf("%s call script lacks %s", lang, ph)
				}
			}
			for _, sec := range c.FAQ {
				for _, e := range sec.Entries {
					if e.Question[lang] == "" || e.Answer[lang] == "" {
						t.Errorf("%s: FAQ entry %s untranslated", lang, e.UUID)
					}
				}
			}
		}
	})

	t.Run("a newer revision updates by UUID and keeps the chapter's own additions", func(t *testing.T) {
		s := dbtest.Open(t)
		id := dbtest.Campaign(t, s)
		mine, _ := s.Campaign(ctx, id)
		mine.FAQ[0].Entries = append(mine.FAQ[0].Entries, db.FAQEntry{
			Question: db.Translated{"en": "Where do we meet?"}, Answer: db.Translated{"en": "At the library."}})
		if _, err := s.SaveCampaign(ctx, mine); err != nil {
			t.Fatal(err)
		}
		newer, _ := db.ParseCampaignFile(assets.StarterCampaign)
		newer.Revision = 2
		newer.FAQ[0].Entries[0].Answer["en"] = "Revised answer."
		if id2, err := s.SaveCampaign(ctx, newer); err != nil || id2 != id {
			t.Fatalf("id %d vs %d, err %v", id2, id, err)
		}
		got, _ := s.Campaign(ctx, id)
		var texts []string
		for _, e := range got.FAQ[0].Entries {
			texts = append(texts, e.Answer["en"])
		}
		joined := strings.Join(texts, "|")
		if got.Revision != 2 || !strings.Contains(joined, "Revised answer.") || !strings.Contains(joined, "At the library.") {
			t.Errorf("revision %d, answers %q", got.Revision, joined)
		}
		if list, _ := s.Campaigns(ctx); len(list) != 1 {
			t.Errorf("%d campaigns after re-import", len(list))
		}
	})

	t.Run("round-trips through the campaign file format", func(t *testing.T) {
		s := dbtest.Open(t)
		c, _ := s.Campaign(ctx, dbtest.Campaign(t, s))
		data, err := db.MarshalCampaignFile(c)
		if err != nil {
			t.Fatal(err)
		}
		back, err := db.ParseCampaignFile(data)
		if err != nil {
			t.Fatal(err)
		}
		if back.UUID != c.UUID || back.TextsIn("es").CallScript != c.TextsIn("es").CallScript || len(back.FAQ) != len(c.FAQ) {
			t.Error("campaign changed on the way through the file format")
		}
	})

	t.Run("refuses files that are not campaign files or are too new", func(t *testing.T) {
		for _, bad := range []string{`{}`, `not json`, `{"format":"chapterdesk-campaign","version":99,"campaign":{}}`,
			`{"format":"chapterdesk-campaign","version":1,"campaign":{"uuid":"x","texts":{"en":{"name":"A"}}}}`,
			`{"format":"chapterdesk-campaign","version":1,"campaign":{"texts":{}}}`} {
			if _, err := db.ParseCampaignFile([]byte(bad)); err == nil {
				t.Errorf("accepted %s", bad)
			}
		}
	})
}

func FuzzParseCampaignFile(f *testing.F) {
	f.Add(assets.StarterCampaign)
	f.Add([]byte(`{"format":"chapterdesk-campaign","version":1,"campaign":{"texts":{"en":{"name":"A"}},"bills":[{"chamber":"upper","number":"S.1"}]}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := db.ParseCampaignFile(data)
		if err != nil {
			return
		}
		if c.Name() == "" || c.UUID == "" {
			t.Errorf("accepted a campaign without name or id: %+v", c)
		}
	})
}
