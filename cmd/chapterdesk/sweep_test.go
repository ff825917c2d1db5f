package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestStartSweepsOnceAndSparesARunningExport: a start swept the system's temporary
// folder twice, by the record of what each ChapterDesk writes (db.RemoveDeadTemps)
// and again by age (bundle.RemoveLeftovers took any bundle work folder an hour old),
// and the second took the work copy of an export still running (one whose folder
// had not changed for an hour). One sweep now, by the record: a process still
// running keeps what it writes, whatever its age.
func TestStartSweepsOnceAndSparesARunningExport(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	work, err := db.MkdirTemp("", "chapterdesk-bundle-*") // as a running export makes it
	if err != nil {
		t.Fatal(err)
	}
	defer db.DoneWithTemps()
	os.WriteFile(filepath.Join(work, "chapterdesk.db"), []byte("plain"), 0o600)
	hours := time.Now().Add(-2 * time.Hour)
	os.Chtimes(work, hours, hours)
	sweepAtStart()
	if _, err := os.Stat(work); err != nil {
		t.Errorf("the running export's work folder was removed: %v", err)
	}
}
