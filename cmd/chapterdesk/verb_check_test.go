package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// checkedDemo writes a small demo chapter with a good daily backup of yesterday and
// returns the file and the backup.
func checkedDemo(t *testing.T) (path, backup string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "chapter.db")
	if code, _, errOut := chapterdesk(t, "demo", "--volunteers", "2000", "--calls", "5000", "--db", path); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	s, err := db.Open(context.Background(), path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	backup, err = s.DailyBackup(context.Background(), time.Now().AddDate(0, 0, -1))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	return path, backup
}

func TestCheckVerb(t *testing.T) {
	t.Run("says how it exits", func(t *testing.T) {
		code, out, _ := chapterdesk(t, "check", "--help")
		for _, want := range []string{"--full", "--repair", "0 intact", "3 damaged", "4 damaged only in its indexes"} {
			if code != 0 || !strings.Contains(out, want) {
				t.Errorf("help lacks %q: %s", want, out)
			}
		}
	})
	t.Run("finds index-only damage the quick check misses, stops writes, and repairs it", func(t *testing.T) {
		path, backup := checkedDemo(t)
		if code, out, _ := chapterdesk(t, "check", "--full", "--db", path); code != 0 || !strings.HasPrefix(out, "intact:") {
			t.Fatalf("intact file: exit %d %q", code, out)
		}
		dbtest.CorruptIndex(t, path, "call_reports_volunteer")
		if code, out, _ := chapterdesk(t, "check", "--db", path); code != 0 {
			t.Errorf("the quick check found it after all: exit %d %q", code, out)
		}
		code, out, _ := chapterdesk(t, "check", "--full", "--db", path)
		if code != exitDamagedIndexOnly || !strings.Contains(out, "index call_reports_volunteer: 1 row missing") ||
			!strings.Contains(out, "check --repair") || !strings.Contains(out, "chapterdesk restore "+backup) {
			t.Fatalf("full check: exit %d %q", code, out)
		}
		code, _, errOut := chapterdesk(t, "trash", "empty", "--db", path)
		if code != exitDamagedIndexOnly || !strings.Contains(errOut, "is damaged") || !strings.Contains(errOut, "check --repair") {
			t.Errorf("a write after the check: exit %d %q", code, errOut)
		}
		if code, _, _ := chapterdesk(t, "check", "--db", path); code != exitDamagedIndexOnly {
			t.Errorf("the quick check after a full one found damage: exit %d", code)
		}
		code, out, errOut = chapterdesk(t, "check", "--repair", "--db", path)
		if code != 0 || !strings.HasPrefix(out, "repaired:") {
			t.Fatalf("repair: exit %d %q %q", code, out, errOut)
		}
		if code, _, errOut := chapterdesk(t, "trash", "empty", "--db", path); code != 0 {
			t.Errorf("a write after the repair: exit %d %q", code, errOut)
		}
	})
	t.Run("damage in the tables exits 3 and is not repaired", func(t *testing.T) {
		path, _ := checkedDemo(t)
		dbtest.Corrupt(t, path)
		if code, out, _ := chapterdesk(t, "check", "--full", "--db", path); code != exitDamaged {
			t.Errorf("full check: exit %d %q", code, out)
		}
		if code, out, _ := chapterdesk(t, "check", "--repair", "--db", path); code != exitDamaged || !strings.HasPrefix(out, "not repaired") {
			t.Errorf("repair: exit %d %q", code, out)
		}
	})
	t.Run("damage in an index's page is repaired, on a copy (h71 repro-4)", func(t *testing.T) {
		path, _ := checkedDemo(t)
		before := dbtest.Digests(t, path)
		dbtest.CorruptIndexPage(t, path, "call_reports_uuid")
		code, out, _ := chapterdesk(t, "check", "--full", "--db", path)
		if code != exitDamagedIndexOnly || !strings.Contains(out, "check --repair") {
			t.Fatalf("full check: exit %d %q", code, out)
		}
		code, out, errOut := chapterdesk(t, "check", "--repair", "--db", path)
		if code != 0 || !strings.HasPrefix(out, "repaired:") {
			t.Fatalf("repair: exit %d %q %q", code, out, errOut)
		}
		if code, out, _ := chapterdesk(t, "check", "--full", "--db", path); code != 0 || !strings.HasPrefix(out, "intact:") {
			t.Errorf("after the repair: exit %d %q", code, out)
		}
		if after := dbtest.Digests(t, path); fmt.Sprint(after) != fmt.Sprint(before) {
			t.Errorf("the repair changed the data")
		}
	})
	t.Run("a file cut to 0 bytes is damaged, and never sealed as checked (h71 repro-3)", func(t *testing.T) {
		path, _ := checkedDemo(t)
		if err := os.Truncate(path, 0); err != nil {
			t.Fatal(err)
		}
		os.Remove(path + "-wal")
		seal, _ := os.ReadFile(path + ".checked")
		for _, args := range [][]string{{"check"}, {"check", "--full"}} {
			code, out, errOut := chapterdesk(t, append(args, "--db", path)...)
			if code != exitDamaged || !strings.HasPrefix(out, "damaged:") || !strings.Contains(out, "0 bytes") ||
				!strings.Contains(out, "chapterdesk restore ") {
				t.Errorf("%v: exit %d %q %q", args, code, out, errOut)
			}
		}
		if now, _ := os.ReadFile(path + ".checked"); string(now) != string(seal) {
			t.Errorf("the seal was rewritten: %s", now)
		}
		if _, ok := db.DamageMark(path); !ok {
			t.Error("the full check left no damage marker")
		}
		if code, out, _ := chapterdesk(t, "check", "--repair", "--db", path); code != exitDamaged {
			t.Errorf("repair: exit %d %q", code, out)
		}
	})
	t.Run("another program's SQLite file, or an empty one, cannot be checked (h71 repro-3)", func(t *testing.T) {
		dir := t.TempDir()
		other, empty := filepath.Join(dir, "other.db"), filepath.Join(dir, "empty.db")
		c, err := sql.Open("sqlite", other)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Exec(`CREATE TABLE t(x); INSERT INTO t VALUES (1)`); err != nil {
			t.Fatal(err)
		}
		c.Close()
		os.WriteFile(empty, nil, 0o600)
		for _, path := range []string{other, empty} {
			for _, args := range [][]string{{"check"}, {"check", "--full"}, {"check", "--repair"}} {
				code, out, errOut := chapterdesk(t, append(args, "--db", path)...)
				if code != 1 || !strings.Contains(errOut, "not a ChapterDesk database") || strings.Contains(out, "intact") {
					t.Errorf("%s %v: exit %d %q %q", filepath.Base(path), args, code, out, errOut)
				}
			}
			if _, err := os.Stat(path + ".checked"); err == nil {
				t.Errorf("%s sealed as checked", filepath.Base(path))
			}
		}
	})
	t.Run("a file that is not there cannot be checked", func(t *testing.T) {
		if code, _, _ := chapterdesk(t, "check", "--db", filepath.Join(t.TempDir(), "none.db")); code != 1 {
			t.Errorf("exit %d", code)
		}
	})
}

