package db_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

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
