package db_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// storedNotes lists the notes of the call reports stored, trashed ones too, sorted.
func storedNotes(t *testing.T, s *db.Store) []string {
	t.Helper()
	r, err := dbtest.Raw(t, s.Path()).Query(`SELECT notes || CASE WHEN deleted_at IS NULL THEN '' ELSE ' (trashed)' END FROM call_reports`)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var got []string
	for r.Next() {
		var n string
		if err := r.Scan(&n); err != nil {
			t.Fatal(err)
		}
		got = append(got, n)
	}
	slices.Sort(got)
	return got
}

// Two exports of one form sharing a call (Y) with an undo between: the undo of the
// first deletes its reports, the slots of the key's first calls, while the second's
// report Z keeps the third. Importing the second export again adds Y back and finds Z:
// the undo's slots are taken, not the end of the key's calls, which filed Z twice.
func TestImportAfterUndoDoesNotFileACallTwice(t *testing.T) {
	ctx := context.Background()
	call := liWeiCall
	x, y, z := call(2, db.OfficeCapitol, "X"), call(3, db.OfficeDistrict, "Y"), call(3, db.OfficeCapitol, "Z")
	y2 := y
	y2.Line = 2
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Rita Mendes")
	first := importCallsAgain(t, s, "s1", 2, x, y)
	importCallsAgain(t, s, "s2", 1, x, y2, z) // cumulative: without X, Z is X edited (TestImportCallsEditedRowUpdatesItsReport)
	if _, err := s.UndoImport(ctx, first.BatchID); err != nil {
		t.Fatal(err)
	}
	importCallsAgain(t, s, "s2 after the undo of s1", 1, y2, z)
	importCallsAgain(t, s, "s2 once more", 0, y2, z)
	if got, want := storedNotes(t, s), []string{"Y", "Z"}; !slices.Equal(got, want) {
		t.Errorf("stored %q, want %q", got, want)
	}
}

// liveWith counts the volunteers on the roster (out of the trash) with the email.
func liveWith(t *testing.T, s *db.Store, email string) int {
	t.Helper()
	var n int
	if err := dbtest.Raw(t, s.Path()).QueryRow(`SELECT count(*) FROM volunteers WHERE email = ? AND deleted_at IS NULL`,
		email).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// The caller an undone import added stays on the roster while a later import's
// report is theirs (it is that import's now); a caller in the trash is found there by
// email, not added a second time, and stays in the trash.
func TestUndoKeepsTheCallerOfLaterImports(t *testing.T) {
	ctx := context.Background()
	call := liWeiCall
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Rita Mendes")
	first := importCallsAgain(t, s, "s1", 2, call(2, db.OfficeCapitol, "X"), call(3, db.OfficeDistrict, "Y"))
	second := importCallsAgain(t, s, "s2", 1, call(2, db.OfficeCapitol, "X"), call(2, db.OfficeDistrict, "Y"), call(3, db.OfficeCapitol, "Z"))
	sum, err := s.UndoImport(ctx, first.BatchID)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Trashed != 0 || sum.KeptCallers != 1 || liveWith(t, s, "li@x.org") != 1 {
		t.Errorf("undo of s1: %+v; %d Li Wei on the roster, want 1 kept", sum, liveWith(t, s, "li@x.org"))
	}
	again := importCallsAgain(t, s, "s2 after the undo of s1", 1, call(2, db.OfficeDistrict, "Y"), call(3, db.OfficeCapitol, "Z"))
	if again.NewCallers != 0 || liveWith(t, s, "li@x.org") != 1 {
		t.Errorf("s2 again added %d callers; %d Li Wei on the roster, want 1", again.NewCallers, liveWith(t, s, "li@x.org"))
	}
	// Undoing s2 (the caller is its now) and the import after it leaves no Li Wei.
	for _, b := range []int64{again.BatchID, second.BatchID} {
		if _, err := s.UndoImport(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	var n int
	if err := dbtest.Raw(t, s.Path()).QueryRow(`SELECT count(*) FROM volunteers`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d volunteers after every import was undone (%v)", n, err)
	}

	t.Run("a caller in the trash is found by email", func(t *testing.T) {
		s := dbtest.Open(t)
		dbtest.Campaign(t, s)
		dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Rita Mendes")
		importCallsAgain(t, s, "X", 1, call(2, db.OfficeCapitol, "X"))
		found, _ := s.SearchVolunteers(ctx, "li@x.org", 1)
		if len(found) != 1 {
			t.Fatalf("found %+v", found)
		}
		if err := s.TrashVolunteer(ctx, found[0].ID); err != nil {
			t.Fatal(err)
		}
		sum := importCallsAgain(t, s, "Y", 1, call(2, db.OfficeCapitol, "X"), call(3, db.OfficeDistrict, "Y"))
		if sum.NewCallers != 0 || sum.InTrash != 1 || !slices.Equal(sum.TrashedCallers, []int64{found[0].ID}) {
			t.Errorf("%+v", sum)
		}
		if err := s.RestoreFromTrash(ctx, db.TrashVolunteers, found[0].ID); err != nil {
			t.Fatal(err)
		}
		if n := liveWith(t, s, "li@x.org"); n != 1 {
			t.Errorf("%d Li Wei on the roster after the restore, want 1", n)
		}
	})
}

// A report naming its caller's volunteer UUID (ChapterDesk's call export) is filed
// under that volunteer, though another shares the name and neither has an email.
func TestImportCallsFindsTheCallerByUUID(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Rita Mendes")
	if _, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{
		rosterRow(2, "Maria", "Garcia", "", "617-555-0101", "", "", nil, nil),
		rosterRow(3, "Maria", "Garcia", "", "617-555-0102", "", "", nil, nil),
	}), db.ImportOptions{Source: "roster.csv"}); err != nil {
		t.Fatal(err)
	}
	raw := dbtest.Raw(t, s.Path())
	var second, id string
	if err := raw.QueryRow(`SELECT uuid FROM volunteers ORDER BY id DESC LIMIT 1`).Scan(&second); err != nil {
		t.Fatal(err)
	}
	sum := importCallsAgain(t, s, "a call by the second Maria", 1, db.IncomingCall{Line: 2, CallerUUID: second,
		CallerName: "Maria Garcia", Legislator: "Rep. Rita Mendes", CalledAt: time.Date(2025, 2, 3, 16, 0, 0, 0, time.UTC),
		Outcome: db.OutcomeBusy})
	if err := raw.QueryRow(`SELECT v.uuid FROM call_reports r JOIN volunteers v ON v.id = r.volunteer_id`).Scan(&id); err != nil || id != second || sum.NewCallers != 0 {
		t.Errorf("filed under %q (%v), %d callers added; want %q, none", id, err, sum.NewCallers, second)
	}
}

// liWeiCall is one of Li Wei's voicemails to Rep. Rita Mendes on 3 February 2025: the
// calls of one key that these tests import, undo and import again.
func liWeiCall(line int, office db.Office, notes string) db.IncomingCall {
	return db.IncomingCall{Line: line, CallerName: "Li Wei", CallerEmail: "li@x.org", CallerTown: "Boston",
		Legislator: "Rep. Rita Mendes", CalledAt: time.Date(2025, 2, 3, 0, 0, 0, 0, time.UTC), Office: office,
		Outcome: db.OutcomeLeftVoicemail, Notes: notes}
}
