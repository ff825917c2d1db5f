package main

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// The tester's w1.csv then w1edit.csv: undoing the first import deleted the reports
// the second had edited, for good and without a word, and undoing the second then
// said it had put them back. The first undo is refused, naming the import to undo
// first; an undo whose changed records are gone (here, emptied from the trash) says
// it could not put them back.
func TestUndoOfAnImportALaterImportEdited(t *testing.T) {
	dir := t.TempDir()
	path := chapterWithLegislators(t, dir)
	const header = "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"
	first := writeFile(t, "w1.csv", header+
		"6/2/2025 10:00:00,Ann Lee,ann@example.org,Boston,Rep. Dan Hunt,State House (Boston),Talked to staff,Supports,first call\n"+
		"6/4/2025 09:15:00,Cara Diaz,cara@example.org,Salem,Marc Lombardo,State House (Boston),Talked to the legislator,Opposes,hostile\n")
	edit := writeFile(t, "w1edit.csv", header+
		"6/2/2025 10:00:00,Ann Lee,ann@example.org,Boston,Dan Hunt (13th Suffolk),State House (Boston),Talked to staff,Supports,first call - aide Jim\n"+
		"6/4/2025 09:15:00,Cara Diaz,cara@example.org,Salem,Rep. Lombardo,State House (Boston),Talked to the legislator,Opposes,hostile; will call back\n")
	run := verbRunner(t)
	batchOf := func(out string) string {
		t.Helper()
		m := regexp.MustCompile(`import batch (\d+)`).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("no batch in:\n%s", out)
		}
		return m[1]
	}
	b1 := batchOf(run(0, "import", "calls", first, "--db", path))
	b2 := batchOf(run(0, "import", "calls", edit, "--db", path))
	if out := run(1, "import", "undo", b1, "--db", path); !strings.Contains(out, "import "+b2+" changed 2 call reports") ||
		!strings.Contains(out, "undo import "+b2+" first") {
		t.Errorf("undo of the first import:\n%s", out)
	}

	// The edited reports trashed, and the trash emptied: they are gone.
	ctx := context.Background()
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	reports, err := s.ListCallReports(ctx, db.CallFilter{}, 0, 10)
	if err != nil || len(reports) != 2 {
		t.Fatalf("%d reports (%v), want 2", len(reports), err)
	}
	for _, r := range reports {
		if _, err := s.TrashCallReport(ctx, r.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.EmptyTrash(ctx); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if out := run(0, "import", "undo", b2, "--db", path); !strings.Contains(out, "0 it changed put back as they were") ||
		!strings.Contains(out, "2 call reports it changed could not be put back") {
		t.Errorf("undo of the edit, its reports gone:\n%s", out)
	}
}
