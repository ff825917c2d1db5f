package db_test

import (
	"context"
	"database/sql"
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
	fileJournalsOnly(t)
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
// its pages written and the journal of their old contents beside it. A reading open
// and a check refuse the file with the reason; an open for writing plays the journal
// back: the file is as it was before the load, whole, and in WAL again. While the load
// runs, other opens are refused at once with the reason.
func TestHotJournalRolledBack(t *testing.T) {
	fileJournalsOnly(t)
	ctx := context.Background()
	path, s := openAlone(t)
	for i := range 20 {
		dbtest.Volunteer(t, s, "Seed", fmt.Sprint(i), nil)
	}
	before := dbtest.Digests(t, path)
	crashed := filepath.Join(t.TempDir(), "crashed.db")
	crashed2 := filepath.Join(t.TempDir(), "crashed2.db") // for a restore
	err := s.Load(ctx, db.LoadOptions{Large: true}, func(l *db.Loader) error {
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
		if err := copyPlain(path, crashed2); err != nil {
			return err
		}
		if err := copyPlain(path+"-journal", crashed2+"-journal"); err != nil {
			return err
		}
		// Meanwhile the file is this load's alone (SQLite's exclusive lock): another
		// writer and a reader are told at once who has it, rather than after SQLite's
		// 5 s wait.
		start := time.Now()
		if _, err := db.Open(ctx, path, db.Options{}); !errors.Is(err, db.ErrInUse) {
			t.Errorf("a writer's open during the load: %v", err)
		}
		readsRefused(t, path, db.ErrBusyAlone, "during the load")
		if took := time.Since(start); took > 2*time.Second {
			t.Errorf("the opens during the load were refused after %v", took)
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
	// A reading open and a check never write, so they cannot play it back.
	readsRefused(t, crashed, db.ErrJournalLeft, "after the kill")
	w, err := db.Open(ctx, crashed, db.Options{})
	if err != nil {
		t.Fatalf("a writing open after the kill: %v", err)
	}
	w.Close()
	if _, err := os.Stat(crashed + "-journal"); err == nil {
		t.Error("the journal is still there after a writing open")
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

	// A restore over the other copy keeps the file as it stands, played back, and
	// leaves no journal to meet the restored file.
	good := filepath.Join(t.TempDir(), "good.db")
	if err := copyPlain(path, good); err != nil {
		t.Fatal(err)
	}
	kept, err := db.Restore(ctx, crashed2, good, false)
	if err != nil {
		t.Fatalf("restore over a file left half written: %v", err)
	}
	if _, err := os.Stat(crashed2 + "-journal"); err == nil {
		t.Error("a journal is beside the restored file")
	}
	keptDigests := dbtest.Digests(t, kept)
	for table, d := range before {
		if keptDigests[table] != d {
			t.Errorf("the copy kept by the restore: %s differs from before the load", table)
		}
	}
	if got, want := dbtest.Digests(t, crashed2), dbtest.Digests(t, good); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Error("the restored file differs from the backup")
	}
}

// TestForeignJournalLeftAlone: another program's SQLite file with a journal beside it
// is refused as it is: no open plays its journal back or switches it to WAL.
func TestForeignJournalLeftAlone(t *testing.T) {
	fileJournalsOnly(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "other.db")
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`CREATE TABLE notes (body TEXT)`, `INSERT INTO notes VALUES ('kept')`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	// A journal as SQLite writes one (its magic, then a page): not ChapterDesk's to play.
	journal := append([]byte{0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7}, make([]byte, 4096)...)
	if err := os.WriteFile(path+"-journal", journal, 0o600); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Open(context.Background(), path, db.Options{}); !errors.Is(err, db.ErrNotDatabase) {
		t.Errorf("a writing open of another program's file: %v", err)
	}
	// A reading open does not open the file itself to tell whose it is (see
	// journalLeft): it refuses it for its journal, and writes nothing either.
	if _, err := db.Open(context.Background(), path, db.Options{ReadOnly: true}); !errors.Is(err, db.ErrJournalLeft) {
		t.Errorf("a reading open of another program's file: %v", err)
	}
	after, _ := os.ReadFile(path)
	if string(after) != string(before) {
		t.Error("the other program's file was changed")
	}
	if got, _ := os.ReadFile(path + "-journal"); string(got) != string(journal) {
		t.Error("the other program's journal was changed")
	}
}

// TestAloneWaitsForEarlyReader: a reader that began before the load wrote its first
// page holds the file until its transaction ends. The load waits for it, however
// long past SQLite's usual 5 s, instead of failing at its commit after all its work.
func TestAloneWaitsForEarlyReader(t *testing.T) {
	fileJournalsOnly(t)
	ctx := context.Background()
	path, s := openAlone(t)
	defer s.Close()
	const hold = 6 * time.Second
	start := time.Now()
	err := s.Load(ctx, db.LoadOptions{Large: true}, func(l *db.Loader) error {
		// The file is the load's now (the journal switched), nothing written yet.
		rtx, err := dbtest.Raw(t, path).Begin()
		if err != nil {
			return err
		}
		var n int
		if err := rtx.QueryRow(`SELECT count(*) FROM volunteers`).Scan(&n); err != nil {
			return err
		}
		go func() { time.Sleep(hold); rtx.Rollback() }()
		for i := range 2_000 {
			v := db.NewVolunteer("Ana", fmt.Sprint(i))
			if err := l.AddVolunteer(&v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("the load, with a reader holding the file for %v: %v", hold, err)
	}
	if took := time.Since(start); took < hold {
		t.Errorf("the load ended after %v, before the reader did (%v): did it have the file to itself?", took, hold)
	}
	var n int
	if err := dbtest.Raw(t, path).QueryRow(`SELECT count(*) FROM volunteers`).Scan(&n); err != nil || n != 2_000 {
		t.Errorf("%d volunteers after the load (%v), want 2000", n, err)
	}
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

// fileJournalsOnly skips a test of a data file's journal on the PostgreSQL run.
// readsRefused checks that a reading open, a full check and a quick check of the
// file at path each fail with want.
func readsRefused(t *testing.T, path string, want error, when string) {
	t.Helper()
	ctx := context.Background()
	if _, err := db.Open(ctx, path, db.Options{ReadOnly: true}); !errors.Is(err, want) {
		t.Errorf("a reading open %s: %v", when, err)
	}
	if _, err := db.FullCheck(ctx, path); !errors.Is(err, want) {
		t.Errorf("a check %s: %v", when, err)
	}
	if err := db.QuickCheck(ctx, path); !errors.Is(err, want) {
		t.Errorf("a quick check %s: %v", when, err)
	}
}

func fileJournalsOnly(t *testing.T) {
	t.Helper()
	if os.Getenv("CHAPTERDESK_TEST_BACKEND") == "postgres" {
		t.Skip("a data file's journal")
	}
}

// openAlone opens a new data file as a command's import does (db.Options.Alone).
func openAlone(t *testing.T) (string, *db.Store) {
	t.Helper()
	path := dbtest.File(t)
	s, err := db.Open(context.Background(), path, db.Options{Alone: true})
	if err != nil {
		t.Fatal(err)
	}
	return path, s
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

// TestDryRunKeepsWAL: a dry run of a large import writes nothing to keep, so it does
// not take the file to itself (readers go on reading); the same import for real does.
func TestDryRunKeepsWAL(t *testing.T) {
	fileJournalsOnly(t)
	ctx := context.Background()
	for _, dry := range []bool{true, false} {
		path := dbtest.File(t)
		s, err := db.Open(ctx, path, db.Options{Alone: true})
		if err != nil {
			t.Fatal(err)
		}
		journal := false
		src := func(fn func(*db.IncomingVolunteer) error) error {
			for i := range 200 {
				if err := fn(&db.IncomingVolunteer{Line: i + 2, Volunteer: db.NewVolunteer("Ana", fmt.Sprint(i))}); err != nil {
					return err
				}
				if i == 150 {
					_, err := os.Stat(path + "-journal")
					journal = err == nil
				}
			}
			return nil
		}
		_, err = s.ImportVolunteers(ctx, src, db.ImportOptions{DryRun: dry, ExpectedRows: 25_000, Format: "nationbuilder"})
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		if journal == dry {
			t.Errorf("dry run %v: the import had the file to itself: %v", dry, journal)
		}
	}
}

// TestStaleJournalBesideWriter: a journal SQLite would not play back (its first byte
// 0: an import killed before it synced its journal) stays beside the file while the
// app writes it. A reading open beside the app reads, as always: it takes the
// journal for an import's only when the writer's lock says one is importing.
func TestStaleJournalBesideWriter(t *testing.T) {
	fileJournalsOnly(t)
	ctx := context.Background()
	path := dbtest.File(t)
	if err := os.WriteFile(path+"-journal", make([]byte, 512), 0o600); err != nil {
		t.Fatal(err)
	}
	app, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	r, err := db.Open(ctx, path, db.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("a reading open beside the app, with a stale journal: %v", err)
	}
	r.Close()
	if err := db.QuickCheck(ctx, path); err != nil {
		t.Errorf("a check beside the app, with a stale journal: %v", err)
	}
}
