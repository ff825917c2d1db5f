package db_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestEmptyFileIsDamage: a data file cut to 0 bytes is not a new chapter. Open, for
// writing and for reading, refuses it, writes nothing, and names the newest good
// backup.
// TestEmptyFileWithoutHistoryIsNew: an empty file with no seal and no backup beside it
// is one whose first open was killed before SQLite wrote to it; it opens as a new file.
func TestEmptyFileWithoutHistoryIsNew(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := db.Open(context.Background(), path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
}

func TestEmptyFileIsDamage(t *testing.T) {
	ctx := context.Background()
	s := dbtest.OpenFile(t)
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

// TestOpenTightensModes: an existing data file copied in as 0644, and the -wal and
// -shm SQLite creates beside it (with the data file's mode), are 0600 once open; so
// is a -shm an earlier chmod left read-only.
func TestOpenTightensModes(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "chapter.db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path+"-shm", make([]byte, 32768), 0o444); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path+"-shm", 0o444)
	s, err = db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	dbtest.Volunteer(t, s, "Ana", "Souza", nil)
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s mode %v, want 0600", filepath.Base(p), fi.Mode().Perm())
		}
	}
}

// TestLockThatIsALinkIsRefused: a ".lock" that is a symbolic link would have the
// holder's description written over the file it points to.
func TestLockThatIsALinkIsRefused(t *testing.T) {
	ctx := context.Background()
	path := dbtest.File(t)
	dir := filepath.Dir(path)
	target := filepath.Join(dir, "precious.txt")
	if err := os.WriteFile(target, []byte("the lead's notes"), 0o600); err != nil {
		t.Fatal(err)
	}
	os.Remove(path + ".lock")
	if err := os.Symlink(target, path+".lock"); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if s, err := db.Open(ctx, path, db.Options{}); err == nil {
		s.Close()
		t.Error("opened with a .lock that is a link")
	}
	if b, _ := os.ReadFile(target); string(b) != "the lead's notes" {
		t.Errorf("the link's target now holds %q", b)
	}
}

// TestReadOnlyFolderIsNotCalledDamage: a data file in a folder this user cannot write
// is refused as a read-only location, for writing and for reading, never as "not a
// ChapterDesk database". Root writes anywhere: run as another user to see it.
func TestReadOnlyFolderIsNotCalledDamage(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write any folder")
	}
	ctx := context.Background()
	path := dbtest.File(t)
	dir := filepath.Dir(path)
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	for _, opts := range []db.Options{{}, {ReadOnly: true}} {
		s, err := db.Open(ctx, path, opts)
		if err == nil {
			s.Close()
			continue // a system whose SQLite reads without a -shm
		}
		if !errors.Is(err, db.ErrReadOnly) || errors.Is(err, db.ErrNotDatabase) {
			t.Errorf("open %+v in a read-only folder: %v", opts, err)
		}
	}
}

// TestReadOnlyMountIsNotCalledDamage: a data file on a read-only mount, opened as
// root (who may write any folder, so the permission look passes), was refused as
// "not a ChapterDesk database (disk I/O error)" when its -wal and -shm were there (a
// copy of a file in use, an app killed). Now it is a read-only location, for writing
// and reading, with what to do. Needs root and mount (a read-only bind mount).
func TestReadOnlyMountIsNotCalledDamage(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root, to mount")
	}
	ctx := context.Background()
	for _, withWAL := range []bool{false, true} {
		t.Run(fmt.Sprintf("with -wal and -shm %v", withWAL), func(t *testing.T) {
			path := dbtest.File(t)
			if withWAL {
				// The three files of a file in use, copied as they are.
				s, err := db.Open(ctx, path, db.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if _, err := s.CreateVolunteer(ctx, db.Volunteer{FirstName: "Ana", LastName: "Souza"}); err != nil {
					t.Fatal(err)
				}
				copied := filepath.Join(t.TempDir(), "chapter.db")
				for _, suffix := range []string{"", "-wal", "-shm"} {
					b, err := os.ReadFile(path + suffix)
					if err != nil {
						t.Fatal(err)
					}
					os.WriteFile(copied+suffix, b, 0o600)
				}
				s.Close()
				path = copied
			}
			dir := filepath.Dir(path)
			if out, err := exec.Command("mount", "--bind", "-o", "ro", dir, dir).CombinedOutput(); err != nil {
				t.Skipf("cannot make a read-only bind mount: %v %s", err, out)
			}
			defer exec.Command("umount", dir).Run()
			for _, opts := range []db.Options{{}, {ReadOnly: true}} {
				s, err := db.Open(ctx, path, opts)
				if err == nil {
					s.Close()
					continue
				}
				if !errors.Is(err, db.ErrReadOnly) || errors.Is(err, db.ErrNotDatabase) || errors.Is(err, db.ErrDamaged) {
					t.Errorf("open %+v on a read-only mount: %v", opts, err)
				}
			}
			if err := db.QuickCheck(ctx, path); err != nil && (!errors.Is(err, db.ErrReadOnly) || errors.Is(err, db.ErrNotDatabase)) {
				t.Errorf("check on a read-only mount: %v", err)
			}
		})
	}
}