// watchCare runs the daily care of s until the test ends; the channel gets the damage
// it reports to the window.
func watchCare(t *testing.T, s *db.Store, times careTimes) <-chan *db.DamagedError {
	found := make(chan *db.DamagedError, 1)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go dailyCare(ctx, s, times, func(de *db.DamagedError) { found <- de })
	return found
}

func TestDailyCare(t *testing.T) {
	path, _ := checkedDemo(t)
	dbtest.CorruptIndex(t, path, "call_reports_volunteer")
	s, err := openStore(context.Background(), path, appOpen)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() }) // after the care's end (cleanups run last first)
	found := watchCare(t, s, careTimes{start: time.Millisecond, quiet: time.Millisecond, every: time.Hour})
	select {
	case de := <-found:
		if de == nil || !de.IndexOnly {
			t.Fatalf("found %+v", de)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the file changed outside ChapterDesk was not checked")
	}
	if _, err := s.EmptyTrash(context.Background()); !errors.Is(err, db.ErrDamaged) {
		t.Errorf("a write after the damage was found: %v", err)
	}
	// Today's copy carries the damage (VACUUM INTO copies index pages as they are):
	// it is kept under a damaged name; yesterday's good one stays the newest good.
	bs, _ := db.ListBackups(path)
	good, damaged := 0, 0
	for _, b := range bs {
		switch {
		case b.Damaged:
			damaged++
		case b.Checked:
			good++
		default:
			t.Errorf("backup not checked: %+v", b)
		}
	}
	if good != 1 || damaged != 1 {
		t.Errorf("%d good and %d damaged backups: %+v", good, damaged, bs)
	}
	if _, err := os.Stat(path + ".damaged"); err != nil {
		t.Error("no marker beside the file")
	}
}

