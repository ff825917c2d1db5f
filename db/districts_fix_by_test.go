package db_test

import (
	"context"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestFixDistrictsNamesWhoWrote: respelling a volunteer's district as the directory
// does is a write like any other: the row's version rises (a push or a save that read
// the old spelling must see it) and updated_by names the login that ran it. It left
// updated_by as it was, so the row named someone who never wrote that value.
func TestFixDistrictsNamesWhoWrote(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		ctx := context.Background()
		s := open(t)
		// Typed before the directory knew the district, so stored as typed.
		ana := dbtest.Volunteer(t, s, "Ana", "Souza", func(v *db.Volunteer) { v.SenateDistrict = "second suffolk" })
		before, err := s.Volunteer(ctx, ana)
		if err != nil {
			t.Fatal(err)
		}
		leg := dbtest.Legislator(t, s, db.ChamberUpper, "Second Suffolk", "Liz Miranda")
		if err := s.SetLegislatorNotes(ctx, leg, "a write of this store, to learn its login"); err != nil {
			t.Fatal(err)
		}
		raw := dbtest.Raw(t, s.Path())
		var login string
		if err := raw.QueryRowContext(ctx, `SELECT updated_by FROM legislators WHERE id = ?`, leg).Scan(&login); err != nil {
			t.Fatal(err)
		}
		if login == "" {
			t.Skip("this machine's user has no name to tell apart from none")
		}

		n, err := s.FixDistricts(ctx)
		if err != nil || n != 1 {
			t.Fatalf("fixed %d, %v", n, err)
		}
		after, err := s.Volunteer(ctx, ana)
		if err != nil {
			t.Fatal(err)
		}
		if after.SenateDistrict != "Second Suffolk" || after.Version <= before.Version {
			t.Errorf("district %q, version %d -> %d", after.SenateDistrict, before.Version, after.Version)
		}
		var by string
		if err := raw.QueryRowContext(ctx, `SELECT updated_by FROM volunteers WHERE id = ?`, ana).Scan(&by); err != nil {
			t.Fatal(err)
		}
		if by != login {
			t.Errorf("updated_by %q after the respelling, want %q", by, login)
		}
	})
}
