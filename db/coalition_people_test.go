package db_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// A person on two chapters' rosters is one person in the coalition's total: the
// merged file's workbook and stats count the people once (matched as an import's
// dedupe matches them: the same email, in any case, unless the first names clearly
// differ, or the same phone with the same name), beside the roster entries, and each
// chapter's own count is as its roster has it. A household's phone or a couple's email
// shared by two people leaves them two (tester, repro-2: Robert and Linda Jones).
func TestCoalitionTotalCountsPeopleOnce(t *testing.T) {
	ctx := context.Background()
	chapter := func(name string, vols ...db.Volunteer) string {
		t.Helper()
		path := filepath.Join(t.TempDir(), name+".db")
		s, err := db.Open(ctx, path, db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if err := s.UpdateSelfChapter(ctx, db.Chapter{Name: name, State: "MA"}); err != nil {
			t.Fatal(err)
		}
		for _, v := range vols {
			dbtest.Volunteer(t, s, v.FirstName, v.LastName, func(w *db.Volunteer) { w.Email, w.Phone = v.Email, v.Phone })
		}
		return path
	}
	vol := func(first, last, email, phone string) db.Volunteer {
		return db.Volunteer{FirstName: first, LastName: last, Email: email, Phone: phone}
	}
	worcester := chapter("Worcester", vol("Ann", "Archer", "ann@example.org", ""), vol("Bob", "Baker", "", "+16175550101"),
		vol("Cy", "Cole", "cy@example.org", ""), vol("Linda", "Baker", "linda@example.org", "+16175550101"))
	springfield := chapter("Springfield", vol("Ann", "Archer", "ANN@Example.org", ""), vol("Bob", "Baker", "bob@example.org", "+16175550101"),
		vol("Dee", "Dunn", "dee@example.org", ""), vol("Mary", "Cole", "CY@example.org", ""))
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	for _, f := range []string{worcester, springfield} {
		if _, err := s.Merge(ctx, f); err != nil {
			t.Fatal(err)
		}
	}
	err := s.Report(ctx, db.ReportQuery{To: time.Now()}, func(r *db.Report) error {
		per := map[string]int{}
		for _, c := range r.Chapters {
			per[c.Name] = c.Volunteers
		}
		if per["Worcester"] != 4 || per["Springfield"] != 4 {
			t.Errorf("each chapter's roster: %v, want 4 and 4", per)
		}
		if r.Summary.Volunteers != 8 || r.Summary.People != 6 {
			t.Errorf("the coalition's roster entries %d (want 8) and people %d (want 6)", r.Summary.Volunteers, r.Summary.People)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	counts, err := s.Counts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, c := range counts {
		got[c.Name] = c.Count
	}
	if got["volunteers"] != 8 || got["distinct_people"] != 6 {
		t.Errorf("stats: volunteers %d (want 8), distinct_people %d (want 6)", got["volunteers"], got["distinct_people"])
	}
}
