package reports

import (
	"io"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"
)

// BenchmarkStreamWriterFloor is what excelize alone costs for a month's workbook:
// 4.5 million cells (160,000 rows of 15 and 100,000 rows of 23, two thirds text),
// written with the same StreamWriter and saved through the same BestSpeed zip as
// the coalition workbook, with no database behind it. It is the floor under
// BenchmarkWorkbookMonth.
func BenchmarkStreamWriterFloor(b *testing.B) {
	texts := make([]string, 1000)
	for i := range texts {
		texts[i] = "Volunteer " + strconv.Itoa(i*7919)
	}
	for b.Loop() {
		f := excelize.NewFile()
		st, err := newStyles(f)
		if err != nil {
			b.Fatal(err)
		}
		for _, shape := range []struct {
			sheet      string
			rows, cols int
		}{{"Call log", 160_000, 15}, {"Volunteers", 100_000, 23}} {
			if _, err := f.NewSheet(shape.sheet); err != nil {
				b.Fatal(err)
			}
			sw, err := f.NewStreamWriter(shape.sheet)
			if err != nil {
				b.Fatal(err)
			}
			row := make([]any, shape.cols)
			for r := 1; r <= shape.rows; r++ {
				for c := range row {
					switch c % 3 {
					case 0:
						row[c] = excelize.Cell{StyleID: st.integer, Value: r + c}
					default:
						row[c] = texts[(r+c)%len(texts)]
					}
				}
				cell, _ := excelize.CoordinatesToCellName(1, r)
				if err := sw.SetRow(cell, row); err != nil {
					b.Fatal(err)
				}
			}
			if err := sw.Flush(); err != nil {
				b.Fatal(err)
			}
		}
		if err := save(f, io.Discard); err != nil {
			b.Fatal(err)
		}
		_ = f.Close()
	}
}
