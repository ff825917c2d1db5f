package db

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A chapter's file written by the 25 November ChapterDesk (schema 2) was refused by
// merge as "changed by another program", for a trigger that version made itself
// (stance_history_no_delete; t7 F4). An older ChapterDesk's file is judged against
// that version's own views and triggers, and merged from an upgraded copy, the file
// left as it was; a trigger that version did not make is still refused.
func TestMergeTakesAnOlderChapterDeskFile(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "here.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	old := versionTwoFile(t,
		`INSERT INTO volunteers (uuid, chapter_id, first_name, last_name, created_at, updated_at) VALUES ('v-old', 1, 'Ana', 'Lima', 1, 1)`)
	before, err := os.ReadFile(old)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Merge(ctx, old)
	if err != nil {
		t.Fatalf("merge of a schema-2 file: %v", err)
	}
	if res.NewChapters != 1 || res.Volunteers != 1 {
		t.Errorf("merged %d chapters, %d volunteers; want the old file's chapter and volunteer", res.NewChapters, res.Volunteers)
	}
	if res.UpgradedFrom != 2 || !strings.Contains(res.String(), "made by an older ChapterDesk (schema 2)") {
		t.Errorf("the merge does not say the file was an older version's: %d, %s", res.UpgradedFrom, res)
	}
	if after, _ := os.ReadFile(old); string(after) != string(before) {
		t.Errorf("the older file was changed by the merge (upgraded in place?)")
	}

	t.Run("refuses a trigger that version did not make", func(t *testing.T) {
		bad := versionTwoFile(t, `CREATE TRIGGER sneaky AFTER INSERT ON volunteers BEGIN SELECT 1; END`)
		_, err := s.Merge(ctx, bad)
		if !errors.Is(err, ErrRefusedMerge) || !strings.Contains(err.Error(), `"sneaky"`) {
			t.Errorf("got %v", err)
		}
		var n int
		c, _ := sql.Open("sqlite", "file:"+bad+"?mode=ro")
		defer c.Close()
		c.QueryRow(`SELECT max(version) FROM schema_migrations`).Scan(&n)
		if n != 2 {
			t.Errorf("the refused file is at schema %d, want 2 as it was", n)
		}
	})
}
