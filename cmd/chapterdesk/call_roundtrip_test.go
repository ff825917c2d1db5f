package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// The app's own call export imported back finds its reports by their UUIDs: it adds
// nothing (every report was added a second time).
func TestCallExportImportedBack(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "chapter.db")
	if code, out, errOut := chapterdesk(t, "demo", "--volunteers", "40", "--calls", "120", "--seed", "5", "--db", path); code != 0 {
		t.Fatal(out, errOut)
	}
	calls := filepath.Join(dir, "calls.csv")
	if code, out, errOut := chapterdesk(t, "export", "calls", calls, "--db", path); code != 0 {
		t.Fatal(out, errOut)
	}
	code, out, errOut := chapterdesk(t, "import", "calls", calls, "--db", path)
	if code != 0 || !strings.Contains(out, " 0 created, 0 updated, 120 unchanged") {
		t.Errorf("exit %d: %s%s", code, out, errOut)
	}
	if _, out, _ := chapterdesk(t, "stats", "--db", path); !strings.Contains(out, "call_reports: 120\n") {
		t.Errorf("stats:\n%s", out)
	}
}
