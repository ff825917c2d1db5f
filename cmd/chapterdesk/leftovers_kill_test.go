package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestKilledBackupLeftoversGoAtNextStart: a backup killed in the middle left
// ".b.db.incomplete-NNN" (a whole copy of the roster, unlocked) and its -journal in
// the folder the lead chose, where no later start looked. Now the next start of any
// verb removes what a ChapterDesk that is no longer running was writing.
func TestKilledBackupLeftoversGoAtNextStart(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a process")
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir()) // the children's records, this test's own
	dir := t.TempDir()
	path := filepath.Join(dir, "chapter.db")
	if code, _, errOut := chapterdesk(t, "demo", "--volunteers", "20000", "--calls", "60000", "--db", path); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	out := filepath.Join(t.TempDir(), "stick")
	os.Mkdir(out, 0o700)
	leftovers := func() []string {
		m, _ := filepath.Glob(filepath.Join(out, ".b.db.incomplete-*"))
		return m
	}
	for try := 0; try < 5 && len(leftovers()) == 0; try++ {
		os.Remove(filepath.Join(out, "b.db"))
		c := startChild(t, "cli", "backup", filepath.Join(out, "b.db"), "--db", path)
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline) && len(leftovers()) == 0; {
			time.Sleep(time.Millisecond)
		}
		c.cmd.Process.Kill()
		c.cmd.Wait()
	}
	if len(leftovers()) == 0 {
		t.Skip("the backup was never caught in the middle")
	}
	if code, _, errOut := chapterdesk(t, "stats", "--db", path); code != 0 {
		t.Fatalf("stats: %s", errOut)
	}
	ents, _ := os.ReadDir(out)
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".b.db.") {
			t.Errorf("left after the next start: %s", e.Name())
		}
	}
}
