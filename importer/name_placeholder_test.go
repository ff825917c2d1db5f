package importer_test

import (
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/importer"
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
