package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestMergeMovesAChapterOntoAFreshServer: a chapter moved to a server as the README
// says (server init, then merge its file) sat beside the server's empty "My chapter",
// which stayed the server's own: its roster imported again was added twice, a checkout
// or backup was of "My chapter" (tester t4, F5). Into a server whose own chapter is the
// untouched starter, the file's chapter becomes the server's own (its id, name and
// profile), and the merge says so; merging the file again adds nothing, and undo puts
// the starter back. A data file, a server whose own chapter has records, and a
// coalition server keep the file's chapter beside their own.
func TestMergeMovesAChapterOntoAFreshServer(t *testing.T) {
	ctx := context.Background()
	a := demoFile(t, "a.db", 1, 20, 50)
	src, err := db.Open(ctx, a, db.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := src.SelfChapter(ctx)
	src.Close()
	if err != nil {
		t.Fatal(err)
	}
	self := func(s *db.Store) db.Chapter {
		t.Helper()
		c, err := s.SelfChapter(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	chapters := func(s *db.Store) int {
		t.Helper()
		var n int
		if err := dbtest.Raw(t, s.Path()).QueryRow(`SELECT count(*) FROM chapters`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	t.Run("into the untouched starter", func(t *testing.T) {
		s := dbtest.Open(t)
		starter := self(s)
		res, err := s.Merge(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		got := self(s)
		if !s.OnServer() {
			// A data file keeps its own chapter: a fresh file is where a coalition's
			// chapters' files are merged, each beside the others.
			if got.UUID != starter.UUID || chapters(s) != 2 || strings.Contains(res.String(), "own chapter") {
				t.Errorf("a data file's own chapter after the merge: %+v, %d chapters; the merge says %s", got, chapters(s), res)
			}
			return
		}
		if got.UUID != theirs.UUID || got.Name != theirs.Name || got.Email != theirs.Email || got.Phone != theirs.Phone {
			t.Errorf("the server's own chapter after the merge is %+v; want the file's %+v", got, theirs)
		}
		if n := chapters(s); n != 1 {
			t.Errorf("%d chapters on the server after the move; want 1 (the empty starter gone)", n)
		}
		want := `"` + theirs.Name + `" is now this server's own chapter`
		if !strings.Contains(res.String(), want) {
			t.Errorf("the merge says %s\nwant it to say %s", res, want)
		}
		var mine int
		if err := dbtest.Raw(t, s.Path()).QueryRow(`SELECT count(*) FROM volunteers v JOIN chapters c ON c.id = v.chapter_id
			WHERE c.is_self = 1`).Scan(&mine); err != nil {
			t.Fatal(err)
		}
		if mine != 20 {
			t.Errorf("%d volunteers in the server's own chapter; want the file's 20", mine)
		}
		again, err := s.Merge(ctx, a)
		if err != nil {
			t.Fatalf("merging the moved file again: %v", err)
		}
		if again.Total() != 0 {
			t.Errorf("merging the moved file again: %s", again)
		}
		if _, err := s.UndoImport(ctx, res.BatchID); err != nil {
			t.Fatal(err)
		}
		if got := self(s); got.UUID != starter.UUID || got.Name != starter.Name {
			t.Errorf("after undo the server's own chapter is %+v; want the starter %+v", got, starter)
		}
	})

	t.Run("into a chapter with records", func(t *testing.T) {
		s := dbtest.Open(t)
		dbtest.Volunteer(t, s, "Ana", "Here", nil)
		starter := self(s)
		res, err := s.Merge(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if got := self(s); got.UUID != starter.UUID || chapters(s) != 2 {
			t.Errorf("own chapter after the merge: %+v, %d chapters; want %q kept, the file's beside", got, chapters(s), starter.Name)
		}
		if s.OnServer() && !strings.Contains(res.String(), `"`+theirs.Name+`" sits beside this server's own chapter "`+starter.Name+`"`) {
			t.Errorf("the merge into a server with records says %s", res)
		}
	})

	t.Run("into a chapter named in Settings", func(t *testing.T) {
		s := dbtest.Open(t)
		ownChapterNamed(t, s, "Jamaica Plain")
		// Named in the second the server was set up: its times cannot tell.
		if err := db.WriteRaw(ctx, s, `UPDATE chapters SET updated_at = created_at WHERE is_self = 1`); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Merge(ctx, a); err != nil {
			t.Fatal(err)
		}
		if got := self(s); got.Name != "Jamaica Plain" || chapters(s) != 2 {
			t.Errorf("own chapter after the merge: %+v, %d chapters; want Jamaica Plain kept, the file's beside", got, chapters(s))
		}
	})

	t.Run("a coalition server", func(t *testing.T) {
		s := dbtest.Open(t)
		if !s.OnServer() {
			t.Skip("a coalition is a server's")
		}
		if _, err := s.AddChapter(ctx, "Worcester"); err != nil {
			t.Fatal(err)
		}
		starter := self(s)
		res, err := s.Merge(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if got := self(s); got.UUID != starter.UUID || chapters(s) != 3 || strings.Contains(res.String(), "own chapter") {
			t.Errorf("own chapter of a coalition server after the merge: %+v, %d chapters; the merge says %s", got, chapters(s), res)
		}
	})
}

// ownChapterNamed names the store's own chapter, as a lead does in Settings: it is
// then no server's untouched starter, which a merged file's chapter replaces.
func ownChapterNamed(t *testing.T, s *db.Store, name string) {
	t.Helper()
	c, err := s.SelfChapter(context.Background())
	if err == nil {
		c.Name = name
		err = s.UpdateSelfChapter(context.Background(), c)
	}
	if err != nil {
		t.Fatal(err)
	}
}
