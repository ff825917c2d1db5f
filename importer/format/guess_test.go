package format

import (
	"errors"
	"strings"
	"testing"
)

func TestGuess(t *testing.T) {
	t.Run("reads a plain spreadsheet by its column names", func(t *testing.T) {
		header := []string{"First Name", "Last Name", "E-mail Address", "Cell Phone", "Zip Code", "Favourite colour"}
		f, m, err := Guess(KindVolunteers, header)
		if err != nil {
			t.Fatal(err)
		}
		if f.ID != PlainID || f.Kind != KindVolunteers || f.System != "" {
			t.Errorf("format %+v", f)
		}
		want := "First Name → first name, Last Name → last name, E-mail Address → email, Cell Phone → mobile, Zip Code → zip"
		if got := DescribeMapping(header, m); got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	})
	t.Run("reads the consent columns of a spreadsheet and of ChapterDesk's own export", func(t *testing.T) {
		header := []string{"first_name", "last_name", "email", "do_not_contact", "ok_call", "ok_text", "ok_email"}
		_, m, err := Guess(KindVolunteers, header)
		if err != nil {
			t.Fatal(err)
		}
		want := "first_name → first name, last_name → last name, email → email, do_not_contact → do not contact, " +
			"ok_call → ok call, ok_text → text opt in, ok_email → email opt in"
		if got := DescribeMapping(header, m); got != want {
			t.Errorf("got  %s\nwant %s", got, want)
		}
	})
	t.Run("compares names without case, spaces, underscores, hyphens or punctuation", func(t *testing.T) {
		for _, name := range []string{"email", "Email", "E-mail", "e_mail", "EMAIL ADDRESS", "E-mail Address:", "email_address"} {
			_, m, err := Guess(KindVolunteers, []string{"first_name", "last_name", name})
			if err != nil || m.Columns[Email] != 2 {
				t.Errorf("%q: %v %v", name, m.Columns, err)
			}
		}
	})
	t.Run("takes the first filled of several candidate columns", func(t *testing.T) {
		_, m, err := Guess(KindVolunteers, []string{"Name", "Phone", "Home Phone", "Work Phone"})
		if err != nil {
			t.Fatal(err)
		}
		if got := m.Get([]string{"Ana Souza", "", "", "617-555-0100"}, Phone); got != "617-555-0100" {
			t.Errorf("got %q", got)
		}
	})
	t.Run("refuses naming the field it could not find and the file's columns", func(t *testing.T) {
		_, _, err := Guess(KindVolunteers, []string{"Nickname", "E-mail"})
		if !errors.Is(err, ErrUnrecognised) || !strings.Contains(err.Error(), "a name (first_name and last_name, or full_name)") ||
			!strings.Contains(err.Error(), `"Nickname", "E-mail"`) {
			t.Errorf("%v", err)
		}
	})
	t.Run("guesses legislators and call reports too", func(t *testing.T) {
		if _, m, err := Guess(KindLegislators, []string{"Legislator", "Chamber", "District", "Party", "Phone"}); err != nil || m.Columns[CapitolPhone] != 4 {
			t.Errorf("%v %v", m.Columns, err)
		}
		if _, _, err := Guess(KindCalls, []string{"Date", "Your name", "Legislator", "Result"}); err != nil {
			t.Error(err)
		}
		_, _, err := Guess(KindCalls, []string{"Date", "Your name", "Legislator"})
		if err == nil || !strings.Contains(err.Error(), "outcome") {
			t.Errorf("%v", err)
		}
	})
}
