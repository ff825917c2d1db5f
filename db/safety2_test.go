package db_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestEmptyFileIsDamage: a data file cut to 0 bytes is not a new chapter. Open, for
// writing and for reading, refuses it, writes nothing, and names the newest good
// backup.
func TestEmptyFileIsDamage(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.Volunteer(t, s, "Ana", "Souza", nil)
	backup, err := s.DailyBackup(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, 0); err != nil {
		t.Fatal(err)
	}
	for _, opts := range []db.Options{{}, {ReadOnly: true}} {
		_, err := db.Open(ctx, path, opts)
		var de *db.DamagedError
		if !errors.Is(err, db.ErrDamaged) || !errors.As(err, &de) {
			t.Fatalf("open %+v of a 0-byte file: %v", opts, err)
		}
		if de.Backup != backup {
			t.Errorf("newest good backup %q, want %q", de.Backup, backup)
		}
		if fi, err := os.Stat(path); err != nil || fi.Size() != 0 {
			t.Errorf("the file was changed: %v %v", fi, err)
		}
		if _, err := os.Stat(path + "-wal"); err == nil {
			t.Errorf("open %+v left a -wal", opts)
		}
	}
	t.Run("a file Open creates itself is a new chapter", func(t *testing.T) {
		s, err := db.Open(ctx, filepath.Join(t.TempDir(), "new.db"), db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !s.Created() {
			t.Error("not reported as created")
		}
		s.Close()
	})
}
