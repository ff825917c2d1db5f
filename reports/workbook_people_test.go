package reports_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/demo"
	"github.com/chapterdesk/chapterdesk/reports"
)

// A workbook of several chapters says which roster total it gives: the people,
// each counted once however many chapters' rosters have them, and the roster
// entries, a person on two rosters counted twice; never a bare "Volunteers on the
// roster", which would be either.
func TestWorkbookOfChaptersCountsPeopleOnce(t *testing.T) {
	ctx := context.Background()
	s, err := db.Open(ctx, filepath.Join(t.TempDir(), "coalition.db"), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if err := demo.Generate(ctx, s, demo.Options{Volunteers: 120, Calls: 600, Chapters: 3, Seed: 7,
		AsOf: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	const people = "Volunteers, each person once (matched as the roster import matches: a household's shared phone is two people)"
	const entries = "Roster entries of all chapters (a person on two rosters counts twice)"
	f, sum := workbook(t, s, db.ReportQuery{To: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)}, reports.WorkbookOptions{})
	if got := summaryValue(t, f, people); got != sum.People || got == 0 {
		t.Errorf("%s: %d, the report's %d", people, got, sum.People)
	}
	if got := summaryValue(t, f, entries); got != sum.Volunteers || got != 120 {
		t.Errorf("%s: %d, want 120", entries, got)
	}
	// The counts of volunteers beside them say they are roster entries too (tester,
	// repro-11: "Volunteers who called 4" beside "2 people").
	const called = "Volunteers who called (roster entries)"
	if got := summaryValue(t, f, called); got != sum.VolunteersCalled || got == 0 {
		t.Errorf("%s: %d, the report's %d", called, got, sum.VolunteersCalled)
	}
	rows, _ := f.GetRows("Summary")
	for _, r := range rows {
		if len(r) > 0 && strings.HasPrefix(r[0], "New volunteers") && !strings.Contains(r[0], "roster entries") {
			t.Errorf("a workbook of several chapters says %q, beside the people counted once", r[0])
		}
	}
	for _, r := range rows {
		if len(r) > 0 && r[0] == "Volunteers on the roster" {
			t.Errorf("a workbook of several chapters says %q, which does not say whether a person on two rosters counts twice", r[0])
		}
	}
	// By district too: its volunteers are the rosters' entries living there (the
	// coordinator's workbook has no other count of them).
	districts, _ := f.GetRows(reports.SheetByDistrict)
	if len(districts) == 0 || !strings.Contains(strings.Join(districts[0], "|"), "Volunteers living there (roster entries)") {
		t.Errorf("By district's header in a workbook of several chapters: %q", districts[0])
	}
}
