package db_test

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestPushSeesNoRecruiterChangeWhenTheRecruiterIsInTheTrash (tester t9, repro-15):
// a volunteer's recruiter is in the trash on the server; a lead takes a fresh
// checkout and edits only the volunteer's notes. The push said "recruiter (changed
// on the server)" and, a conflict, pushed nothing: the recruiter was looked up among
// live volunteers only, so the checkout's and the file's read as none and the
// server's as someone. Nobody changed the recruiter: the notes go up, and a real
// conflict on the notes names only the notes.
func TestPushSeesNoRecruiterChangeWhenTheRecruiterIsInTheTrash(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	admin := func(q string) {
		t.Helper()
		if _, err := sc.admin.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	admin(`INSERT INTO volunteers (uuid, chapter_id, first_name, last_name, created_at, updated_at, deleted_at)
		VALUES ('vol-r', ` + strconv.FormatInt(sc.a.ID, 10) + `, 'Inês', 'Medeiros', 0, 0, 1700000500)`)
	admin(`UPDATE volunteers SET recruiter_id = (SELECT id FROM volunteers WHERE uuid = 'vol-r') WHERE uuid = 'vol-a'`)
	alice := sc.openAs(t, sc.leadA)
	dir := t.TempDir()
	editNotes := func(file, notes string) {
		t.Helper()
		if err := alice.Checkout(ctx, file); err != nil {
			t.Fatal(err)
		}
		editInFile(t, file, "vol-a", func(v *db.Volunteer) { v.Notes = notes })
	}
	file := filepath.Join(dir, "a2.db")
	editNotes(file, "only the file changed this")
	res, err := alice.Push(ctx, file, db.PushList, false)
	if err != nil {
		t.Fatal(err)
	}
	var notes, recruiter string
	read := func() {
		t.Helper()
		if err := sc.admin.QueryRow(ctx, `SELECT v.notes, coalesce(r.uuid, '') FROM volunteers v
			LEFT JOIN volunteers r ON r.id = v.recruiter_id WHERE v.uuid = 'vol-a'`).Scan(&notes, &recruiter); err != nil {
			t.Fatal(err)
		}
	}
	read()
	if len(res.Conflicts) != 0 || notes != "only the file changed this" || recruiter != "vol-r" {
		t.Errorf("conflicts %v, the server's notes %q, recruiter %q; want no conflict, the file's notes, the recruiter kept",
			res.Conflicts, notes, recruiter)
	}

	// A real conflict on the notes names the notes alone.
	editNotes(filepath.Join(dir, "a3.db"), "the file's notes")
	admin(`UPDATE volunteers SET notes = 'the server''s notes', row_version = row_version + 1 WHERE uuid = 'vol-a'`)
	res, err = alice.Push(ctx, filepath.Join(dir, "a3.db"), db.PushList, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Conflicts) != 1 || len(res.Conflicts[0].Parts) != 1 || res.Conflicts[0].Parts[0] != "notes (changed on both)" {
		t.Errorf("conflicts %v; want one, of the notes changed on both", res.Conflicts)
	}
	read()
	if recruiter != "vol-r" {
		t.Errorf("the recruiter on the server is %q after the push; want vol-r kept", recruiter)
	}
}
