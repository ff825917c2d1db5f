package db_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"testing"
	"time"

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

	t.Run("only a file as the usual open would leave it opens at once", func(t *testing.T) {
		exec := func(t *testing.T, path, q string) {
			t.Helper()
			c, err := sql.Open("sqlite", "file:"+path)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			if _, err := c.Exec(q); err != nil {
				t.Fatal(err)
			}
		}
		path := chapterFile(t, t.TempDir())
		if !db.ReadyAsIs(ctx, path) {
			t.Fatal("a file the app closed is not ready as it is")
		}
		s, err := db.Open(ctx, path, beside)
		if err != nil {
			t.Fatal(err)
		}
		if !db.CheckedBeside(s) {
			t.Error("a sound file waited for its check")
		}
		s.Close()
		exec(t, path, `DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)`)
		if db.ReadyAsIs(ctx, path) {
			t.Error("a file with an older schema is ready as it is")
		}

		for _, c := range []struct{ name, change, after string }{
			// The fix-ups: the districts', the earlier sessions' stances and marks, the
			// stances on trashed calls, the record of removed links.
			{"a fix-up to apply", `DELETE FROM data_fixups`, `SELECT CASE WHEN count(*) = 5 THEN 1 ELSE 0 END FROM data_fixups`},
			{"no chapter of its own", `UPDATE chapters SET is_self = 0`, `SELECT count(*) FROM chapters WHERE is_self = 1`},
		} {
			path := chapterFile(t, t.TempDir())
			exec(t, path, c.change)
			s, err := db.Open(ctx, path, beside)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if db.CheckedBeside(s) {
				t.Errorf("%s: opened before the open's own writes", c.name)
			}
			s.Close()
			var n int
			r, _ := sql.Open("sqlite", "file:"+path+"?mode=ro")
			if err := r.QueryRow(c.after).Scan(&n); err != nil || n != 1 {
				t.Errorf("%s: after the open %q gives %d, %v", c.name, c.after, n, err)
			}
			r.Close()
		}

		path = chapterFile(t, t.TempDir())
		dbtest.Corrupt(t, path)
		r, err := db.FullCheck(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.RecordCheck(r); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Open(ctx, path, beside); !errors.Is(err, db.ErrDamaged) {
			t.Errorf("a file a full check marked damaged: %v", err)
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
		if db.CheckedBeside(s) {
			t.Error("a file out of WAL opened before its switch")
		}
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
		started := make(chan struct{}, 1)
		defer db.HoldBesideCheck(started)()
		s, err := db.Open(ctx, path, beside)
		if err != nil {
			t.Fatal(err)
		}
		<-started
		closed := make(chan error, 1)
		go func() { closed <- s.Close() }()
		select {
		case err := <-closed:
			if err != nil {
				t.Fatal(err)
			}
		case <-time.After(10 * time.Second):
			t.Fatal("Close waits on the check instead of stopping it")
		}
		if err := s.Opened(ctx); !errors.Is(err, context.Canceled) {
			t.Errorf("opened: %v", err)
		}
		s, err = db.Open(ctx, path, db.Options{})
		if err != nil {
			t.Fatalf("open after: %v", err)
		}
		s.Close()
	})
}
