package importer_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
	"github.com/chapterdesk/chapterdesk/reports"
)

// importCSV reads a roster export from text and imports it, failing on any problem.
func importCSV(t *testing.T, s *db.Store, text string, opts importer.Options) db.VolunteerImportSummary {
	t.Helper()
	in, err := importer.ReadVolunteersWith(strings.NewReader(text), opts)
	if err != nil || len(in.Problems) != 0 {
		t.Fatalf("read: %v %v", err, in.Problems)
	}
	sum, err := s.ImportVolunteers(context.Background(), db.VolunteerRows(in.Rows), db.ImportOptions{Format: in.Format.ID})
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// TestImportLaterOptOut: a spreadsheet that says a person on the roster opted out of
// email and texts closes both (the tester's d2a.csv, then d2b.csv).
func TestImportLaterOptOut(t *testing.T) {
	const header = "first_name,last_name,email,do_not_email,text_opt_in\n"
	s := dbtest.Open(t)
	importCSV(t, s, header+"Pat,Em,pat@example.org,no,yes\n", importer.Options{})
	sum := importCSV(t, s, header+"Pat,Em,pat@example.org,yes,no\n", importer.Options{})
	if sum.Updated != 1 {
		t.Errorf("created %d, updated %d, unchanged %d; want 1 updated", sum.Created, sum.Updated, sum.Unchanged)
	}
	if r := dbtest.Roster(t, s); len(r) != 1 || r[0].OKEmail || r[0].OKText {
		t.Errorf("roster %+v; want Pat with email and texts closed", r)
	}
}

// TestImportRefusesUnreadableConsent: a consent cell that is neither yes nor no in
// any way ChapterDesk reads refuses its row, naming the line and column; it is
// never read as "may contact" (the tester's d5.csv and more).
func TestImportRefusesUnreadableConsent(t *testing.T) {
	csvText := "first_name,last_name,email,do_not_call\n" +
		"B1,X,b1@example.org,1.0\n" +
		"B2,X,b2@example.org,✓\n" +
		"B3,X,b3@example.org,DNC\n" +
		"B4,X,b4@example.org,Yes.\n" +
		"B5,X,b5@example.org,Do not call\n" +
		"B6,X,b6@example.org,checked\n" +
		"B7,X,b7@example.org,maybe\n" +
		"B8,X,b8@example.org,no\n"
	in, err := importer.ReadVolunteers(strings.NewReader(csvText), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("reads every do-not-call it can as do not call", func(t *testing.T) {
		if len(in.Rows) != 7 {
			t.Fatalf("%d rows", len(in.Rows))
		}
		for _, r := range in.Rows {
			if r.OKCall != (r.FirstName == "B8") {
				t.Errorf("line %d (%s): ok_call %v", r.Line, r.FirstName, r.OKCall)
			}
		}
	})
	t.Run("refuses the row it cannot read, naming line and column", func(t *testing.T) {
		if len(in.Problems) != 1 {
			t.Fatalf("problems %v", in.Problems)
		}
		if got := in.Problems[0].Error(); !strings.HasPrefix(got, "line 8, column 4 (do_not_call): ") || !strings.Contains(got, `"maybe"`) {
			t.Errorf("problem %q", got)
		}
	})
	t.Run("skipping bad rows writes it to the rejects file", func(t *testing.T) {
		f, err := importer.OpenVolunteers(strings.NewReader(csvText), "")
		if err != nil {
			t.Fatal(err)
		}
		var rejects strings.Builder
		s := dbtest.Open(t)
		sum, err := s.ImportVolunteers(context.Background(), f.Rows(true, &rejects), db.ImportOptions{Format: f.Format.ID})
		if err != nil {
			t.Fatal(err)
		}
		if sum.Created != 7 || !strings.Contains(rejects.String(), "B7,X,b7@example.org,maybe,") {
			t.Errorf("created %d; rejects %q", sum.Created, rejects.String())
		}
	})
}

// TestImportRefusalListsEveryBadRow: a roster whose consent cells cannot be read,
// imported without skipping bad rows, is refused with every bad row listed, not only
// the first, so the lead fixes the file in one go; nothing is written.
func TestImportRefusalListsEveryBadRow(t *testing.T) {
	csvText := "first_name,last_name,email,do_not_call\n" +
		"A1,X,a1@example.org,no\n" +
		"A2,X,a2@example.org,maybe\n" +
		"A3,X,a3@example.org,yes\n" +
		"A4,X,a4@example.org,perhaps\n" +
		"A5,X,a5@example.org,ask me\n"
	f, err := importer.OpenVolunteers(strings.NewReader(csvText), "")
	if err != nil {
		t.Fatal(err)
	}
	s := dbtest.Open(t)
	_, err = s.ImportVolunteers(context.Background(), f.Rows(false, nil), db.ImportOptions{Format: f.Format.ID})
	if !errors.Is(err, importer.ErrBadRows) {
		t.Fatalf("import: %v, want ErrBadRows", err)
	}
	var lines []int
	for _, p := range f.Problems {
		lines = append(lines, p.Line)
	}
	if !slices.Equal(lines, []int{3, 5, 6}) {
		t.Errorf("bad rows named: lines %v, want 3, 5 and 6", lines)
	}
	if r := dbtest.Roster(t, s); len(r) != 0 {
		t.Errorf("%d volunteers written", len(r))
	}
}

// TestImportActionNetworkSubscriptionStatus: only a subscribed address may be
// emailed; bouncing and spam complaints, past or present, close it.
func TestImportActionNetworkSubscriptionStatus(t *testing.T) {
	csvText := "uuid,first_name,last_name,email,zip_code,can2_subscription_status\n" +
		"a1,Ann,A,a1@example.org,02134,subscribed\n" +
		"a2,Bea,A,a2@example.org,02134,unsubscribed\n" +
		"a3,Cy,A,a3@example.org,02134,bouncing\n" +
		"a4,Di,A,a4@example.org,02134,spam complaint\n" +
		"a5,Ed,A,a5@example.org,02134,previous bounce\n" +
		"a6,Flo,A,a6@example.org,02134,previous spam complaint\n"
	in, err := importer.ReadVolunteers(strings.NewReader(csvText), "actionnetwork")
	if err != nil || len(in.Problems) != 0 || len(in.Rows) != 6 {
		t.Fatalf("%v %v %d rows", err, in.Problems, len(in.Rows))
	}
	for _, r := range in.Rows {
		if r.OKEmail != (r.FirstName == "Ann") || r.OptOutEmail == (r.FirstName == "Ann") {
			t.Errorf("%s: ok_email %v, opted out %v", r.FirstName, r.OKEmail, r.OptOutEmail)
		}
	}
}

// TestImportOwnExportKeepsConsent: ChapterDesk's own volunteer export, imported into
// a new chapter file, keeps each person's ok_call, ok_email, ok_text and
// do_not_contact exactly (ok_call "no" is a do not call), and so does a spreadsheet
// with a do_not_contact column (the tester's d4.csv, without --map).
func TestImportOwnExportKeepsConsent(t *testing.T) {
	ctx := context.Background()
	from := dbtest.Open(t)
	for i := range 8 {
		dbtest.Volunteer(t, from, "P"+strconv.Itoa(i), "Round", func(v *db.Volunteer) {
			v.Email = "p" + strconv.Itoa(i) + "@example.org"
			v.OKCall, v.OKEmail, v.OKText = i&1 != 0, i&2 != 0, i&4 != 0
		})
	}
	dbtest.Volunteer(t, from, "Dee", "Nc", func(v *db.Volunteer) { v.Email, v.DoNotContact = "dee@example.org", true })
	var export bytes.Buffer
	if err := reports.WriteVolunteersCSV(ctx, &export, func(fn func(*db.RosterRow) error) error {
		return from.EachRosterVolunteer(ctx, fn)
	}); err != nil {
		t.Fatal(err)
	}
	to := dbtest.Open(t)
	importCSV(t, to, export.String(), importer.Options{})
	type consent struct{ call, email, text, dnc bool }
	byEmail := func(s *db.Store) map[string]consent {
		m := map[string]consent{}
		for _, r := range dbtest.Roster(t, s) {
			m[r.Email] = consent{r.OKCall, r.OKEmail, r.OKText, r.DoNotContact}
		}
		return m
	}
	want, got := byEmail(from), byEmail(to)
	if len(got) != len(want) {
		t.Fatalf("%d volunteers imported, %d exported", len(got), len(want))
	}
	for email, w := range want {
		if got[email] != w {
			t.Errorf("%s: exported %+v, imported %+v", email, w, got[email])
		}
	}
	t.Run("a spreadsheet's do_not_contact column is read without a mapping", func(t *testing.T) {
		s := dbtest.Open(t)
		importCSV(t, s, "first_name,last_name,email,do_not_call,do_not_email,text_opt_in,do_not_contact\n"+
			"Nocall,P,nc@example.org,yes,no,yes,no\n"+
			"Dnc,P,dnc@example.org,no,no,no,yes\n", importer.Options{})
		got := byEmail(s)
		if got["nc@example.org"] != (consent{false, true, true, false}) || got["dnc@example.org"] != (consent{dnc: true}) {
			t.Errorf("%+v", got)
		}
	})
}

// civicrmCSV writes contacts (header name to value) under CiviCRM's real export
// header, skipping the test without the shared reference data.
func civicrmCSV(t *testing.T, contacts ...map[string]string) string {
	t.Helper()
	return exportCSV(t, "civicrm-contact-export", contacts...)
}

// exportCSV is a file of the export whose real header is ../shared/data/formats/
// NAME.header.csv, one row per contact (its columns by header name).
func exportCSV(t *testing.T, name string, contacts ...map[string]string) string {
	t.Helper()
	return exportCSVWith(t, name, nil, contacts...)
}

// exportCSVWith is exportCSV with the extra columns after the export's own, as an
// export of custom fields has them.
func exportCSVWith(t *testing.T, name string, extra []string, contacts ...map[string]string) string {
	t.Helper()
	f, err := os.Open("../../shared/data/formats/" + name + ".header.csv")
	if err != nil {
		t.Skipf("no shared reference data: %v", err)
	}
	header, err := csv.NewReader(f).Read()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	header = append(header, extra...)
	var text strings.Builder
	w := csv.NewWriter(&text)
	w.Write(header)
	for _, contact := range contacts {
		row := make([]string, len(header))
		for i, h := range header {
			row[i] = contact[h]
		}
		w.Write(row)
	}
	w.Flush()
	return text.String()
}

// TestImportCiviCRMOptOutsAndLeftOut: CiviCRM's "No Bulk Emails (User Opt Out)"
// closes email; a deceased contact or one in CiviCRM's trash is left out and
// listed, not made an active volunteer (the tester's d6.csv).
func TestImportCiviCRMOptOutsAndLeftOut(t *testing.T) {
	text := civicrmCSV(t,
		map[string]string{"Contact ID": "101", "Contact Type": "Individual", "Display Name": "Ana Pérez", "First Name": "Ana",
			"Last Name": "Pérez", "Email": "ana@example.org", "Do Not Email": "0", "No Bulk Emails (User Opt Out)": "1"},
		map[string]string{"Contact ID": "102", "Contact Type": "Individual", "Display Name": "Bo Li", "First Name": "Bo", "Last Name": "Li",
			"Email": "bo@example.org", "Deceased": "1", "Contact is in Trash": "1"},
		map[string]string{"Contact ID": "104", "Contact Type": "Individual", "Display Name": "Cy Ng", "First Name": "Cy", "Last Name": "Ng",
			"Email": "cy@example.org", "Contact is in Trash": "1", "Deceased": "0"},
		map[string]string{"Contact ID": "105", "Display Name": "Di Ox", "First Name": "Di", "Last Name": "Ox",
			"Email": "di@example.org"})
	in, err := importer.ReadVolunteers(strings.NewReader(text), "")
	if err != nil || in.Format.ID != "civicrm" || len(in.Problems) != 0 {
		t.Fatalf("%v %q %v", err, in.Format.ID, in.Problems)
	}
	if len(in.NotVolunteers) != 2 || in.NotVolunteers[0] != (importer.NotVolunteer{Line: 3, Name: "Bo Li", Why: "deceased"}) ||
		in.NotVolunteers[1] != (importer.NotVolunteer{Line: 4, Name: "Cy Ng", Why: "in the trash"}) {
		t.Errorf("left out %+v", in.NotVolunteers)
	}
	s := dbtest.Open(t)
	if _, err := s.ImportVolunteers(context.Background(), db.VolunteerRows(in.Rows), db.ImportOptions{Format: "civicrm"}); err != nil {
		t.Fatal(err)
	}
	got := map[string]db.RosterRow{}
	for _, r := range dbtest.Roster(t, s) {
		got[r.Email] = r
	}
	if len(got) != 2 || got["ana@example.org"].OKEmail || !got["di@example.org"].OKEmail {
		t.Errorf("roster %+v; want Ana (no bulk email) and Di (no contact type said) only", got)
	}
}

// TestImportCiviCRMLeavesOutOrganizations: CiviCRM's organizations and households
// are contacts, not people: they are left out and listed, as the deceased are, and
// never put on the roster as volunteers (the Jamaica Plain Tenants Union was).
func TestImportCiviCRMLeavesOutOrganizations(t *testing.T) {
	text := civicrmCSV(t,
		map[string]string{"Contact ID": "101", "Contact Type": "Individual", "Display Name": "Ana Pérez", "First Name": "Ana",
			"Last Name": "Pérez", "Email": "ana@example.org"},
		map[string]string{"Contact ID": "103", "Contact Type": "Organization", "Display Name": "Jamaica Plain Tenants Union",
			"Organization Name": "Jamaica Plain Tenants Union", "Email": "jptu@example.org"},
		map[string]string{"Contact ID": "106", "Contact Type": "Household", "Display Name": "The Ng Household",
			"Household Name": "The Ng Household", "Email": "ngs@example.org"},
		// A French site's export: a person, then an organization.
		map[string]string{"Contact ID": "107", "Contact Type": "Individu", "Display Name": "Léa Roy", "First Name": "Léa",
			"Last Name": "Roy", "Email": "lea@example.org"},
		map[string]string{"Contact ID": "108", "Contact Type": "Organisation", "Display Name": "Syndicat",
			"Organization Name": "Syndicat", "Email": "syn@example.org"})
	in, err := importer.ReadVolunteers(strings.NewReader(text), "")
	if err != nil || in.Format.ID != "civicrm" || len(in.Problems) != 0 {
		t.Fatalf("%v %q %v", err, in.Format.ID, in.Problems)
	}
	want := []importer.NotVolunteer{{Line: 3, Name: "Jamaica Plain Tenants Union", Why: "an organization"},
		{Line: 4, Name: "The Ng Household", Why: "a household"}, {Line: 6, Name: "Syndicat", Why: "an organization"}}
	if !slices.Equal(in.NotVolunteers, want) {
		t.Errorf("left out %+v; want %+v", in.NotVolunteers, want)
	}
	s := dbtest.Open(t)
	if _, err := s.ImportVolunteers(context.Background(), db.VolunteerRows(in.Rows), db.ImportOptions{Format: "civicrm"}); err != nil {
		t.Fatal(err)
	}
	if r := dbtest.Roster(t, s); len(r) != 2 || r[0].Email != "ana@example.org" || r[1].Email != "lea@example.org" {
		t.Errorf("roster %+v; want Ana and Léa", r)
	}
}

// TestImportNationBuilderDeceased: NationBuilder's is_deceased leaves the person out,
// listed, as CiviCRM's Deceased does (a deceased supporter was imported as Active,
// and got call sheets).
func TestImportNationBuilderDeceased(t *testing.T) {
	text := exportCSV(t, "nationbuilder-people-export",
		map[string]string{"nationbuilder_id": "1", "first_name": "Ana", "last_name": "Pérez", "email": "ana@example.org", "is_deceased": "false"},
		map[string]string{"nationbuilder_id": "2", "first_name": "Dee", "last_name": "Dead", "email": "dee@example.org", "is_deceased": "true"})
	in, err := importer.ReadVolunteers(strings.NewReader(text), "")
	if err != nil || in.Format.ID != "nationbuilder" || len(in.Problems) != 0 {
		t.Fatalf("%v %q %v", err, in.Format.ID, in.Problems)
	}
	if len(in.NotVolunteers) != 1 || in.NotVolunteers[0].Name != "Dee Dead" || in.NotVolunteers[0].Why != "deceased" {
		t.Errorf("left out %+v; want Dee Dead, deceased", in.NotVolunteers)
	}
}

// TestImportCiviCRMDoNotSms: CiviCRM's "Do Not Sms" was not read, so a volunteer a
// spreadsheet had opened texts to stayed textable after CiviCRM said "do not sms";
// a trashed contact's Do Not Sms did not close texts either. It closes texts, as
// Do Not Phone closes calls; a 0 opens nothing.
func TestImportCiviCRMDoNotSms(t *testing.T) {
	s := dbtest.Open(t)
	importCSV(t, s, "first_name,last_name,email,mobile,text_opt_in\nAna,Pérez,ana@example.org,617-555-0101,yes\n"+
		"Bo,Li,bo@example.org,617-555-0102,yes\nCy,Ng,cy@example.org,617-555-0103,yes\n", importer.Options{})
	importCSV(t, s, civicrmCSV(t,
		map[string]string{"Contact ID": "101", "Contact Type": "Individual", "First Name": "Ana", "Last Name": "Pérez",
			"Email": "ana@example.org", "Do Not Sms": "1"},
		map[string]string{"Contact ID": "102", "Contact Type": "Individual", "First Name": "Bo", "Last Name": "Li",
			"Email": "bo@example.org", "Do Not Sms": "1", "Contact is in Trash": "1"},
		map[string]string{"Contact ID": "103", "Contact Type": "Individual", "First Name": "Cy", "Last Name": "Ng",
			"Email": "cy@example.org", "Do Not Sms": "0"}), importer.Options{})
	got := map[string]bool{}
	for _, r := range dbtest.Roster(t, s) {
		got[r.Email] = r.OKText
	}
	if want := map[string]bool{"ana@example.org": false, "bo@example.org": false, "cy@example.org": true}; !maps.Equal(got, want) {
		t.Errorf("may text %v; want %v", got, want)
	}
}
