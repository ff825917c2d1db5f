package db_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// Every write that changes a volunteer, a legislator or a campaign raises its row
// version: the version is what a save (EditConflictError) and a push compare to tell
// that someone else changed the record since it was read. An import with
// --take-file-values left it as it was (tester t1, F2): a checkout made before it was
// pushed over the import's values, even a field only the server changed, with
// "conflicts: none"; and the same import inside a checkout was never pushed (F3).
// This walks each such write, on each backend.
func TestEveryWriteRaisesTheRowVersion(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		s := open(t)
		jen := dbtest.Volunteer(t, s, "Jennifer", "Brown", func(v *db.Volunteer) {
			v.Email, v.City = "jennifer.brown@example.org", "Lowell"
		})
		version := func() int64 {
			t.Helper()
			v, err := s.Volunteer(ctx, jen)
			if err != nil {
				t.Fatal(err)
			}
			return v.Version
		}
		// Each such write names who made it too (updated_by, what an edit conflict
		// says): an import, its undo and a merge left the name of the last form's save.
		who, err := s.WhoAmI(ctx)
		if err != nil {
			t.Fatal(err)
		}
		raw := dbtest.Raw(t, s.Path())
		if _, ok := dbtest.URLOf(s); !ok {
			if raw, err = sql.Open("sqlite", "file:"+s.Path()+"?_pragma=busy_timeout(5000)"); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { raw.Close() })
		}
		blank := func(table string) {
			t.Helper()
			if _, err := raw.Exec(`UPDATE ` + table + ` SET updated_by = ''`); err != nil {
				t.Fatal(err)
			}
		}
		namesWho := func(what, table string, id int64) {
			t.Helper()
			var by string
			if err := raw.QueryRow(`SELECT updated_by FROM `+table+` WHERE id = ?`, id).Scan(&by); err != nil {
				t.Fatal(err)
			}
			if by != who.Name {
				t.Errorf("%s left updated_by %q, want %q", what, by, who.Name)
			}
		}
		rises := func(what string, write func() error) {
			t.Helper()
			before := version()
			blank("volunteers")
			if err := write(); err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			if after := version(); after <= before {
				t.Errorf("%s left the volunteer's row version at %d (was %d)", what, after, before)
			}
			namesWho(what, "volunteers", jen)
		}
		importRow := func(take bool, edit func(v *db.IncomingVolunteer)) (int64, error) {
			row := rosterRow(2, "Jennifer", "Brown", "jennifer.brown@example.org", "", "", "", nil, nil)
			edit(&row)
			sum, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{row}),
				db.ImportOptions{Source: "f.csv", TakeFileValues: take})
			if err == nil && sum.Updated != 1 {
				t.Errorf("import: %+v", sum)
			}
			return sum.BatchID, err
		}
		var batch int64
		rises("an import taking the file's values", func() (err error) {
			batch, err = importRow(true, func(v *db.IncomingVolunteer) { v.City = "Lowell-SERVER" })
			return err
		})
		rises("an import filling an empty field", func() error {
			_, err := importRow(false, func(v *db.IncomingVolunteer) { v.Zip = "01852" })
			return err
		})
		rises("an import adding a tag", func() error {
			_, err := importRow(false, func(v *db.IncomingVolunteer) { v.Tags = []string{"phone bank"} })
			return err
		})
		rises("an import of a stricter consent", func() error {
			_, err := importRow(false, func(v *db.IncomingVolunteer) { v.DoNotContact = true })
			return err
		})
		rises("the undo of an import", func() error {
			_, err := s.UndoImport(ctx, batch)
			return err
		})
		// A volunteer in the trash is not read: both moves together raise it twice.
		before := version()
		blank("volunteers")
		if err := s.TrashVolunteer(ctx, jen); err != nil {
			t.Fatal(err)
		}
		if err := s.RestoreVolunteer(ctx, jen); err != nil {
			t.Fatal(err)
		}
		if after := version(); after < before+2 {
			t.Errorf("the trash and back left the volunteer's row version at %d (was %d)", after, before)
		}
		namesWho("the trash and back", "volunteers", jen)
		// A merge of another chapter's file bringing a newer copy of one of its people.
		other := dbtest.OpenFile(t)
		mo := dbtest.Volunteer(t, other, "Mo", "Other", nil)
		if _, err := s.Merge(ctx, other.Path()); err != nil {
			t.Fatal(err)
		}
		found, err := s.SearchVolunteers(ctx, "Mo Other", 2)
		if err != nil || len(found) != 1 {
			t.Fatalf("the merged volunteer: %v, %v", found, err)
		}
		v, err := other.Volunteer(ctx, mo)
		if err != nil {
			t.Fatal(err)
		}
		v.Notes = "edited in the other chapter"
		time.Sleep(1100 * time.Millisecond) // a merge takes the copy that is newer by the second
		if err := other.UpdateVolunteer(ctx, v); err != nil {
			t.Fatal(err)
		}
		jen = found[0].ID
		rises("a merge bringing a newer copy", func() error {
			_, err := s.Merge(ctx, other.Path())
			return err
		})
		// A newer copy that differs only in its tags: the merge relabeled the volunteer
		// and left the version as it was.
		if v, err = other.Volunteer(ctx, mo); err != nil {
			t.Fatal(err)
		}
		v.Tags = append(v.Tags, "phone bank captain")
		time.Sleep(1100 * time.Millisecond)
		if err := other.UpdateVolunteer(ctx, v); err != nil {
			t.Fatal(err)
		}
		rises("a merge bringing a newer copy with other tags only", func() error {
			_, err := s.Merge(ctx, other.Path())
			return err
		})
		// A push bringing a checkout's external ids alone (setExternalIDs) left it too.
		rises("a push's external ids", func() error {
			here, err := s.Volunteer(ctx, jen)
			if err != nil {
				return err
			}
			return s.SetExternalIDs(ctx, other, mo, here, []string{"nationbuilder=NB-7"})
		})

		roll := []db.IncomingLegislator{incoming(2, "ocd-person/1", db.ChamberLower, "7th Hampden", "Aaron Saunders", "617-722-2320")}
		opts := db.ImportOptions{Format: "openstates", Source: "ma.csv", State: "MA"}
		if _, err := s.ImportLegislators(ctx, roll, opts); err != nil {
			t.Fatal(err)
		}
		all, err := s.Legislators(ctx)
		if err != nil || len(all) != 1 {
			t.Fatalf("legislators: %d, %v", len(all), err)
		}
		leg := all[0].ID
		legVersion := func() int64 {
			t.Helper()
			l, err := s.Legislator(ctx, leg)
			if err != nil {
				t.Fatal(err)
			}
			return l.Version
		}
		for _, w := range []struct {
			what  string
			write func() error
		}{
			{"a re-import of a legislator's phone", func() error {
				roll[0].CapitolPhone = "617-722-2399"
				_, err := s.ImportLegislators(ctx, roll, opts)
				return err
			}},
			{"a legislator's notes", func() error { return s.SetLegislatorNotes(ctx, leg, "met at the town hall") }},
			{"a legislator's edited field", func() error { return s.EditLegislator(ctx, leg, db.FieldCapitolPhone, "617-555-0100") }},
		} {
			before := legVersion()
			blank("legislators")
			if err := w.write(); err != nil {
				t.Fatalf("%s: %v", w.what, err)
			}
			if after := legVersion(); after <= before {
				t.Errorf("%s left the legislator's row version at %d", w.what, after)
			}
			namesWho(w.what, "legislators", leg)
		}

		camp := dbtest.Campaign(t, s)
		campVersion := func() int64 {
			t.Helper()
			c, err := s.Campaign(ctx, camp)
			if err != nil {
				t.Fatal(err)
			}
			return c.Version
		}
		before = campVersion()
		blank("campaigns")
		if err := s.SetCampaignStatus(ctx, camp, "archived"); err != nil {
			t.Fatal(err)
		}
		if after := campVersion(); after <= before {
			t.Errorf("a campaign's status left its row version at %d", after)
		}
		namesWho("a campaign's status", "campaigns", camp)
		c, err := s.Campaign(ctx, camp)
		if err != nil {
			t.Fatal(err)
		}
		c.Revision++
		before = campVersion()
		if _, err := s.ImportCampaign(ctx, c); err != nil {
			t.Fatal(err)
		}
		if after := campVersion(); after <= before {
			t.Errorf("a campaign file imported over the campaign left its row version at %d", after)
		}
	})
}
