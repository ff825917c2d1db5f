package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/assets"
	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestReportPeriodInTheLegislatureZone (the tester's calls_tz.csv): a Massachusetts
// chapter's calls of the evening of 8 March, one written without a zone and one with
// Boston's offset, are that day's in the report, whether the file was imported and
// the report written on a computer in New York or one set to UTC.
func TestReportPeriodInTheLegislatureZone(t *testing.T) {
	was := time.Local
	t.Cleanup(func() { time.Local = was })
	setLocal := func(name string) {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		time.Local = loc
	}
	form := filepath.Join(t.TempDir(), "calls_tz.csv")
	if err := os.WriteFile(form, []byte("Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"+
		"3/8/2024 23:30:00,Ann Lee,ann@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,Yes,tz1 naive late\n"+
		"2024-03-08T23:40:00-05:00,Ann Lee,ann@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,Yes,tz2 offset late\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, imported := range []string{"America/New_York", "UTC"} {
		setLocal(imported)
		dir := t.TempDir()
		path := chapterWithLegislators(t, dir)
		if code, out, errOut := chapterdesk(t, "import", "calls", form, "--db", path); code != 0 {
			t.Fatalf("import in %s: %s %s", imported, out, errOut)
		}
		for _, reported := range []string{"America/New_York", "UTC", "Asia/Tokyo"} {
			setLocal(reported)
			for day, want := range map[string]string{"2024-03-08": "2 calls", "2024-03-09": "0 calls"} {
				code, out, errOut := chapterdesk(t, "report", filepath.Join(dir, "r.xlsx"), "--from", day, "--to", day, "--db", path)
				if code != 0 || !strings.Contains(out, want) {
					t.Errorf("imported in %s, reported in %s, %s: %q %q, want %s", imported, reported, day, out, errOut, want)
				}
			}
		}
	}
}

// TestImportSessionExportedDayInTheLegislatureZone: the day a session export was
// made, given as --exported 2026-04-05, starts on Boston's clock (ReadSession) and is
// said as that day, not the day before as a computer set to Honolulu (UTC-10) reads
// Boston's midnight.
func TestImportSessionExportedDayInTheLegislatureZone(t *testing.T) {
	if _, err := os.Stat(maSession); err != nil {
		t.Skipf("shared data not here: %v", err)
	}
	dbtest.LocalZone(t, "Pacific/Honolulu")
	path := chapterWithLegislators(t, t.TempDir())
	code, out, errOut := chapterdesk(t, "import", "session", maSession, "--exported", "2026-04-05", "--dry-run", "--db", path)
	if code != 0 || !strings.Contains(out, "exported 2026-04-05, as given") {
		t.Errorf("exit %d: %s%s\nwant exported 2026-04-05, as given", code, out, errOut)
	}
}

// TestImportCallsSaysTheComputerZoneStandsIn: with no state known (no campaign's, no
// legislator's, no chapter's), the import's summary says in which zone the times were
// read, and how to set the legislature's; with one known it says nothing of the kind.
func TestImportCallsSaysTheComputerZoneStandsIn(t *testing.T) {
	dbtest.LocalZone(t, "America/Chicago")
	dir := t.TempDir()
	form := filepath.Join(dir, "form.csv")
	if err := os.WriteFile(form, []byte("Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"+
		"3/8/2024 23:30:00,Ann Lee,ann@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,Yes,\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	const note = "times are read and shown in this computer's zone (America/Chicago): no state is known"
	// A campaign and a legislator that name no state (added by hand), on a new file
	// with no chapter profile.
	path := filepath.Join(dir, "none.db")
	ctx := context.Background()
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := db.ParseCampaignFile(assets.StarterCampaign)
	if err != nil {
		t.Fatal(err)
	}
	c.State = ""
	if _, err := s.SaveCampaign(ctx, c); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateLegislator(ctx, db.Legislator{Chamber: db.ChamberLower, District: "13th Suffolk", Name: "Dan Hunt", InOffice: true}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := chapterdesk(t, "import", "calls", form, "--db", path)
	t.Logf("exit %d\n%s%s", code, out, errOut)
	if !strings.Contains(out, note) {
		t.Errorf("the summary does not say %q", note)
	}
	if code, out, errOut := chapterdesk(t, "import", "calls", form, "--db", chapterWithLegislators(t, dir)); code != 0 || strings.Contains(out+errOut, "computer's zone") {
		t.Errorf("a Massachusetts chapter: exit %d\n%s%s", code, out, errOut)
	}
}
