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

// TestImportCallsSaysWhatItReadAs: the tester's answers that were stored without a
// word (s35) are said in the summary: a stance heard "N/A" read as blank, an office
// "Both" filed as Other, a legislator cell naming only a district filed to its one
// legislator; and "my rep" is left out as naming no one.
func TestImportCallsSaysWhatItReadAs(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "chapter.db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "9th Suffolk", "John Moran")
	dbtest.Legislator(t, s, db.ChamberLower, "14th Essex", "Frank Moran")
	s.Close()
	calls := filepath.Join(dir, "calls.csv")
	if err := os.WriteFile(calls, []byte("Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"+
		"12/1/2026 10:00,Ana Perez,ana@example.org,Lawrence,Rep. Frank Moran,State House (Boston),Talked to staff,Supports it,\n"+
		"12/1/2026 10:05,Ana Perez,ana@example.org,Lawrence,Rep. Frank Moran,Both,Talked to staff,N/A,\n"+
		"12/1/2026 10:10,Ana Perez,ana@example.org,Lawrence,9th Suffolk,District office,Left a voicemail,-,\n"+
		"12/1/2026 10:15,Ana Perez,ana@example.org,Lawrence,my rep,District office,Left a voicemail,,\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := chapterdesk(t, "import", "calls", calls, "--db", path)
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	for _, want := range []string{
		"3 created",
		`check: 2 stances heard were written as no answer, such as line 3: "N/A", and read as blank (no stance heard), as an empty cell is` + "\n",
		`check: 1 report names both offices, such as line 3: "Both": filed under Other, as a report is one call (one row per office called keeps which)` + "\n",
		"1 report was filed with a correction; check it:\n" +
			`  line 4: "9th Suffolk": filed to Rep. John Moran (9th Suffolk), the one legislator in office for that district: the form names a district, not a legislator` + "\n",
		`  line 5: "my rep": does not name a legislator: give the legislator's name` + "\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the import said:\n%s\nnot:\n%s", out, want)
		}
	}
}

// TestImportCallsChecksSayTheRowsFiled: the check lines were counted as the file was
// read, before the store left rows out: a "Both" and an "N/A" on a row naming "my
// rep" (left out, nothing filed) were counted, the example line was that row, and a
// row with an ambiguous time later refused for its stance counted too. They are
// said of the rows filed now: the left-out row is in no count and no example.
func TestImportCallsChecksSayTheRowsFiled(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "chapter.db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "14th Essex", "Frank Moran")
	s.Close()
	calls := filepath.Join(dir, "calls.csv")
	if err := os.WriteFile(calls, []byte("Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"+
		"12/1/2026 10:00,Ana Perez,ana@example.org,Lawrence,my rep,Both,Talked to staff,N/A,\n"+
		"12/1/2026 10:05,Ana Perez,ana@example.org,Lawrence,Rep. Frank Moran,Both,Talked to staff,N/A,\n"+
		"12/1/2026 10:10,Ana Perez,ana@example.org,Lawrence,Rep. Frank Moran,District office,Left a voicemail,-,\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := chapterdesk(t, "import", "calls", calls, "--db", path)
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	for _, want := range []string{
		"2 created",
		`check: 2 stances heard were written as no answer, such as line 3: "N/A", and read as blank (no stance heard), as an empty cell is` + "\n",
		`check: 1 report names both offices, such as line 3: "Both": filed under Other, as a report is one call (one row per office called keeps which)` + "\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the import said:\n%s\nnot:\n%s", out, want)
		}
	}
}
