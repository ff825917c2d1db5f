package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// A large import's lists print their first few lines and the count, and write the
// whole list to a file beside the input, which the output names: tester's 1M-row
// import printed ~91,000 lines (possible duplicates, merged rows to check) nobody reads.
func TestImportListsPrintAFewAndWriteTheRest(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("First Name,Last Name,Email,Phone\r\n")
	for i := range 60 { // one phone, two emails: merged, and listed to check
		fmt.Fprintf(&b, "Ana,Lee%d,a%d@example.org,617-555-%04d\r\n", i, i, i)
		fmt.Fprintf(&b, "Ana,Lee%d,b%d@example.org,617-555-%04d\r\n", i, i, i)
	}
	sheet := filepath.Join(dir, "sheet.csv")
	if err := os.WriteFile(sheet, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	// A list file an earlier import left, readable by anyone (written by hand, or by a
	// version before the file was the owner's only): it names volunteers.
	if err := os.WriteFile(filepath.Join(dir, "sheet-import-lists.txt"), []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := chapterdesk(t, "import", "volunteers", sheet, "--db", filepath.Join(dir, "c.db"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lists := filepath.Join(dir, "sheet-import-lists.txt")
	t.Run("prints twenty of the merged rows to check and names the file", func(t *testing.T) {
		if n := strings.Count(out, "merged with an earlier row"); n != 20 {
			t.Errorf("%d merged rows printed, want 20:\n%s", n, out[:min(len(out), 800)])
		}
		if !strings.Contains(out, "  and 40 more: all 60 listed in "+lists+"\n") {
			t.Errorf("no line naming the file of the whole list:\n%s", out[max(0, len(out)-800):])
		}
	})
	t.Run("the file is the owner's only, even one that was there before", func(t *testing.T) {
		fi, err := os.Stat(lists)
		if err != nil {
			t.Fatal(err)
		}
		if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
			t.Errorf("the list file's mode is %v; it names volunteers: 0600", fi.Mode().Perm())
		}
	})
	t.Run("writes every merged row to the file", func(t *testing.T) {
		data, err := os.ReadFile(lists)
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(data), "merged with an earlier row"); n != 60 {
			t.Errorf("%d merged rows in the file, want 60", n)
		}
		for _, want := range []string{"line 3: Ana Lee0", "line 121: Ana Lee59"} {
			if !strings.Contains(string(data), want) {
				t.Errorf("the file lacks %q", want)
			}
		}
	})
}

// TestImportCallsListsEveryRepeat: a call import kept the first 500 of a list (here
// the rows that repeat a row before them, a form sent twice) and the output said
// "the first 500 listed in FILE": the rest were nowhere. The lines of the rest are
// kept (a line number each, not the row), and the file lists every one.
func TestImportCallsListsEveryRepeat(t *testing.T) {
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
	var b strings.Builder
	b.WriteString("Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n")
	const n = 503
	for i := range n { // each row twice: the second repeats the first
		row := fmt.Sprintf("12/1/2026 %02d:%02d:%02d,Ann Lee,ann@example.org,Lawrence,Rep. Frank Moran,District office,Talked to staff,,\n", 8+i/3600, i/60%60, i%60)
		b.WriteString(row + row)
	}
	file := filepath.Join(dir, "calls.csv")
	if err := os.WriteFile(file, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := chapterdesk(t, "import", "calls", file, "--db", path)
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	lists := filepath.Join(dir, "calls-import-lists.txt")
	if !strings.Contains(out, fmt.Sprintf("%d rows repeat", n)) || !strings.Contains(out, fmt.Sprintf("all %d listed in %s", n, lists)) {
		t.Errorf("the output does not count and list every repeat:\n%s", out[max(0, len(out)-1500):])
	}
	data, err := os.ReadFile(lists)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range []int{3, 2*n + 1} { // the first repeat and the last
		if !regexp.MustCompile(fmt.Sprintf(`(?m)^  line %d\b`, line)).Match(data) {
			t.Errorf("the list file lacks line %d", line)
		}
	}
	if got := regexp.MustCompile(`(?m)^  line \d+`).FindAll(data, -1); len(got) != n {
		t.Errorf("the list file lists %d lines, want %d", len(got), n)
	}
}
