package reports

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
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
	back := saveAndOpen(t, f)
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

// Two listings streamed at once (the call log and the roster are) each continue on
// sheets of their own, and the workbook reads back whole.
func TestTwoListingsAtOnceBothContinue(t *testing.T) {
	defer func(n int) { maxSheetRows = n }(maxSheetRows)
	maxSheetRows = 4
	f := excelize.NewFile()
	st, err := newStyles(f)
	if err != nil {
		t.Fatal(err)
	}
	wb := &workbook{book: &book{ctx: context.Background(), f: f, st: st, loc: time.UTC}}
	if err := f.SetSheetName("Sheet1", "A"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("B"); err != nil {
		t.Fatal(err)
	}
	fill := func(name string) func() error {
		return func() error {
			s, err := wb.listing(name, []column{{"N", 8}})
			if err != nil {
				return err
			}
			for i := 1; i <= 30; i++ {
				if err := s.add(i); err != nil {
					return err
				}
			}
			return s.close()
		}
	}
	if err := wb.together(fill("A"), fill("B")); err != nil {
		t.Fatal(err)
	}
	back := saveAndOpen(t, f)
	if got := back.GetSheetList(); len(got) != 20 {
		t.Fatalf("%d sheets: %v", len(got), got)
	}
	for _, base := range []string{"A", "B"} {
		for part := 1; part <= 10; part++ {
			name := base
			if part > 1 {
				name = fmt.Sprintf("%s (%d)", base, part)
			}
			rows, err := back.GetRows(name)
			if err != nil || len(rows) != 4 || rows[1][0] != strconv.Itoa(part*3-2) {
				t.Errorf("%s: %v %v", name, rows, err)
			}
		}
	}
}

// When one of the two sheets fails, the other stops and the failure is the error.
func TestTogetherReturnsTheFailureNotTheCancellation(t *testing.T) {
	wb := &workbook{book: &book{ctx: context.Background()}}
	boom := errors.New("boom")
	for _, first := range []bool{true, false} {
		failing := func() error { return boom }
		waiting := func() error { <-wb.ctx.Done(); return wb.ctx.Err() }
		a, b := failing, waiting
		if !first {
			a, b = waiting, failing
		}
		if err := wb.together(a, b); !errors.Is(err, boom) {
			t.Errorf("first=%v: %v, want boom", first, err)
		}
		if wb.ctx.Err() != nil {
			t.Error("together left its cancelled context on the book")
		}
	}
}

// saveAndOpen saves f as the workbook is saved and opens the result again.
func saveAndOpen(t *testing.T, f *excelize.File) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := save(f, &buf); err != nil {
		t.Fatal(err)
	}
	back, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	return back
}
