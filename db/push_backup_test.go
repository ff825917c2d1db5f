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

// Tester t4's F5, the rest: a lead pushing another chapter's backup was told it is
// "a checkout of another chapter", though no one took a checkout; and the owner's
// merge of a backup of a chapter other than the server's own took the copy's chapter
// profile when it was saved later, renaming the chapter on the server, when a backup
// brings new records only.
func TestAnotherChaptersBackup(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	bob, err := db.Open(ctx, coalAs(t, sc.url, sc.leadB), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer bob.Close()
	file := filepath.Join(t.TempDir(), "springfield.db")
	if err := bob.Backup(ctx, file); err != nil {
		t.Fatal(err)
	}
	t.Run("pushed by another chapter's lead: called a backup", func(t *testing.T) {
		alice, err := db.Open(ctx, coalAs(t, sc.url, sc.leadA), db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer alice.Close()
		_, err = alice.Push(ctx, file, db.PushList, false)
		if err == nil || !strings.Contains(err.Error(), "a backup of another chapter (Springfield") || strings.Contains(err.Error(), "it is a checkout") {
			t.Errorf("push of Springfield's backup by Worcester's lead: %v; want it called a backup of another chapter, not a checkout", err)
		}
	})
	t.Run("merged by the owner: the chapter keeps its name", func(t *testing.T) {
		f, err := db.Open(ctx, file, db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := db.WriteRaw(ctx, f, `UPDATE chapters SET name = 'Springfield Renamed', updated_at = updated_at + 100000 WHERE is_self = 1`); err != nil {
			t.Fatal(err)
		}
		f.Close()
		res, err := sc.s.Merge(ctx, file)
		if err != nil {
			t.Fatal(err)
		}
		var name string
		if err := sc.admin.QueryRow(ctx, `SELECT name FROM chapters WHERE id = $1`, sc.b.ID).Scan(&name); err != nil {
			t.Fatal(err)
		}
		if name != "Springfield" || len(res.Renamed) != 1 || res.Renamed[0].Taken || !strings.Contains(res.String(), "backup") {
			t.Errorf("the server's chapter is now %q, renamed %+v, the merge said %q; want Springfield kept, the backup's name listed as not carried back",
				name, res.Renamed, res.String())
		}
	})
}
