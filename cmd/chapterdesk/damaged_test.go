package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

func TestDamagedFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my chapter")
	path := filepath.Join(dir, "chapter.db")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	backup := demoWithBackup(t, path)
	dbtest.Corrupt(t, path)

	code, _, errOut := chapterdesk(t, "trash", "empty", "--db", path)
	want := "restore it with: chapterdesk restore '" + backup + "' --db '" + path + "'"
	if code != exitDamaged || !strings.Contains(errOut, "is damaged") || !strings.Contains(errOut, want) {
		t.Fatalf("exit %d, stderr %q; want it to contain %q", code, errOut, want)
	}
	if code, out, errOut := chapterdesk(t, "restore", backup, "--db", path); code != 0 {
		t.Fatalf("the command offered: exit %d %q %q", code, out, errOut)
	}
	if code, _, errOut := chapterdesk(t, "trash", "empty", "--db", path); code != 0 {
		t.Errorf("after restoring: exit %d %q", code, errOut)
	}
}

// demoWithBackup writes a small demo chapter at path with today's backup beside it,
// and returns the backup's path.
func demoWithBackup(t *testing.T, path string) string {
	t.Helper()
	if code, _, errOut := chapterdesk(t, "demo", "--volunteers", "2000", "--calls", "2000", "--db", path); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	s, err := db.Open(context.Background(), path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	backup, err := s.DailyBackup(context.Background(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return backup
}
