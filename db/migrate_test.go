package db

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestMigrations(t *testing.T) {
	ctx := context.Background()

	t.Run("are numbered 1, 2, 3, ... without gaps", func(t *testing.T) {
		for i, m := range migrations() {
			if m.version != i+1 {
				t.Errorf("migration %s has version %d, want %d", m.name, m.version, i+1)
			}
		}
	})

	t.Run("take out of the whip count the stance changes of call imports undone before version 4", func(t *testing.T) {
		path := versionTwoFile(t,
			`INSERT INTO campaigns (uuid, created_at, updated_at) VALUES ('k', 0, 0)`,
			`INSERT INTO legislators (uuid, chamber, district, name, created_at, updated_at) VALUES ('l', 'lower', '1st', 'Jo', 0, 0)`,
			// The lead's own stance, then a call form's, imported (batch 1) and undone the old way.
			`INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at) VALUES ('h1', 1, 1, 'undecided', 100)`,
			`INSERT INTO import_batches (uuid, kind, started_at, undone_at) VALUES ('b', 'calls', 0, 300)`,
			`INSERT INTO call_reports (uuid, chapter_id, campaign_id, legislator_id, called_at, outcome, import_batch_id,
				created_at, updated_at, deleted_at) VALUES ('r', 1, 1, 1, 200, 'spoke_staff', 1, 0, 0, 300)`,
			`INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at, reason, call_report_id)
				VALUES ('h2', 1, 1, 'yes', 200, 'heard on a call (report form)', 1)`)
		s, err := Open(ctx, path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		var stance string
		var history int
		s.r.QueryRow(`SELECT stance FROM stances`).Scan(&stance)
		s.r.QueryRow(`SELECT count(*) FROM stance_history`).Scan(&history)
		if stance != "undecided" || history != 1 {
			t.Errorf("stance %q, %d history rows", stance, history)
		}
	})

	t.Run("fold again the names stored with a curly apostrophe before version 10", func(t *testing.T) {
		path := versionTwoFile(t,
			`INSERT INTO volunteers (uuid, chapter_id, first_name, last_name, name_key, last_key, created_at, updated_at)
				VALUES ('v', 1, 'Kevin', 'O’Brien', 'kevin o’brien', 'o’brien', 0, 0)`)
		s, err := Open(ctx, path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		var last, nameKey, lastKey string
		s.r.QueryRow(`SELECT last_name, name_key, last_key FROM volunteers`).Scan(&last, &nameKey, &lastKey)
		if last != "O’Brien" || nameKey != fold("Kevin O’Brien") || lastKey != fold(last) {
			t.Errorf("stored %q, keys %q / %q", last, nameKey, lastKey)
		}
	})

	t.Run("bring a version 1 file up to date, keeping its data", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "v1.db")
		raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)")
		if err != nil {
			t.Fatal(err)
		}
		first := migrations()[0]
		for _, q := range []string{
			`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
			first.sql,
			`INSERT INTO schema_migrations VALUES (1, '0001_init', 0)`,
			fmt.Sprintf(`PRAGMA application_id = %d`, appID),
			`INSERT INTO chapters (uuid, is_self, name, created_at, updated_at) VALUES ('c', 1, 'Old chapter', 0, 0)`,
			`INSERT INTO volunteers (uuid, chapter_id, first_name, created_at, updated_at) VALUES ('v', 1, 'Ana', 0, 0)`,
			`INSERT INTO volunteer_external_ids (volunteer_id, system, external_id) VALUES (1, 'nationbuilder', '42')`,
		} {
			if _, err := raw.Exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		raw.Close()

		s, err := Open(ctx, path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		var version, id, chapter int
		var firstColumn, check string
		s.r.QueryRow(`SELECT max(version) FROM schema_migrations`).Scan(&version)
		s.r.QueryRow(`SELECT volunteer_id, chapter_id FROM volunteer_external_ids WHERE system = 'nationbuilder' AND external_id = '42'`).Scan(&id, &chapter)
		s.r.QueryRow(`SELECT name FROM pragma_table_info('volunteer_external_ids') WHERE cid = 0`).Scan(&firstColumn)
		s.r.QueryRow(`PRAGMA integrity_check`).Scan(&check)
		// The key's columns lead (0002), the chapter first since 0012, which keeps the
		// id under its volunteer's chapter.
		if version != latestVersion() || id != 1 || chapter != 1 || firstColumn != "chapter_id" || check != "ok" {
			t.Errorf("version %d, external id -> volunteer %d of chapter %d, first column %q, integrity %q", version, id, chapter, firstColumn, check)
		}
		copies, _ := filepath.Glob(filepath.Join(BackupsDir(path), "v1-pre-migration-v1-*.db"))
		if len(copies) != 1 {
			t.Fatalf("pre-migration backups: %v", copies)
		}
		if fi, err := os.Stat(copies[0]); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("the pre-migration copy's mode: %v, %v", fi.Mode().Perm(), err)
		}
		var copyVersion int
		c, _ := sql.Open("sqlite", "file:"+copies[0]+"?mode=ro")
		c.QueryRow(`SELECT max(version) FROM schema_migrations`).Scan(&copyVersion)
		c.Close()
		if copyVersion != 1 {
			t.Errorf("the pre-migration copy is at version %d, want 1", copyVersion)
		}
	})
}

func TestUpgradeFixesConsentAndDistricts(t *testing.T) {
	ctx := context.Background()
	path := versionTwoFile(t,
		`INSERT INTO legislators (uuid, chamber, district, name, created_at, updated_at) VALUES ('l1', 'upper', 'Second Suffolk', 'Liz Miranda', 0, 0)`,
		`INSERT INTO legislators (uuid, chamber, district, name, created_at, updated_at) VALUES ('l2', 'lower', '2nd Suffolk', 'Dan Ryan', 0, 0)`,
		`INSERT INTO volunteers (uuid, chapter_id, first_name, senate_district, house_district, ok_call, ok_text, ok_email, do_not_contact, created_at, updated_at)
			VALUES ('v1', 1, 'Ana', 'second suffolk', '2 suffolk', 1, 1, 1, 1, 0, 0)`,
		`INSERT INTO volunteers (uuid, chapter_id, first_name, senate_district, ok_call, do_not_contact, created_at, updated_at)
			VALUES ('v2', 1, 'Bruno', 'Suffolk (somewhere)', 1, 0, 0, 0)`)

	for range 2 { // the fix-up runs once however often the file is opened
		s, err := Open(ctx, path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var senate, house string
		var open, fixups int
		s.r.QueryRow(`SELECT senate_district, house_district, ok_call + ok_text + ok_email FROM volunteers WHERE uuid = 'v1'`).Scan(&senate, &house, &open)
		s.r.QueryRow(`SELECT count(*) FROM data_fixups WHERE name = ?`, districtsFixup).Scan(&fixups)
		if senate != "Second Suffolk" || house != "2nd Suffolk" || open != 0 || fixups != 1 {
			t.Errorf("v1: %q, %q, %d channels open; %d fix-ups recorded", senate, house, open, fixups)
		}
		off, n, err := s.DistrictsNotInDirectory(ctx)
		if err != nil || n != 1 || len(off) != 1 || off[0].District != "Suffolk (somewhere)" {
			t.Errorf("not in the directory: %d, %+v, %v", n, off, err)
		}
		s.Close()
	}
}

// versionTwoFile writes a data file as version 2 of the schema left it, with the rows
// the inserts add, for the tests of what later migrations do to existing files.
func versionTwoFile(t *testing.T, inserts ...string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "v2.db")
	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	qs := []string{`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`}
	for _, m := range migrations()[:2] {
		qs = append(qs, m.sql, fmt.Sprintf(`INSERT INTO schema_migrations VALUES (%d, '%s', 0)`, m.version, m.name))
	}
	qs = append(qs, fmt.Sprintf(`PRAGMA application_id = %d`, appID),
		`INSERT INTO chapters (uuid, is_self, name, created_at, updated_at) VALUES ('c', 1, 'Old chapter', 0, 0)`)
	for _, q := range append(qs, inserts...) {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return path
}

// An older ChapterDesk read a form's zone-less time on the importing computer's clock
// (t7 F1: 9:36 in the form, stored 09:36Z on a UTC laptop, read 04:36 in Massachusetts
// after the upgrade, with no word). The file does not say which clock it was, so the
// upgrade lists those reports and says so, and moves no time.
func TestUpgradeSaysOldCallTimesAreUnsure(t *testing.T) {
	ctx := context.Background()
	const formTime = 1705397771 // 2024-01-16 09:36:11 UTC: the form's 9:36:11 on a UTC laptop
	path := versionTwoFile(t,
		`INSERT INTO campaigns (uuid, state, created_at, updated_at) VALUES ('k', 'MA', 1, 1)`,
		`INSERT INTO legislators (uuid, chamber, district, name, created_at, updated_at) VALUES ('l1', 'upper', 'Second Suffolk', 'Liz Miranda', 0, 0)`,
		fmt.Sprintf(`INSERT INTO call_reports (uuid, chapter_id, campaign_id, legislator_id, called_at, outcome, source, created_at, updated_at)
			VALUES ('r1', 1, 1, 1, %d, 'spoke_staff', 'report form', 2, 2)`, formTime),
		fmt.Sprintf(`INSERT INTO call_reports (uuid, chapter_id, campaign_id, legislator_id, called_at, outcome, source, created_at, updated_at)
			VALUES ('r2', 1, 1, 1, %d, 'spoke_staff', 'manual', 2, 2)`, formTime))
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, note, err := s.CallTimesUnsure(ctx)
	if err != nil || n != 1 || !strings.Contains(note, "1 call reports were imported by an older ChapterDesk") ||
		!strings.Contains(note, "Massachusetts") || !strings.Contains(note, "left as they were") {
		t.Errorf("unsure: %d, %q, %v; want the one imported report, said", n, note, err)
	}
	var at int64
	s.r.QueryRow(`SELECT called_at FROM call_reports WHERE uuid = 'r1'`).Scan(&at)
	if at != formTime {
		t.Errorf("the report's time moved from %d to %d: the upgrade cannot know the clock it was read on", formTime, at)
	}
}
