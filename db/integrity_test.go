package db_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// chapterFile writes a closed database with a few thousand volunteers (a few hundred
// pages) and returns its path.
func chapterFile(t *testing.T, dir string) string { return dbtest.ChapterFile(t, dir) }

func TestOpenDamaged(t *testing.T) {
	ctx := context.Background()

	t.Run("refuses a damaged file without writing to it, naming the newest good backup", func(t *testing.T) {
		dir := t.TempDir()
		path := chapterFile(t, dir)
		s, err := db.Open(ctx, path, db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		good, err := s.DailyBackup(ctx, time.Now().AddDate(0, 0, -1))
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		// A newer backup that is itself damaged is passed over.
		bad, err := os.ReadFile(good)
		if err != nil {
			t.Fatal(err)
		}
		newer := filepath.Join(db.BackupsDir(path), "chapter-daily-29991231.db")
		if err := os.WriteFile(newer, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		dbtest.Corrupt(t, newer)
		os.Chtimes(newer, time.Now().Add(time.Hour), time.Now().Add(time.Hour))

		dbtest.Corrupt(t, path)
		before, _ := os.ReadFile(path)
		_, err = db.Open(ctx, path, db.Options{})
		if !errors.Is(err, db.ErrDamaged) {
			t.Fatalf("open of a damaged file: %v", err)
		}
		var de *db.DamagedError
		if !errors.As(err, &de) || de.Backup != good || de.BackupTime.IsZero() {
			t.Fatalf("damaged error %+v; want backup %s", de, good)
		}
		after, _ := os.ReadFile(path)
		if !bytes.Equal(before, after) {
			t.Error("the damaged file was written to")
		}
		if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
			t.Errorf("%d bytes were written to the damaged file's WAL", fi.Size())
		}
		if _, err := db.Restore(ctx, path, de.Backup, false); err != nil {
			t.Fatalf("restore the backup offered: %v", err)
		}
		s, err = db.Open(ctx, path, db.Options{})
		if err != nil {
			t.Fatalf("open after restore: %v", err)
		}
		s.Close()
	})

	t.Run("says so when there is no good backup", func(t *testing.T) {
		path := chapterFile(t, t.TempDir())
		dbtest.Corrupt(t, path)
		var de *db.DamagedError
		if _, err := db.Open(ctx, path, db.Options{}); !errors.As(err, &de) || de.Backup != "" {
			t.Fatalf("open: %v", err)
		}
	})

	t.Run("CheckBackup refuses a damaged backup", func(t *testing.T) {
		path := chapterFile(t, t.TempDir())
		dbtest.Corrupt(t, path)
		if err := db.CheckBackup(ctx, path); !errors.Is(err, db.ErrDamaged) {
			t.Errorf("check: %v", err)
		}
	})
}
