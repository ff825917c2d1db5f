package db_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportCallsFillsCallerFamilyName: a caller the roster knows by the first name
// alone ("Sarah", from a form that asked no more) whose later report gives the family
// name too ("Sarah Harris", the same email) kept the name "Sarah". The empty family
// name is filled now, once, said in the output, the row version raised (as every write
// does: an edit open on another screen must not overwrite it unseen), and an undo of
// the import empties it again; a family name the roster has is never overwritten.
func TestImportCallsFillsCallerFamilyName(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		s := open(t)
		dbtest.CallDesk(t, s)
		sarah := dbtest.Volunteer(t, s, "Sarah", "", func(v *db.Volunteer) { v.Email = "sarah@x.org" })
		tom := dbtest.Volunteer(t, s, "Tom", "Jones", func(v *db.Volunteer) { v.Email = "tom@x.org" })
		before, err := s.Volunteer(ctx, sarah)
		if err != nil {
			t.Fatal(err)
		}
		call := dbtest.CallRow
		sum, err := s.ImportCalls(ctx, []db.IncomingCall{call(2, "Sarah Harris", "sarah@x.org"), call(3, "Sarah Harris", "sarah@x.org"),
			call(4, "Tom Smith", "tom@x.org")}, db.CallImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		v, err := s.Volunteer(ctx, sarah)
		if err != nil {
			t.Fatal(err)
		}
		if v.LastName != "Harris" || v.Version <= before.Version {
			t.Errorf("Sarah now %q %q, version %d (was %d); want Sarah Harris, the version raised", v.FirstName, v.LastName, v.Version, before.Version)
		}
		if len(sum.CallersNamed) != 1 || sum.CallersNamed[0].Line != 2 || !strings.Contains(sum.CallersNamed[0].Reason, "Harris") {
			t.Errorf("named %+v; want line 2 alone, saying Harris was filled in", sum.CallersNamed)
		}
		if found, err := s.SearchVolunteers(ctx, "harris", 10); err != nil || len(found) != 1 || found[0].ID != sarah {
			t.Errorf("search for harris found %+v (%v); want Sarah", found, err)
		}
		if v, err := s.Volunteer(ctx, tom); err != nil || v.LastName != "Jones" {
			t.Errorf("Tom's family name %q (%v); want Jones kept", v.LastName, err)
		}
		if _, err := s.UndoImport(ctx, sum.BatchID); err != nil {
			t.Fatal(err)
		}
		if v, err := s.Volunteer(ctx, sarah); err != nil || v.LastName != "" {
			t.Errorf("after undo, Sarah's family name %q (%v); want it empty again", v.LastName, err)
		}
	})
}

// TestImportCallsFillsNoJunkFamilyName: a caller on the roster by the first name
// alone whose later report's name cell held more than a name had that filled in as
// their family name: "Pedro 617-555-0123" made Pedro's family name "617-555-0123"
// (tester t5, defect 4), and "N/A", "Tr?n", an email, an emoji or "Dr." alike, as the
// fill split the raw cell where adding a caller takes out what is no name. The fill
// reads the cell as adding a caller does: nothing that is no family name is filled
// in, a name damaged by the file's encoding is listed to check, and a good later
// report ("Pedro Alvarez") still fills the name.
func TestImportCallsFillsNoJunkFamilyName(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		s := open(t)
		dbtest.CallDesk(t, s)
		junk := []struct{ first, cell string }{
			{"Pedro", "Pedro 617-555-0123"}, {"Lin", "Lin lin.alt@example.org"}, {"Kim", "Kim N/A"},
			{"Ari", "Ari Tr?n"}, {"Ed", "Ed (617) 555-0188"}, {"Ty", "Ty 😀"}, {"Uma", "Uma Dr."},
			{"Ada", "Ada -"}, {"Wu", "Wu 02139"}, {"Vi", "Vi none"},
		}
		ids := map[string]int64{}
		var rows []db.IncomingCall
		for i, j := range junk {
			email := strings.ToLower(j.first) + "@x.org"
			ids[j.first] = dbtest.Volunteer(t, s, j.first, "", func(v *db.Volunteer) { v.Email = email })
			rows = append(rows, dbtest.CallRow(i+2, j.cell, email))
		}
		rows = append(rows, dbtest.CallRow(len(rows)+2, "Pedro Alvarez", "pedro@x.org"))
		sum, err := s.ImportCalls(ctx, rows, db.CallImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, j := range junk {
			v, err := s.Volunteer(ctx, ids[j.first])
			if err != nil {
				t.Fatal(err)
			}
			want := ""
			if j.first == "Pedro" {
				want = "Alvarez"
			}
			if v.FirstName != j.first || v.LastName != want {
				t.Errorf("after the report of %q, the volunteer is %q %q; want %q %q", j.cell, v.FirstName, v.LastName, j.first, want)
			}
		}
		if len(sum.CallersNamed) != 1 || !strings.Contains(sum.CallersNamed[0].Reason, "Pedro Alvarez") {
			t.Errorf("family names filled: %+v; want Pedro Alvarez's alone", sum.CallersNamed)
		}
		listed := false
		for _, c := range sum.TitleCorrected {
			listed = listed || strings.Contains(c.Reason, "Ari Tr?n")
		}
		if !listed {
			t.Errorf("filed with a correction: %+v; want Ari Tr?n listed, the family name not filled in from damaged text", sum.TitleCorrected)
		}
		if sum.Created != len(rows) {
			t.Errorf("%d reports filed; want all %d", sum.Created, len(rows))
		}
	})
}

// TestImportCallsAddsCallerWithoutJunkName: a caller a report adds whose name cell
// ends in something typed for no name ("Kim N/A", "Ty 😀", "Uma Dr.", "Wu 02139") was
// added with it as the family name. They are added by the first name alone, the
// output saying what was no name.
func TestImportCallsAddsCallerWithoutJunkName(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		s := open(t)
		dbtest.CallDesk(t, s)
		cells := map[string]string{"Kim N/A": "N/A", "Ty 😀": "😀", "Uma Dr.": "Dr.", "Wu 02139": "02139", "Vi none": "none"}
		var rows []db.IncomingCall
		for _, cell := range []string{"Kim N/A", "Ty 😀", "Uma Dr.", "Wu 02139", "Vi none"} {
			rows = append(rows, dbtest.CallRow(len(rows)+2, cell, strings.ToLower(strings.Fields(cell)[0])+"@x.org"))
		}
		sum, err := s.ImportCalls(ctx, rows, db.CallImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			first := strings.Fields(r.CallerName)[0]
			found, err := s.SearchVolunteers(ctx, r.CallerEmail, 10)
			if err != nil || len(found) != 1 || found[0].FirstName != first || found[0].LastName != "" {
				t.Errorf("the caller %q added as %+v (%v); want %s alone", r.CallerName, found, err, first)
			}
		}
		said := map[string]bool{}
		for _, a := range sum.AddedCallers {
			for cell, junk := range cells {
				if strings.Contains(a.Reason, cell) && strings.Contains(a.Reason, fmt.Sprintf("%q is no name", junk)) {
					said[cell] = true
				}
			}
		}
		if len(said) != len(cells) {
			t.Errorf("added callers listed %+v; want each saying what was no name", sum.AddedCallers)
		}
	})
}
