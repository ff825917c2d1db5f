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

// TestMergedRowsToCheck: a father and son of one name, without a suffix column,
// with two ids and one household phone are one person as the export's own
// duplicates are (the shared generator's "phone_format" kind), so they are merged;
// but when the rows give different birth dates or emails, only a count of merged
// rows said so. Each such merge is listed with what differs, for the lead to split.
func TestMergedRowsToCheck(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	row := func(line int, id, email, born string) db.IncomingVolunteer {
		v := db.NewVolunteer("Robert", "Jones")
		v.Email, v.Phone = email, "617-555-014"+id[:1] // a household phone per pair
		return db.IncomingVolunteer{Line: line, Volunteer: v, System: "nationbuilder", ExternalID: id, BirthDate: born}
	}
	sum, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{
		row(2, "11", "", "1950-03-14"), row(3, "12", "", "1982-07-01"), // father, son: other birth dates
		row(4, "21", "ann@example.org", ""), row(5, "22", "ann.b@example.org", ""), // other emails
		row(6, "31", "", "1970-01-02"), row(7, "32", "", "1970-01-02"), // the same person twice
	}), db.ImportOptions{Format: "nationbuilder"})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Merged != 3 {
		t.Errorf("%d merged, want 3 (merging stays)", sum.Merged)
	}
	if len(sum.MergedToCheck) != 2 {
		t.Fatalf("listed %+v, want lines 3 and 5", sum.MergedToCheck)
	}
	for i, want := range []struct {
		line int
		why  string
	}{{3, "different birth dates"}, {5, "different emails"}} {
		if c := sum.MergedToCheck[i]; c.Line != want.line || !strings.Contains(c.Why, want.why) || c.VolunteerID == 0 {
			t.Errorf("%+v, want line %d: %s", c, want.line, want.why)
		}
	}
}

// TestMergedRowsNameTheirLines: "1 rows were the same person as an earlier row and
// were merged" named no line (tester t3's F9): every merged row is listed with the
// line of the earlier row it was merged with.
func TestMergedRowsNameTheirLines(t *testing.T) {
	s := dbtest.Open(t)
	row := func(line int, first, last, email string) db.IncomingVolunteer {
		return personRow(line, first, last, email, "", "", "", "")
	}
	sum, err := s.ImportVolunteers(context.Background(), db.VolunteerRows([]db.IncomingVolunteer{
		row(2, "Samuel", "Lee", "lee@example.org"), row(4, "María", "García", "maria@example.org"),
		row(5, "Maria", "Garcia", "MARIA@EXAMPLE.ORG"), row(6, "Sam", "Lee", "lee@example.org"),
	}), db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range sum.MergedRows {
		got = append(got, fmt.Sprintf("%d %s <- %d (%d)", m.Line, m.Name, m.EarlierLine, m.VolunteerID))
	}
	roster := map[string]int64{}
	for _, r := range dbtest.Roster(t, s) {
		roster[r.FirstName] = r.ID
	}
	want := []string{fmt.Sprintf("5 Maria Garcia <- 4 (%d)", roster["María"]), fmt.Sprintf("6 Sam Lee <- 2 (%d)", roster["Samuel"])}
	if sum.Merged != 2 || !slices.Equal(got, want) {
		t.Errorf("merged %d: %q; want %q", sum.Merged, got, want)
	}
}
