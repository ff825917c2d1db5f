package reports_test

import (
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/importer/format"
	"github.com/chapterdesk/chapterdesk/reports"
)

// TestNeutralizedCellsReadBack: every cell the export quotes against a spreadsheet
// reads back as it was (less surrounding space, which every import trims). A quote
// before spaces and a sign, before a tab, or before a small-form sign stayed: a note
// " =ask Maria" came back "' =ask Maria".
func TestNeutralizedCellsReadBack(t *testing.T) {
	for _, s := range []string{"=1+1", "+1 617 555 0100", "-moved to Lowell", "@home", " =ask Maria",
		"\u00a0@SUM(A1)", "\tindented", "\rreturn", "＝1", "＋1", "－1", "＠x", "﹦1", "﹢1", "﹣1", "﹫x", " ﹫x",
		"Ana", "'Tis the season", "O'Brien", "(617) 555-0100"} {
		if got, want := format.CleanText(reports.Neutralize(s)), strings.TrimSpace(s); got != want {
			t.Errorf("%q exported as %q read back as %q; want %q", s, reports.Neutralize(s), got, want)
		}
	}
}
