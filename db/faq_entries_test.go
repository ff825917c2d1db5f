package db_test

import (
	"context"
	"errors"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

func TestTrashFAQEntry(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	id := dbtest.Campaign(t, s)
	c, _ := s.Campaign(ctx, id)
	gone := c.FAQ[0].Entries[1]

	t.Run("a trashed entry leaves the campaign and counts in the trash", func(t *testing.T) {
		if err := s.TrashFAQEntry(ctx, gone.ID); err != nil {
			t.Fatal(err)
		}
		got, _ := s.Campaign(ctx, id)
		if len(got.FAQ[0].Entries) != len(c.FAQ[0].Entries)-1 {
			t.Fatalf("%d entries after trashing one of %d", len(got.FAQ[0].Entries), len(c.FAQ[0].Entries))
		}
		for _, e := range got.FAQ[0].Entries {
			if e.UUID == gone.UUID {
				t.Error("the trashed entry is still listed")
			}
		}
		counts, _ := s.Counts(ctx)
		if countOf(counts, "trash") != 1 {
			t.Errorf("trash counts %d", countOf(counts, "trash"))
		}
	})

	t.Run("saving the campaign without it does not bring it back", func(t *testing.T) {
		got, _ := s.Campaign(ctx, id)
		if _, err := s.SaveCampaign(ctx, got); err != nil {
			t.Fatal(err)
		}
		again, _ := s.Campaign(ctx, id)
		if len(again.FAQ[0].Entries) != len(c.FAQ[0].Entries)-1 {
			t.Errorf("%d entries after saving", len(again.FAQ[0].Entries))
		}
	})

	t.Run("trashing it twice says it is not there", func(t *testing.T) {
		if err := s.TrashFAQEntry(ctx, gone.ID); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("err = %v", err)
		}
	})
}
