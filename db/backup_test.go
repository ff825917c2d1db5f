package db_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

func TestBackupAndRestore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "chapter.db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	camp := dbtest.Campaign(t, s)
	leg := dbtest.Legislator(t, s, db.ChamberUpper, "First Suffolk", "Lydia Edwards")
	vol := dbtest.Volunteer(t, s, "Ana", "Souza", func(v *db.Volunteer) { v.Tags = []string{"phonebank"}; v.Phone = "617-555-0100" })
	s.CreateCallReport(ctx, db.CallReport{CampaignID: camp, VolunteerID: vol, LegislatorID: leg, Outcome: db.OutcomeSpokeStaff,
		StanceHeard: db.StanceYes}, true)
	backup := filepath.Join(dir, "copy.db")
	if err := s.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	dbtest.Volunteer(t, s, "After", "Backup", nil)
	s.Close()

	t.Run("a backup is readable only by its owner and holds the same data", func(t *testing.T) {
		fi, _ := os.Stat(backup)
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("mode %v", fi.Mode().Perm())
		}
		if err := db.CheckBackup(ctx, backup); err != nil {
			t.Fatal(err)
		}
		b := dbtest.Digests(t, backup)
		if b["volunteers"][:2] != "1 " || b["call_reports"][:2] != "1 " || b["stance_history"][:2] != "1 " {
			t.Errorf("backup digests %v", b)
		}
	})

	t.Run("restore brings every table back exactly and keeps the replaced file", func(t *testing.T) {
		before := dbtest.Digests(t, path)
		want := dbtest.Digests(t, backup)
		kept, err := db.Restore(ctx, path, backup, false)
		if err != nil {
			t.Fatal(err)
		}
		if got := dbtest.Digests(t, path); !reflect.DeepEqual(got, want) {
			t.Errorf("after restore:\n got %v\nwant %v", got, want)
		}
		if got := dbtest.Digests(t, kept); !reflect.DeepEqual(got, before) {
			t.Errorf("the kept file differs from what was replaced")
		}
		if fi, _ := os.Stat(kept); fi.Mode().Perm() != 0o600 {
			t.Errorf("kept file mode %v", fi.Mode().Perm())
		}
	})

	t.Run("restore refuses a file that is not a ChapterDesk backup, changing nothing", func(t *testing.T) {
		junk := filepath.Join(dir, "junk.db")
		os.WriteFile(junk, []byte("not a database at all, just text that is long enough to look like a header......................."), 0o600)
		before := dbtest.Digests(t, path)
		if _, err := db.Restore(ctx, path, junk, false); !errors.Is(err, db.ErrNotDatabase) {
			t.Errorf("err = %v", err)
		}
		if got := dbtest.Digests(t, path); !reflect.DeepEqual(got, before) {
			t.Error("the data file changed")
		}
	})

	t.Run("restore refuses while another ChapterDesk has the file open", func(t *testing.T) {
		holder, err := db.Open(ctx, path, db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer holder.Close()
		if _, err := db.Restore(ctx, path, backup, false); !errors.Is(err, db.ErrInUse) {
			t.Errorf("err = %v", err)
		}
	})

	t.Run("backup refuses to overwrite a file", func(t *testing.T) {
		s, _ := db.Open(ctx, filepath.Join(dir, "other.db"), db.Options{})
		defer s.Close()
		if err := s.Backup(ctx, backup); err == nil {
			t.Error("overwrote an existing file")
		}
	})
}

func TestDailyBackup(t *testing.T) {
	ctx := context.Background()
	s := dbtest.OpenFile(t)
	dbtest.Volunteer(t, s, "Ana", "Souza", nil)
	day := func(d int) time.Time { return time.Date(2026, 11, d, 9, 0, 0, 0, time.Local) }
	first, err := s.DailyBackup(ctx, day(1))
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := s.DailyBackup(ctx, day(1)); again != first {
		t.Errorf("a second backup the same day: %s", again)
	}
	for d := 2; d <= 10; d++ {
		if _, err := s.DailyBackup(ctx, day(d)); err != nil {
			t.Fatal(err)
		}
	}
	kept, _ := filepath.Glob(filepath.Join(db.BackupsDir(s.Path()), "*-daily-*.db"))
	if len(kept) != 7 || filepath.Base(kept[0]) != "chapter-daily-20261104.db" {
		t.Errorf("kept %v", kept)
	}
	for _, k := range kept {
		if fi, _ := os.Stat(k); fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v", k, fi.Mode().Perm())
		}
	}
	if err := db.CheckBackup(ctx, kept[6]); err != nil {
		t.Error(err)
	}
}

func TestListBackups(t *testing.T) {
	ctx := context.Background()
	s := dbtest.OpenFile(t)
	if got, err := db.ListBackups(s.Path()); err != nil || len(got) != 0 {
		t.Fatalf("before any backup: %v, %v", got, err)
	}
	daily, err := s.DailyBackup(ctx, time.Date(2026, 11, 24, 9, 0, 0, 0, time.Local))
	if err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	os.Chtimes(daily, old, old)
	manual, err := s.BackupNow(ctx, time.Date(2026, 11, 25, 9, 30, 0, 0, time.Local))
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.ListBackups(s.Path())
	if err != nil || len(got) != 2 {
		t.Fatalf("listed %+v, %v", got, err)
	}
	if got[0].Path != manual || got[0].Kind != "manual" || got[1].Path != daily || got[1].Kind != "daily" || got[0].Size == 0 {
		t.Errorf("listed %+v", got)
	}
	if err := db.CheckBackup(ctx, manual); err != nil {
		t.Errorf("the manual backup does not check: %v", err)
	}
}
