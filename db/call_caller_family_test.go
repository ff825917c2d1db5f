package db_test

import (
	"context"
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
