package db_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// namedChapterFile is a new data file whose own chapter is named name.
func namedChapterFile(t *testing.T, name string) (*db.Store, string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), name+".db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	c, err := s.SelfChapter(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c.Name = name
	if err := s.UpdateSelfChapter(ctx, c); err != nil {
		t.Fatal(err)
	}
	return s, path
}

// externalIDsByChapter counts a file's external ids by the name of their volunteer's
// chapter.
func externalIDsByChapter(t *testing.T, path string) map[string]int {
	t.Helper()
	c, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	rows, err := c.Query(`SELECT c.name, count(*) FROM volunteer_external_ids e JOIN volunteers v ON v.id = e.volunteer_id
		JOIN chapters c ON c.id = v.chapter_id GROUP BY c.name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	m := map[string]int{}
	for rows.Next() {
		var name string
		var n int
		if err := rows.Scan(&name, &n); err != nil {
			t.Fatal(err)
		}
		m[name] = n
	}
	return m
}

// A data file holding several chapters (a coordinator's, after merges) keeps each
// chapter's NationBuilder ids, as two chapters may each know the same person. The
// file's key was (system, external_id) across its chapters: the second chapter's ids
// were silently dropped by the merge, or by an import after it, and a re-import of a
// changed person then added that person again.
func TestMergedChaptersKeepTheirExternalIDs(t *testing.T) {
	ctx := context.Background()
	import1 := func(s *db.Store, rows []db.IncomingVolunteer) db.VolunteerImportSummary {
		t.Helper()
		sum, err := s.ImportVolunteers(ctx, db.VolunteerRows(rows), db.ImportOptions{Source: "nb.csv"})
		if err != nil {
			t.Fatal(err)
		}
		return sum
	}
	b, bPath := namedChapterFile(t, "Springfield")
	import1(b, nbPeople(10, -1))
	b.Close()

	t.Run("a merge keeps the other chapter's ids beside this one's", func(t *testing.T) {
		a, aPath := namedChapterFile(t, "Worcester")
		import1(a, nbPeople(10, -1))
		if _, err := a.Merge(ctx, bPath); err != nil {
			t.Fatal(err)
		}
		if got := externalIDsByChapter(t, aPath); got["Worcester"] != 10 || got["Springfield"] != 10 {
			t.Errorf("external ids by chapter after the merge: %v; want 10 each", got)
		}
	})
	t.Run("an import after a merge stores this chapter's ids and finds its people by them", func(t *testing.T) {
		a, aPath := namedChapterFile(t, "Worcester")
		plain := nbPeople(10, -1)
		for i := range plain {
			plain[i].System, plain[i].ExternalID = "", ""
		}
		import1(a, plain)
		if _, err := a.Merge(ctx, bPath); err != nil {
			t.Fatal(err)
		}
		if sum := import1(a, nbPeople(10, -1)); sum.Created != 0 {
			t.Errorf("the NationBuilder export of the chapter's people: %+v; want them found", sum.ImportSummary)
		}
		if got := externalIDsByChapter(t, aPath); got["Worcester"] != 10 || got["Springfield"] != 10 {
			t.Errorf("external ids by chapter after the import: %v; want 10 each", got)
		}
		if sum := import1(a, nbPeople(10, 7)); sum.Created != 0 || sum.Updated+sum.Unchanged+sum.Differ != 10 {
			t.Errorf("re-import with one person's email changed: %+v; want 0 created, 10 found", sum.ImportSummary)
		}
	})
}
