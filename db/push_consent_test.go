package db_test

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestPushBringsAWithdrawalPastAnUnrelatedServerEdit (tester t9, repro-22): offline,
// a lead marks a volunteer do not contact and withdraws every consent; another lead
// changes only the phone on the server. The push listed a conflict ("phone (changed
// on the server) ... do not contact (changed in the file)") and changed nothing,
// and --take-theirs dropped the withdrawal for good, though no field was changed on
// both sides. A conflict is a field both sides changed to different values: the
// file's fields go up beside the server's phone. And a withdrawn consent always goes
// through, even past a real conflict kept as the server has it (consent only
// narrows, as merge and import do).
func TestPushBringsAWithdrawalPastAnUnrelatedServerEdit(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	alice := sc.openAs(t, sc.leadA)
	file := filepath.Join(t.TempDir(), "alice.db")
	if err := alice.Checkout(ctx, file); err != nil {
		t.Fatal(err)
	}
	admin := func(q string) {
		t.Helper()
		if _, err := sc.admin.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	withdraw := func(notes string) {
		t.Helper()
		editInFile(t, file, "vol-a", func(v *db.Volunteer) {
			v.DoNotContact, v.OKCall, v.OKText, v.OKEmail, v.Notes = true, false, false, false, notes
		})
	}
	withdraw("asked never to be called again")
	admin(`UPDATE volunteers SET phone = '617-555-0123', phone_e164 = '+16175550123', row_version = row_version + 1 WHERE uuid = 'vol-a'`)
	res, err := alice.Push(ctx, file, db.PushList, false)
	if err != nil {
		t.Fatal(err)
	}
	var dnc, call int
	var phone, notes string
	read := func() {
		t.Helper()
		if err := sc.admin.QueryRow(ctx, `SELECT do_not_contact, ok_call, phone, notes FROM volunteers WHERE uuid = 'vol-a'`).Scan(
			&dnc, &call, &phone, &notes); err != nil {
			t.Fatal(err)
		}
	}
	read()
	if len(res.Conflicts) != 0 {
		t.Errorf("conflicts %v; want none (no field was changed on both sides)", res.Conflicts)
	}
	if dnc != 1 || call != 0 || notes != "asked never to be called again" || phone != "617-555-0123" {
		t.Errorf("on the server after the push: do not contact %d, ok to call %d, notes %q, phone %q; "+
			"want the file's withdrawal and notes beside the server's phone", dnc, call, notes, phone)
	}

	// A real conflict (the notes changed on both sides), kept as the server has it:
	// the withdrawal goes through all the same.
	admin(`UPDATE volunteers SET do_not_contact = 0, ok_call = 1, ok_text = 1, ok_email = 1, notes = 'server notes',
		row_version = row_version + 1 WHERE uuid = 'vol-a'`)
	file2 := filepath.Join(t.TempDir(), "alice2.db")
	if err := alice.Checkout(ctx, file2); err != nil {
		t.Fatal(err)
	}
	file = file2
	withdraw("file notes")
	admin(`UPDATE volunteers SET notes = 'other server notes', row_version = row_version + 1 WHERE uuid = 'vol-a'`)
	res, err = alice.Push(ctx, file, db.PushTakeTheirs, false)
	if err != nil {
		t.Fatal(err)
	}
	read()
	if len(res.Conflicts) != 1 || !strings.Contains(strings.Join(res.Conflicts[0].Parts, ","), "notes (changed on both)") {
		t.Errorf("conflicts %v; want the notes changed on both", res.Conflicts)
	}
	if dnc != 1 || call != 0 || notes != "other server notes" {
		t.Errorf("after --take-theirs: do not contact %d, ok to call %d, notes %q; want the withdrawal, the server's notes", dnc, call, notes)
	}
}

// editInFile edits, in the data file at path (a checkout), the volunteer of that
// UUID, as the app's form saves an edit.
func editInFile(t *testing.T, path, uuid string, edit func(*db.Volunteer)) {
	t.Helper()
	ctx := context.Background()
	f, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ids, err := db.QueryStrings(ctx, f, `SELECT id FROM volunteers WHERE uuid = ?`, uuid)
	if err != nil || len(ids) != 1 {
		t.Fatal(ids, err)
	}
	id, _ := strconv.ParseInt(ids[0], 10, 64)
	v, err := f.Volunteer(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	edit(&v)
	if err := f.UpdateVolunteer(ctx, v); err != nil {
		t.Fatal(err)
	}
}
