package importer_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

// TestCiviCRMPhoneExtensionCell: CiviCRM's "Phone Extension" was appended as it
// stood: "x12" stored "617-555-0206 xx12", "ext. 9" "617-555-0303 xext. 9", and a
// phone already ending "x5" with the cell "5" was refused as no phone number (the
// tester's civi.csv, civi2.csv). The cell's own "x"/"ext." is read past, an
// extension the phone has already is not written twice, and only a contradiction
// is refused, saying so.
func TestCiviCRMPhoneExtensionCell(t *testing.T) {
	row := func(id, phone, ext string) map[string]string {
		return map[string]string{"Contact ID": id, "Contact Type": "Individual", "First Name": "P" + id, "Last Name": "Ext",
			"Email": "p" + id + "@example.org", "Phone": phone, "Phone Extension": ext}
	}
	s := dbtest.Open(t)
	importCSV(t, s, civicrmCSV(t, row("1", "617-555-0206", "x12"), row("2", "617-555-0303", "ext. 9"),
		row("3", "617-555-0304 x5", "5"), row("4", "617-555-0305", "Extension 44"), row("5", "617-555-0307 ext 7", "ext. 7")),
		importer.Options{})
	got := rosterByEmail(t, s)
	for email, want := range map[string]string{"p1@example.org": "617-555-0206 x12", "p2@example.org": "617-555-0303 x9",
		"p3@example.org": "617-555-0304 x5", "p4@example.org": "617-555-0305 x44", "p5@example.org": "617-555-0307 ext 7"} {
		if got[email].Phone != want {
			t.Errorf("%s: phone %q; want %q", email, got[email].Phone, want)
		}
	}
	t.Run("a phone whose extension the cell contradicts is refused, naming both", func(t *testing.T) {
		in, err := importer.ReadVolunteers(strings.NewReader(civicrmCSV(t, row("6", "617-555-0304 x5", "7"))), "")
		if err != nil || len(in.Problems) != 1 || len(in.Rows) != 0 {
			t.Fatalf("%v, problems %v, rows %d; want the row refused", err, in.Problems, len(in.Rows))
		}
		if msg := in.Problems[0].Error(); !strings.Contains(msg, "x5") || !strings.Contains(msg, "7") || strings.Contains(msg, "not a phone number") {
			t.Errorf("%q; want the contradiction named", msg)
		}
	})
	t.Run("an extension cell that is no number is refused", func(t *testing.T) {
		in, err := importer.ReadVolunteers(strings.NewReader(civicrmCSV(t, row("7", "617-555-0308", "front desk"))), "")
		if err != nil || len(in.Problems) != 1 || !strings.Contains(in.Problems[0].Error(), "front desk") {
			t.Errorf("%v, problems %v; want the row refused naming the cell", err, in.Problems)
		}
	})
}

// TestFullNameTitles: a name in one column with a title and degrees ("Dr. Kim Lee
// PhD") was stored as first name "Dr. Kim Lee", family name "PhD". The name is Kim
// Lee, and what was set apart is listed with its line.
func TestFullNameTitles(t *testing.T) {
	csv := "Full Name,Email\r\nDr. Kim Lee PhD,kim@example.org\r\n\"Lee, Ana, MD\",ana@example.org\r\nMary-Ann O'Neil,mary@example.org\r\n"
	in, err := importer.ReadVolunteers(strings.NewReader(csv), "")
	if err != nil || len(in.Rows) != 3 {
		t.Fatalf("%v, %d rows", err, len(in.Rows))
	}
	for i, want := range [][2]string{{"Kim", "Lee"}, {"Ana", "Lee"}, {"Mary-Ann", "O'Neil"}} {
		if v := in.Rows[i].Volunteer; v.FirstName != want[0] || v.LastName != want[1] {
			t.Errorf("line %d: %q / %q, want %q / %q", i+2, v.FirstName, v.LastName, want[0], want[1])
		}
	}
	if len(in.ValueNotes) != 2 || in.ValueNotes[0].Line != 2 || !strings.Contains(in.ValueNotes[0].Why, "Dr., PhD") ||
		in.ValueNotes[1].Line != 3 || !strings.Contains(in.ValueNotes[1].Why, "MD") {
		t.Errorf("notes %+v; want the titles of lines 2 and 3 named", in.ValueNotes)
	}
}

// TestFullNameNicknameAndHousehold: "Thi Nguyen (Tina)" was stored with the family
// name "(Tina)", "Rev. Dr. Martin King" with the first name "Dr. Martin", and "Bob &
// Linda Jones" as one person, none listed (tester t3's F5). The nickname and both
// titles are set apart and listed; a household on one line is listed for the lead to
// split (it is imported as one volunteer: which name is whose is not a guess to make).
func TestFullNameNicknameAndHousehold(t *testing.T) {
	csv := "Full Name,Email\r\nThi Nguyen (Tina),t@example.org\r\nRev. Dr. Martin King,m@example.org\r\nBob & Linda Jones,b@example.org\r\n"
	in, err := importer.ReadVolunteers(strings.NewReader(csv), "")
	if err != nil || len(in.Rows) != 3 {
		t.Fatalf("%v, %d rows", err, len(in.Rows))
	}
	for i, want := range [][2]string{{"Thi", "Nguyen"}, {"Martin", "King"}, {"Bob & Linda", "Jones"}} {
		if v := in.Rows[i].Volunteer; v.FirstName != want[0] || v.LastName != want[1] {
			t.Errorf("line %d: %q / %q, want %q / %q", i+2, v.FirstName, v.LastName, want[0], want[1])
		}
	}
	var notes []string
	for _, n := range in.ValueNotes {
		notes = append(notes, fmt.Sprintf("%d %s", n.Line, n.Why))
	}
	want := []string{"2 (Tina) set apart from the name (no field for it): stored as Thi Nguyen",
		"3 Rev., Dr. set apart from the name (no field for it): stored as Martin King",
		"4 may be two people (a household on one line): imported as one volunteer, Bob & Linda Jones; split them in the app"}
	if !slices.Equal(notes, want) {
		t.Errorf("notes %q\nwant %q", notes, want)
	}
}
