package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// A chapter's file merged, then in the chapter a volunteer and a call report put in
// the trash and a new volunteer added and trashed, and the file merged again: the
// two deleted in the newer file are in the trash here too (they stayed alive), the
// one only ever in the trash comes in to the trash, not live, and the merge says so.
// An undo of that merge brings the two back alive.
func TestMergeCarriesTheTrash(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	a := demoFile(t, "a.db", 1, 20, 50)
	if _, err := s.Merge(ctx, a); err != nil {
		t.Fatal(err)
	}
	lead, err := db.Open(ctx, a, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	one := func(q string) string {
		t.Helper()
		got, err := db.QueryStrings(ctx, lead, q)
		if err != nil || len(got) != 1 {
			t.Fatal(q, got, err)
		}
		return got[0]
	}
	vol, call := one(`SELECT uuid FROM volunteers WHERE deleted_at IS NULL ORDER BY id LIMIT 1`),
		one(`SELECT uuid FROM call_reports WHERE deleted_at IS NULL ORDER BY id LIMIT 1`)
	for _, q := range []string{
		`UPDATE volunteers SET deleted_at = updated_at + 100, updated_at = updated_at + 100 WHERE uuid = '` + vol + `'`,
		`UPDATE call_reports SET deleted_at = updated_at + 100, updated_at = updated_at + 100 WHERE uuid = '` + call + `'`,
	} {
		if err := db.WriteRaw(ctx, lead, q); err != nil {
			t.Fatal(err)
		}
	}
	gone := dbtest.Volunteer(t, lead, "Gone", "Already", nil)
	if err := lead.TrashVolunteer(ctx, gone); err != nil {
		t.Fatal(err)
	}
	goneUUID := one(`SELECT uuid FROM volunteers WHERE first_name = 'Gone'`)
	lead.Close()

	live := func(table, uuid string) string {
		t.Helper()
		got, err := db.QueryStrings(ctx, s, `SELECT CASE WHEN deleted_at IS NULL THEN 'live' ELSE 'trash' END FROM `+table+` WHERE uuid = ?`, uuid)
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(got, ",")
	}
	res, err := s.Merge(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if v, c, g := live("volunteers", vol), live("call_reports", call), live("volunteers", goneUUID); v != "trash" || c != "trash" || g != "trash" {
		t.Errorf("after merging the newer file: the trashed volunteer %s, call report %s, the one only in the trash %s; want all in the trash", v, c, g)
	}
	if said := res.String(); !strings.Contains(said, "2 put in the trash as in the file") || !strings.Contains(said, "1 of them in the file's trash") {
		t.Errorf("the merge said %q", said)
	}
	if _, err := s.UndoImport(ctx, res.BatchID); err != nil {
		t.Fatal(err)
	}
	if v, c, g := live("volunteers", vol), live("call_reports", call), live("volunteers", goneUUID); v != "live" || c != "live" || g != "" {
		t.Errorf("after undo: %s %s %q", v, c, g)
	}
}
