package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestRestoreAnotherChaptersBackup: restore took another chapter's file without a
// word, putting Worcester's roster in place of Jamaica Plain's. It is refused, naming
// both chapters, unless --other-chapter says the lead means it.
func TestRestoreAnotherChaptersBackup(t *testing.T) {
	ctx := context.Background()
	named := func(path, name string) {
		s, err := db.Open(ctx, path, db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.SelfChapter(ctx)
		if err == nil {
			c.Name = name
			err = s.UpdateSelfChapter(ctx, c)
		}
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
	}
	path := filepath.Join(t.TempDir(), "chapter.db")
	named(path, "Jamaica Plain")
	other := filepath.Join(t.TempDir(), "worcester.db")
	named(other, "Worcester")
	before := dbtest.Digests(t, path)

	code, out, errOut := chapterdesk(t, "restore", other, "--db", path)
	if code != 1 || !strings.Contains(errOut, `"Worcester"`) || !strings.Contains(errOut, `"Jamaica Plain"`) ||
		!strings.Contains(errOut, "--other-chapter") {
		t.Fatalf("exit %d %q %q", code, out, errOut)
	}
	if after := dbtest.Digests(t, path); len(after) == 0 || after["chapters"] != before["chapters"] {
		t.Fatal("the refused restore changed the data file")
	}
	if code, out, errOut := chapterdesk(t, "restore", other, "--other-chapter", "--db", path); code != 0 {
		t.Fatalf("--other-chapter: exit %d %q %q", code, out, errOut)
	}
	s, err := db.Open(ctx, path, db.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if c, err := s.SelfChapter(ctx); err != nil || c.Name != "Worcester" {
		t.Fatalf("after --other-chapter: %+v %v", c, err)
	}
}
