package reports_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/reports"
)

// TestWorkbookCountsCallsToFormerMembers: calls to a legislator who has left office
// since (an import with --retire-missing) were counted in the Summary, By volunteer
// and By week but dropped from By legislator and By district, so the sheets did not
// add up; the former member is listed, marked out of office, and left out of the
// whip count's seats and next targets.
func TestWorkbookCountsCallsToFormerMembers(t *testing.T) {
	ctx := context.Background()
	s := demoStore(t, 200, 2000)
	q := db.ReportQuery{From: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)}
	calls, err := s.ListCallReports(ctx, db.CallFilter{From: q.From, To: q.To}, 0, 1)
	if err != nil || len(calls) != 1 {
		t.Fatalf("no call in the period: %v", err)
	}
	gone := calls[0].LegislatorID
	// The legislature again, without him: he is retired.
	in, err := s.Legislators(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var rows []db.IncomingLegislator
	var him db.Legislator
	for i, l := range in {
		if l.ID == gone {
			him = l
			continue
		}
		rows = append(rows, db.IncomingLegislator{Line: i + 2, Legislator: l})
	}
	if sum, err := s.ImportLegislators(ctx, rows, db.ImportOptions{State: "MA", RetireMissing: true}); err != nil || sum.Retired != 1 {
		t.Fatalf("retire %s: %+v, %v", him.Title(), sum, err)
	}

	f, sum := workbook(t, s, q, reports.WorkbookOptions{})
	calls0 := summaryValue(t, f, "Calls made")
	reaches := summaryValue(t, f, "Reaches (spoke, or left a voicemail)")
	for _, sheet := range []string{reports.SheetByLegislator, reports.SheetByDistrict, reports.SheetByWeek, reports.SheetByVolunteer} {
		if n, _ := columnSum(t, f, sheet, "Calls"); n != calls0 {
			t.Errorf("%s: %d calls, summary %d", sheet, n, calls0)
		}
		if n, _ := columnSum(t, f, sheet, "Reaches"); n != reaches {
			t.Errorf("%s: %d reaches, summary %d", sheet, n, reaches)
		}
	}
	if n, _ := columnSum(t, f, reports.SheetByDistrict, db.LegislatorsReachedLabel); n != summaryValue(t, f, db.LegislatorsReachedLabel) {
		t.Errorf("by district: %d legislators reached, summary %d", n, summaryValue(t, f, db.LegislatorsReachedLabel))
	}
	// The former member is counted apart, as the dashboard leaves him out (tester t3, F15).
	if n := summaryValue(t, f, "Legislators called who are no longer in office, or of another state (their calls are among the calls made)"); n != 1 {
		t.Errorf("summary: %d legislators called no longer in office, want 1", n)
	}
	all, err := f.GetRows(reports.SheetByLegislator)
	if err != nil {
		t.Fatal(err)
	}
	cell := func(r []string, header string) string {
		if i := slices.Index(all[0], header); i < len(r) {
			return r[i]
		}
		return ""
	}
	i := slices.IndexFunc(all, func(r []string) bool { return cell(r, "Legislator") == him.Title() })
	if i < 0 {
		t.Fatalf("%s is not on By legislator", him.Title())
	}
	if note, target := cell(all[i], "Not in the whip count"), cell(all[i], "Next target"); note != "out of office" || target != "" {
		t.Errorf("%s: note %q, next target %q", him.Title(), note, target)
	}
	if !slices.ContainsFunc(columnValues(t, f, reports.SheetByDistrict, "Members"), func(m string) bool {
		return strings.Contains(m, him.Title()+" (out of office)")
	}) {
		t.Errorf("By district does not name %s as out of office", him.Title())
	}
	seats := 0
	for _, c := range sum.Whip {
		seats += c.Seats
	}
	if seats != len(in)-1 {
		t.Errorf("the whip count has %d seats, %d in office", seats, len(in)-1)
	}
}
