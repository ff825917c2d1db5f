package db_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportPersonOnAnotherChaptersRoster: an import matches the importing chapter's
// people only (another chapter's Kim Tran is that chapter's to update), but a row
// whose email or phone is a volunteer's of a chapter merged in was added with no
// word, a second entry of one person (tester t3's F8). It is listed among those who
// may be someone already there, naming the chapter.
func TestImportPersonOnAnotherChaptersRoster(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "roxbury.db")
	b, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.UpdateSelfChapter(ctx, db.Chapter{Name: "Roxbury", State: "MA"}); err != nil {
		t.Fatal(err)
	}
	dbtest.Volunteer(t, b, "Kim", "Tran", func(v *db.Volunteer) { v.Email, v.Phone = "kim@example.org", "(617) 555-5555" })
	b.Close()
	s := dbtest.Open(t)
	ownChapterNamed(t, s, "Jamaica Plain") // not a server's untouched starter, which Roxbury would replace
	if _, err := s.Merge(ctx, path); err != nil {
		t.Fatal(err)
	}
	var kim int64
	for _, r := range dbtest.Roster(t, s) {
		if r.FirstName == "Kim" {
			kim = r.ID
		}
	}
	row := func(line int, first, email, phone string) db.IncomingVolunteer {
		return personRow(line, first, "Tran", email, phone, "Boston", "", "")
	}
	sum, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{
		row(2, "Kim", "KIM@example.org", "(617) 555-4444"),
		row(3, "Lan", "", "617-555-5555"), // another name on her phone: a household's
		row(4, "Kim", "", "617-555-5555"), // her name and phone
	}), db.ImportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Created != 3 {
		t.Fatalf("created %d; want Kim, Lan and Kim added to this chapter", sum.Created)
	}
	want := `same email or phone, on another chapter's roster ("Roxbury"),`
	if len(sum.Possible) != 2 || sum.Possible[0].Line != 2 || sum.Possible[1].Line != 4 {
		t.Fatalf("possible duplicates %+v; want lines 2 and 4 beside Roxbury's Kim Tran (%d)", sum.Possible, kim)
	}
	for _, p := range sum.Possible {
		if p.VolunteerID != kim || p.Why != want {
			t.Errorf("line %d beside volunteer %d, %q; want Roxbury's Kim Tran (%d), %q", p.Line, p.VolunteerID, p.Why, kim, want)
		}
	}
}
