package db_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestRestoreWaitsForAnotherProgramsWriteLock: restore replaced the file while another
// program (sqlite3 with BEGIN IMMEDIATE) had a write transaction open on it, and that
// program's commit went into the replaced file, lost. Now restore takes SQLite's write
// lock on the file first and refuses, changing nothing, when it cannot have it.
func TestRestoreWaitsForAnotherProgramsWriteLock(t *testing.T) {
	ctx := context.Background()
	path := dbtest.File(t)
	backup := filepath.Join(t.TempDir(), "bk.db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	s.Close()
	other, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	tx, err := other.Begin()
	if err != nil {
		t.Fatal(err)
	}
	// BEGIN IMMEDIATE's lock, taken by the first write.
	if _, err := tx.Exec(`UPDATE chapters SET name = 'EDITED-BY-OTHER' WHERE is_self = 1`); err != nil {
		t.Fatal(err)
	}
	defer db.SetRestoreLockWait(100)()
	_, err = db.Restore(ctx, path, backup, false)
	if err == nil || !strings.Contains(err.Error(), "another program") {
		t.Errorf("restore under another program's write lock: err = %v", err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	var name string
	dbtest.Raw(t, path).QueryRow(`SELECT name FROM chapters WHERE is_self = 1`).Scan(&name)
	if name != "EDITED-BY-OTHER" {
		t.Errorf("the other program's commit is lost: name = %q", name)
	}
}

// TestRestoreLosesNoCommitMadeDuringIt: restore released SQLite's write lock just before
// renaming the restored copy into place, so another program (sqlite3 here) that opened
// the file during the restore and wrote to it, waiting for the lock as it does,
// committed in between, into the file being replaced: its commit was lost without a
// word to either. Now restore holds the lock through the rename and refuses, changing
// nothing, when another program has the file open just before it: the write lands in
// the file.
func TestRestoreLosesNoCommitMadeDuringIt(t *testing.T) {
	sqlite3, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Skip("needs the sqlite3 command, as the other program")
	}
	ctx := context.Background()
	path := dbtest.File(t)
	backup := filepath.Join(t.TempDir(), "bk.db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	s.Close()
	cmd := exec.Command(sqlite3, path)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out := bufio.NewScanner(stdout)
	say := func(sql, want string) {
		fmt.Fprintf(stdin, "%s\nSELECT '%s';\n", sql, want)
		for out.Scan() && out.Text() != want {
		}
	}
	defer db.SetBeforeRestoreRename(func() {
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		say(".timeout 10000\nSELECT count(*) FROM chapters;", "open")
		fmt.Fprintf(stdin, "UPDATE chapters SET name = 'EDITED-BY-OTHER' WHERE is_self = 1;\nSELECT 'written';\n")
		time.Sleep(300 * time.Millisecond) // the write's turn, were the lock free
	})()
	_, restoreErr := db.Restore(ctx, path, backup, false)
	for out.Scan() && out.Text() != "written" {
	}
	stdin.Close()
	cmd.Wait()
	var name string
	dbtest.Raw(t, path).QueryRow(`SELECT name FROM chapters WHERE is_self = 1`).Scan(&name)
	told := restoreErr != nil && strings.Contains(restoreErr.Error(), "another program")
	if stderr.Len() == 0 && name != "EDITED-BY-OTHER" {
		t.Errorf("the other program's write was committed (no error) and lost: name = %q; restore: %v", name, restoreErr)
	}
	if !told {
		t.Errorf("restore with the file open in another program: %v", restoreErr)
	}
}
