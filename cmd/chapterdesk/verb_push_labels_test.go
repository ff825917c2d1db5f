package main

import (
	"database/sql"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// rawDB opens a file or server with the driver, to write what no store API writes.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	var d *sql.DB
	var err error
	if strings.HasPrefix(path, "postgres://") {
		d, err = db.RawServer(path)
	} else {
		d, err = sql.Open("sqlite", "file:"+path)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// externalIDs are a volunteer's external ids on a file or server, "system=id".
func externalIDs(t *testing.T, path string, id int64) string {
	t.Helper()
	rows, err := rawDB(t, path).Query(`SELECT system || '=' || external_id FROM volunteer_external_ids WHERE volunteer_id = ? ORDER BY 1`, id)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return strings.Join(out, ",")
}

// A checkout where a volunteer was re-tagged, given a language and a NationBuilder id
// (as a roster import into the checkout gives one): the push brings all three; where
// the server changed the same volunteer's external ids too, the push lists it and
// brings the file's new ones only with --take-mine, beside the server's new ones.
func TestPushBringsLabelsAndExternalIDs(t *testing.T) {
	url := dbtest.EmptyServerURL(t)
	run := verbRunner(t)
	run(exitOK, "server", "init", "--db", url)
	run(exitOK, "demo", "--volunteers", "20", "--calls", "20", "--db", url)
	srv := openFor(t, url)
	ada := dbtest.Volunteer(t, srv, "Ada", "Alpha", nil)
	ben := dbtest.Volunteer(t, srv, "Ben", "Beta", nil)
	cy := dbtest.Volunteer(t, srv, "Cy", "Gamma", nil)
	file := filepath.Join(t.TempDir(), "chapter.db")
	run(exitOK, "checkout", "--to", file, "--db", url)

	f := openFor(t, file)
	for _, id := range []int64{ada, ben} {
		editVolunteer(t, f, id, func(v *db.Volunteer) {
			v.Tags, v.Languages = append(v.Tags, "phone bank captain"), append(v.Languages, "ht")
		})
	}
	f.Close()
	raw := rawDB(t, file)
	for _, q := range []string{
		`INSERT INTO volunteer_external_ids (chapter_id, system, external_id, volunteer_id) SELECT chapter_id, 'nationbuilder', 'NB-' || id, id FROM volunteers WHERE id IN (?, ?)`,
		`UPDATE volunteers SET row_version = row_version + 1, updated_at = updated_at + 1 WHERE id IN (?, ?)`,
	} {
		if _, err := raw.Exec(q, ada, ben); err != nil {
			t.Fatal(q, err)
		}
	}
	// Cy's tag, language and id as a roster import into the checkout adds them: the
	// volunteer's row (and version) untouched.
	for _, q := range []string{
		`INSERT INTO volunteer_tags (volunteer_id, tag_id) SELECT ?, id FROM tags WHERE name = 'phone bank captain'`,
		`INSERT INTO volunteer_languages (volunteer_id, lang) VALUES (?, 'vi')`,
		`INSERT INTO volunteer_external_ids (chapter_id, system, external_id, volunteer_id) SELECT chapter_id, 'van', 'VAN-77', id FROM volunteers WHERE id = ?`,
	} {
		if _, err := raw.Exec(q, cy); err != nil {
			t.Fatal(q, err)
		}
	}
	// On the server, Ben's external ids changed too (another NationBuilder id).
	if _, err := rawDB(t, url).Exec(`INSERT INTO volunteer_external_ids (chapter_id, system, external_id, volunteer_id)
		SELECT chapter_id, 'nationbuilder', 'NB-9999', id FROM volunteers WHERE id = ?`, ben); err != nil {
		t.Fatal(err)
	}
	editVolunteer(t, srv, ben, func(v *db.Volunteer) { v.Notes = "server's notes" })
	adaNB, benNB := externalIDs(t, file, ada), externalIDs(t, file, ben)

	out := run(exitOK, "push", file, "--db", url)
	v := volunteerOf(t, srv, ada)
	if !slices.Contains(v.Tags, "phone bank captain") || !slices.Contains(v.Languages, "ht") || externalIDs(t, url, ada) != adaNB {
		t.Errorf("Ada on the server after the push: tags %v, languages %v, external ids %q (want %q)\n%s",
			v.Tags, v.Languages, externalIDs(t, url, ada), adaNB, out)
	}
	if v := volunteerOf(t, srv, cy); !slices.Contains(v.Tags, "phone bank captain") || !slices.Equal(v.Languages, []string{"vi"}) ||
		externalIDs(t, url, cy) != "van=VAN-77" {
		t.Errorf("Cy on the server after the push: tags %v, languages %v, external ids %q\n%s", v.Tags, v.Languages, externalIDs(t, url, cy), out)
	}
	if got := externalIDs(t, url, ben); got != "nationbuilder=NB-9999" || !strings.Contains(out, "external ids (changed on both)") {
		t.Errorf("Ben's external ids changed on both sides: %q on the server, push says\n%s", got, out)
	}
	// --take-mine takes the ids item by item, as tags: the file's new id comes, and
	// the one the server added since the checkout stays (it was dropped: all or none).
	run(exitOK, "push", file, "--take-mine", "--db", url)
	if got, want := externalIDs(t, url, ben), strings.Join(slices.Sorted(slices.Values([]string{benNB, "nationbuilder=NB-9999"})), ","); got != want {
		t.Errorf("Ben's external ids after --take-mine: %q, want the file's and the server's new ones %q", got, want)
	}
}
