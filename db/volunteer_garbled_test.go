package db_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportVolunteersGarbledRowLeftOut: one new volunteer whose name is UTF-8 read
// as Windows-1252 ("MarÃ­a Silva"), in a file whose other accented names are right
// (one record garbled where it came from), refused the whole import, as if the file
// were read in the wrong encoding. It is a bad row now: with SkipBadRows it is left
// out and listed (line, value, what it reads as), the rest imported; the rows that
// name it as recruiter say so, not "no one has that name"; without SkipBadRows the
// import is refused naming that row, nothing written.
func TestImportVolunteersGarbledRowLeftOut(t *testing.T) {
	ctx := context.Background()
	rows := func() []db.IncomingVolunteer {
		good := db.NewVolunteer("José", "Núñez")
		bad := db.NewVolunteer(mojibake(t, "María"), "Silva")
		bad.UUID = "3f0b6d4e-1c2a-4b5d-8e9f-0a1b2c3d4e5f"
		byUUID, byName := db.NewVolunteer("Bo", "Diaz"), db.NewVolunteer("Cy", "Ng")
		return []db.IncomingVolunteer{{Line: 2, Volunteer: good}, {Line: 3, Volunteer: bad},
			{Line: 4, Volunteer: byUUID, Recruiter: bad.FirstName + " Silva", RecruiterUUID: bad.UUID},
			{Line: 5, Volunteer: byName, Recruiter: bad.FirstName + " Silva"}}
	}
	t.Run("without SkipBadRows the import is refused naming the row", func(t *testing.T) {
		s := dbtest.Open(t)
		_, err := s.ImportVolunteers(ctx, db.VolunteerRows(rows()), db.ImportOptions{})
		if !errors.Is(err, db.ErrBadRows) || !strings.Contains(err.Error(), "line 3") || !strings.Contains(err.Error(), `"María"`) ||
			strings.Contains(err.Error(), "this file was read") {
			t.Errorf("%v; want the row refused as a bad row, saying what it reads as, not the whole file's encoding", err)
		}
		if n := len(dbtest.Roster(t, s)); n != 0 {
			t.Errorf("%d volunteers; want none", n)
		}
	})
	t.Run("with SkipBadRows the row is left out and listed, the others imported", func(t *testing.T) {
		s := dbtest.Open(t)
		sum, err := s.ImportVolunteers(ctx, db.VolunteerRows(rows()), db.ImportOptions{SkipBadRows: true})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Created != 3 || len(sum.Garbled) != 1 {
			t.Fatalf("%d created, garbled %+v; want 3 and line 3", sum.Created, sum.Garbled)
		}
		g := sum.Garbled[0]
		if g.Line != 3 || g.Value != mojibake(t, "María") || g.ReadsAs != "María" || !strings.Contains(g.Why, "import it again") {
			t.Errorf("%+v; want line 3, its value, what it reads as and the way out", g)
		}
		for _, r := range dbtest.Roster(t, s) {
			if strings.Contains(r.FirstName, "Ã") {
				t.Errorf("%s %s stored", r.FirstName, r.LastName)
			}
		}
		if len(sum.RecruitersNotSet) != 2 {
			t.Fatalf("recruiters not set %+v; want lines 4 and 5", sum.RecruitersNotSet)
		}
		for _, r := range sum.RecruitersNotSet {
			if !strings.Contains(r.Why, "line 3") || !strings.Contains(r.Why, "encoding") {
				t.Errorf("%+v; want it to say the recruiter's row, line 3, was left out for its encoding", r)
			}
		}
	})
}
