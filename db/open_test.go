package db_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

func TestOpen(t *testing.T) {
	ctx := context.Background()

	t.Run("creates a new file with mode 0600, in WAL mode, at the latest schema", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "new.db")
		s, err := db.Open(ctx, path, db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if !s.Created() {
			t.Error("Created() = false for a new file")
		}
		if _, err := s.CreateVolunteer(ctx, db.NewVolunteer("Ana", "Souza")); err != nil {
			t.Fatal(err)
		}
		for _, suffix := range []string{"", "-wal", "-shm"} {
			fi, err := os.Stat(path + suffix)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm() != 0o600 {
				t.Errorf("%s has mode %v, want 0600", filepath.Base(path+suffix), fi.Mode().Perm())
			}
		}
		s.Close()
		raw := rawDB(t, path)
		var mode string
		var version, appID int
		raw.QueryRow(`PRAGMA journal_mode`).Scan(&mode)
		raw.QueryRow(`SELECT max(version) FROM schema_migrations`).Scan(&version)
		raw.QueryRow(`PRAGMA application_id`).Scan(&appID)
		if mode != "wal" || version != db.SchemaVersion() || appID == 0 {
			t.Errorf("journal %q, schema %d (want %d), application_id %#x", mode, version, db.SchemaVersion(), appID)
		}
	})

	t.Run("reopens an existing file without migrating it again", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "again.db")
		for i := range 2 {
			s, err := db.Open(ctx, path, db.Options{})
			if err != nil {
				t.Fatalf("open #%d: %v", i+1, err)
			}
			if s.Created() != (i == 0) {
				t.Errorf("open #%d: Created() = %v", i+1, s.Created())
			}
			s.Close()
		}
		var rows int
		rawDB(t, path).QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&rows)
		if rows != db.SchemaVersion() {
			t.Errorf("%d migration rows, want %d", rows, db.SchemaVersion())
		}
	})

	t.Run("refuses a database from a newer version and leaves it untouched", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "newer.db")
		s, err := db.Open(ctx, path, db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		raw := rawDB(t, path)
		if _, err := raw.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, '0999_future', 0)`); err != nil {
			t.Fatal(err)
		}
		raw.Close()
		before := readFile(t, path)
		_, err = db.Open(ctx, path, db.Options{})
		if !errors.Is(err, db.ErrNewerSchema) {
			t.Fatalf("err = %v, want ErrNewerSchema", err)
		}
		if !bytes.Equal(before, readFile(t, path)) {
			t.Error("the newer database was modified")
		}
	})

	t.Run("refuses a folder", func(t *testing.T) {
		_, err := db.Open(ctx, t.TempDir(), db.Options{})
		if err == nil || !bytesContains(err.Error(), "is a folder") {
			t.Errorf("err = %v", err)
		}
	})

	t.Run("refuses a file that is not SQLite and leaves it untouched", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "notes.txt")
		content := []byte("name,email\nAna,ana@example.org\n" + string(make([]byte, 200)))
		os.WriteFile(path, content, 0o644)
		_, err := db.Open(ctx, path, db.Options{})
		if !errors.Is(err, db.ErrNotDatabase) {
			t.Errorf("err = %v, want ErrNotDatabase", err)
		}
		if !bytes.Equal(content, readFile(t, path)) {
			t.Error("the file was modified")
		}
	})

	t.Run("refuses another program's SQLite database and leaves it untouched", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "other.sqlite")
		raw := rawDB(t, path)
		raw.Exec(`CREATE TABLE notes (body TEXT)`)
		raw.Close()
		before := readFile(t, path)
		_, err := db.Open(ctx, path, db.Options{})
		if !errors.Is(err, db.ErrNotDatabase) {
			t.Errorf("err = %v, want ErrNotDatabase", err)
		}
		if !bytes.Equal(before, readFile(t, path)) {
			t.Error("the other program's database was modified")
		}
	})

	t.Run("refuses a folder that does not exist, creating nothing", func(t *testing.T) {
		dir := t.TempDir()
		_, err := db.Open(ctx, filepath.Join(dir, "missing", "x.db"), db.Options{})
		if err == nil {
			t.Fatal("no error")
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("created %v", entries)
		}
	})

	t.Run("refuses a location it cannot write, creating nothing", func(t *testing.T) {
		if runtime.GOOS != "linux" {
			t.Skip("uses /proc")
		}
		_, err := db.Open(ctx, "/proc/chapterdesk-test.db", db.Options{})
		if err == nil {
			t.Fatal("no error")
		}
		if _, serr := os.Stat("/proc/chapterdesk-test.db"); serr == nil {
			t.Error("created a file in /proc")
		}
	})

	t.Run("refuses a read-only file when it must write", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("root may write any file")
		}
		path := filepath.Join(t.TempDir(), "ro.db")
		s, _ := db.Open(ctx, path, db.Options{})
		s.Close()
		os.Chmod(path, 0o400)
		if _, err := db.Open(ctx, path, db.Options{}); !errors.Is(err, db.ErrReadOnly) {
			t.Errorf("err = %v, want ErrReadOnly", err)
		}
	})

	t.Run("read-only open neither creates nor changes a file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "absent.db")
		if _, err := db.Open(ctx, path, db.Options{ReadOnly: true}); err == nil {
			t.Error("no error for a missing file")
		}
		if _, err := os.Stat(path); err == nil {
			t.Error("read-only open created the file")
		}
	})

	t.Run("gives every new file its own chapter profile", func(t *testing.T) {
		s := dbtest.Open(t)
		c, err := s.SelfChapter(ctx)
		if err != nil || c.Name == "" || c.UUID == "" || !c.IsSelf {
			t.Errorf("chapter %+v, err %v", c, err)
		}
	})
}

func TestBuild(t *testing.T) {
	ctx := context.Background()

	t.Run("creates the file only when the build succeeds", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "built.db")
		err := db.Build(ctx, path, func(s *db.Store) error {
			if _, err := s.CreateVolunteer(ctx, db.NewVolunteer("Ana", "Souza")); err != nil {
				return err
			}
			return errors.New("interrupted")
		})
		if err == nil {
			t.Fatal("no error")
		}
		if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 0 {
			t.Errorf("left behind %v", entries)
		}
	})

	t.Run("leaves a WAL database that opens normally", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "built.db")
		if err := db.Build(ctx, path, func(s *db.Store) error {
			_, err := s.CreateVolunteer(ctx, db.NewVolunteer("Ana", "Souza"))
			return err
		}); err != nil {
			t.Fatal(err)
		}
		s, err := db.Open(ctx, path, db.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if n, _ := s.CountVolunteers(ctx, db.VolunteerFilter{}); n != 1 {
			t.Errorf("%d volunteers, want 1", n)
		}
		var mode string
		rawDB(t, path).QueryRow(`PRAGMA journal_mode`).Scan(&mode)
		if mode != "wal" {
			t.Errorf("journal mode %q", mode)
		}
		if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
			t.Errorf("mode %v", fi.Mode().Perm())
		}
	})

	t.Run("gives new files 16 KB pages, as Open does", func(t *testing.T) {
		dir := t.TempDir()
		built, opened := filepath.Join(dir, "built.db"), filepath.Join(dir, "opened.db")
		if err := db.Build(ctx, built, func(*db.Store) error { return nil }); err != nil {
			t.Fatal(err)
		}
		s, err := db.Open(ctx, opened, db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		for _, p := range []string{built, opened} {
			var size int
			var mode string
			rawDB(t, p).QueryRow(`PRAGMA page_size`).Scan(&size)
			rawDB(t, p).QueryRow(`PRAGMA journal_mode`).Scan(&mode)
			if size != 16384 || mode != "wal" {
				t.Errorf("%s: page size %d, journal mode %q; want 16384, wal", filepath.Base(p), size, mode)
			}
		}
	})

	t.Run("leaves a file created meanwhile as it is", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "raced.db")
		err := db.Build(ctx, path, func(s *db.Store) error {
			if _, err := s.CreateVolunteer(ctx, db.NewVolunteer("Ana", "Souza")); err != nil {
				return err
			}
			return os.WriteFile(path, []byte("the app's new file"), 0o600)
		})
		if !errors.Is(err, os.ErrExist) {
			t.Errorf("err = %v, want os.ErrExist", err)
		}
		if string(readFile(t, path)) != "the app's new file" {
			t.Error("the file created meanwhile was replaced")
		}
		if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
			t.Errorf("left behind %v", entries)
		}
	})

	t.Run("leaves alone a build of the same file that is running", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "twice.db")
		other, err := db.Open(ctx, path+".building", db.Options{}) // holds the building file's lock
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		if _, err := other.CreateVolunteer(ctx, db.NewVolunteer("Ana", "Souza")); err != nil {
			t.Fatal(err)
		}
		err = db.Build(ctx, path, func(*db.Store) error { return nil })
		if !errors.Is(err, db.ErrInUse) {
			t.Errorf("err = %v, want ErrInUse", err)
		}
		if n, err := other.CountVolunteers(ctx, db.VolunteerFilter{}); err != nil || n != 1 {
			t.Errorf("the running build's file: %d volunteers, %v", n, err)
		}
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Errorf("%s was created: %v", path, err)
		}
	})

	t.Run("refuses to replace an existing file", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "exists.db")
		os.WriteFile(path, []byte("keep me"), 0o600)
		if err := db.Build(ctx, path, func(*db.Store) error { return nil }); !errors.Is(err, os.ErrExist) {
			t.Errorf("err = %v", err)
		}
		if string(readFile(t, path)) != "keep me" {
			t.Error("the existing file was changed")
		}
	})
}

// rawDB opens path with the driver directly, bypassing the store's checks.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	d, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func bytesContains(s, sub string) bool { return bytes.Contains([]byte(s), []byte(sub)) }

func TestOpenAfterACrash(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "live.db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.CreateVolunteer(ctx, db.NewVolunteer("Ana", "Souza")); err != nil {
		t.Fatal(err)
	}
	// A copy of the file and its WAL taken while the store is open is what a crash
	// leaves behind: committed work not yet checkpointed into the file.
	crashed := filepath.Join(dir, "crashed.db")
	for _, suffix := range []string{"", "-wal"} {
		if err := os.WriteFile(crashed+suffix, readFile(t, path+suffix), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	c, err := db.Open(ctx, crashed, db.Options{})
	if err != nil {
		t.Fatalf("reopening after a crash: %v", err)
	}
	defer c.Close()
	if n, _ := c.CountVolunteers(ctx, db.VolunteerFilter{}); n != 1 {
		t.Errorf("%d volunteers after the crash, want 1", n)
	}
}
