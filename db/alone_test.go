package db_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestLargeLoadAlone: a large load on a store opened Alone writes through SQLite's
// rollback journal ("-journal" beside the file while it runs) and leaves the file in
// WAL; without Alone, or while another connection has the file open, it keeps the
// WAL. Either way the rows land.
func TestLargeLoadAlone(t *testing.T) {
	if os.Getenv("CHAPTERDESK_TEST_BACKEND") == "postgres" {
		t.Skip("a data file's journal")
	}
	ctx := context.Background()
	for _, c := range []struct {
		name         string
		alone, large bool
		otherReader  bool
		wantJournal  bool
	}{
		{name: "alone and large", alone: true, large: true, wantJournal: true},
		{name: "not alone", large: true},
		{name: "alone, small", alone: true},
		{name: "alone, another reader open", alone: true, large: true, otherReader: true},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := dbtest.File(t)
			if c.otherReader {
				raw := dbtest.Raw(t, path)
				var n int
				if err := raw.QueryRow(`SELECT count(*) FROM volunteers`).Scan(&n); err != nil {
					t.Fatal(err)
				}
				// database/sql keeps the connection open, idle, as the app's readers do.
			}
			s, err := db.Open(ctx, path, db.Options{Alone: c.alone})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			journal := false
			err = s.Load(ctx, db.LoadOptions{Large: c.large}, func(l *db.Loader) error {
				for i := range 50 {
					v := db.NewVolunteer("Ana", fmt.Sprint(i))
					if err := l.AddVolunteer(&v); err != nil {
						return err
					}
				}
				_, err := os.Stat(path + "-journal")
				journal = err == nil
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if journal != c.wantJournal {
				t.Errorf("rollback journal during the load: %v, want %v", journal, c.wantJournal)
			}
			if _, err := os.Stat(path + "-journal"); err == nil {
				t.Error("the journal is still there after the load")
			}
			var mode string
			var n int
			if err := dbtest.Raw(t, path).QueryRow(`SELECT (SELECT journal_mode FROM pragma_journal_mode), (SELECT count(*) FROM volunteers)`).Scan(&mode, &n); err != nil {
				t.Fatal(err)
			}
			if mode != "wal" || n != 50 {
				t.Errorf("after the load: journal mode %q and %d volunteers, want wal and 50", mode, n)
			}
			// The store's readers work again.
			if got, err := s.Counts(ctx); err != nil || len(got) == 0 {
				t.Errorf("counts after the load: %v, %v", got, err)
			}
		})
	}
}

// TestHotJournalRolledBack: a large load killed half way leaves the file with some of
// its pages written and the journal of their old contents beside it. Every open, a
// reading one first, plays the journal back: the file is as it was before the load,
// whole, and in WAL again. While the load runs, other opens are refused with the
// reason.
func TestHotJournalRolledBack(t *testing.T) {
	if os.Getenv("CHAPTERDESK_TEST_BACKEND") == "postgres" {
		t.Skip("a data file's journal")
	}
	ctx := context.Background()
	path := dbtest.File(t)
	s, err := db.Open(ctx, path, db.Options{Alone: true})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		dbtest.Volunteer(t, s, "Seed", fmt.Sprint(i), nil)
	}
	before := dbtest.Digests(t, path)
	crashed := filepath.Join(t.TempDir(), "crashed.db")
	err = s.Load(ctx, db.LoadOptions{Large: true}, func(l *db.Loader) error {
		// More than the load's page cache (16 MiB), so that SQLite writes pages to the
		// file itself before the commit; then the file and its journal are copied as a
		// kill at this moment would leave them.
		for i := range 12_000 {
			v := db.NewVolunteer("Ana", fmt.Sprint(i))
			v.Notes = strings.Repeat("note ", 400)
			if err := l.AddVolunteer(&v); err != nil {
				return err
			}
		}
		if err := copyPlain(path, crashed); err != nil {
			return err
		}
		if err := copyPlain(path+"-journal", crashed+"-journal"); err != nil {
			return err
		}
		// Meanwhile the file is this load's alone (SQLite's exclusive lock): another
		// writer is told at once who has it, and a reader, after SQLite's wait, why.
		start := time.Now()
		if _, err := db.Open(ctx, path, db.Options{}); !errors.Is(err, db.ErrInUse) || time.Since(start) > 2*time.Second {
			t.Errorf("a writer's open during the load: %v after %v", err, time.Since(start))
		}
		if _, err := db.Open(ctx, path, db.Options{ReadOnly: true}); !errors.Is(err, db.ErrBusyAlone) {
			t.Errorf("a reader's open during the load: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if fi, err := os.Stat(crashed + "-journal"); err != nil || fi.Size() == 0 {
		t.Fatalf("no journal was copied: %v", err)
	}
	if same, _ := sameBytes(path, crashed); same {
		t.Fatal("the copy equals the finished file: the load wrote nothing before its commit")
	}
	r, err := db.Open(ctx, crashed, db.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("a reading open after the kill: %v", err)
	}
	r.Close()
	if _, err := os.Stat(crashed + "-journal"); err == nil {
		t.Error("the journal is still there after a reading open")
	}
	after := dbtest.Digests(t, crashed)
	for table, d := range before {
		if after[table] != d {
			t.Errorf("%s differs from before the load", table)
		}
	}
	var mode, check string
	if err := dbtest.Raw(t, crashed).QueryRow(`SELECT (SELECT journal_mode FROM pragma_journal_mode), (SELECT quick_check FROM pragma_quick_check)`).Scan(&mode, &check); err != nil {
		t.Fatal(err)
	}
	if mode != "wal" || check != "ok" {
		t.Errorf("after the play-back: journal mode %q, quick check %q", mode, check)
	}
	w, err := db.Open(ctx, crashed, db.Options{})
	if err != nil {
		t.Fatalf("a writing open after the play-back: %v", err)
	}
	w.Close()
}

// TestBusyAlone: a reader that meets SQLite's lock while another process's import has
// the file to itself is told so, with that process; other errors pass as they are.
func TestBusyAlone(t *testing.T) {
	if os.Getenv("CHAPTERDESK_TEST_BACKEND") == "postgres" {
		t.Skip("a data file's lock")
	}
	path := dbtest.File(t)
	locked := errors.New("database is locked (5) (SQLITE_BUSY)")
	if err := db.BusyAlone(path, locked); err != locked {
		t.Errorf("with nobody writing: %v", err)
	}
	// A store open for writing holds the writer's lock, which another open of the lock
	// file (as another process would make) finds taken.
	s, err := db.Open(context.Background(), path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	err = db.BusyAlone(path, locked)
	if !errors.Is(err, db.ErrBusyAlone) || !strings.Contains(err.Error(), fmt.Sprintf("process %d", os.Getpid())) {
		t.Errorf("while an import writes: %v", err)
	}
	other := errors.New("disk I/O error")
	if err := db.BusyAlone(path, other); err != other {
		t.Errorf("another error: %v", err)
	}
}

func copyPlain(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func sameBytes(a, b string) (bool, error) {
	x, err := os.ReadFile(a)
	if err != nil {
		return false, err
	}
	y, err := os.ReadFile(b)
	return string(x) == string(y), err
}
