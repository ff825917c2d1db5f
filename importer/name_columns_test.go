package importer_test

import (
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

// TestNameColumnsTitlesSetApart: a title in the first-name column or a degree in the
// family-name column made a second volunteer of a person on the roster, with their
// own email (NationBuilder's first_name "Dr. José" for José Núñez, listed as one who
// "may be someone already there", and created). Set apart and listed, as in a
// one-column name, the email finds the roster person; a nickname in quotes, `Robert
// "Bob"`, is set apart too (it was listed as another first name).
func TestNameColumnsTitlesSetApart(t *testing.T) {
	s := dbtest.Open(t)
	for _, v := range []struct{ first, last, email string }{{"José", "Núñez", "jose.nunez@example.org"}, {"Kim", "Lee", "kim@example.org"},
		{"Sam", "O'Brien", "sam.obrien@example.org"}, {"Robert", "Jones", "rjones@example.org"}} {
		dbtest.Volunteer(t, s, v.first, v.last, func(x *db.Volunteer) { x.Email = v.email })
	}
	nb := "nationbuilder_id,first_name,last_name,suffix,email\n202,Dr. José,Núñez,,jose.nunez@example.org\n" +
		"203,Sam,O'Brien Esq.,,sam.obrien@example.org\n205,\"Robert \"\"Bob\"\"\",Jones,,rjones@example.org\n"
	van := "VanID,FirstName,LastName,Email\n5005,Dr. Kim,Lee PhD,kim@example.org\n5007,Hon,Chan,\n"
	in, err := importer.ReadVolunteers(strings.NewReader(nb), "")
	if err != nil || len(in.Rows) != 3 {
		t.Fatalf("%v, %d rows", err, len(in.Rows))
	}
	for i, want := range [][2]string{{"José", "Núñez"}, {"Sam", "O'Brien"}, {"Robert", "Jones"}} {
		if got := in.Rows[i]; got.FirstName != want[0] || got.LastName != want[1] {
			t.Errorf("NationBuilder line %d: %q %q, want %q %q", i+2, got.FirstName, got.LastName, want[0], want[1])
		}
	}
	if len(in.ValueNotes) != 3 || !strings.Contains(in.ValueNotes[0].Why, "Dr. set apart from the name (no field for it): stored as José Núñez") ||
		in.ValueNotes[0].Name != "first_name" || in.ValueNotes[1].Name != "last_name" || !strings.Contains(in.ValueNotes[1].Why, "Esq. set apart") ||
		!strings.Contains(in.ValueNotes[2].Why, `"Bob" set apart`) {
		t.Errorf("NationBuilder notes %+v; want Dr. (first_name), Esq. (last_name) and \"Bob\" listed", in.ValueNotes)
	}
	sum := importCSV(t, s, nb, importer.Options{})
	if sum.Created != 0 || len(sum.Possible) != 0 || len(sum.Conflicts) != 0 {
		t.Errorf("NationBuilder: %d created, possible duplicates %+v, differing %+v; want the roster's three, unchanged", sum.Created, sum.Possible, sum.Conflicts)
	}
	vin, err := importer.ReadVolunteers(strings.NewReader(van), "")
	if err != nil || len(vin.Rows) != 2 {
		t.Fatalf("%v, %d rows", err, len(vin.Rows))
	}
	for i, want := range [][2]string{{"Kim", "Lee"}, {"Hon", "Chan"}} {
		if got := vin.Rows[i]; got.FirstName != want[0] || got.LastName != want[1] {
			t.Errorf("NGP VAN line %d: %q %q, want %q %q", i+2, got.FirstName, got.LastName, want[0], want[1])
		}
	}
	if len(vin.ValueNotes) != 2 || !strings.Contains(vin.ValueNotes[0].Why, "Dr. set apart from the name (no field for it): stored as Kim Lee") ||
		!strings.Contains(vin.ValueNotes[1].Why, "PhD set apart") || vin.ValueNotes[1].Name != "LastName" {
		t.Errorf("NGP VAN notes %+v; want Dr. and PhD of line 2 listed (\"Hon\" is a first name)", vin.ValueNotes)
	}
	sum = importCSV(t, s, van, importer.Options{})
	if sum.Created != 1 || len(sum.Possible) != 0 {
		t.Errorf("NGP VAN: %d created, possible duplicates %+v; want Kim Lee found by her email, Hon Chan created", sum.Created, sum.Possible)
	}
}
