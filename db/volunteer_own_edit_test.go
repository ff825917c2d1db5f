package db_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestReimportOwnExportEdited: the app's own export (with UUIDs) edited in a
// spreadsheet and imported again (the tester's v4_edit.csv, v4_edit2.csv). Names
// and notes edited were ignored and not listed, the rows called "unchanged"; an
// emptied email was not mentioned; TakeFileValues listed a status as changed to the
// file's that it left as it was; and languages added were left out of the update's
// fields. Every difference is listed, names and notes are taken with TakeFileValues
// (and undone), an empty note is filled, a value the file lost to its encoding
// ("Th?o") or left empty is kept and said so, and no row with a listed difference
// is "unchanged".
func TestReimportOwnExportEdited(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	n := 0
	add := func(first, last, email, notes string) {
		n++
		dbtest.Volunteer(t, s, first, last, func(v *db.Volunteer) {
			v.Email, v.Phone, v.City, v.Notes = email, fmt.Sprintf("617-555-01%02d", n), "Boston", notes
		})
	}
	add("MARIA", "DE LA CRUZ", "maria@example.org", "caps")
	add("Robert", "Jones Jr.", "bob@example.org", "suffix")
	add("Gus", "Home", "gus@example.org", "")
	add("Anne-Marie", "Smith-Jones", "amsj@example.org", "hyphen")
	add("Sean", "O'Neil", "sean@example.org", "apostrophe")
	add("Thảo", "Nguyễn", "thao@example.org", "")
	add("John", "Smith", "john@example.org", "couple")
	// The rows as the export writes them, by email.
	exported := func() map[string]db.IncomingVolunteer {
		rows := map[string]db.IncomingVolunteer{}
		for i, r := range dbtest.Roster(t, s) {
			v := db.NewVolunteer(r.FirstName, r.LastName)
			v.UUID, v.Email, v.Phone, v.City, v.Notes, v.Status = r.UUID, r.Email, r.Phone, r.City, r.Notes, r.Status
			rows[r.Email] = db.IncomingVolunteer{Line: i + 2, Volunteer: v, StatusSaid: true}
		}
		return rows
	}
	edit := func(rows map[string]db.IncomingVolunteer, email string, fn func(*db.Volunteer)) {
		in := rows[email]
		fn(&in.Volunteer)
		rows[email] = in
	}
	edited := func() []db.IncomingVolunteer {
		rows := exported()
		edit(rows, "maria@example.org", func(v *db.Volunteer) { v.FirstName, v.LastName = "Maria", "De La Cruz" })
		edit(rows, "bob@example.org", func(v *db.Volunteer) { v.LastName, v.Notes = "Jones", "suffix; prefers evenings" })
		edit(rows, "gus@example.org", func(v *db.Volunteer) { v.Notes = "asked no email" })
		edit(rows, "amsj@example.org", func(v *db.Volunteer) { v.Phone = "" })
		edit(rows, "sean@example.org", func(v *db.Volunteer) { v.Status = db.StatusInactive })
		edit(rows, "thao@example.org", func(v *db.Volunteer) { v.FirstName = "Th?o" })
		edit(rows, "john@example.org", func(v *db.Volunteer) { v.Languages = []string{"es"} })
		var out []db.IncomingVolunteer
		for _, in := range rows {
			out = append(out, in)
		}
		amsj := rows["amsj@example.org"]
		amsj.Email = "" // a row matched by its UUID, whatever its email became
		for i := range out {
			if out[i].UUID == amsj.UUID {
				out[i] = amsj
			}
		}
		slices.SortFunc(out, func(a, b db.IncomingVolunteer) int { return a.Line - b.Line })
		return out
	}
	listed := func(sum db.VolunteerImportSummary) map[string]db.VolunteerConflict {
		got := map[string]db.VolunteerConflict{}
		for _, c := range sum.Conflicts {
			got[c.Name+" "+c.Field] = c
		}
		return got
	}
	changed := func(sum db.VolunteerImportSummary) map[string][]string {
		got := map[string][]string{}
		for _, c := range sum.Changes {
			got[c.Name] = c.Fields
		}
		return got
	}

	sum, err := s.ImportVolunteers(ctx, db.VolunteerRows(edited()), db.ImportOptions{DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("lists names, notes, an emptied cell, a damaged name and a status that differ", func(t *testing.T) {
		got := listed(sum)
		for _, k := range []string{"Maria De La Cruz first_name", "Maria De La Cruz last_name", "Robert Jones last_name",
			"Robert Jones notes", "Anne-Marie Smith-Jones email", "Anne-Marie Smith-Jones phone_e164", "Sean O'Neil status", "Th?o Nguyễn first_name"} {
			if _, ok := got[k]; !ok {
				t.Errorf("%s not listed (listed: %v)", k, got)
			}
		}
		for _, k := range []string{"Anne-Marie Smith-Jones email", "Th?o Nguyễn first_name"} {
			if got[k].Kept == "" {
				t.Errorf("%s: %+v; want why the roster's is kept", k, got[k])
			}
		}
		if !strings.Contains(got["Th?o Nguyễn first_name"].Kept, "encoding") {
			t.Errorf("%+v; want it said the file's encoding damaged it", got["Th?o Nguyễn first_name"])
		}
	})
	t.Run("fills an empty note and names the languages added", func(t *testing.T) {
		got := changed(sum)
		if !slices.Contains(got["Gus Home"], "notes") || !slices.Contains(got["John Smith"], "languages") {
			t.Errorf("changes %v; want Gus's notes and John's languages", got)
		}
	})
	t.Run("calls no row with a listed difference unchanged", func(t *testing.T) {
		if sum.Updated != 2 || sum.Differ != 5 || sum.Unchanged != 0 {
			t.Errorf("updated %d, differ %d, unchanged %d; want 2, 5, 0", sum.Updated, sum.Differ, sum.Unchanged)
		}
	})

	taken, err := s.ImportVolunteers(ctx, db.VolunteerRows(edited()), db.ImportOptions{TakeFileValues: true})
	if err != nil {
		t.Fatal(err)
	}
	byEmail := func() map[string]db.RosterRow {
		got := map[string]db.RosterRow{}
		for _, r := range dbtest.Roster(t, s) {
			got[r.Email] = r
		}
		return got
	}
	t.Run("takes names and notes, keeps what the file lost and the status, and says which", func(t *testing.T) {
		got := byEmail()
		if r := got["maria@example.org"]; r.FirstName != "Maria" || r.LastName != "De La Cruz" {
			t.Errorf("Maria: %q %q", r.FirstName, r.LastName)
		}
		if r := got["bob@example.org"]; r.LastName != "Jones" || r.Notes != "suffix; prefers evenings" {
			t.Errorf("Robert: %q, notes %q", r.LastName, r.Notes)
		}
		if r := got["gus@example.org"]; r.Notes != "asked no email" {
			t.Errorf("Gus: notes %q", r.Notes)
		}
		if r := got["thao@example.org"]; r.FirstName != "Thảo" {
			t.Errorf("Thảo: first name %q; the file's damaged one taken", r.FirstName)
		}
		if r := got["amsj@example.org"]; r.Phone == "" {
			t.Errorf("Anne-Marie: phone erased")
		}
		if r := got["sean@example.org"]; r.Status != db.StatusActive {
			t.Errorf("Sean: status %q", r.Status)
		}
		for _, c := range taken.Conflicts {
			if c.Taken == (c.Kept != "") || (c.Field == "status" && c.Taken) {
				t.Errorf("%+v: taken %v with kept %q", c, c.Taken, c.Kept)
			}
		}
		if taken.Unchanged != 0 || taken.Differ != 3 {
			t.Errorf("updated %d, differ %d, unchanged %d; want Anne-Marie, Sean and Thảo differing", taken.Updated, taken.Differ, taken.Unchanged)
		}
	})
	t.Run("undo puts the names and notes back", func(t *testing.T) {
		if _, err := s.UndoImport(ctx, taken.BatchID); err != nil {
			t.Fatal(err)
		}
		got := byEmail()
		if r := got["maria@example.org"]; r.FirstName != "MARIA" || r.LastName != "DE LA CRUZ" {
			t.Errorf("Maria: %q %q", r.FirstName, r.LastName)
		}
		if r := got["bob@example.org"]; r.LastName != "Jones Jr." || r.Notes != "suffix" {
			t.Errorf("Robert: %q, notes %q", r.LastName, r.Notes)
		}
		if r := got["gus@example.org"]; r.Notes != "" {
			t.Errorf("Gus: notes %q", r.Notes)
		}
	})
}
