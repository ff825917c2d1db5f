package importer_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/importer"
)

// TestFullNameRoleAndClergyTitle (s48): names in one column typed the way people
// type them were stored garbled and unlisted: "Dan Smith - Team Lead" as "Dan Smith -
// Team" / "Lead", "Lee Chan, captain" as "captain" / "Lee Chan", "Father Tom Walsh"
// as "Father Tom" / Walsh, and "Sr. Mary" (a religious sister) with Mary for the
// family name. The role is set apart, kept in the notes and listed; the title set
// apart and listed; Sister Mary's Mary is her first name. A hyphenated name and a
// family name that is also a title ("Amy Bishop", "Bishop, Amy") stay as they are.
func TestFullNameRoleAndClergyTitle(t *testing.T) {
	csv := "Full Name,Email,Notes\r\n" +
		"Dan Smith - Team Lead,dan@example.org,\r\n" +
		"Ana Ruiz – Organizer,ana@example.org,met at the rally\r\n" +
		"\"Lee Chan, captain\",lee@example.org,\r\n" +
		"Father Tom Walsh,tom@example.org,\r\n" +
		"Bishop Carl Moss,carl@example.org,\r\n" +
		"Sr. Mary,mary@example.org,\r\n" +
		"Dr. Lee,drlee@example.org,\r\n" +
		"Amy Bishop,amy@example.org,\r\n" +
		"\"Bishop, Amy\",amyb@example.org,\r\n" +
		"Mary Smith-Jones,msj@example.org,\r\n" +
		"Jean-Pierre Dubois,jp@example.org,\r\n"
	in, err := importer.ReadVolunteers(strings.NewReader(csv), "")
	if err != nil || len(in.Rows) != 11 {
		t.Fatalf("%v, %d rows, problems %v", err, len(in.Rows), in.Problems)
	}
	for i, want := range [][3]string{{"Dan", "Smith", "Team Lead"}, {"Ana", "Ruiz", "met at the rally; Organizer"}, {"Lee", "Chan", "captain"},
		{"Tom", "Walsh", ""}, {"Carl", "Moss", ""}, {"Mary", "", ""}, {"", "Lee", ""}, {"Amy", "Bishop", ""}, {"Amy", "Bishop", ""},
		{"Mary", "Smith-Jones", ""}, {"Jean-Pierre", "Dubois", ""}} {
		v := in.Rows[i].Volunteer
		if v.FirstName != want[0] || v.LastName != want[1] {
			t.Errorf("line %d: %q / %q, want %q / %q", i+2, v.FirstName, v.LastName, want[0], want[1])
		}
		if want[2] == "" && v.Notes != "" || want[2] != "" && !strings.Contains(v.Notes, strings.Split(want[2], "; ")[0]) ||
			strings.Contains(want[2], "; ") && !strings.Contains(v.Notes, strings.Split(want[2], "; ")[1]) {
			t.Errorf("line %d: notes %q, want %q kept", i+2, v.Notes, want[2])
		}
	}
	var notes []string
	for _, n := range in.ValueNotes {
		notes = append(notes, fmt.Sprintf("%d %s", n.Line, n.Why))
	}
	want := []string{
		"2 Team Lead set apart from the name (written after it: kept in the notes): stored as Dan Smith",
		"3 Organizer set apart from the name (written after it: kept in the notes): stored as Ana Ruiz",
		"4 captain set apart from the name (written after it: kept in the notes): stored as Lee Chan",
		"5 Father set apart from the name (no field for it): stored as Tom Walsh",
		"6 Bishop set apart from the name (no field for it): stored as Carl Moss",
		"7 Sr. set apart from the name (no field for it): stored as Mary",
		"8 Dr. set apart from the name (no field for it): stored as Lee",
	}
	if !slices.Equal(notes, want) {
		t.Errorf("notes %q\nwant %q", notes, want)
	}
}

// TestNameColumnsRole (s48): a role typed after the family name in its own column
// ("Smith - Team Lead", "Chan, captain") was stored as the family name. It is set
// apart, kept in the notes and listed, as in a one-column name; there only what
// reads as a role is, as a family name of its own column typed with a spaced
// hyphen ("Smith - Jones") is one: Smith-Jones, as in one column.
func TestNameColumnsRole(t *testing.T) {
	csv := "First Name,Last Name,Email\r\nDan,Smith - Team Lead,d@example.org\r\nLee,\"Chan, captain\",l@example.org\r\n" +
		"Ana,Smith - Jones,a@example.org\r\nKim (volunteer),Lee,k@example.org\r\n"
	in, err := importer.ReadVolunteers(strings.NewReader(csv), "")
	if err != nil || len(in.Rows) != 4 {
		t.Fatalf("%v, %d rows, problems %v", err, len(in.Rows), in.Problems)
	}
	for i, want := range [][3]string{{"Dan", "Smith", "Team Lead"}, {"Lee", "Chan", "captain"}, {"Ana", "Smith-Jones", ""}, {"Kim", "Lee", "volunteer"}} {
		v := in.Rows[i].Volunteer
		if v.FirstName != want[0] || v.LastName != want[1] || (want[2] == "") != (v.Notes == "") || !strings.Contains(v.Notes, want[2]) {
			t.Errorf("line %d: %q / %q, notes %q; want %q / %q, notes holding %q", i+2, v.FirstName, v.LastName, v.Notes, want[0], want[1], want[2])
		}
	}
	var notes []string
	for _, n := range in.ValueNotes {
		notes = append(notes, fmt.Sprintf("%d %s %s", n.Line, n.Name, n.Why))
	}
	want := []string{
		"2 Last Name Team Lead set apart from the name (written after it: kept in the notes): stored as Dan Smith",
		"3 Last Name captain set apart from the name (written after it: kept in the notes): stored as Lee Chan",
		"5 First Name volunteer set apart from the name (written after it: kept in the notes): stored as Kim Lee",
	}
	if !slices.Equal(notes, want) {
		t.Errorf("notes %q\nwant %q", notes, want)
	}
}

