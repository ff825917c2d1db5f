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

// TestImportCallsEveryLeftOutRowInRejects: with --skip-bad-rows every row the import
// leaves out is in the rejects file, with why: an "Emailed instead" answer (it was
// missing), a bad row, a legislator that cannot be told and a caller that cannot be
// told; and the output's counts say "1 report was", not "1 reports were".
func TestImportCallsEveryLeftOutRowInRejects(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "chapter.db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "14th Essex", "Frank Moran")
	dbtest.Volunteer(t, s, "Pat", "Lee", nil)
	dbtest.Volunteer(t, s, "Pat", "Lee", nil)
	s.Close()
	const header = "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"
	file := writeFile(t, "calls.csv", header+
		"12/1/2026 10:05,Ana Perez,ana@example.org,Lawrence,Rep. Frank Moran,District office,Talked to staff,Supports it,\n"+
		"12/1/2026 10:06,Ana Perez,ana@example.org,Lawrence,Rep. Frank Moran,District office,Emailed instead,,sent the letter\n"+
		"12/1/2026 10:07,Ana Perez,ana@example.org,Lawrence,Rep. Frank Moran,District office,Sang a song,,\n"+
		"12/1/2026 10:08,Ana Perez,ana@example.org,Lawrence,my rep,District office,Talked to staff,,\n"+
		"12/1/2026 10:09,Pat Lee,,Lawrence,Rep. Frank Moran,District office,Talked to staff,,\n")
	rejects := filepath.Join(dir, "rejects.csv")
	code, out, errOut := chapterdesk(t, "import", "calls", file, "--db", path, "--skip-bad-rows", rejects)
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	got, err := os.ReadFile(rejects)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Emailed instead", "Sang a song", "my rep", "Pat Lee"} {
		if !strings.Contains(string(got), want) {
			t.Errorf("the rejects file has no row with %q:\n%s", want, got)
		}
	}
	if n := strings.Count(strings.TrimSpace(string(got)), "\n"); n != 4 {
		t.Errorf("%d rows in the rejects file, want 4:\n%s", n, got)
	}
	for _, wrong := range []string{"1 reports were", "1 answers say", "1 callers were"} {
		if strings.Contains(out, wrong) {
			t.Errorf("the output says %q:\n%s", wrong, out)
		}
	}
}
