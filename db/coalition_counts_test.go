package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/demo"
)

// coalitionOfThree is a demo server of 300 volunteers spread over three chapters,
// with a coordinator; it returns the owner's store and the coordinator's login.
func coalitionOfThree(t *testing.T) (url string, owner *db.Store, coord string) {
	t.Helper()
	ctx := context.Background()
	url = dbtest.ServerURL(t)
	owner, err := db.Open(ctx, url, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { owner.Close() })
	if err := demo.Generate(ctx, owner, demo.Options{Volunteers: 300, Calls: 3000, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"Worcester", "Springfield"} {
		if _, err := owner.AddChapter(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	coord = coalLogin("carol")
	if _, err := owner.AddCoordinator(ctx, coord); err != nil {
		t.Fatal(err)
	}
	// A few volunteers of the coalition's smallest chapter make it one of fewer than 5.
	dbtest.ServerAdmin(t, url, `UPDATE volunteers SET recruiter_id = NULL;
		UPDATE volunteers SET chapter_id = (SELECT id FROM chapters WHERE name = 'Worcester') WHERE id % 2 = 1;
		UPDATE volunteers SET chapter_id = (SELECT id FROM chapters WHERE name = 'Springfield') WHERE id IN (2, 4, 6);
		UPDATE call_reports r SET chapter_id = v.chapter_id FROM volunteers v
			WHERE v.id = r.volunteer_id AND r.chapter_id <> v.chapter_id`)
	return url, owner, coord
}

// The coordinator's counts of the rosters hold no group of fewer than 5 volunteers
// (0007's view grouped by chapter, day joined and both districts: nearly every row
// was one person), and the workbook's totals are still the roster's.
func TestCoalitionCountsHaveNoSmallGroups(t *testing.T) {
	ctx := context.Background()
	url, owner, coord := coalitionOfThree(t)
	carol := coalConnect(t, url, coord)
	var rows, small int
	if err := carol.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE volunteers < 5)
		FROM coalition_volunteer_counts`).Scan(&rows, &small); err != nil {
		t.Fatal(err)
	}
	if rows == 0 || small != 0 {
		t.Errorf("coalition_volunteer_counts: %d of its %d rows are a group of fewer than 5", small, rows)
	}
	if err := carol.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE volunteers < 5 OR joined < 5)
		FROM coalition_chapter_volunteers('2000-01-01', '2100-01-01')`).Scan(&rows, &small); err != nil {
		t.Fatal(err)
	}
	if rows == 0 || small != 0 {
		t.Errorf("coalition_chapter_volunteers: %d of its %d rows are a group of fewer than 5", small, rows)
	}
	cs, err := db.Open(ctx, coalAs(t, url, coord), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	q := db.ReportQuery{From: time.Now().AddDate(0, -2, 0), To: time.Now()}
	var mine, theirs *db.Report
	for _, s := range []struct {
		store *db.Store
		into  **db.Report
	}{{owner, &mine}, {cs, &theirs}} {
		if err := s.store.Report(ctx, q, func(r *db.Report) error { *s.into = r; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	if theirs.Summary.Volunteers != mine.Summary.Volunteers || theirs.Summary.NewVolunteers != mine.Summary.NewVolunteers ||
		mine.Summary.Volunteers != 300 {
		t.Errorf("the coordinator's totals: %d volunteers, %d new; the owner's: %d, %d", theirs.Summary.Volunteers,
			theirs.Summary.NewVolunteers, mine.Summary.Volunteers, mine.Summary.NewVolunteers)
	}
	// A chapter's and a district's counts are the owner's, or withheld when under 5.
	want := func(n int) int {
		if n < db.CoalitionMinGroup {
			return db.FewVolunteers
		}
		return n
	}
	var withheld int
	for i, c := range mine.Chapters {
		got := theirs.Chapters[i]
		if got.ID != c.ID || got.Volunteers != want(c.Volunteers) || got.NewVolunteers != want(c.NewVolunteers) {
			t.Errorf("chapter %s: the coordinator reads %d volunteers, %d new; the owner %d, %d", c.Name,
				got.Volunteers, got.NewVolunteers, c.Volunteers, c.NewVolunteers)
		}
		if got.Volunteers == db.FewVolunteers {
			withheld++
		}
	}
	for i, d := range mine.Districts {
		got := theirs.Districts[i]
		if got.District != d.District || got.Volunteers != want(d.Volunteers) {
			t.Errorf("district %s: the coordinator reads %d volunteers, the owner %d", d.District, got.Volunteers, d.Volunteers)
		}
		if got.Volunteers == db.FewVolunteers && d.Volunteers > 0 {
			withheld++
		}
	}
	if withheld == 0 {
		t.Errorf("no chapter or district was under 5: the scene tests nothing withheld")
	}
	// A lead may not run the coordinator's count of every chapter.
	lead := coalLogin("lena")
	if _, err := owner.AddLead(ctx, lead, "Worcester"); err != nil {
		t.Fatal(err)
	}
	if _, err := coalConnect(t, url, lead).Exec(ctx, `SELECT * FROM coalition_chapter_volunteers('2000-01-01', '2100-01-01')`); !coalDenied(err) {
		t.Errorf("a lead counts every chapter's volunteers: %v", err)
	}
}
