package importer_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

// rosterByEmail is the roster by email address.
func rosterByEmail(t *testing.T, s *db.Store) map[string]db.RosterRow {
	t.Helper()
	got := map[string]db.RosterRow{}
	for _, r := range dbtest.Roster(t, s) {
		got[r.Email] = r
	}
	return got
}

// TestImportCiviCRMOnHoldPhoneTypeAndExtension: CiviCRM puts a bounced address "On
// Hold": such a contact is not to be emailed, and a later file saying 0 does not
// open email again; "Phone Type = Mobile" is the mobile; "Phone Extension" stays
// with the number as the app keeps one ("617-555-0104 x3"). All three were ignored
// without a word (the tester's civicrm.csv).
func TestImportCiviCRMOnHoldPhoneTypeAndExtension(t *testing.T) {
	contacts := []map[string]string{
		{"Contact ID": "101", "Contact Type": "Individual", "Display Name": "Dr. Maria Garcia", "First Name": "Maria",
			"Last Name": "Garcia", "Email": "dr.garcia@example.org", "Phone": "617-555-0601", "Phone Extension": "12"},
		{"Contact ID": "107", "Contact Type": "Individual", "Display Name": "Hold Email", "First Name": "Hold",
			"Last Name": "Email", "Email": "bounced@example.org", "Phone": "+1 (617) 555-0607", "Phone Type": "Mobile", "On Hold": "1"},
	}
	s := dbtest.Open(t)
	importCSV(t, s, civicrmCSV(t, contacts...), importer.Options{})
	got := rosterByEmail(t, s)
	if r := got["bounced@example.org"]; r.OKEmail || r.Mobile != "+1 (617) 555-0607" || r.Phone != "" {
		t.Errorf("on hold, mobile: %+v; want not ok to email, the number as mobile", r)
	}
	if r := got["dr.garcia@example.org"]; !r.OKEmail || r.Phone != "617-555-0601 x12" {
		t.Errorf("extension: phone %q; want 617-555-0601 x12", r.Phone)
	}
	t.Run("a later file with the email off hold does not open it again", func(t *testing.T) {
		contacts[1]["On Hold"] = "0"
		importCSV(t, s, civicrmCSV(t, contacts...), importer.Options{})
		if r := rosterByEmail(t, s)["bounced@example.org"]; r.OKEmail {
			t.Errorf("%+v: email opened again", r)
		}
	})
	// A fax or pager number was refusing its whole row: the person is kept with their
	// other values, the number is not stored as one to call, and the row is listed.
	t.Run("a phone type no one calls (a fax, a pager) is not taken as the phone; the person is kept", func(t *testing.T) {
		text := civicrmCSV(t, map[string]string{"Contact ID": "108", "Contact Type": "Individual", "First Name": "Fa",
			"Last Name": "X", "Email": "fax@example.org", "Phone": "617-555-0608", "Phone Type": "Fax"},
			map[string]string{"Contact ID": "109", "Contact Type": "Individual", "First Name": "Pa",
				"Last Name": "Ger", "Email": "pager@example.org", "Phone": "617-555-0609", "Phone Type": "Pager",
				"City": "Lynn"})
		in, err := importer.ReadVolunteers(strings.NewReader(text), "")
		if err != nil || len(in.Problems) != 0 || len(in.Rows) != 2 {
			t.Fatalf("%v %v; want both rows kept", err, in.Problems)
		}
		for _, v := range in.Rows {
			if v.Phone != "" || v.Mobile != "" || v.Email == "" {
				t.Errorf("%s: phone %q mobile %q email %q; want no number, the email kept", v.Name(), v.Phone, v.Mobile, v.Email)
			}
		}
		if in.Rows[1].City != "Lynn" {
			t.Errorf("pager row: city %q; want Lynn", in.Rows[1].City)
		}
		if len(in.ValueNotes) != 2 || !strings.Contains(in.ValueNotes[0].Why, "Fax") || !strings.Contains(in.ValueNotes[1].Why, "Pager") ||
			in.ValueNotes[0].Value != "617-555-0608" {
			t.Errorf("notes %+v; want the fax and the pager listed", in.ValueNotes)
		}
	})
}

// TestImportNationBuilderUnsubscribedAndFederalDoNotCall: NationBuilder's
// unsubscribed_at (a date: the person unsubscribed from email) and
// federal_donotcall close email and calls; both were ignored.
func TestImportNationBuilderUnsubscribedAndFederalDoNotCall(t *testing.T) {
	text := exportCSV(t, "nationbuilder-people-export",
		map[string]string{"nationbuilder_id": "1", "first_name": "Un", "last_name": "Sub", "email": "unsub@example.org",
			"email_opt_in": "TRUE", "unsubscribed_at": "8/8/16 15:42"},
		map[string]string{"nationbuilder_id": "2", "first_name": "Fed", "last_name": "Dnc", "email": "fed@example.org",
			"phone_number": "617-555-0610", "do_not_call": "FALSE", "federal_donotcall": "TRUE"})
	s := dbtest.Open(t)
	importCSV(t, s, text, importer.Options{})
	got := rosterByEmail(t, s)
	if r := got["unsub@example.org"]; r.OKEmail {
		t.Errorf("unsubscribed: %+v; want not ok to email", r)
	}
	if r := got["fed@example.org"]; r.OKCall {
		t.Errorf("federal do not call: %+v; want not ok to call", r)
	}
}

