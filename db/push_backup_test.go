package db_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// A lead pushing their chapter's backup was told to merge it, and their merge was
// refused with "bring it back with push" (tester t4, F5): the push of a backup says
// it is not a checkout, what a lead does instead, and who merges a backup back.
func TestPushOfABackupSaysWhatToDo(t *testing.T) {
	ctx := context.Background()
	s := dbtest.OpenServer(t)
	file := filepath.Join(t.TempDir(), "canvass.db")
	if err := s.Backup(ctx, file); err != nil {
		t.Fatal(err)
	}
	_, err := s.Push(ctx, file, db.PushList, false)
	if err == nil {
		t.Fatal("the push of a backup was not refused")
	}
	for _, want := range []string{"a backup of this chapter, not a checkout", "chapterdesk checkout --to FILE", "push", "server's owner"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the refusal %q does not say %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "merge it") {
		t.Errorf("the refusal %q sends the lead to merge, which a lead may not", err)
	}
}
