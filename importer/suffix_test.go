package importer_test

import (
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

// TestSuffixKeepsFatherAndSonApart: NationBuilder's suffix column stays with the
// family name, as a full name's "Jr." does: Robert Jones and Robert Jones Jr. on
// one household number are two volunteers (the tester's repro-7 merged them, the
// suffix dropped).
func TestSuffixKeepsFatherAndSonApart(t *testing.T) {
	const header = "nationbuilder_id,first_name,last_name,suffix,phone_number,mobile_number,primary_zip,primary_address1\n"
	s := dbtest.Open(t)
	sum := importCSV(t, s, header+"1,Robert,Jones,,617-555-0142,,02130,12 Elm St\n"+
		"2,Robert,Jones,Jr.,,617-555-0142,02130,12 Elm St\n", importer.Options{})
	if sum.Created != 2 || sum.Merged != 0 {
		t.Errorf("%d created, %d merged; want father and son", sum.Created, sum.Merged)
	}
	r := dbtest.Roster(t, s)
	if len(r) != 2 || r[1].LastName != "Jones Jr." {
		t.Errorf("roster %+v; want Robert Jones and Robert Jones Jr.", r)
	}
}

// TestSuffixDegreeSetApart: a degree in NationBuilder's suffix column ("PhD") was
// glued onto the family name, "Mary Zhang PhD", without a word, while the same degree
// in a one-column name is set apart and listed (tester t3's F10). A degree is set
// apart and listed here too; a generational suffix (Jr.) still joins the family name.
func TestSuffixDegreeSetApart(t *testing.T) {
	const header = "nationbuilder_id,first_name,last_name,suffix,email\n"
	in, err := importer.ReadVolunteers(strings.NewReader(header+"972,Mary,Zhang,PhD,mz@example.org\n"+
		"973,Ana,Lee,\"M.D., RN\",al@example.org\n974,Robert,Jones,Jr.,rj@example.org\n"), "")
	if err != nil || len(in.Rows) != 3 {
		t.Fatalf("%v, %d rows", err, len(in.Rows))
	}
	for i, want := range []string{"Zhang", "Lee", "Jones Jr."} {
		if got := in.Rows[i].LastName; got != want {
			t.Errorf("line %d: family name %q, want %q", i+2, got, want)
		}
	}
	if len(in.ValueNotes) != 2 || in.ValueNotes[0].Line != 2 || in.ValueNotes[0].Name != "suffix" ||
		!strings.Contains(in.ValueNotes[0].Why, "PhD set apart from the name (no field for it): stored as Mary Zhang") ||
		in.ValueNotes[1].Line != 3 || !strings.Contains(in.ValueNotes[1].Why, "M.D., RN set apart") {
		t.Errorf("notes %+v; want the degrees of lines 2 and 3 listed", in.ValueNotes)
	}
}
