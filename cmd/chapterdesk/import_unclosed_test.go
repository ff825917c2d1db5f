package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A call form whose note opens a quote never closed loses the rest of the file: the
// output counts its lines as rows left out, not "1 row" for three reports (tester t3
// F19).
func TestUnclosedQuoteCountsTheLinesLeftOut(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.db")
	if code, _, errOut := chapterdesk(t, "import", "legislators", "../../../shared/data/openstates/ma.csv", "--db", path); code != 0 {
		t.Skipf("legislators: %s", errOut)
	}
	form := filepath.Join(dir, "quote.csv")
	os.WriteFile(form, []byte("Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"+
		"11/5/2026 20:00:00,Kim Lee,kim.lee@example.org,Cambridge,Rep. Mike Connolly,State House (Boston),Talked to staff,Supports it,q1\n"+
		"11/5/2026 20:05:00,Kim Lee,kim.lee@example.org,Cambridge,Rep. Mike Connolly,State House (Boston),Talked to staff,Supports it,\"q2 said \"\"call back\n"+
		"11/5/2026 20:10:00,Kim Lee,kim.lee@example.org,Cambridge,Sen. Pat Jehlen,State House (Boston),Talked to staff,Supports it,q3\n"+
		"11/5/2026 20:15:00,Kim Lee,kim.lee@example.org,Cambridge,Sen. Pat Jehlen,State House (Boston),Talked to staff,Supports it,q4\n"), 0o600)
	code, out, errOut := chapterdesk(t, "import", "calls", form, "--dry-run", "--skip-bad-rows", filepath.Join(dir, "rj.csv"), "--db", path)
	if code != 0 || !strings.Contains(out, "3 rows were left out") || !strings.Contains(out, "lines 3 to 5") {
		t.Errorf("exit %d\n%s\n%s", code, out, errOut)
	}
}
