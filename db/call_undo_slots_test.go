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
	day := time.Date(2025, 2, 3, 0, 0, 0, 0, time.UTC)
	call := func(line int, office db.Office, notes string) db.IncomingCall {
		return db.IncomingCall{Line: line, CallerName: "Li Wei", CallerEmail: "li@x.org", CallerTown: "Boston",
			Legislator: "Rep. Rita Mendes", CalledAt: day, Office: office, Outcome: db.OutcomeLeftVoicemail, Notes: notes}
	}
	x, y, z := call(2, db.OfficeCapitol, "X"), call(3, db.OfficeDistrict, "Y"), call(3, db.OfficeCapitol, "Z")
	y2 := y
	y2.Line = 2
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Rita Mendes")
	first := importCallsAgain(t, s, "s1", 2, x, y)
	importCallsAgain(t, s, "s2", 1, y2, z)
	if _, err := s.UndoImport(ctx, first.BatchID); err != nil {
		t.Fatal(err)
	}
	importCallsAgain(t, s, "s2 after the undo of s1", 1, y2, z)
	importCallsAgain(t, s, "s2 once more", 0, y2, z)
	if got, want := storedNotes(t, s), []string{"Y", "Z"}; !slices.Equal(got, want) {
		t.Errorf("stored %q, want %q", got, want)
	}
}
