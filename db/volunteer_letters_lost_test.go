package db_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportVolunteersLettersLostLeftOut: a new volunteer whose name had letters
// turned into "?" ("Zo? M?ller", "Thi Nguy?n": a sheet saved in an encoding without
// them) was added under that name without a word (tester t5, defect 5), where a value
// UTF-8 read as Windows-1252 leaves its row out and a report form's caller so damaged
// adds no one. Such a row is a bad row now: the import is refused naming it, nothing
// written, or with SkipBadRows it is left out and listed with why, the rest imported.
// A "?" in the notes is no damage; a roster volunteer known by the first name alone
// does not get the family name "Tr?n" filled in either.
func TestImportVolunteersLettersLostLeftOut(t *testing.T) {
	ctx := context.Background()
	rows := func() []db.IncomingVolunteer {
		ana := db.NewVolunteer("Ana", "Lima")
		ana.Notes = "Can she call on Tuesdays?"
		lan := db.NewVolunteer("Lan", "Tr?n")
		lan.Email = "lan@x.org"
		return []db.IncomingVolunteer{{Line: 2, Volunteer: db.NewVolunteer("Thi", "Nguy?n")},
			{Line: 3, Volunteer: db.NewVolunteer("Zo?", "M?ller")}, {Line: 4, Volunteer: ana}, {Line: 5, Volunteer: lan}}
	}
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		t.Run("without SkipBadRows the import is refused naming the row", func(t *testing.T) {
			s := open(t)
			_, err := s.ImportVolunteers(ctx, db.VolunteerRows(rows()), db.ImportOptions{})
			if !errors.Is(err, db.ErrBadRows) || !strings.Contains(err.Error(), "line 2") || !strings.Contains(err.Error(), `"Nguy?n"`) ||
				!strings.Contains(err.Error(), `turned into "?"`) {
				t.Errorf("%v; want the row refused as a bad row, saying its letters were turned into \"?\"", err)
			}
			if n := len(dbtest.Roster(t, s)); n != 0 {
				t.Errorf("%d volunteers; want none", n)
			}
		})
		t.Run("with SkipBadRows the rows are left out and listed, the others imported", func(t *testing.T) {
			s := open(t)
			lan := dbtest.Volunteer(t, s, "Lan", "", func(v *db.Volunteer) { v.Email = "lan@x.org" })
			sum, err := s.ImportVolunteers(ctx, db.VolunteerRows(rows()), db.ImportOptions{SkipBadRows: true})
			if err != nil {
				t.Fatal(err)
			}
			if sum.Created != 1 || len(sum.Garbled) != 2 || sum.Garbled[0].Line != 2 || sum.Garbled[1].Line != 3 {
				t.Fatalf("%d created, left out %+v; want Ana created, lines 2 and 3 left out", sum.Created, sum.Garbled)
			}
			for _, g := range sum.Garbled {
				if !strings.Contains(g.Why, `turned into "?"`) || !strings.Contains(g.Why, g.Value) {
					t.Errorf("%+v; want why, naming the value", g)
				}
			}
			for _, r := range dbtest.Roster(t, s) {
				if strings.Contains(r.FirstName+r.LastName, "?") {
					t.Errorf("volunteer %d stored as %s %s", r.ID, r.FirstName, r.LastName)
				}
			}
			if v, err := s.Volunteer(ctx, lan); err != nil || v.LastName != "" {
				t.Errorf("Lan's family name %q (%v); want it left empty, not Tr?n", v.LastName, err)
			}
		})
	})
}
