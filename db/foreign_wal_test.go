package db_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// foreignWAL makes, as tester t7's walmk.py does, the WAL of another chapter's file:
// a change written to other's WAL and never checkpointed; it returns the WAL's bytes.
func foreignWAL(t *testing.T, other, change string) []byte {
	t.Helper()
	c, err := sql.Open("sqlite", "file:"+other+"?_pragma=journal_mode(WAL)&_pragma=wal_autocheckpoint(0)")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetMaxOpenConns(1)
	if _, err := c.Exec(change); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(other + "-wal") // taken before the close checkpoints it
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	data, err := io.ReadAll(f)
	if err != nil || len(data) == 0 {
		t.Fatalf("the other file's WAL: %d bytes, %v", len(data), err)
	}
	return data
}

// TestForeignWAL: another file's -wal beside the data file is replayed by SQLite.
// The full check finds the mix damaged; it must not call that index damage (a repair
// would make the other chapter's rows ours for good) but say the WAL does not fit.
func TestForeignWAL(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := chapterFile(t, dir)
	otherDir := t.TempDir()
	other := chapterFile(t, otherDir)
	for i, p := range []string{path, other} {
		s, err := db.Open(ctx, p, db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for j := 0; j < 60; j++ {
			dbtest.Volunteer(t, s, fmt.Sprintf("F%d-%d", i, j), fmt.Sprintf("L%d", (j*7+i*13)%17), func(v *db.Volunteer) {
				v.Email = fmt.Sprintf("p%d.%d@example.org", i, j*31%60)
			})
		}
		s.Close()
	}
	wal := foreignWAL(t, other, `UPDATE volunteers SET first_name = 'Zed', email = 'zed' || id || '@example.org' WHERE id <= 50`)
	if err := os.WriteFile(path+"-wal", wal, 0o600); err != nil {
		t.Fatal(err)
	}
	os.Remove(path + "-shm")

	r, err := db.FullCheck(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if r.Intact() {
		t.Fatal("the file read with another file's WAL is intact: the test makes no damage")
	}
	if r.IndexOnly {
		t.Fatalf("called index damage, which a repair would make permanent: %+v", r)
	}
	if !strings.Contains(strings.Join(r.Problems, "\n"), "chapter.db-wal does not fit chapter.db") {
		t.Errorf("the report does not say the WAL does not fit: %q", r.Problems)
	}
	if err := db.RecordCheck(r); err != nil {
		t.Fatal(err)
	}
	_, err = db.RepairIndexes(ctx, path)
	var de *db.DamagedError
	if !errors.As(err, &de) || de.IndexOnly {
		t.Fatalf("repair: %v", err)
	}
	if entries, _ := os.ReadDir(db.BackupsDir(path)); len(entries) > 0 {
		t.Errorf("the refused repair kept a backup: %v", entries)
	}
	// The way out it names: the WAL set aside, the file as last saved is intact.
	if err := os.Rename(path+"-wal", path+"-wal.set-aside"); err != nil {
		t.Fatal(err)
	}
	if r, err := db.FullCheck(ctx, path); err != nil || !r.Intact() {
		t.Fatalf("without the WAL: %+v %v", r, err)
	}
}