// TestPaddedZipsListOnlyRowsKept: the note about zips read with their leading zero
// put back listed rows refused for their phone (the tester's vol_phones.csv).
func TestPaddedZipsListOnlyRowsKept(t *testing.T) {
	const text = "First Name,Last Name,Email,Phone,Zip\n" +
		"P1,Test,p1@example.org,1.61755E+10,2118\n" +
		"P2,Test,p2@example.org,617-555-0102,2118\n" +
		"P3,Test,p3@example.org,555-0101,123\n"
	f, err := importer.OpenVolunteers(strings.NewReader(text), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dbtest.Open(t).ImportVolunteers(context.Background(), f.Rows(true, nil), db.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	if len(f.Problems) != 2 || len(f.PaddedZips) != 1 || f.PaddedZips[0].Line != 3 || len(f.NotZips) != 0 {
		t.Errorf("problems %v, padded %+v, not zips %+v; want only line 3 padded", f.Problems, f.PaddedZips, f.NotZips)
	}
}

// TestImportFileValuesThatDiffer: a roster edited in a spreadsheet (a city, a zip, a
// phone; a city's letter case) and imported again was "0 updated, 2 unchanged", the
// case-only change not even listed. The rows that differ are counted as such, every
// difference is listed, and TakeFileValues takes them, each undone with the import.
func TestImportFileValuesThatDiffer(t *testing.T) {
	const header = "first_name,last_name,email,phone,city,zip\n"
	const before = header + "Jane,Doe,jane@example.org,617-555-0107,Boston,02118\n" +
		"Thao,Pereira,thao@example.org,,greenfield,\n" + "Al,Same,al@example.org,,Lynn,\n"
	const edited = header + "Jane,Doe,jane@example.org,617-555-9999,Roxbury,2119\n" +
		"Thao,Pereira,thao@example.org,,Greenfield,\n" + "Al,Same,al@example.org,,Lynn,\n"
	s := dbtest.Open(t)
	importCSV(t, s, before, importer.Options{})
	sum := importCSV(t, s, edited, importer.Options{})
	if sum.Updated != 0 || sum.Unchanged != 1 || sum.Differ != 2 {
		t.Errorf("updated %d, unchanged %d, differ %d; want 0, 1, 2", sum.Updated, sum.Unchanged, sum.Differ)
	}
	fields := map[string]string{}
	for _, c := range sum.Conflicts {
		fields[c.Name+" "+c.Field] = c.InFile
		if c.Taken {
			t.Errorf("%+v taken without being asked", c)
		}
	}
	for k, v := range map[string]string{"Jane Doe city": "Roxbury", "Jane Doe zip": "02119", "Jane Doe phone_e164": "+16175559999",
		"Thao Pereira city": "Greenfield"} {
		if fields[k] != v {
			t.Errorf("%s: %q listed; want %q (all: %v)", k, fields[k], v, fields)
		}
	}
	in, err := importer.ReadVolunteers(strings.NewReader(edited), "")
	if err != nil {
		t.Fatal(err)
	}
	taken, err := s.ImportVolunteers(context.Background(), db.VolunteerRows(in.Rows), db.ImportOptions{TakeFileValues: true})
	if err != nil {
		t.Fatal(err)
	}
	if taken.Updated != 2 || taken.Differ != 0 || len(taken.Conflicts) != 4 || !taken.Conflicts[0].Taken {
		t.Errorf("taking: updated %d, differ %d, conflicts %+v; want 2 updated, the 4 values taken", taken.Updated, taken.Differ, taken.Conflicts)
	}
	got := rosterByEmail(t, s)
	if r := got["jane@example.org"]; r.City != "Roxbury" || r.Zip != "02119" || r.Phone != "617-555-9999" {
		t.Errorf("Jane after taking: %+v", r)
	}
	if r := got["thao@example.org"]; r.City != "Greenfield" {
		t.Errorf("Thao after taking: %+v", r)
	}
	if _, err := s.UndoImport(context.Background(), taken.BatchID); err != nil {
		t.Fatal(err)
	}
	got = rosterByEmail(t, s)
	if r := got["jane@example.org"]; r.City != "Boston" || r.Zip != "02118" || r.Phone != "617-555-0107" {
		t.Errorf("Jane after undo: %+v", r)
	}
	if r := got["thao@example.org"]; r.City != "greenfield" {
		t.Errorf("Thao after undo: %+v", r)
	}
}
