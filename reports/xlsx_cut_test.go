package reports

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestCutCellNamesWhatWasCut: a roll call's 200 KB motion was cut in the workbook
// with "[cut here: the note has 200,039 characters…]" (tester t10): it is a motion,
// not a note. The marker names the column's text that was cut.
func TestCutCellNamesWhatWasCut(t *testing.T) {
	f := excelize.NewFile()
	st, err := newStyles(f)
	if err != nil {
		t.Fatal(err)
	}
	b := &book{ctx: context.Background(), f: f, st: st, loc: time.UTC}
	if err := f.SetSheetName("Sheet1", SheetRecord); err != nil {
		t.Fatal(err)
	}
	s, err := b.listing(SheetRecord, []column{{"Bill", 9}, {"Motion", 36}, {"Why we had that stance", 40}, {"Notes", 40}})
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("On passage ", 200_039/11) + "ab"
	if err := s.add("S.1305", long, long, long); err != nil {
		t.Fatal(err)
	}
	if err := s.close(); err != nil {
		t.Fatal(err)
	}
	rows, err := saveAndOpen(t, f).GetRows(SheetRecord)
	if err != nil || len(rows) != 2 || len(rows[1]) != 4 {
		t.Fatalf("%v: %d rows", err, len(rows))
	}
	for i, want := range []string{"", "… [cut here: the motion has 200,037 characters in ChapterDesk]",
		"… [cut here: the text of “Why we had that stance” has 200,037 characters in ChapterDesk]",
		"… [cut here: the note has 200,037 characters in ChapterDesk]"} {
		if got := rows[1][i]; want != "" && !strings.HasSuffix(got, want) {
			t.Errorf("column %s ends %q; want %q", rows[0][i], got[max(0, len(got)-90):], want)
		}
	}
}