// TestFullNameDashIsHyphen (s48, tester t11): a dash between name words that sets
// apart no role was taken for one: "Jean - Pierre Roy" was stored as Jean, "Pierre
// Roy" in the notes, "Jean—Luc Picard" as Jean, "Mary Smith - Jones" as Mary Smith.
// Such a dash is the name's hyphen, however typed (spaced, en or em dash, U+2011);
// a role after one is still set apart.
func TestFullNameDashIsHyphen(t *testing.T) {
	csv := "Full Name,Email\r\nJean - Pierre Roy,jp@example.org\r\nJean—Luc Picard,jl@example.org\r\n" +
		"Mary Smith - Jones,msj@example.org\r\nJean\u2011Pierre Roy,jp2@example.org\r\nDan Smith - Team Lead,d@example.org\r\n"
	in, err := importer.ReadVolunteers(strings.NewReader(csv), "")
	if err != nil || len(in.Rows) != 5 {
		t.Fatalf("%v, %d rows, problems %v", err, len(in.Rows), in.Problems)
	}
	for i, want := range [][3]string{{"Jean-Pierre", "Roy", ""}, {"Jean-Luc", "Picard", ""}, {"Mary", "Smith-Jones", ""},
		{"Jean-Pierre", "Roy", ""}, {"Dan", "Smith", "Team Lead"}} {
		v := in.Rows[i].Volunteer
		if v.FirstName != want[0] || v.LastName != want[1] || (want[2] == "") != (v.Notes == "") || !strings.Contains(v.Notes, want[2]) {
			t.Errorf("line %d: %q / %q, notes %q; want %q / %q, notes holding %q", i+2, v.FirstName, v.LastName, v.Notes, want[0], want[1], want[2])
		}
	}
	var notes []string
	for _, n := range in.ValueNotes {
		notes = append(notes, fmt.Sprintf("%d %s", n.Line, n.Why))
	}
	want := []string{
		"2 a dash between name words read as the name's hyphen: stored as Jean-Pierre Roy",
		"3 a dash between name words read as the name's hyphen: stored as Jean-Luc Picard",
		"4 a dash between name words read as the name's hyphen: stored as Mary Smith-Jones",
		"6 Team Lead set apart from the name (written after it: kept in the notes): stored as Dan Smith",
	}
	if !slices.Equal(notes, want) {
		t.Errorf("notes %q\nwant %q", notes, want)
	}
	csv = "First Name,Last Name,Email\r\nJean\u2011Pierre,Roy,jp@example.org\r\nJean - Pierre,Roy,jp2@example.org\r\n"
	if in, err = importer.ReadVolunteers(strings.NewReader(csv), ""); err != nil || len(in.Rows) != 2 {
		t.Fatalf("%v, %d rows, problems %v", err, len(in.Rows), in.Problems)
	}
	for i, r := range in.Rows {
		if v := r.Volunteer; v.FirstName != "Jean-Pierre" || v.LastName != "Roy" {
			t.Errorf("columns, line %d: %q / %q, want Jean-Pierre / Roy", i+2, v.FirstName, v.LastName)
		}
	}
}

// TestFullNameTwoRoles: "Lee Chan (Captain) - Team Lead" kept "Team Lead" in the notes
// and lost "(Captain)", set apart as a nickname (tester t11): both roles are kept.
func TestFullNameTwoRoles(t *testing.T) {
	csv := "Full Name,Email,Notes\r\n\"Lee Chan (Captain) - Team Lead\",lee@example.org,\r\n"
	in, err := importer.ReadVolunteers(strings.NewReader(csv), "")
	if err != nil || len(in.Rows) != 1 {
		t.Fatalf("%v, %d rows, problems %v", err, len(in.Rows), in.Problems)
	}
	v := in.Rows[0].Volunteer
	if v.FirstName != "Lee" || v.LastName != "Chan" || !strings.Contains(v.Notes, "Captain") || !strings.Contains(v.Notes, "Team Lead") {
		t.Errorf("%q / %q, notes %q: want Lee / Chan, Captain and Team Lead kept", v.FirstName, v.LastName, v.Notes)
	}
}
