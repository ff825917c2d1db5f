//go:build unix

package db_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestOpenRemovesLeftovers: the temporary copies killed ChapterDesk processes left
// beside the data file and in backups/ go at the next open, once they are old and no
// running ChapterDesk holds them; young ones, locked ones and other programs' files
// stay.
func TestOpenRemovesLeftovers(t *testing.T) {
	ctx := context.Background()
	path := dbtest.File(t)
	dir := filepath.Dir(path)
	backups := db.BackupsDir(path)
	os.Mkdir(backups, 0o700)
	hour := time.Now().Add(-time.Hour)
	file := func(p string, at time.Time) string {
		if err := os.WriteFile(p, make([]byte, 4096), 0o600); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, at, at)
		return p
	}
	gone := []string{
		file(path+".restoring", hour),
		file(path+".restoring-wal", hour),
		file(filepath.Join(dir, ".chapter.db.restoring.incomplete-4242"), hour),
		file(filepath.Join(backups, ".chapter-daily-20261101.db.incomplete-31337"), hour),
		file(filepath.Join(dir, ".volunteers.csv.123456.tmp"), hour),
		file(filepath.Join(dir, ".hand-off.cdbundle.987.tmp"), hour),
	}
	work := filepath.Join(dir, ".bundle-2718281828")
	os.Mkdir(work, 0o700)
	file(filepath.Join(work, "chapterdesk.db"), hour)
	os.Chtimes(work, hour, hour)
	gone = append(gone, work)
	running := filepath.Join(dir, ".bundle-1414")
	os.Mkdir(running, 0o700)
	file(filepath.Join(running, "chapterdesk.db"), time.Now())
	os.Chtimes(running, hour, hour)
	kept := []string{
		running,
		file(filepath.Join(backups, ".chapter-daily-20261204.db.incomplete-7"), time.Now()), // being written
		file(filepath.Join(dir, "notes.tmp"), hour),                                         // not ours
		file(filepath.Join(dir, ".other-app.1234.tmp"), hour),                               // not ours
		file(path+".building", hour),                                                        // a build is running:
		file(path+".building.lock", hour),
	}
	held, err := os.OpenFile(path+".building.lock", os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	if err := unix.Flock(int(held.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	for _, p := range gone {
		if _, err := os.Lstat(p); err == nil {
			t.Errorf("%s is still there", p)
		}
	}
	for _, p := range kept {
		if _, err := os.Lstat(p); err != nil {
			t.Errorf("%s was removed", p)
		}
	}
	// Once the build is gone, so are its files.
	unix.Flock(int(held.Fd()), unix.LOCK_UN)
	s, err = db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Lstat(path + ".building"); err == nil {
		t.Error("the killed build's file is still there")
	}
}

// A process that ran its course takes its own list of temporary files with it (and
// what the list still names, a job stopped half way): every backup, report or export
// left a list for the next start of any verb to lock, read and remove.
func TestDoneWithTempsLeavesNoList(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	dir := t.TempDir()
	f, err := db.CreateTemp(dir, ".roster.csv.*.tmp")
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	db.DoneWithTemps()
	lists, _ := filepath.Glob(filepath.Join(cache, "chapterdesk", "pending", "*.list"))
	if len(lists) != 0 {
		t.Errorf("lists left: %v", lists)
	}
	if _, err := os.Stat(f.Name()); !os.IsNotExist(err) {
		t.Errorf("the temporary file this process left is still there: %v", err)
	}
	if removed := db.RemoveDeadTemps(); len(removed) != 0 {
		t.Errorf("the next start found %v", removed)
	}
}
