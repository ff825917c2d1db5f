//go:build unix

package main

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestFileModes checks that every file ChapterDesk writes holding chapter data is
// readable by its owner only, even under a umask that would let anyone read: the data
// file, its WAL and shared memory, its lock, backups (manual, daily, kept by a
// restore), bundles, and a database opened from a bundle.
func TestFileModes(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "chapter")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "chapter.db")
	mustRun := func(args ...string) {
		t.Helper()
		if code, out, errOut := chapterdesk(t, args...); code != 0 {
			t.Fatalf("%v: exit %d %q %q", args, code, out, errOut)
		}
	}
	mustRun("demo", "--volunteers", "200", "--calls", "500", "--db", path)

	want := map[string]bool{} // every file that must exist, relative to dir
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dbtest.Volunteer(t, s, "Ana", "Souza", nil) // something in the WAL
	daily, err := s.DailyBackup(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	// While the store is open: the data file, its WAL, shared memory and lock.
	checkModes(t, dir, []string{"chapter.db", "chapter.db-wal", "chapter.db-shm", "chapter.db.lock"})
	s.Close()
	want[rel(t, dir, daily)] = true

	mustRun("backup", filepath.Join(dir, "manual-backup.db"), "--db", path)
	mustRun("restore", filepath.Join(dir, "manual-backup.db"), "--db", path)
	passFile := filepath.Join(dir, "passphrase")
	if err := os.WriteFile(passFile, []byte("correct horse battery staple\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	scryptWorkFactor = 10
	defer func() { scryptWorkFactor = 0 }()
	mustRun("bundle", "export", filepath.Join(dir, "plain.cdbundle"), "--db", path)
	mustRun("bundle", "export", filepath.Join(dir, "locked.cdbundle"), "--passphrase-file", passFile, "--db", path)
	mustRun("bundle", "open", filepath.Join(dir, "locked.cdbundle"), "--to", filepath.Join(dir, "opened.db"), "--passphrase-file", passFile)
	kept, _ := filepath.Glob(filepath.Join(db.BackupsDir(path), "chapter-before-restore-*.db"))
	if len(kept) != 1 {
		t.Fatalf("the file a restore replaced was not kept: %v", kept)
	}
	for _, f := range []string{"chapter.db", "manual-backup.db", "plain.cdbundle", "locked.cdbundle", "opened.db", rel(t, dir, kept[0])} {
		want[f] = true
	}
	var all []string
	for f := range want {
		all = append(all, f)
	}
	sort.Strings(all)
	checkModes(t, dir, all)

	// And nothing else there is readable by others: every file 0600, every folder 0700.
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		fi, _ := d.Info()
		if wantMode := map[bool]os.FileMode{true: 0o700, false: 0o600}[d.IsDir()]; fi.Mode().Perm() != wantMode {
			t.Errorf("%s has mode %v, want %v", rel(t, dir, p), fi.Mode().Perm(), wantMode)
		}
		return nil
	})
}

// checkModes lists the files' modes (the test log shows them) and fails on any but 0600.
func checkModes(t *testing.T, dir string, files []string) {
	t.Helper()
	var lines []string
	for _, f := range files {
		fi, err := os.Stat(filepath.Join(dir, f))
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		lines = append(lines, fi.Mode().String()+" "+f)
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", f, fi.Mode().Perm())
		}
	}
	t.Logf("modes:\n%s", strings.Join(lines, "\n"))
}

func rel(t *testing.T, dir, p string) string {
	t.Helper()
	r, err := filepath.Rel(dir, p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
