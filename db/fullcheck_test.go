package db_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestIndexOnlyDamage is issue 19's case: one flipped byte in an index page, which
// the quick check at every open misses and the full check finds.
func TestIndexOnlyDamage(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := chapterFile(t, dir)
	now := time.Now()

	// Seven good days of backups, each checked as it is made.
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var newestGood string
	for d := 8; d >= 2; d-- {
		if newestGood, err = s.DailyBackup(ctx, now.AddDate(0, 0, -d)); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(newestGood, now.AddDate(0, 0, -d), now.AddDate(0, 0, -d))
	}
	s.Close()
	if bs, _ := db.ListBackups(path); len(bs) != 7 || !bs[0].Checked || bs[0].Damaged {
		t.Fatalf("backups %+v", bs)
	}

	dbtest.CorruptIndex(t, path, "volunteers_email")

	t.Run("the quick check misses it", func(t *testing.T) {
		if err := db.QuickCheck(ctx, path); err != nil {
			t.Fatalf("quick check: %v", err)
		}
	})
	t.Run("the full check finds it, and that it lies only in an index", func(t *testing.T) {
		r, err := db.FullCheck(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if r.Intact() || !r.IndexOnly || r.Problems[0] != "index volunteers_email: 1 row missing" {
			t.Fatalf("report %+v", r)
		}
	})
	t.Run("the app's open defers the check; once it finds the damage every write is refused", func(t *testing.T) {
		s, err := db.Open(ctx, path, db.Options{DeferFullCheck: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if !s.NeedsFullCheck(time.Now()) {
			t.Error("a file changed outside ChapterDesk does not need a full check")
		}
		before := dbtest.Digests(t, path)
		r, err := s.FullCheck(ctx)
		if err != nil || r.Intact() {
			t.Fatalf("check: %+v %v", r, err)
		}
		_, err = s.CreateVolunteer(ctx, db.NewVolunteer("Ana", "Souza"))
		var de *db.DamagedError
		if !errors.As(err, &de) || !de.IndexOnly || de.Backup != newestGood {
			t.Fatalf("write after the check: %v (%+v)", err, de)
		}
		if _, err := s.DailyBackup(ctx, now); !errors.Is(err, db.ErrDamaged) {
			t.Errorf("daily backup of a damaged file: %v", err)
		}
		if after := dbtest.Digests(t, path); after["volunteers"] != before["volunteers"] {
			t.Error("the refused write changed the file")
		}
		if _, ok := db.DamageMark(path); !ok {
			t.Error("no damage marker beside the file")
		}
	})
	t.Run("every later open for writing refuses it, naming the newest good backup", func(t *testing.T) {
		_, err := db.Open(ctx, path, db.Options{})
		var de *db.DamagedError
		if !errors.As(err, &de) || !de.IndexOnly || de.Backup != newestGood ||
			!strings.Contains(err.Error(), "chapterdesk check --repair") {
			t.Fatalf("open: %v", err)
		}
		if s, err := db.Open(ctx, path, db.Options{ReadOnly: true}); err != nil {
			t.Errorf("reading it: %v", err)
		} else {
			s.Close()
		}
	})
	t.Run("the copy of a damaged file fails its check, is kept under a name that says so, and rotation keeps the good ones", func(t *testing.T) {
		// A store that only reads skips the checks at open, as a backup made before
		// the damage was found would have.
		s, err := db.Open(ctx, path, db.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		renamed, err := s.DailyBackup(ctx, now)
		s.Close()
		if !errors.Is(err, db.ErrDamaged) || !strings.HasPrefix(filepath.Base(renamed), "chapter-damaged-daily-") {
			t.Fatalf("daily backup: %s %v", renamed, err)
		}
		bs, _ := db.ListBackups(path)
		good, damaged := 0, 0
		for _, b := range bs {
			if b.Damaged {
				damaged++
			} else if b.Checked {
				good++
			}
		}
		if good != 7 || damaged != 1 {
			t.Errorf("%d good, %d damaged: %+v", good, damaged, bs)
		}
		if g, _, _ := db.NewestGoodBackup(ctx, path); g != newestGood {
			t.Errorf("newest good backup %s, want %s", g, newestGood)
		}
	})
	t.Run("REINDEX repairs it, after a backup of the file as it was", func(t *testing.T) {
		kept, err := db.RepairIndexes(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(kept); err != nil || !strings.Contains(kept, "damaged-before-repair") {
			t.Errorf("kept %q: %v", kept, err)
		}
		if r, err := db.FullCheck(ctx, path); err != nil || !r.Intact() {
			t.Fatalf("after repair: %+v %v", r, err)
		}
		if _, ok := db.DamageMark(path); ok {
			t.Error("the marker stayed")
		}
		s, err := db.Open(ctx, path, db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if s.NeedsFullCheck(time.Now()) {
			t.Error("a file just checked needs a check")
		}
		if _, err := s.CreateVolunteer(ctx, db.NewVolunteer("Ana", "Souza")); err != nil {
			t.Errorf("write after repair: %v", err)
		}
	})
}

func TestRestoreClearsDamage(t *testing.T) {
	ctx := context.Background()
	path := chapterFile(t, t.TempDir())
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	good, err := s.DailyBackup(ctx, time.Now().AddDate(0, 0, -1))
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	dbtest.CorruptIndex(t, path, "volunteers_email")
	if _, err := db.Open(ctx, path, db.Options{}); !errors.Is(err, db.ErrDamaged) {
		t.Fatalf("open: %v", err)
	}
	if _, err := db.Restore(ctx, path, good, false); err != nil {
		t.Fatal(err)
	}
	if _, ok := db.DamageMark(path); ok {
		t.Error("the marker outlived the restore")
	}
	s, err = db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatalf("open after restore: %v", err)
	}
	s.Close()
}

func TestFullCheckAtOpen(t *testing.T) {
	ctx := context.Background()
	t.Run("a file ChapterDesk left as it is opens without a full check", func(t *testing.T) {
		path := chapterFile(t, t.TempDir())
		if r, err := db.FullCheck(ctx, path); err != nil || db.RecordCheck(r) != nil {
			t.Fatal(err)
		}
		s, err := db.Open(ctx, path, db.Options{DeferFullCheck: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if s.NeedsFullCheck(time.Now()) {
			t.Error("the file is taken as changed outside ChapterDesk")
		}
		if !s.NeedsFullCheck(time.Now().Add(25 * time.Hour)) {
			t.Error("a check a day old is taken as fresh")
		}
	})
	t.Run("the command line checks a file changed outside in full and refuses it", func(t *testing.T) {
		path := chapterFile(t, t.TempDir())
		dbtest.CorruptIndex(t, path, "volunteers_email")
		if _, err := db.Open(ctx, path, db.Options{}); !errors.Is(err, db.ErrDamaged) {
			t.Fatalf("open: %v", err)
		}
	})
	t.Run("a small file is checked in full before writing even when nothing else changed", func(t *testing.T) {
		path := chapterFile(t, t.TempDir())
		dbtest.CorruptIndex(t, path, "volunteers_email")
		if err := db.Seal(path); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Open(ctx, path, db.Options{FullCheckUpTo: 32 << 20}); !errors.Is(err, db.ErrDamaged) {
			t.Errorf("open of a small file: %v", err)
		}
		os.Remove(path + ".damaged")
		s, err := db.Open(ctx, path, db.Options{FullCheckUpTo: 1 << 10})
		if err != nil {
			t.Fatalf("a larger file is left to the daily check: %v", err)
		}
		s.Close()
	})
	t.Run("a write interrupts a background check at once", func(t *testing.T) {
		path := chapterFile(t, t.TempDir())
		s, err := db.Open(ctx, path, db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		errc := make(chan error, 1)
		go func() {
			for {
				_, err := s.FullCheck(ctx)
				if err == nil {
					continue // finished before the write: run it again
				}
				errc <- err
				return
			}
		}()
		time.Sleep(20 * time.Millisecond)
		for {
			if _, err := s.CreateVolunteer(ctx, db.NewVolunteer("Ana", "Souza")); err != nil {
				t.Fatal(err)
			}
			select {
			case err := <-errc:
				if !errors.Is(err, db.ErrCheckInterrupted) {
					t.Fatalf("check: %v", err)
				}
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	})
}

func TestDailyRound(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	setup := func(t *testing.T) (string, string) {
		path := chapterFile(t, t.TempDir())
		s, err := db.Open(ctx, path, db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		var newest string
		for d := 8; d >= 2; d-- {
			if newest, err = s.DailyBackup(ctx, now.AddDate(0, 0, -d)); err != nil {
				t.Fatal(err)
			}
		}
		return path, newest
	}
	count := func(path string) (good, damaged int) {
		bs, _ := db.ListBackups(path)
		for _, b := range bs {
			if b.Damaged {
				damaged++
			} else if b.Checked {
				good++
			}
		}
		return good, damaged
	}
	t.Run("on an intact file: today's backup, the check, and seven kept", func(t *testing.T) {
		path, _ := setup(t)
		s, err := db.Open(ctx, path, db.Options{DeferFullCheck: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		r, err := s.DailyRound(ctx, now)
		if err != nil || !r.Intact() {
			t.Fatalf("round: %+v %v", r, err)
		}
		if good, damaged := count(path); good != 7 || damaged != 0 {
			t.Errorf("%d good, %d damaged", good, damaged)
		}
		if s.NeedsFullCheck(now) {
			t.Error("needs a check right after one")
		}
	})
	t.Run("on a damaged file: today's copy is marked damaged and the seven good stay", func(t *testing.T) {
		path, newest := setup(t)
		dbtest.CorruptIndex(t, path, "volunteers_email")
		s, err := db.Open(ctx, path, db.Options{DeferFullCheck: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		r, err := s.DailyRound(ctx, now)
		if err != nil || r.Intact() || s.Damaged() == nil {
			t.Fatalf("round: %+v %v", r, err)
		}
		if good, damaged := count(path); good != 7 || damaged != 1 {
			t.Errorf("%d good, %d damaged", good, damaged)
		}
		if g, _, _ := db.NewestGoodBackup(ctx, path); g != newest {
			t.Errorf("newest good %s, want %s", g, newest)
		}
	})
}

// TestIndexPageDamage is the tester's h71 repro-4: bytes flipped in a leaf page of an
// index damage that page itself (the quick check finds it, integrity_check names the
// page), yet every table is whole and REINDEX builds the index again. It was refused
// as damage beyond the indexes. The repair works on a copy: the damaged file is
// replaced only by a copy that passed the full check.
func TestIndexPageDamage(t *testing.T) {
	ctx := context.Background()
	path := chapterFile(t, t.TempDir())
	before := dbtest.Digests(t, path)
	page := dbtest.CorruptIndexPage(t, path, "volunteers_email")
	if err := db.QuickCheck(ctx, path); !errors.Is(err, db.ErrDamaged) {
		t.Fatalf("the quick check missed the damaged page: %v", err)
	}
	r, err := db.FullCheck(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	named := false
	for _, p := range r.Problems {
		named = named || strings.Contains(p, fmt.Sprintf("page %d", page))
	}
	if !named || !r.IndexOnly {
		t.Fatalf("page %d of volunteers_email: %+v", page, r)
	}
	kept, err := db.RepairIndexes(ctx, path)
	if err != nil {
		t.Fatalf("repair: %v", err)
	}
	if _, err := os.Stat(kept); err != nil {
		t.Errorf("the file as it was is not kept: %v", err)
	}
	if r, err := db.FullCheck(ctx, path); err != nil || !r.Intact() {
		t.Fatalf("after repair: %+v %v", r, err)
	}
	if after := dbtest.Digests(t, path); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("the repair changed the data:\n%v\n%v", before, after)
	}
	if leftovers, _ := filepath.Glob(path + ".repair*"); len(leftovers) > 0 {
		t.Errorf("the repair left %v", leftovers)
	}
}

// TestCheckNoChapter is the tester's h71 repro-3: the checks said "intact" of a data
// file cut to 0 bytes and of another program's SQLite file. The first is damage, the
// second cannot be checked, and neither is sealed as checked.
func TestCheckNoChapter(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	t.Run("a file cut to 0 bytes is damage", func(t *testing.T) {
		path := chapterFile(t, t.TempDir())
		s, err := db.Open(ctx, path, db.Options{}) // seals it, as every close does
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		if err := os.Truncate(path, 0); err != nil {
			t.Fatal(err)
		}
		if err := db.QuickCheck(ctx, path); !errors.Is(err, db.ErrDamaged) {
			t.Errorf("quick check: %v", err)
		}
		r, err := db.FullCheck(ctx, path)
		if err != nil || r.Intact() || r.IndexOnly || !strings.Contains(r.Problems[0], "0 bytes") {
			t.Errorf("full check: %+v %v", r, err)
		}
	})
	t.Run("an empty file nothing ever kept a chapter in holds no chapter", func(t *testing.T) {
		path := filepath.Join(dir, "empty.db")
		os.WriteFile(path, nil, 0o600)
		if err := db.QuickCheck(ctx, path); !errors.Is(err, db.ErrNotDatabase) {
			t.Errorf("quick check: %v", err)
		}
		if _, err := db.FullCheck(ctx, path); !errors.Is(err, db.ErrNotDatabase) {
			t.Errorf("full check: %v", err)
		}
	})
	t.Run("another program's SQLite file is not a ChapterDesk database", func(t *testing.T) {
		path := filepath.Join(dir, "other.db")
		c, err := sql.Open("sqlite", path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Exec(`CREATE TABLE t(x); INSERT INTO t VALUES (1)`); err != nil {
			t.Fatal(err)
		}
		c.Close()
		if err := db.QuickCheck(ctx, path); !errors.Is(err, db.ErrNotDatabase) {
			t.Errorf("quick check: %v", err)
		}
		if _, err := db.FullCheck(ctx, path); !errors.Is(err, db.ErrNotDatabase) {
			t.Errorf("full check: %v", err)
		}
	})
}

// TestRepairThatFails: a table holding one uuid twice under its unique index is
// judged index damage (every line is "non-unique entry in index"), but REINDEX on the
// copy fails. The marker went on saying "repairable"; it must say the repair failed,
// and that the newest good backup, which it names, is the way back.
func TestRepairThatFails(t *testing.T) {
	ctx := context.Background()
	path := chapterFile(t, t.TempDir())
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	good, err := s.DailyBackup(ctx, time.Now().AddDate(0, 0, -1))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	// The index made non-unique while a second row takes the first one's uuid, then
	// unique again: the pages are sound, the table breaks the index's rule.
	for _, q := range []string{
		`PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = 'CREATE INDEX volunteers_uuid ON volunteers (uuid)' WHERE name = 'volunteers_uuid'`,
		`UPDATE volunteers SET uuid = (SELECT uuid FROM volunteers WHERE id = 1) WHERE id = 2; PRAGMA wal_checkpoint(TRUNCATE)`,
		`PRAGMA writable_schema = ON; UPDATE sqlite_schema SET sql = 'CREATE UNIQUE INDEX volunteers_uuid ON volunteers (uuid)' WHERE name = 'volunteers_uuid'; PRAGMA wal_checkpoint(TRUNCATE)`,
	} {
		c, err := sql.Open("sqlite", "file:"+path)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		c.Close()
	}
	r, err := db.FullCheck(ctx, path)
	if err != nil || r.Intact() {
		t.Fatalf("full check: %+v %v", r, err)
	}
	if _, err := db.RepairIndexes(ctx, path); err == nil {
		t.Fatal("the repair of a table that breaks a unique index succeeded")
	}
	mark, ok := db.DamageMark(path)
	if !ok || mark.IndexOnly || mark.RepairFailed == "" || mark.Backup != good {
		t.Fatalf("after the failed repair the marker says %+v", mark)
	}
	data, _ := os.ReadFile(path + ".damaged")
	if strings.Contains(string(data), "repairable") || !strings.Contains(string(data), "chapterdesk restore "+good) {
		t.Errorf("marker:\n%s", data)
	}
}
