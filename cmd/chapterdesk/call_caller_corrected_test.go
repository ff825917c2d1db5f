package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportCallsSaysCallerCorrected: a form imported again with a call's caller
// corrected (tester, s42) said "1 unchanged". `import calls` says the report moved
// to the caller the sheet names, and lists a caller the roster does not have (the
// row written to the rejects file), never among the unchanged.
func TestImportCallsSaysCallerCorrected(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "chapter.db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "14th Essex", "Frank Moran")
	for _, n := range []string{"Robert", "Linda"} {
		dbtest.Volunteer(t, s, n, "Jones", func(v *db.Volunteer) { v.Email = "jones@example.org" })
	}
	s.Close()
	const header = "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"
	row := func(first, second string) string {
		return "12/1/2026 10:05:00," + first + ",jones@example.org,Lawrence,Rep. Frank Moran,District office,Talked to staff,,\n" +
			"12/1/2026 11:05:00," + second + ",jones@example.org,Lawrence,Rep. Frank Moran,District office,Talked to staff,,\n"
	}
	if code, out, errOut := chapterdesk(t, "import", "calls", writeFile(t, "calls.csv", header+row("Robert Jones", "Robert Jones")), "--db", path); code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	rejects := filepath.Join(dir, "rejects.csv")
	code, out, errOut := chapterdesk(t, "import", "calls", writeFile(t, "fixed.csv", header+row("Linda Jones", "Sam Jones")), "--db", path, "--skip-bad-rows", rejects)
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	for _, want := range []string{
		"0 created, 1 updated, 0 unchanged",
		"1 report was moved to the caller the sheet now names",
		"was filed under Robert Jones (volunteer 1); moved to Linda Jones (volunteer 2)",
		"1 row names another caller than its report, whom the roster does not tell: left out (written to " + rejects,
		"the row names the caller Sam Jones, but its report",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the output has no %q:\n%s", want, out)
		}
	}
	if b, err := os.ReadFile(rejects); err != nil || !strings.Contains(string(b), "Sam Jones") {
		t.Errorf("rejects file: %v\n%s", err, b)
	}
}

// TestImportCallsWeekSheetKeepsAnOlderReport: a sheet of the week's reports holding
// another volunteer's call to the same legislator at the time of a report imported
// before (a call-in day) said "1 updated": the older report moved to her, its notes
// overwritten. `import calls` now leaves the row out as a possible duplicate, naming
// the report's caller and time and the way to correct that report, and imports the
// rest; --add-similar adds it as a call of its own.
func TestImportCallsWeekSheetKeepsAnOlderReport(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "chapter.db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "14th Essex", "Frank Moran")
	dbtest.Volunteer(t, s, "Robert", "Jones", func(v *db.Volunteer) { v.Email = "jones@example.org" })
	dbtest.Volunteer(t, s, "Ana", "Lima", func(v *db.Volunteer) { v.Email = "ana@example.org" })
	s.Close()
	const header = "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"
	first := header + "12/1/2026 10:05:07,Robert Jones,jones@example.org,Lawrence,Rep. Frank Moran,District office,Talked to staff,,\n" +
		"12/1/2026 11:05:00,Robert Jones,jones@example.org,Lawrence,Rep. Frank Moran,District office,Talked to staff,,\n"
	if code, out, errOut := chapterdesk(t, "import", "calls", writeFile(t, "calls.csv", first), "--db", path); code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	week := writeFile(t, "week.csv", header+"12/1/2026 10:05:07,Ana Lima,ana@example.org,Lawrence,Rep. Frank Moran,District office,Talked to staff,,her own call\n"+
		"12/4/2026 09:30:00,Robert Jones,jones@example.org,Lawrence,Rep. Frank Moran,District office,Talked to staff,,\n")
	code, out, errOut := chapterdesk(t, "import", "calls", week, "--db", path)
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	for _, want := range []string{
		"1 created, 0 updated, 0 unchanged",
		"1 row may be a report already imported, edited, or another call: left out",
		"may be Robert Jones's report (jones@example.org) of 1 December 2026, 10:05:07 AM EST with its caller corrected to Ana Lima",
		"import the whole sheet of import 1, corrected, again",
		"--add-similar",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the output has no %q:\n%s", want, out)
		}
	}
	if code, out, errOut := chapterdesk(t, "import", "calls", week, "--db", path, "--add-similar"); code != 0 || !strings.Contains(out, "1 created, 0 updated, 1 unchanged") {
		t.Errorf("with --add-similar: exit %d: %s%s", code, out, errOut)
	}
}
