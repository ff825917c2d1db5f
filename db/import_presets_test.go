package db_test

import (
	"context"
	"errors"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

func TestImportPresets(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	form := db.ImportPreset{Name: "Spring form", Kind: "calls",
		Columns: map[string]string{"called_at": "Date of call", "legislator": "Who", "outcome": "How did it go"},
		Header:  []string{"Date of call", "Who", "How did it go", "Remarks"}}

	t.Run("a new file has no column mappings", func(t *testing.T) {
		if got, err := s.ImportPresets(ctx); err != nil || len(got) != 0 {
			t.Errorf("%v %v", got, err)
		}
	})
	t.Run("a saved mapping is listed with its columns and header", func(t *testing.T) {
		if err := s.SaveImportPreset(ctx, form); err != nil {
			t.Fatal(err)
		}
		roster := db.ImportPreset{Name: "Roster sheet", Kind: "volunteers", Columns: map[string]string{"full_name": "Who"}}
		if err := s.SaveImportPreset(ctx, roster); err != nil {
			t.Fatal(err)
		}
		got, err := s.ImportPresets(ctx)
		if err != nil || len(got) != 2 || got[0].Name != "Roster sheet" || got[1].Name != "Spring form" {
			t.Fatalf("%+v %v", got, err)
		}
		if got[1].Columns["legislator"] != "Who" || len(got[1].Header) != 4 || got[1].Kind != "calls" {
			t.Errorf("%+v", got[1])
		}
	})
	t.Run("saving under the same name in another letter case replaces it", func(t *testing.T) {
		again := form
		again.Name = "spring FORM"
		again.Columns = map[string]string{"called_at": "Timestamp", "legislator": "Who", "outcome": "How did it go"}
		if err := s.SaveImportPreset(ctx, again); err != nil {
			t.Fatal(err)
		}
		got, _ := s.ImportPresets(ctx)
		if len(got) != 2 || got[1].Name != "spring FORM" || got[1].Columns["called_at"] != "Timestamp" {
			t.Errorf("%+v", got)
		}
	})
	t.Run("refuses a mapping without a name, of an unknown kind or with no columns", func(t *testing.T) {
		for _, p := range []db.ImportPreset{
			{Name: " ", Kind: "calls", Columns: form.Columns},
			{Name: "x", Kind: "donors", Columns: form.Columns},
			{Name: "x", Kind: "calls"},
			{Name: "two\nlines", Kind: "calls", Columns: form.Columns},
		} {
			var ve *db.ValidationError
			if err := s.SaveImportPreset(ctx, p); !errors.As(err, &ve) {
				t.Errorf("%+v: %v", p, err)
			}
		}
	})
	t.Run("a deleted mapping is gone, and deleting it again is not found", func(t *testing.T) {
		if err := s.DeleteImportPreset(ctx, "Roster Sheet"); err != nil {
			t.Fatal(err)
		}
		if got, _ := s.ImportPresets(ctx); len(got) != 1 {
			t.Errorf("%+v", got)
		}
		if err := s.DeleteImportPreset(ctx, "roster sheet"); !errors.Is(err, db.ErrNotFound) {
			t.Errorf("%v", err)
		}
	})
}
