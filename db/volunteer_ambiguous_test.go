package db_test

import (
	"context"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportShortNameFitsTwoOnOneEmail: a row whose first name is a short form that
// fits two people on its email (Sam, on the Lees' address shared by Samuel and
// Samantha) is listed as ambiguous and changes no one: before, Samuel was taken
// quietly and his consent withdrawn by Samantha's "no calls" perhaps (tester t3's F1).
func TestImportShortNameFitsTwoOnOneEmail(t *testing.T) {
	ctx := context.Background()
	imp := func(t *testing.T, s *db.Store, rows ...db.IncomingVolunteer) db.VolunteerImportSummary {
		t.Helper()
		sum, err := s.ImportVolunteers(ctx, db.VolunteerRows(rows), db.ImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	byName := func(t *testing.T, s *db.Store) map[string]db.RosterRow {
		m := map[string]db.RosterRow{}
		for _, r := range dbtest.Roster(t, s) {
			m[r.FirstName] = r
		}
		return m
	}
	const email = "lee.family@example.org"
	noCalls := func(line int, first string) db.IncomingVolunteer {
		r := personRow(line, first, "Lee", email, "", "", "nationbuilder", "9001")
		r.OKCall, r.OKEmail = false, false
		return r
	}
	lees := func(t *testing.T) *db.Store {
		s := dbtest.Open(t)
		imp(t, s, personRow(2, "Samuel", "Lee", email, "617-555-6001", "", "", ""),
			personRow(3, "Samantha", "Lee", email, "617-555-6001", "", "", ""))
		return s
	}
	t.Run("Sam fits Samuel and Samantha: listed, no one changed", func(t *testing.T) {
		s := lees(t)
		before := byName(t, s)
		sum := imp(t, s, noCalls(2, "Sam"))
		after := byName(t, s)
		if sum.Created != 0 || sum.Updated != 0 || len(after) != 2 {
			t.Fatalf("created %d, updated %d, %d on the roster", sum.Created, sum.Updated, len(after))
		}
		if !after["Samuel"].OKCall || !after["Samuel"].OKEmail || !after["Samantha"].OKCall || !after["Samantha"].OKEmail {
			t.Errorf("consent changed: %+v", after)
		}
		if len(sum.Ambiguous) != 1 {
			t.Fatalf("ambiguous %+v, want line 2", sum.Ambiguous)
		}
		a := sum.Ambiguous[0]
		want := []db.RosterPerson{{ID: before["Samuel"].ID, Name: "Samuel Lee"}, {ID: before["Samantha"].ID, Name: "Samantha Lee"}}
		if a.Line != 2 || a.Name != "Sam Lee" || len(a.Fits) != 2 || a.Fits[0] != want[0] || a.Fits[1] != want[1] {
			t.Errorf("ambiguous %+v, want line 2, Sam Lee, fitting %+v", a, want)
		}
		if again := imp(t, s, noCalls(2, "Sam")); len(again.Ambiguous) != 1 || again.Updated != 0 {
			t.Errorf("again: updated %d, ambiguous %+v", again.Updated, again.Ambiguous)
		}
	})
	t.Run("the full first name settles it", func(t *testing.T) {
		s := lees(t)
		sum := imp(t, s, noCalls(2, "Samantha"))
		after := byName(t, s)
		if sum.Updated != 1 || len(sum.Ambiguous) != 0 || after["Samantha"].OKCall || !after["Samuel"].OKCall {
			t.Errorf("updated %d, ambiguous %+v: %+v", sum.Updated, sum.Ambiguous, after)
		}
	})
	t.Run("a roster entry of the row's very name is the row's", func(t *testing.T) {
		s := dbtest.Open(t)
		for _, first := range []string{"Samantha", "Sam"} { // two people, as the lead added them
			dbtest.Volunteer(t, s, first, "Lee", func(v *db.Volunteer) { v.Email = email })
		}
		sum := imp(t, s, noCalls(2, "Sam"))
		after := byName(t, s)
		if sum.Updated != 1 || len(sum.Ambiguous) != 0 || after["Sam"].OKCall || !after["Samantha"].OKCall {
			t.Errorf("updated %d, ambiguous %+v: %+v", sum.Updated, sum.Ambiguous, after)
		}
	})
	t.Run("Sam alone on the email is Samuel, as before", func(t *testing.T) {
		s := dbtest.Open(t)
		imp(t, s, personRow(2, "Samuel", "Lee", email, "", "", "", ""))
		sum := imp(t, s, noCalls(2, "Sam"))
		if after := byName(t, s); sum.Updated != 1 || len(sum.Ambiguous) != 0 || after["Samuel"].OKCall {
			t.Errorf("updated %d, ambiguous %+v: %+v", sum.Updated, sum.Ambiguous, after)
		}
	})
	t.Run("in one file, Sam after Samuel and Samantha", func(t *testing.T) {
		s := dbtest.Open(t)
		sum := imp(t, s, personRow(2, "Samuel", "Lee", email, "", "", "", ""),
			personRow(3, "Samantha", "Lee", email, "", "", "", ""), noCalls(4, "Sam"))
		after := byName(t, s)
		if sum.Created != 2 || sum.Merged != 0 || len(sum.Ambiguous) != 1 || sum.Ambiguous[0].Line != 4 ||
			!after["Samuel"].OKCall || !after["Samantha"].OKCall {
			t.Errorf("created %d, merged %d, ambiguous %+v: %+v", sum.Created, sum.Merged, sum.Ambiguous, after)
		}
	})
}
