package reports_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/reports"
)

// TestWorkbookSortsDistrictsNaturally: the By district sheet put New Hampshire's
// "Cheshire 10" before "Cheshire 2" while the Senate's districts 1, 2, 10 came by
// number (tester t10): a number within a district's name is ordered by its value,
// wherever it stands.
func TestWorkbookSortsDistrictsNaturally(t *testing.T) {
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	for i, d := range []string{"10", "2", "1"} {
		dbtest.Legislator(t, s, db.ChamberUpper, d, "Senator "+strings.Repeat("a", i+1))
	}
	for i, d := range []string{"Cheshire 10", "Cheshire 2", "Cheshire 1", "Carroll 3", "Hillsborough 2", "Hillsborough 12", "10th Essex", "2nd Essex", "1st Middlesex"} {
		dbtest.Legislator(t, s, db.ChamberLower, d, "Rep "+strings.Repeat("b", i+1))
	}
	f, _ := workbook(t, s, db.ReportQuery{To: time.Now().Add(time.Hour)}, reports.WorkbookOptions{})
	got := strings.Join(columnValues(t, f, reports.SheetByDistrict, "District"), " | ")
	want := "1 | 2 | 10 | Carroll 3 | Cheshire 1 | Cheshire 2 | Cheshire 10 | 2nd Essex | 10th Essex | Hillsborough 2 | Hillsborough 12 | 1st Middlesex"
	if got != want {
		t.Errorf("districts\n%s\nwant\n%s", got, want)
	}
}