// TestDailyCareAtStart: the app's start (appStart) opens a file before its quick
// check, and damage the check finds reaches the window at once, not at the daily round.
func TestDailyCareAtStart(t *testing.T) {
	path, _ := checkedDemo(t)
	dbtest.Corrupt(t, path)
	s, err := openStore(context.Background(), path, appStart)
	if err != nil {
		t.Fatalf("the start's open: %v", err)
	}
	t.Cleanup(func() { s.Close() }) // after the care's end (cleanups run last first)
	found := watchCare(t, s, careTimes{start: time.Hour, quiet: time.Hour, every: time.Hour})
	select {
	case de := <-found:
		if de == nil || de != s.Damaged() || !strings.Contains(de.Problem, "quick check") {
			t.Fatalf("found %+v", de)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the damage the start's check found did not reach the window")
	}
}

func TestAppRepair(t *testing.T) {
	ctx := context.Background()
	path, _ := checkedDemo(t)
	dbtest.CorruptIndex(t, path, "call_reports_volunteer")
	if _, err := openStore(ctx, path, db.Options{}); !errors.Is(err, db.ErrDamaged) {
		t.Fatalf("open: %v", err)
	}
	files := &dataFiles{path: path}
	defer files.close()
	s, err := files.Repair(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.(*db.Store).EmptyTrash(ctx); err != nil {
		t.Errorf("a write after the repair: %v", err)
	}
}

// TestQuickCheckAgreesOnABrokenIndexPage (tester t2's F2): on a file whose broken
// pages all belong to an index, check said exit 3 "ask for help" and check --full
// exit 4 "check --repair rebuilds them". Both say 4 now, and the repair works.
func TestQuickCheckAgreesOnABrokenIndexPage(t *testing.T) {
	path, _ := checkedDemo(t)
	before := dbtest.Digests(t, path)
	dbtest.CorruptIndexPage(t, path, "call_reports_uuid")
	for _, args := range [][]string{{"check"}, {"check", "--full"}} {
		code, out, _ := chapterdesk(t, append(args, "--db", path)...)
		if code != exitDamagedIndexOnly || !strings.Contains(out, "check --repair") {
			t.Errorf("%v: exit %d %q", args, code, out)
		}
	}
	if code, out, errOut := chapterdesk(t, "check", "--repair", "--db", path); code != 0 {
		t.Fatalf("repair: exit %d %q %q", code, out, errOut)
	}
	if after := dbtest.Digests(t, path); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("the repair changed the data")
	}
}

// TestWriteOnABrokenIndexPageSaysRepairable: a writing verb (or the app) opening a file
// whose broken pages all belong to an index refused it as damaged, exit 3, naming
// only the backup to restore, where check says repairable, exit 4, with the command.
// The refusal says what check says now.
func TestWriteOnABrokenIndexPageSaysRepairable(t *testing.T) {
	path, _ := checkedDemo(t)
	dbtest.CorruptIndexPage(t, path, "call_reports_uuid")
	code, _, errOut := chapterdesk(t, "trash", "empty", "--db", path)
	if code != exitDamagedIndexOnly || !strings.Contains(errOut, "repairable") ||
		!strings.Contains(errOut, "chapterdesk check --repair --db "+path) {
		t.Errorf("a write: exit %d %q", code, errOut)
	}
	var de *db.DamagedError
	if _, err := openStore(context.Background(), path, db.Options{}); !errors.As(err, &de) || !de.IndexOnly {
		t.Errorf("the app's open: %v (want a DamagedError, IndexOnly)", err)
	}
}

// TestFullCheckOnAFullDisk: check --full on a full disk gave no verdict, only the
// error of the record it could not write beside the file. It says now what it found,
// or that it could not check and why (the disk is full), and exits 1 when it could
// not. A real full disk: a small tmpfs, filled; needs root and mount.
func TestFullCheckOnAFullDisk(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root, to mount a small tmpfs")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	defer exec.Command("umount", dir).Run()
	path := filepath.Join(dir, "chapter.db")
	if code, _, errOut := chapterdesk(t, "demo", "--volunteers", "200", "--calls", "500", "--db", path); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	filler, _ := os.Create(filepath.Join(dir, "filler"))
	for {
		if _, err := filler.Write(make([]byte, 64<<10)); err != nil {
			break
		}
	}
	filler.Close()
	code, out, errOut := chapterdesk(t, "check", "--full", "--db", path)
	said := out + errOut
	if !(strings.HasPrefix(out, "intact:") && code == 0) && !(code == exitFail && strings.Contains(said, "could not check") && strings.Contains(said, "disk is full")) {
		t.Errorf("check --full on a full disk: exit %d %q %q", code, out, errOut)
	}
	if strings.HasPrefix(out, "intact:") && !strings.Contains(said, "disk is full") {
		t.Errorf("the finding not recorded, without saying why: %q %q", out, errOut)
	}
}

// TestFullCheckSaysItsFindingItCannotRecord: check --full on a read-only mount (the
// copy of a file in use, its -shm there, so SQLite can read it) found it intact and
// said only "record the check: ... read-only file system", exit 1. The finding is
// said now, and that it could not be recorded, and why. Needs root and mount.
func TestFullCheckSaysItsFindingItCannotRecord(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root, to mount")
	}
	path, _ := checkedDemo(t)
	s, err := db.Open(context.Background(), path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateVolunteer(context.Background(), db.Volunteer{FirstName: "Ana", LastName: "Souza"}); err != nil {
		t.Fatal(err)
	}
	copied := filepath.Join(t.TempDir(), "chapter.db")
	for _, suffix := range []string{"", "-wal", "-shm"} {
		b, err := os.ReadFile(path + suffix)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(copied+suffix, b, 0o600)
	}
	s.Close()
	dir := filepath.Dir(copied)
	if out, err := exec.Command("mount", "--bind", "-o", "ro", dir, dir).CombinedOutput(); err != nil {
		t.Skipf("cannot make a read-only bind mount: %v %s", err, out)
	}
	defer exec.Command("umount", dir).Run()
	code, out, errOut := chapterdesk(t, "check", "--full", "--db", copied)
	if code != 0 || !strings.HasPrefix(out, "intact:") || !strings.Contains(errOut, "could not be recorded") {
		t.Errorf("check --full on a read-only mount: exit %d %q %q", code, out, errOut)
	}
}
