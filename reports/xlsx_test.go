package reports

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestListingContinuesOnANewSheetWhenFull(t *testing.T) {
	defer func(n int) { maxSheetRows = n }(maxSheetRows)
	maxSheetRows = 4 // a header and three rows a sheet
	f := excelize.NewFile()
	st, err := newStyles(f)
	if err != nil {
		t.Fatal(err)
	}
	b := &book{ctx: context.Background(), f: f, st: st, loc: time.UTC}
	if err := f.SetSheetName("Sheet1", "Call log"); err != nil {
		t.Fatal(err)
	}
	s, err := b.listing("Call log", []column{{"N", 8}})
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= 8; i++ {
		if err := s.add(i); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.close(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := save(f, &buf); err != nil {
		t.Fatal(err)
	}
	back, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{"Call log": {"N", "1", "2", "3"}, "Call log (2)": {"N", "4", "5", "6"}, "Call log (3)": {"N", "7", "8"}}
	if got := back.GetSheetList(); len(got) != 3 {
		t.Fatalf("sheets %v", got)
	}
	for sheet, cells := range want {
		rows, err := back.GetRows(sheet)
		if err != nil || len(rows) != len(cells) {
			t.Fatalf("%s: %v %v", sheet, rows, err)
		}
		for i, c := range cells {
			if rows[i][0] != c {
				t.Errorf("%s row %d: %q, want %q", sheet, i+1, rows[i][0], c)
			}
		}
	}
}
