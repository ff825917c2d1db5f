package reports_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/reports"
	"github.com/xuri/excelize/v2"
)

// TestWorkbookMarksACutNote: Excel holds 32,767 characters in a cell, and a
// 100,000-character note was cut there mid-text with no marker and no word (tester
// t3's F12). The cell now ends saying it was cut and how long the note is, and the
// workbook's writer is told where.
func TestWorkbookMarksACutNote(t *testing.T) {
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	long := strings.Repeat("ü long note ", 100_000/12)
	dbtest.Volunteer(t, s, "François", "Müller", func(v *db.Volunteer) { v.Notes = long })
	var warned []string
	f, _ := workbook(t, s, db.ReportQuery{To: time.Now().Add(time.Hour)}, reports.WorkbookOptions{
		Warn: func(msg string) { warned = append(warned, msg) }})
	rows, err := f.GetRows(reports.SheetVolunteers)
	if err != nil || len(rows) < 2 {
		t.Fatalf("%v, %d rows", err, len(rows))
	}
	note := rows[1][len(rows[1])-1]
	if n := len([]rune(note)); n > excelize.TotalCellChars || !strings.HasPrefix(long, note[:1000]) {
		t.Fatalf("note of %d characters", n)
	}
	if want := "… [cut here: the note has 99,996 characters in ChapterDesk]"; !strings.HasSuffix(note, want) {
		t.Errorf("the cut note ends %q; want %q", note[len(note)-80:], want)
	}
	if len(warned) != 1 || !strings.Contains(warned[0], "1 cell") || !strings.Contains(warned[0], "Volunteers row 2") {
		t.Errorf("warned %q", warned)
	}
}
