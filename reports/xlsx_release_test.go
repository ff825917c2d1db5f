package reports

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestReleaseStreamBuffer: releasing a flushed sheet's buffer finds excelize's
// writer as it expects (else excelize changed and the buffers are held again), and
// the workbook saved afterwards still has every row, for a sheet that went to a
// temporary file (over 16 MB) and for one that stayed in memory.
func TestReleaseStreamBuffer(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	if _, err := f.NewSheet("Big"); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("x", 1000)
	const bigRows = 20_000 // about 20 MB of XML: past excelize's 16 MB in memory
	for _, sheet := range []struct {
		name string
		rows int
	}{{"Big", bigRows}, {"Sheet1", 3}} {
		sw, err := f.NewStreamWriter(sheet.name)
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i <= sheet.rows; i++ {
			if err := sw.SetRow(fmt.Sprintf("A%d", i), []any{i, long}); err != nil {
				t.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
		if !releaseStreamBuffer(sw) {
			t.Fatal("excelize's StreamWriter is no longer rawData{tmp *os.File; buf bytes.Buffer}: see releaseStreamBuffer")
		}
	}
	var out bytes.Buffer
	if err := save(f, &out); err != nil {
		t.Fatal(err)
	}
	back, err := excelize.OpenReader(&out)
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	for _, c := range []struct{ sheet, cell, want string }{
		{"Big", "A1", "1"}, {"Big", fmt.Sprintf("A%d", bigRows), fmt.Sprint(bigRows)}, {"Big", fmt.Sprintf("B%d", bigRows), long},
		{"Sheet1", "A3", "3"}, {"Sheet1", "B1", long},
	} {
		got, err := back.GetCellValue(c.sheet, c.cell)
		if err != nil || got != c.want {
			t.Errorf("%s!%s = %.20q (%v), want %.20q", c.sheet, c.cell, got, err, c.want)
		}
	}
}
