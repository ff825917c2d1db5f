package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

func TestTrashVerb(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "chapter.db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Ana", "Rosa"} {
		id, err := s.CreateVolunteer(ctx, db.NewVolunteer(name, "Souza"))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.TrashVolunteer(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()

	t.Run("lists what is in the trash, one line each", func(t *testing.T) {
		code, out, _ := chapterdesk(t, "trash", "--db", path)
		if code != 0 || strings.Count(out, "\n") != 2 || !strings.Contains(out, "volunteer") || !strings.Contains(out, "Ana Souza") {
			t.Errorf("exit %d:\n%s", code, out)
		}
	})
	t.Run("restores one record by kind and number", func(t *testing.T) {
		code, out, errOut := chapterdesk(t, "trash", "restore", "volunteer", "1", "--db", path)
		if code != 0 || !strings.Contains(out, "volunteer 1 is back") {
			t.Errorf("exit %d: %q %q", code, out, errOut)
		}
		code, _, errOut = chapterdesk(t, "trash", "restore", "volunteer", "1", "--db", path)
		if code != 1 || !strings.Contains(errOut, "there is no volunteer 1 in the trash") {
			t.Errorf("restoring twice: exit %d: %q", code, errOut)
		}
	})
	t.Run("refuses a kind or number it cannot read", func(t *testing.T) {
		for _, args := range [][]string{{"restore", "legislator", "1"}, {"restore", "volunteer", "x"}, {"burn"}} {
			if code, _, errOut := chapterdesk(t, append(append([]string{"trash"}, args...), "--db", path)...); code != 2 {
				t.Errorf("%v: exit %d, %q", args, code, errOut)
			}
		}
	})
	t.Run("empties the trash for good", func(t *testing.T) {
		code, out, errOut := chapterdesk(t, "trash", "empty", "--db", path)
		if code != 0 || !strings.Contains(out, "deleted 1 records for good") {
			t.Errorf("exit %d: %q %q", code, out, errOut)
		}
		if _, out, _ := chapterdesk(t, "trash", "list", "--db", path); out != "the trash is empty\n" {
			t.Errorf("after emptying: %q", out)
		}
		if _, out, _ := chapterdesk(t, "stats", "--db", path); !strings.Contains(out, "volunteers: 1\n") {
			t.Errorf("stats after emptying:\n%s", out)
		}
	})
}
