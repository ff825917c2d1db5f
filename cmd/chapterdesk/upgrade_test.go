package main

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// olderFile writes a chapter file as the first two migrations left it (a lead's file
// from an old version of ChapterDesk), with one volunteer in it.
func olderFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.db")
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	qs := []string{`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`}
	for i, name := range []string{"0001_init", "0002_external_ids_key_first"} {
		body, err := os.ReadFile(filepath.Join("..", "..", "db", "migrations", name+".sql"))
		if err != nil {
			t.Fatal(err)
		}
		qs = append(qs, string(body), fmt.Sprintf(`INSERT INTO schema_migrations VALUES (%d, '%s', 0)`, i+1, name))
	}
	qs = append(qs, `PRAGMA application_id = 1128549169`, // "CDK1"
		`INSERT INTO chapters (uuid, is_self, name, created_at, updated_at) VALUES ('c', 1, 'Old chapter', 0, 0)`,
		`INSERT INTO volunteers (uuid, chapter_id, first_name, last_name, created_at, updated_at) VALUES ('v', 1, 'Ana', 'Souza', 0, 0)`)
	for _, q := range qs {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
	}
	return path
}

// A lead who updated ChapterDesk and ran a verb that only reads was told the file
// "needs upgrading; open it once with write access": the verb now upgrades it, as the
// app does (a copy first), says so, and does its work.
func TestReadingVerbUpgradesAnOlderFile(t *testing.T) {
	path := olderFile(t)
	code, out, errOut := chapterdesk(t, "stats", "--db", path)
	if code != exitOK {
		t.Fatalf("stats on a schema 2 file: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "volunteers: 1") {
		t.Errorf("stats did not read the file's volunteer:\n%s", out)
	}
	if !strings.Contains(errOut, fmt.Sprintf("upgraded %s from schema 2 to %d", path, db.SchemaVersion())) {
		t.Errorf("no word of the upgrade: %q", errOut)
	}
	backups, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*", "*pre-migration*"))
	more, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*pre-migration*"))
	if len(backups)+len(more) == 0 {
		entries, _ := os.ReadDir(filepath.Dir(path))
		t.Errorf("no copy of the file before its upgrade beside it: %v", entries)
	}
	// Once upgraded, the next read says nothing more.
	if code, _, errOut := chapterdesk(t, "stats", "--db", path); code != exitOK || errOut != "" {
		t.Errorf("second stats: exit %d, %q", code, errOut)
	}
}

// A 0-byte file with no record of a check beside it (a copy that arrived empty on a new
// computer) was made a new chapter by `stats` ("upgraded ... from schema 0"), found by
// the data-safety tester: a verb that only reads writes nothing into an empty file.
func TestReadingVerbLeavesAnEmptyFileEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "zero.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := chapterdesk(t, "stats", "--db", path)
	if code == exitOK || strings.Contains(errOut, "upgraded") {
		t.Errorf("stats on an empty file: exit %d, %q", code, errOut)
	}
	if !strings.Contains(errOut, "not a ChapterDesk database") {
		t.Errorf("stats did not say what the file is: %q", errOut)
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() != 0 {
		t.Errorf("the empty file was written to: %v, %v", fi, err)
	}
}
