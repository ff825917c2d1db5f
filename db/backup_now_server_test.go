package db_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestBackupNowOnAServer (s47): BackupNow of a store on a chapter server wrote a
// SQLite copy into a "backups" folder under a folder named for the server's address
// ("postgres@[/tmp/…]/backups/t1-manual-….db"), made in whatever folder the process
// was in (the ui tests' run on PostgreSQL left one in the checkout). A server's
// backups are whoever runs it's: it refuses, saying how to take a copy, and makes
// nothing.
func TestBackupNowOnAServer(t *testing.T) {
	s := dbtest.OpenServer(t)
	dir := t.TempDir()
	t.Chdir(dir)
	_, err := s.BackupNow(context.Background(), time.Now())
	if err == nil || !strings.Contains(err.Error(), "chapterdesk backup FILE") {
		t.Errorf("BackupNow on a server: %v", err)
	}
	if made, _ := os.ReadDir(dir); len(made) != 0 {
		t.Errorf("made %v in the working folder", made[0].Name())
	}
	if bs, err := db.ListBackups(s.Path()); err != nil || len(bs) != 0 {
		t.Errorf("backups listed: %v %v", bs, err)
	}
}
