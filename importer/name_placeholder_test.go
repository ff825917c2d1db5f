package importer_test

import (
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/importer"
	"github.com/chapterdesk/chapterdesk/importer/format"
)

// TestNameColumnPlaceholdersAreEmpty: a family-name column holding a word typed for
// none ("N/A", "none", "Unknown", "-", "."), a phone number or an email stored it as the
// person's family name: "Lin N/A" on every call sheet (tester t5, roster_junk.csv).
// It is read as empty, as a report form's "N/A" is, and listed with its line and
// column; a real family name stays ("Na" is one), and a "?" is left to the damage
// check (a letter the file could not write may have stood there).
func TestNameColumnPlaceholdersAreEmpty(t *testing.T) {
	csv := "First Name,Last Name,Email\nLin,N/A,lin@example.org\nBo,-,bo@example.org\nXi,Unknown,xi@example.org\n" +
		"Wei,.,wei@example.org\nVi,none,vi@example.org\nZed,617-555-0177,zed@example.org\nJin,Na,jin@example.org\nYan,?,yan@example.org\n" +
		"Kai,lin@example.org,kai@example.org\n"
	in, err := importer.ReadVolunteers(strings.NewReader(csv), "")
	if err != nil || len(in.Rows) != 9 {
		t.Fatalf("%v, %d rows", err, len(in.Rows))
	}
	want := []string{"", "", "", "", "", "", "Na", "?", ""}
	for i, r := range in.Rows {
		if r.LastName != want[i] {
			t.Errorf("line %d: %s %q; want family name %q", i+2, r.FirstName, r.LastName, want[i])
		}
	}
	if len(in.ValueNotes) != 7 {
		t.Fatalf("notes %+v; want lines 2 to 7 and 10 listed", in.ValueNotes)
	}
	for i, n := range in.ValueNotes {
		if i == 6 {
			i = 8
		}
		if n.Line != i+2 || n.Name != "Last Name" || !strings.Contains(n.Why, "no name") {
			t.Errorf("note %+v; want line %d, Last Name, saying it is no name", n, i+2)
		}
	}
}

// TestNameColumnFormulaIsNoName: a name cell holding a spreadsheet formula, as a
// sheet exported with its formulas has it, was stored as the name it began with:
// "=HYPERLINK(...)" the first name "=HYPERLINK" (tester t8). It is read as empty and
// listed; a phone with its parenthesis, a hyphenated or plain name, stays as it was.
func TestNameColumnFormulaIsNoName(t *testing.T) {
	csv := "First Name,Last Name,Email\n" +
		`"=HYPERLINK(""http://evil"",""x"")",McDonald,m@example.org` + "\n" +
		"@SUM(A1),Lee,lee@example.org\nAnn,+CONCAT(B2 C2),ann@example.org\nJo,Smith-Jones,jo@example.org\n"
	in, err := importer.ReadVolunteers(strings.NewReader(csv), "")
	if err != nil || len(in.Rows) != 4 {
		t.Fatalf("%v, %d rows", err, len(in.Rows))
	}
	for i, want := range []string{" McDonald", " Lee", "Ann ", "Jo Smith-Jones"} {
		if got := in.Rows[i].FirstName + " " + in.Rows[i].LastName; got != want {
			t.Errorf("line %d: %q, want %q", i+2, got, want)
		}
	}
	var why []string
	for _, n := range in.ValueNotes {
		why = append(why, n.Why)
	}
	if len(why) != 3 || strings.Count(strings.Join(why, "|"), "a spreadsheet formula, no name") != 3 {
		t.Errorf("notes %q", why)
	}
	for s, want := range map[string]bool{"=HYPERLINK(\"a\")": true, "@SUM(A1)": true, "= sum (A1)": true,
		"+1 (617) 555-0100": false, "-": false, "=1+2": false, "Ann (Annie)": false, "-Ann": false} {
		if got := format.Formula(s); got != want {
			t.Errorf("Formula(%q) = %v", s, got)
		}
	}
}
