package db_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// A chapter renamed in its own file and merged again comes in with its new name,
// and the merge says so; an older copy of its file, merged after, leaves the newer
// name and says which it kept. An undo of the merge puts the old name back.
func TestMergeTakesAChaptersNewerName(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	ownChapterNamed(t, s, "Jamaica Plain") // not a server's untouched starter, which the file's chapter replaces
	a := demoFile(t, "a.db", 1, 20, 50)
	first, err := s.Merge(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	oldName := first.Chapters[0]
	// A copy of the file as it was, then the chapter renamed in its own file.
	older := filepath.Join(t.TempDir(), "a-older.db")
	for _, suffix := range []string{"", "-wal"} { // the file as SQLite left it
		data, err := os.ReadFile(a + suffix)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(older+suffix, data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	lead, err := db.Open(ctx, a, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Saved later than the copy merged first (a clock's second apart at least).
	err = db.WriteRaw(ctx, lead, `UPDATE chapters SET name = 'Worcester County', updated_at = updated_at + 100 WHERE is_self = 1`)
	lead.Close()
	if err != nil {
		t.Fatal(err)
	}
	names := func() []string {
		t.Helper()
		var out []string
		rows, err := dbtest.Raw(t, s.Path()).Query(`SELECT name FROM chapters WHERE is_self = 0 ORDER BY name`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var n string
			rows.Scan(&n)
			out = append(out, n)
		}
		return out
	}

	res, err := s.Merge(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("the newer name comes in, and the merge says so", func(t *testing.T) {
		if got := names(); len(got) != 1 || got[0] != "Worcester County" {
			t.Errorf("the chapters after the renamed file's merge: %q", got)
		}
		if len(res.Renamed) != 1 || res.Renamed[0] != (db.ChapterRename{Old: oldName, New: "Worcester County", Taken: true}) {
			t.Errorf("renamed: %+v", res.Renamed)
		}
		if !strings.Contains(res.String(), `chapter "`+oldName+`" renamed "Worcester County"`) {
			t.Errorf("the merge says: %s", res)
		}
	})
	t.Run("an older copy of the file keeps the newer name, and says it did", func(t *testing.T) {
		again, err := s.Merge(ctx, older)
		if err != nil {
			t.Fatal(err)
		}
		if got := names(); len(got) != 1 || got[0] != "Worcester County" {
			t.Errorf("the chapters after the older file's merge: %q", got)
		}
		if len(again.Renamed) != 1 || again.Renamed[0] != (db.ChapterRename{Old: "Worcester County", New: oldName}) ||
			!strings.Contains(again.String(), `chapter "Worcester County" kept its name: the file's "`+oldName+`" is older`) {
			t.Errorf("the older file's merge: %+v\n%s", again.Renamed, again)
		}
	})
	t.Run("undoing the merge puts the old name back, and merging again renames it again", func(t *testing.T) {
		if res.BatchID == 0 {
			t.Fatalf("the renaming merge has no batch: %+v", res)
		}
		if _, err := s.UndoImport(ctx, res.BatchID); err != nil {
			t.Fatal(err)
		}
		if got := names(); len(got) != 1 || got[0] != oldName {
			t.Errorf("the chapters after the undo: %q", got)
		}
		again, err := s.Merge(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if got := names(); len(got) != 1 || got[0] != "Worcester County" || len(again.Renamed) != 1 || !again.Renamed[0].Taken {
			t.Errorf("the chapters after merging again: %q, %+v", got, again.Renamed)
		}
	})
}
