package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportLegislatorsDoubleEncoded: an Open States file UTF-8 read as Windows-1252
// and saved again ("JosÃ© Tosado") updated the stored legislator's good name to the
// garbled one (a new name is an update), or created one so named. The file is
// refused now, naming the line, the value and what it reads as; the stored name stays.
func TestImportLegislatorsDoubleEncoded(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	row := func(line int, district, name string) db.IncomingLegislator {
		return db.IncomingLegislator{Line: line, Legislator: db.Legislator{OpenStatesID: "ocd-person/" + district, State: "MA",
			Chamber: db.ChamberLower, District: district, Name: name, InOffice: true}}
	}
	if _, err := s.ImportLegislators(ctx, []db.IncomingLegislator{row(2, "9th Hampden", "José Tosado")}, db.ImportOptions{State: "MA"}); err != nil {
		t.Fatal(err)
	}
	for _, rows := range [][]db.IncomingLegislator{
		{row(2, "9th Hampden", mojibake(t, "José Tosado"))},
		{row(2, "9th Hampden", "José Tosado"), row(3, mojibake(t, "1st Bristol"+"–"), "Ana Lima")},
	} {
		_, err := s.ImportLegislators(ctx, rows, db.ImportOptions{State: "MA"})
		if err == nil || !strings.Contains(err.Error(), "wrong encoding") || !strings.Contains(err.Error(), "nothing was imported") ||
			!strings.Contains(err.Error(), "line ") {
			t.Errorf("%v; want the file refused for its encoding, naming the line", err)
		}
	}
	got, err := s.Legislators(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Name != "José Tosado" {
		t.Errorf("legislators %+v; want José Tosado alone, his name kept", got)
	}
}

// TestImportCampaignDoubleEncoded: a campaign file saved so ("PolÃ­tica") replaced
// the campaign's good texts. It is refused now, naming the value and what it reads
// as; the starter campaign's own texts in every language are not so taken.
func TestImportCampaignDoubleEncoded(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	c, err := db.ParseCampaignFile(assets.StarterCampaign)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportCampaign(ctx, c); err != nil {
		t.Fatalf("the starter campaign: %v", err)
	}
	c.Revision++
	es := c.Texts["es"]
	es.Name = mojibake(t, "Ley de Comunidades Seguras — sí")
	c.Texts["es"] = es
	if _, err := s.ImportCampaign(ctx, c); err == nil || !strings.Contains(err.Error(), "Ley de Comunidades Seguras — sí") ||
		!strings.Contains(err.Error(), "UTF-8 read as Windows-1252") {
		t.Errorf("%v; want the file refused, saying what the text reads as", err)
	}
}
