package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportCallsContactAsName: a caller who typed their email as "Your name" was
// added with the email as their first name, and "Maria 617-555-0199" with the phone as
// her family name, silently; a coalition-safe workbook then printed the email. The
// email is now taken as the email (the form's was empty), the phone as the phone, the
// name left out, and the import lists both.
func TestImportCallsContactAsName(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		s := open(t)
		dbtest.CallDesk(t, s)
		call := dbtest.CallRow
		sum, err := s.ImportCalls(ctx, []db.IncomingCall{call(2, "jdoe.private@gmail.com", ""),
			call(3, "Maria 617-555-0199", ""), call(4, "Paulo Silva", "paulo@example.org"),
			call(5, "", "nameless@example.org")}, db.CallImportOptions{})
		if err != nil {
			t.Fatal(err)
		}
		vols, err := s.ListVolunteers(ctx, db.VolunteerFilter{}, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(vols) != 4 {
			t.Fatalf("%d volunteers; want the 4 callers", len(vols))
		}
		for _, v := range vols {
			name := v.FirstName + " " + v.LastName
			if strings.ContainsAny(name, "@0123456789") {
				t.Errorf("volunteer %d is named %q; an email or phone is never a name", v.ID, name)
			}
			switch {
			case v.Email == "jdoe.private@gmail.com":
			case v.FirstName == "Maria" && v.LastName == "" && v.PhoneE164 == "+16175550199":
			case v.FirstName == "Paulo" && v.LastName == "Silva":
			case v.Email == "nameless@example.org":
			default:
				t.Errorf("volunteer %q %q, email %q, phone %q: not one of the callers as they should be added", v.FirstName, v.LastName, v.Email, v.PhoneE164)
			}
		}
		if sum.ContactNamesCount != 2 || len(sum.ContactNames) != 2 || sum.ContactNames[0].Line != 2 || sum.ContactNames[1].Line != 3 ||
			!strings.Contains(sum.ContactNames[0].Reason, "email jdoe.private@gmail.com") || !strings.Contains(sum.ContactNames[1].Reason, "phone 617-555-0199") {
			t.Errorf("listed %d: %+v; want lines 2 and 3, saying what was taken as the email and the phone", sum.ContactNamesCount, sum.ContactNames)
		}
	})
}

// TestContactsInName: what is an email or a phone in a name, and what is not.
func TestContactsInName(t *testing.T) {
	for _, c := range []struct{ in, rest, emails, phones string }{
		{"Maria Silva", "Maria Silva", "", ""},
		{"jdoe@x.org", "", "jdoe@x.org", ""},
		{"Maria 617-555-0199", "Maria", "", "617-555-0199"},
		{"Ann (617) 555 0100 ann@x.org", "Ann", "ann@x.org", "(617) 555 0100"},
		{"Louis XIV 3rd", "Louis XIV 3rd", "", ""},
		{"Apt 12 Jo", "Apt 12 Jo", "", ""},
		{"Rosa Parks <rosa@x.org>", "Rosa Parks", "rosa@x.org", ""},
		{"Rosa (rosa@x.org)", "Rosa", "rosa@x.org", ""},
	} {
		rest, emails, phones := db.ContactsInName(c.in)
		if rest != c.rest || strings.Join(emails, ",") != c.emails || strings.Join(phones, ",") != c.phones {
			t.Errorf("ContactsInName(%q) = %q, %q, %q; want %q, %q, %q", c.in, rest, emails, phones, c.rest, c.emails, c.phones)
		}
	}
}

// TestImportCallsEmailAsNameFindsTheRoster: a report whose "Your name" holds only the
// caller's email (the email column empty) was filed to a new volunteer "(no name
// given)" with that email, beside the volunteer on the roster who has it (tester t5):
// two of one person, and the call not on the caller's record. The email in the name
// now finds them, as the form's email would; so does "Ann Lee ann@x.org". An email
// no one on the roster has still adds the caller.
func TestImportCallsEmailAsNameFindsTheRoster(t *testing.T) {
	ctx := context.Background()
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		s := open(t)
		dbtest.CallDesk(t, s)
		v := db.NewVolunteer("Rosa", "Parks")
		v.Email = "rosa.parks@example.org"
		rosa, err := s.CreateVolunteer(ctx, v)
		if err != nil {
			t.Fatal(err)
		}
		call := dbtest.CallRow
		if _, err := s.ImportCalls(ctx, []db.IncomingCall{call(2, "Rosa.Parks@example.org", ""),
			call(3, "Rosa Parks <rosa.parks@example.org>", ""), call(4, "newcomer@example.org", "")}, db.CallImportOptions{}); err != nil {
			t.Fatal(err)
		}
		vols, err := s.ListVolunteers(ctx, db.VolunteerFilter{}, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(vols) != 2 {
			t.Errorf("%d volunteers: %+v; want Rosa and the newcomer", len(vols), vols)
		}
		calls, err := s.ListCallReports(ctx, db.CallFilter{VolunteerID: rosa}, 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(calls) != 2 {
			t.Errorf("Rosa has %d calls; want the 2 whose name gave her email", len(calls))
		}
	})
}
