package db_test

import (
	"context"
	"testing"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// A campaign import that marks its bills' sponsors in the whip count is an import
// batch like the others: undo takes the marks back (the campaign stays, as the
// lead's to archive). One that marks nothing leaves no batch.
func TestCampaignImportMarksAreUndone(t *testing.T) {
	ctx := context.Background()
	starter, err := db.ParseCampaignFile(assets.StarterCampaign)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("an import that marks nothing leaves no batch", func(t *testing.T) {
		s := dbtest.Open(t)
		res, err := s.ImportCampaign(ctx, starter)
		if err != nil || res.BatchID != 0 || len(res.Notes) != 0 {
			t.Fatalf("%+v %v", res, err)
		}
	})
	s := dbtest.Open(t)
	file := []db.IncomingLegislator{incoming(2, "ocd-person/1", db.ChamberUpper, "Middlesex and Worcester", "Jamie Eldridge", "")}
	if _, err := s.ImportLegislators(ctx, file, db.ImportOptions{Format: "openstates", Source: "ma.csv", State: "MA"}); err != nil {
		t.Fatal(err)
	}
	res, err := s.ImportCampaign(ctx, starter)
	if err != nil {
		t.Fatalf("%+v %v", res, err)
	}
	all, _ := s.Legislators(ctx)
	if len(all) != 1 {
		t.Fatalf("legislators: %+v", all)
	}
	if h, err := s.StanceHistory(ctx, res.ID, all[0].ID); err != nil || len(h) != 1 || h[0].Stance != db.StanceSponsor {
		t.Fatalf("the sponsor's mark: %+v %v", h, err)
	}
	if res.BatchID == 0 {
		t.Fatalf("the campaign import that marked a sponsor has no batch to undo: %+v", res)
	}
	sum, err := s.UndoImport(ctx, res.BatchID)
	if err != nil || sum.StanceChanges != 1 {
		t.Fatalf("undo: %+v %v", sum, err)
	}
	if h, err := s.StanceHistory(ctx, res.ID, all[0].ID); err != nil || len(h) != 0 {
		t.Errorf("the mark after the undo: %+v %v", h, err)
	}
}
