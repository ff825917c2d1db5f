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
	} {
		rest, emails, phones := db.ContactsInName(c.in)
		if rest != c.rest || strings.Join(emails, ",") != c.emails || strings.Join(phones, ",") != c.phones {
			t.Errorf("ContactsInName(%q) = %q, %q, %q; want %q, %q, %q", c.in, rest, emails, phones, c.rest, c.emails, c.phones)
		}
	}
}
