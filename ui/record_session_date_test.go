package ui

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

// writeSessionFolder writes a hand-made export of session 194th of MA into a new
// folder: bill H 100, sponsored by Judith García and, when withAnn, cosponsored by Ann
// Yes. It returns the bills table, the file the lead picks.
func writeSessionFolder(t *testing.T, withAnn bool) string {
	t.Helper()
	dir := t.TempDir()
	sponsors := "id,name,entity_type,organization_id,person_id,bill_id,primary,classification\n" +
		"s1,Judith García,person,,ocd-person/judith,ocd-bill/1,True,primary\n"
	if withAnn {
		sponsors += "s2,Ann Yes,person,,ocd-person/ann,ocd-bill/1,False,cosponsor\n"
	}
	for name, text := range map[string]string{
		"MA_194th_bills.csv": "id,identifier,title,classification,subject,session_identifier,jurisdiction,organization_classification\n" +
			"ocd-bill/1,H 100,An Act,['bill'],[],194th,Massachusetts,lower\n",
		"MA_194th_bill_sponsorships.csv": sponsors,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "MA_194th_bills.csv")
}

// TestRecordImportSessionExportedOn: the Record screen's session import takes the
// day Open States made the export, as `import session --exported` does; before, the
// app could only date an export by its files, a guess, so no import from the app ever
// withdrew a sponsorship. Without a date the summary says why nothing is withdrawn;
// a date it cannot read holds Import back; a given date withdraws, as the summary
// says before Import.
func TestRecordImportSessionExportedOn(t *testing.T) {
	ctx := context.Background()
	a := test.NewTempApp(t)
	s := dbtest.Open(t)
	ids := map[string]int64{}
	for _, l := range []struct{ key, name string }{{"judith", "Judith García"}, {"ann", "Ann Yes"}} {
		given, family, _ := strings.Cut(l.name, " ")
		id, err := s.CreateLegislator(ctx, db.Legislator{OpenStatesID: "ocd-person/" + l.key, State: "MA", Chamber: db.ChamberLower,
			District: l.name + " district", Name: l.name, GivenName: given, FamilyName: family, InOffice: true})
		if err != nil {
			t.Fatal(err)
		}
		ids[l.key] = id
	}
	camp, err := s.SaveCampaign(ctx, db.Campaign{State: "MA", DefaultLang: "en",
		Texts: map[string]db.CampaignTexts{"en": {Name: "Record test"}}, Bills: []db.Bill{{Chamber: db.ChamberLower, Number: "H.100"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.LinkBill(ctx, db.BillLink{CampaignID: camp, CampaignBill: "H 100", Session: "194th"}); err != nil {
		t.Fatal(err)
	}
	first, err := importer.ReadSession(filepath.Dir(writeSessionFolder(t, true)), time.Date(2026, 4, 5, 0, 0, 0, 0, time.Local), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ImportSession(ctx, &first.SessionExport, db.ImportOptions{Source: "first"}); err != nil {
		t.Fatal(err)
	}
	stance := func() db.Stance {
		t.Helper()
		h, err := s.StanceHistory(ctx, camp, ids["ann"])
		if err != nil || len(h) == 0 {
			t.Fatalf("%+v %v", h, err)
		}
		return h[0].Stance
	}
	if st := stance(); st != db.StanceCosponsor {
		t.Fatalf("before: Ann %q", st)
	}
	w := a.NewWindow("record")
	w.Resize(fyne.NewSize(1000, 800))
	r := newRecordScreen(w, s)
	w.SetContent(r.content)
	w.Show()
	t.Cleanup(w.Close)
	wait(t, r.refreshAsync())

	wait(t, r.dryRunSessionAsync(writeSessionFolder(t, false)))
	si := r.session
	if si == nil || si.text == nil || si.exported == nil {
		t.Fatal("no dialog, or no Exported on field")
	}
	t.Run("without a date nothing is withdrawn, and the summary says why in the app's words", func(t *testing.T) {
		for _, want := range []string{
			"H 100: 1 sponsorship this export does not list is not withdrawn (Ann Yes, cosponsor): this export's date is a guess",
			"type the date in Exported on",
		} {
			if !strings.Contains(si.text.Text, want) {
				t.Errorf("no %q in:\n%s", want, si.text.Text)
			}
		}
		if strings.Contains(si.text.Text, "--exported") {
			t.Errorf("the app speaks of a command-line flag:\n%s", si.text.Text)
		}
	})
	t.Run("a date it cannot read holds Import back and says so", func(t *testing.T) {
		wait(t, si.redateAsync("May 1"))
		if !si.run.Disabled() || !strings.Contains(si.dateNote.Text, `"May 1" is not a date like 2026-04-05`) {
			t.Errorf("import disabled %v, note %q", si.run.Disabled(), si.dateNote.Text)
		}
	})
	t.Run("a given date withdraws, as the summary says before Import", func(t *testing.T) {
		si.exported.SetText("") // the lead clears the field and types the date
		test.Type(si.exported, "2026-05-01")
		if si.run.Disabled() {
			t.Fatalf("Import stays disabled: %q, %q", si.dateNote.Text, si.status.Text)
		}
		for _, want := range []string{
			"exported 2026-05-01, as given",
			"1 sponsorship withdrawn: Ann Yes, cosponsor of H 100 (not in this export of 2026-05-01, the newest of the bill)",
			"Dry run, nothing written",
		} {
			if !strings.Contains(si.text.Text, want) {
				t.Errorf("no %q in:\n%s", want, si.text.Text)
			}
		}
		if st := stance(); st != db.StanceCosponsor {
			t.Errorf("the dry run moved Ann to %q", st)
		}
		test.Tap(si.run)
		if !strings.Contains(si.status.Text, "Imported as import ") || !strings.Contains(si.text.Text, "1 sponsorship withdrawn: Ann Yes") {
			t.Fatalf("status %q\n%s", si.status.Text, si.text.Text)
		}
		if st := stance(); st == db.StanceCosponsor {
			t.Errorf("Ann is still a cosponsor in the whip count")
		}
		marks, err := s.RecordMarks(ctx, camp)
		if err != nil || marks[ids["ann"]].Sponsorship != "" || marks[ids["judith"]].Sponsorship != "sponsor" {
			t.Errorf("%+v %v", marks, err)
		}
	})
}

// TestRecordImportSessionExportedOnInTheLegislatureZone: the date typed in Exported on
// is Boston's day, and the summary says that day on a computer set to Honolulu
// (UTC-10), where Boston's midnight is the evening before.
func TestRecordImportSessionExportedOnInTheLegislatureZone(t *testing.T) {
	ctx := context.Background()
	dbtest.LocalZone(t, "Pacific/Honolulu")
	a := test.NewTempApp(t)
	s := dbtest.Open(t)
	camp, err := s.SaveCampaign(ctx, db.Campaign{State: "MA", DefaultLang: "en",
		Texts: map[string]db.CampaignTexts{"en": {Name: "Record test"}}, Bills: []db.Bill{{Chamber: db.ChamberLower, Number: "H.100"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.LinkBill(ctx, db.BillLink{CampaignID: camp, CampaignBill: "H 100", Session: "194th"}); err != nil {
		t.Fatal(err)
	}
	w := a.NewWindow("record")
	r := newRecordScreen(w, s)
	w.SetContent(r.content)
	t.Cleanup(w.Close)
	wait(t, r.refreshAsync())
	wait(t, r.dryRunSessionAsync(writeSessionFolder(t, true)))
	si := r.session
	if si == nil || si.exported == nil {
		t.Fatal("no dialog, or no Exported on field")
	}
	wait(t, si.redateAsync("2026-05-01"))
	if !strings.Contains(si.text.Text, "exported 2026-05-01, as given") {
		t.Errorf("want exported 2026-05-01, as given in:\n%s", si.text.Text)
	}
}
