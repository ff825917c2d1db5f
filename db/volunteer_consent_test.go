package db_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// consentRow is Pat in an import file: opted in to email and texts, or out of both.
func consentRow(line int, optOut bool) db.IncomingVolunteer {
	v := db.NewVolunteer("Pat", "Em")
	v.Email, v.OKText = "pat@example.org", !optOut
	return db.IncomingVolunteer{Line: line, Volunteer: v, OptOutEmail: optOut, OptOutText: optOut}
}

// TestImportConsentOnlyGetsStricter: an opt-out of email or texts in a later import
// (or a later row of the same file) closes that channel of the person already there;
// an opt-in never opens one again.
func TestImportConsentOnlyGetsStricter(t *testing.T) {
	ctx := context.Background()
	importRows := func(t *testing.T, s *db.Store, rows ...db.IncomingVolunteer) db.VolunteerImportSummary {
		t.Helper()
		sum, err := s.ImportVolunteers(ctx, db.VolunteerRows(rows), db.ImportOptions{Format: "plain"})
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	only := func(t *testing.T, s *db.Store) db.RosterRow {
		t.Helper()
		rows := dbtest.Roster(t, s)
		if len(rows) != 1 {
			t.Fatalf("%d volunteers, want 1", len(rows))
		}
		return rows[0]
	}
	t.Run("a later opt-out clears email and texts, reported as an update", func(t *testing.T) {
		s := dbtest.Open(t)
		importRows(t, s, consentRow(2, false))
		if v := only(t, s); !v.OKEmail || !v.OKText {
			t.Fatalf("after the opt-in: ok_email %v, ok_text %v", v.OKEmail, v.OKText)
		}
		sum := importRows(t, s, consentRow(2, true))
		if sum.Updated != 1 || sum.Unchanged != 0 {
			t.Errorf("updated %d, unchanged %d; want the opt-out reported as an update", sum.Updated, sum.Unchanged)
		}
		if v := only(t, s); v.OKEmail || v.OKText || !v.OKCall {
			t.Errorf("after the opt-out: ok_email %v, ok_text %v, ok_call %v", v.OKEmail, v.OKText, v.OKCall)
		}
		t.Run("and a still later opt-in does not re-enable them", func(t *testing.T) {
			sum := importRows(t, s, consentRow(2, false))
			if sum.Updated != 0 || sum.Unchanged != 1 {
				t.Errorf("updated %d, unchanged %d", sum.Updated, sum.Unchanged)
			}
			if v := only(t, s); v.OKEmail || v.OKText {
				t.Errorf("after a new opt-in: ok_email %v, ok_text %v", v.OKEmail, v.OKText)
			}
		})
	})
	t.Run("an opt-out in a later row of the same file clears them too", func(t *testing.T) {
		s := dbtest.Open(t)
		sum := importRows(t, s, consentRow(2, false), consentRow(3, true))
		if sum.Created != 1 || sum.Merged != 1 {
			t.Errorf("created %d, merged %d", sum.Created, sum.Merged)
		}
		if v := only(t, s); v.OKEmail || v.OKText {
			t.Errorf("ok_email %v, ok_text %v", v.OKEmail, v.OKText)
		}
	})
	t.Run("an opt-in in a later row of the same file does not undo an opt-out", func(t *testing.T) {
		s := dbtest.Open(t)
		importRows(t, s, consentRow(2, true), consentRow(3, false))
		if v := only(t, s); v.OKEmail || v.OKText {
			t.Errorf("ok_email %v, ok_text %v", v.OKEmail, v.OKText)
		}
	})
	t.Run("undoing the import gives the consent back", func(t *testing.T) {
		s := dbtest.Open(t)
		importRows(t, s, consentRow(2, false))
		sum := importRows(t, s, consentRow(2, true))
		if _, err := s.UndoImport(ctx, sum.BatchID); err != nil {
			t.Fatal(err)
		}
		if v := only(t, s); !v.OKEmail || !v.OKText {
			t.Errorf("after undo: ok_email %v, ok_text %v", v.OKEmail, v.OKText)
		}
	})
}

// TestOwnExportOpenedConsentListed: the app's own export edited in a spreadsheet, a
// consent the lead opened (ok_text no → yes) was dropped by design, without a line,
// and the row counted unchanged (tester t3's F20). It is still not taken, but listed,
// and the row is one that differs.
func TestOwnExportOpenedConsentListed(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.Volunteer(t, s, "Robert", "Jones", func(v *db.Volunteer) { v.Email, v.OKText, v.DoNotContact = "rj@example.org", false, false })
	dbtest.Volunteer(t, s, "Linda", "Jones", func(v *db.Volunteer) { v.Email, v.DoNotContact = "lj@example.org", true })
	var rows []db.IncomingVolunteer
	for i, r := range dbtest.Roster(t, s) {
		v, err := s.Volunteer(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		v.ID = 0
		if v.FirstName == "Robert" {
			v.OKText = true
		} else {
			v.DoNotContact, v.OKCall = false, true
		}
		rows = append(rows, db.IncomingVolunteer{Line: i + 2, Volunteer: v})
	}
	sum, err := s.ImportVolunteers(ctx, db.VolunteerRows(rows), db.ImportOptions{TakeFileValues: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range dbtest.Roster(t, s) {
		v, _ := s.Volunteer(ctx, r.ID)
		if v.OKText || v.FirstName == "Linda" && (!v.DoNotContact || v.OKCall) {
			t.Errorf("%s: consent widened from a file: %+v", v.Name(), v)
		}
	}
	var listed []string
	for _, c := range sum.Conflicts {
		if strings.Contains(c.Kept, "consent") {
			listed = append(listed, c.Name+" "+c.Field+": roster "+c.Stored+", file "+c.InFile)
		}
	}
	slices.Sort(listed)
	if want := []string{"Linda Jones do_not_contact: roster yes, file no", "Linda Jones ok_call: roster no, file yes", "Robert Jones ok_text: roster no, file yes"}; !slices.Equal(listed, want) {
		t.Errorf("listed %q, want %q", listed, want)
	}
	if sum.Unchanged != 0 || sum.Differ != 2 {
		t.Errorf("%d unchanged, %d differ; want the two rows as differing", sum.Unchanged, sum.Differ)
	}
}
