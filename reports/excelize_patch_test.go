package reports

import (
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestExcelizeFormulasAfterThePatch guards the patched excelize in third_party: its
// date, time and criteria patterns are compiled at first use, not at every start of
// the program. A formula using each of them still computes.
func TestExcelizeFormulasAfterThePatch(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	const s = "Sheet1"
	for cell, v := range map[string]any{"A1": 1, "A2": 2, "A3": 3, "B1": "apple", "B2": "apricot", "B3": "pear"} {
		if err := f.SetCellValue(s, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	for formula, want := range map[string]string{
		`DATEVALUE("12/25/2026")`:          "46381",             // dateOnlyFormats
		`TIMEVALUE("6:30 pm")`:             "0.770833333333333", // timeFormats
		`DATEVALUE("2026-12-25 10:00 am")`: "46381",             // dateFormats
		`COUNTIF(A1:A3,">=2")`:             "2",                 // formulaFormats
		`COUNTIF(B1:B3,"ap*")`:             "2",                 // the wildcard pattern
	} {
		if err := f.SetCellFormula(s, "C1", formula); err != nil {
			t.Fatal(err)
		}
		got, err := f.CalcCellValue(s, "C1")
		if err != nil || got != want {
			t.Errorf("%s = %q (%v), want %s", formula, got, err, want)
		}
	}
}
