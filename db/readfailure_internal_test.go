package db

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestReadFailureNamesTheLocation: SQLite's "disk I/O error" reading a data file in a
// folder that cannot be written (a read-only mount, opened as root, who passes the
// permission look) was called "not a ChapterDesk database (disk I/O error)". The
// mount could not be made to give that error here (SQLite says "unable to open" on
// it), so the mapping is tested with the error injected: it is a read-only location
// there, and elsewhere a read that failed, never a file that is not ChapterDesk's.
func TestReadFailureNamesTheLocation(t *testing.T) {
	ioErr := errors.New("disk I/O error (522)")
	dir := t.TempDir()
	abs := filepath.Join(dir, "chapter.db")
	os.WriteFile(abs, []byte("x"), 0o600)
	if err := readFailure(abs, ioErr); errors.Is(err, ErrNotDatabase) || errors.Is(err, ErrReadOnly) {
		t.Errorf("an I/O error in a writable folder: %v", err)
	}
	if err := readFailure(abs, errors.New("no such table: sqlite_schema")); !errors.Is(err, ErrNotDatabase) {
		t.Errorf("another failure: %v", err)
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root, to mount the folder read-only")
	}
	if out, err := exec.Command("mount", "--bind", "-o", "ro", dir, dir).CombinedOutput(); err != nil {
		t.Skipf("cannot make a read-only bind mount: %v %s", err, out)
	}
	defer exec.Command("umount", dir).Run()
	if err := readFailure(abs, ioErr); !errors.Is(err, ErrReadOnly) || errors.Is(err, ErrNotDatabase) {
		t.Errorf("an I/O error on a read-only mount: %v", err)
	}
}
