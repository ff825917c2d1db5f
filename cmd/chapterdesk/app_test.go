package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/ui"
)

func TestWindowDataFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := openStore(ctx, filepath.Join(dir, "chapter.db"), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := &dataFiles{s: s, demoPath: filepath.Join(dir, "demo.db")}
	defer f.close()

	t.Run("an import previews without writing, then imports", func(t *testing.T) {
		ma := ui.ImportRequest{Kind: "legislators", Path: "../../../shared/data/openstates/ma.csv", DryRun: true}
		res, err := f.Import(ctx, ma, nil)
		if err != nil || !strings.Contains(res.Report, "dry run") || res.Summary.Created != 198 {
			t.Fatalf("preview %+v, %v", res, err)
		}
		if ls, _ := f.s.Legislators(ctx); len(ls) != 0 {
			t.Fatalf("the preview wrote %d legislators", len(ls))
		}
		ma.DryRun = false
		if res, err := f.Import(ctx, ma, nil); err != nil || res.Summary.BatchID == 0 {
			t.Fatalf("%+v, %v", res.Summary, err)
		}
		if ls, _ := f.s.Legislators(ctx); len(ls) != 198 {
			t.Errorf("%d legislators imported", len(ls))
		}
	})
	t.Run("a file that is not a roster is refused with its reason", func(t *testing.T) {
		bad := filepath.Join(dir, "notes.csv")
		os.WriteFile(bad, []byte("hello,world\n1,2\n"), 0o600)
		if _, err := f.Import(ctx, ui.ImportRequest{Kind: "volunteers", Path: bad, DryRun: true}, nil); err == nil {
			t.Error("a file without names was accepted")
		}
	})
	t.Run("the window's print verbs run on the file it holds open", func(t *testing.T) {
		out := filepath.Join(dir, "leaflet.pdf")
		said, err := f.RunVerb(ctx, "leaflet", out, "--layout", "trifold", "--lang", "es")
		if err != nil || !strings.Contains(said, "trifold leaflet") {
			t.Fatalf("said %q, %v", said, err)
		}
		if b, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(b), "%PDF") {
			t.Errorf("no PDF written: %v", err)
		}
		if _, err := f.RunVerb(ctx, "leaflet", out, "--lang", "xx"); err == nil || strings.Contains(err.Error(), "chapterdesk:") {
			t.Errorf("a bad language: %v", err)
		}
	})
	t.Run("a backup restores in place and the window gets the reopened file", func(t *testing.T) {
		backup, err := f.s.BackupNow(ctx, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.s.CreateVolunteer(ctx, db.NewVolunteer("Ana", "Souza")); err != nil {
			t.Fatal(err)
		}
		st, err := f.Restore(ctx, backup)
		if err != nil {
			t.Fatal(err)
		}
		if n, _ := st.CountVolunteers(ctx, db.VolunteerFilter{}); n != 0 {
			t.Errorf("after restoring the backup, %d volunteers", n)
		}
	})
	t.Run("another data file opens, and a broken one leaves the current open", func(t *testing.T) {
		junk := filepath.Join(dir, "junk.db")
		os.WriteFile(junk, []byte("not a database at all, just text"), 0o600)
		if _, err := f.Open(ctx, junk); err == nil {
			t.Error("a text file opened as a data file")
		}
		if _, err := f.s.Legislators(ctx); err != nil {
			t.Errorf("the current file is no longer usable: %v", err)
		}
		other := filepath.Join(dir, "other.db")
		st, err := f.Open(ctx, other)
		if err != nil || st.Path() != other {
			t.Fatalf("opened %v, %v", st, err)
		}
	})
}

func TestWindowRestoresADamagedFileAtStart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "chapter.db")
	if code, _, errOut := chapterdesk(t, "demo", "--volunteers", "2000", "--calls", "2000", "--db", path); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	s, err := openStore(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	backup, err := s.BackupNow(ctx, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	dbtest.Corrupt(t, path)

	_, err = openStore(ctx, path, db.Options{})
	var de *db.DamagedError
	if !errors.As(err, &de) || de.Backup != backup {
		t.Fatalf("opening the damaged file: %v", err)
	}
	f := &dataFiles{path: path}
	defer f.close()
	st, err := f.Restore(ctx, de.Backup)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := st.CountVolunteers(ctx, db.VolunteerFilter{}); n != 2000 {
		t.Errorf("after the restore, %d volunteers", n)
	}
}
