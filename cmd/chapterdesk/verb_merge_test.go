package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestMergeWarnsOfSameNamedChapters: two chapters that kept the default name "My
// chapter" merged without a word, and the workbook could not tell them apart. The
// merge still brings them in (they are apart by UUID) but says so, and how to rename.
func TestMergeWarnsOfSameNamedChapters(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	chapter := func(name, file string) string {
		path := filepath.Join(dir, file)
		s, err := db.Open(ctx, path, db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if name != "" {
			if err := s.UpdateSelfChapter(ctx, db.Chapter{Name: name}); err != nil {
				t.Fatal(err)
			}
		}
		return path
	}
	coalition := chapter("Coalition office", "coalition.db")
	a, b := chapter("", "a.db"), chapter("", "b.db")
	code, out, errOut := chapterdesk(t, "merge", a, b, "--db", coalition)
	if code != 0 || strings.Count(out, "merged ") != 2 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	if !strings.Contains(errOut, `warning: 2 chapters are named "My chapter"`) || !strings.Contains(errOut, "Settings") {
		t.Errorf("stderr %q", errOut)
	}
	t.Run("chapters with names of their own merge without a warning", func(t *testing.T) {
		other := chapter("Coalition office", "other.db")
		code, out, errOut := chapterdesk(t, "merge", chapter("Worcester chapter", "w.db"), chapter("Lowell chapter", "l.db"), "--db", other)
		if code != 0 || errOut != "" {
			t.Errorf("exit %d: %s%s", code, out, errOut)
		}
	})
}
