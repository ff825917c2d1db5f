package db_test

import (
	"context"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportNameAlikeOnOnePhone: a row on a roster person's phone whose name is
// another but whose first name fits theirs (Rob for Robert, Mary for Mary Ann,
// Mary-Ann for Maryann, Robert J. for Robert; Linda Smith for Linda Jones, a married
// name) was added as a new volunteer with no word, and the file's "do not call"
// stayed on the copy while the roster's Robert stayed callable (tester t8). Such a
// row is added and listed with those who may be someone already there, and its "do
// not call" is taken for the roster person too: calling them rings the number the
// file says not to call. A clearly other first name on the phone (Jane beside John)
// is a household's second person, added and not listed, as before.
func TestImportNameAlikeOnOnePhone(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	row := func(line int, first, last, email, phone, city, zip string, call bool) db.IncomingVolunteer {
		in := personRow(line, first, last, email, phone, city, "", "")
		in.Zip, in.OKCall = zip, call
		return in
	}
	if _, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{
		row(2, "Robert", "Jones", "", "(617) 555-0104", "Worcester", "", true),
		row(3, "Mary Ann", "Lee", "", "(617) 555-0401", "Quincy", "02169", true),
		row(4, "Linda", "Jones", "linda.jones@example.org", "(617) 555-0144", "Worcester", "01602", true),
		row(5, "Maryann", "Lee", "", "617-555-0701", "", "", true),
		row(6, "John", "Smith", "", "617-555-0900", "Boston", "", true),
	}), db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for _, r := range dbtest.Roster(t, s) {
		ids[r.FirstName+" "+r.LastName] = r.ID
	}
	sum, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{
		row(2, "Rob", "Jones", "", "617-555-0104", "Worcester", "", false),
		row(3, "Mary", "Lee", "", "617-555-0401", "Quincy", "02169", true),
		row(4, "Linda", "Smith", "linda.smith@example.org", "617-555-0144", "Worcester", "01602", true),
		row(5, "Mary-Ann", "Lee", "", "617 555 0701", "", "", false),
		row(6, "Robert J.", "Jones", "", "617-555-0104", "Worcester", "", true),
		row(7, "Jane", "Smith", "", "617-555-0900", "Boston", "", false), // a household's
	}), db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 6 {
		t.Errorf("created %d, want the 6 rows added (listed, not merged)", sum.Created)
	}
	const alike, carried = "same phone and a name alike", `"do not call" taken for both: same phone and a name alike`
	want := map[int]db.PossibleDuplicate{
		2: {VolunteerID: ids["Robert Jones"], Why: carried},
		3: {VolunteerID: ids["Mary Ann Lee"], Why: alike},
		4: {VolunteerID: ids["Linda Jones"], Why: alike},
		5: {VolunteerID: ids["Maryann Lee"], Why: carried},
		6: {VolunteerID: ids["Robert Jones"], Why: alike}, // Robert has no calls now: nothing carried
	}
	got := map[int]db.PossibleDuplicate{}
	for _, p := range sum.Possible {
		got[p.Line] = db.PossibleDuplicate{VolunteerID: p.VolunteerID, Why: p.Why}
	}
	for line, w := range want {
		if got[line] != w {
			t.Errorf("line %d listed as %+v, want beside volunteer %d, %q", line, got[line], w.VolunteerID, w.Why)
		}
	}
	if len(sum.Possible) != len(want) {
		t.Errorf("listed %+v, want lines 2 to 6 (Jane Smith is John's household, not listed)", sum.Possible)
	}
	call := map[string]bool{}
	for _, r := range dbtest.Roster(t, s) {
		call[r.FirstName+" "+r.LastName] = r.OKCall
	}
	for name, ok := range map[string]bool{"Robert Jones": false, "Rob Jones": false, "Maryann Lee": false, "Mary-Ann Lee": false,
		"Mary Ann Lee": true, "John Smith": true, "Jane Smith": false} {
		if call[name] != ok {
			t.Errorf("%s may be called: %v, want %v", name, call[name], ok)
		}
	}
}
