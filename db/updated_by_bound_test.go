package db_test

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestUpdatedByIsBound: who wrote a row (updated_by) is the login, passed to the
// server as a value, never spelled into the statement. A login ending in a
// backslash, on a server whose strings take backslash escapes
// (standard_conforming_strings off), broke the quoted literal it was written as:
// every trash, status or notes change of that lead failed with a syntax error.
func TestUpdatedByIsBound(t *testing.T) {
	ctx := context.Background()
	admin := dbtest.ServerURL(t)
	login := fmt.Sprintf(`lead%d_o'neil\`, os.Getpid())
	role := pgx.Identifier{login}.Sanitize()
	dbtest.ServerAdmin(t, admin, `CREATE ROLE `+role+` SUPERUSER LOGIN`)
	t.Cleanup(func() { dbtest.ServerAdmin(t, admin, `DROP ROLE IF EXISTS `+role) })
	dbtest.ServerAdmin(t, admin, `ALTER ROLE `+role+` SET standard_conforming_strings = off`)
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.User(login)
	s, err := db.Open(ctx, u.String(), db.Options{})
	if err != nil {
		t.Fatalf("open as %s: %v", login, err)
	}
	defer s.Close()

	vol := dbtest.Volunteer(t, s, "Ana", "Silva", nil)
	leg := dbtest.Legislator(t, s, db.ChamberLower, "1st Suffolk", "Jim Day")
	camp := dbtest.Campaign(t, s)
	if err := s.TrashVolunteer(ctx, vol); err != nil {
		t.Errorf("trash a volunteer: %v", err)
	}
	if err := s.SetLegislatorNotes(ctx, leg, "met in May"); err != nil {
		t.Errorf("save notes: %v", err)
	}
	if err := s.SetCampaignStatus(ctx, camp, "archived"); err != nil {
		t.Errorf("set status: %v", err)
	}

	c, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	for _, row := range []struct {
		table string
		id    int64
	}{{"volunteers", vol}, {"legislators", leg}, {"campaigns", camp}} {
		var by string
		if err := c.QueryRow(ctx, `SELECT updated_by FROM `+row.table+` WHERE id = $1`, row.id).Scan(&by); err != nil {
			t.Fatal(err)
		}
		if by != login {
			t.Errorf("%s %d: updated_by %q, want %q", row.table, row.id, by, login)
		}
	}
}
