package db_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestCheckBeside: the app's start (Options.CheckBeside) reads a file while its quick
// check runs; no write lands before the check has passed.
func TestCheckBeside(t *testing.T) {
	ctx := context.Background()
	beside := db.Options{DeferFullCheck: true, CheckBeside: true}
	count := func(t *testing.T, s *db.Store) int {
		t.Helper()
		n, err := s.CountVolunteers(ctx, db.VolunteerFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	t.Run("a sound file reads at once and is written after its check", func(t *testing.T) {
		path := chapterFile(t, t.TempDir())
		s, err := db.Open(ctx, path, beside)
		if err != nil {
			t.Fatal(err)
		}
		if n := count(t, s); n != 3000 {
			t.Errorf("%d volunteers read; want 3000", n)
		}
		if _, err := s.CreateVolunteer(ctx, db.NewVolunteer("Ana", "Lima")); err != nil {
			t.Fatalf("write after the check: %v", err)
		}
		if err := s.Opened(ctx); err != nil {
			t.Fatalf("opened: %v", err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		s, err = db.Open(ctx, path, db.Options{})
		if err != nil {
			t.Fatalf("the usual open after: %v", err)
		}
		defer s.Close()
		if n := count(t, s); n != 3001 {
			t.Errorf("%d volunteers after the write; want 3001", n)
		}
	})

	t.Run("damage the check finds refuses every write and leaves the file as it was", func(t *testing.T) {
		path := chapterFile(t, t.TempDir())
		dbtest.Corrupt(t, path)
		before, _ := os.ReadFile(path)
		s, err := db.Open(ctx, path, beside)
		if err != nil {
			t.Fatalf("a file that reads as it is opens at once: %v", err)
		}
		// Before Opened: the write itself must wait for the check.
		if _, err := s.CreateVolunteer(ctx, db.NewVolunteer("Ana", "Lima")); !errors.Is(err, db.ErrDamaged) {
			t.Errorf("write to a damaged file: %v", err)
		}
		var de *db.DamagedError
		if err := s.Opened(ctx); !errors.As(err, &de) || s.Damaged() != de {
			t.Errorf("opened: %v; damaged: %v", err, s.Damaged())
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		after, _ := os.ReadFile(path)
		if !bytes.Equal(before, after) {
			t.Error("the damaged file was written to")
		}
		if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() > 0 {
			t.Errorf("%d bytes were written to the damaged file's WAL", fi.Size())
		}
		if _, err := db.Open(ctx, path, db.Options{}); !errors.Is(err, db.ErrDamaged) {
			t.Errorf("the usual open after: %v", err)
		}
	})

	t.Run("a file the open must write to first gets the usual open", func(t *testing.T) {
		path := chapterFile(t, t.TempDir())
		c, err := sql.Open("sqlite", "file:"+path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Exec(`PRAGMA journal_mode = DELETE`); err != nil {
			t.Fatal(err)
		}
		c.Close()
		s, err := db.Open(ctx, path, beside)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if _, err := s.CreateVolunteer(ctx, db.NewVolunteer("Ana", "Lima")); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(path + "-wal"); err != nil || fi.Size() == 0 {
			t.Errorf("the file was not switched back to WAL: %v", err)
		}
		if n := count(t, s); n != 3001 {
			t.Errorf("%d volunteers; want 3001", n)
		}
	})

	t.Run("closed during its check", func(t *testing.T) {
		path := chapterFile(t, t.TempDir())
		s, err := db.Open(ctx, path, beside)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		s, err = db.Open(ctx, path, db.Options{})
		if err != nil {
			t.Fatalf("open after: %v", err)
		}
		s.Close()
	})
}
