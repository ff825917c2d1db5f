package importer_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/importer"
)

// TestPlaceholderEmailsAndOneNumber (tester, s41): placeholders typed for "no
// email" (none@none.com, no@email.com, noemail@gmail.com, na@na.com) were stored as
// the person's email, and the same number given as phone and mobile was stored twice.
// A placeholder is not stored and is listed with its line; another email column's
// real address is taken instead; the one number is kept once, as the mobile. A real
// address is kept, and two different numbers both.
func TestPlaceholderEmailsAndOneNumber(t *testing.T) {
	const text = "first_name,last_name,email,phone,mobile\n" +
		"Pat,Nobody,none@none.com,617-555-0142,617-555-0142\n" +
		"Kim,Lee,no@email.com,617 555 0177,(617) 555-0177\n" +
		"Al,Diaz,NoEmail@gmail.com,,617-555-0178\n" +
		"Bo,Chu,na@na.com,+1 617 555 0179,617.555.0179\n" +
		"Ana,Silva,ana.silva@example.org,617-555-0180,617-555-0181\n"
	in, err := importer.ReadVolunteers(strings.NewReader(text), "")
	if err != nil || len(in.Problems) != 0 || len(in.Rows) != 5 {
		t.Fatalf("%v %v", err, in.Problems)
	}
	type got struct{ email, phone, mobile string }
	wants := []got{{"", "", "617-555-0142"}, {"", "", "(617) 555-0177"}, {"", "", "617-555-0178"}, {"", "", "617.555.0179"},
		{"ana.silva@example.org", "617-555-0180", "617-555-0181"}}
	for i, v := range in.Rows {
		if g := (got{v.Email, v.Phone, v.Mobile}); g != wants[i] {
			t.Errorf("%s: %+v; want %+v", v.Name(), g, wants[i])
		}
	}
	if lines := notedLines(in.ValueNotes, "email"); !slices.Equal(lines, []int{2, 3, 4, 5}) {
		t.Errorf("email notes %+v; want lines 2 to 5", in.ValueNotes)
	}
	for _, n := range in.ValueNotes {
		if n.Value == "" || !strings.Contains(n.Why, "placeholder") {
			t.Errorf("%+v: want the placeholder and why", n)
		}
	}
	t.Run("another column's real address is taken instead", func(t *testing.T) {
		text := exportCSV(t, "nationbuilder-people-export", map[string]string{"nationbuilder_id": "1", "first_name": "Wo",
			"last_name": "Rk", "email": "none@none.com", "email2": "wo@example.org"})
		in, err := importer.ReadVolunteers(strings.NewReader(text), "")
		if err != nil || len(in.Problems) != 0 || len(in.Rows) != 1 {
			t.Fatalf("%v %v", err, in.Problems)
		}
		if v := in.Rows[0]; v.Email != "wo@example.org" {
			t.Errorf("email %q; want email2's", v.Email)
		}
		if len(in.ValueNotes) != 1 || !strings.Contains(in.ValueNotes[0].Why, "email2 taken instead") {
			t.Errorf("notes %+v; want the placeholder listed, email2 taken", in.ValueNotes)
		}
	})
}

// TestNoEmailWordsAreNoAddress (tester, s41): "N/A", "none", "no email" or "-" in an
// email cell refused the whole file ("does not look like an email address"): the
// person gave none. Not stored, listed as a placeholder is; a real address is kept.
func TestNoEmailWordsAreNoAddress(t *testing.T) {
	const text = "first_name,last_name,email\n" +
		"Ana,Silva,N/A\n" +
		"Bo,Lee,none\n" +
		"Cy,Do,No email\n" +
		"Di,Ra,-\n" +
		"Ed,Ko,ed@example.org\n"
	in, err := importer.ReadVolunteers(strings.NewReader(text), "")
	if err != nil || len(in.Problems) != 0 || len(in.Rows) != 5 {
		t.Fatalf("%v %+v", err, in.Problems)
	}
	for _, v := range in.Rows[:4] {
		if v.Email != "" {
			t.Errorf("%s: email %q stored", v.Name(), v.Email)
		}
	}
	if in.Rows[4].Email != "ed@example.org" {
		t.Errorf("a real address: %q", in.Rows[4].Email)
	}
	if lines := notedLines(in.ValueNotes, "email"); !slices.Equal(lines, []int{2, 3, 4, 5}) {
		t.Errorf("email notes %+v; want lines 2 to 5", in.ValueNotes)
	}
}
