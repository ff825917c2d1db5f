package importer_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

// notedLines are the lines of the value notes about a column, in order.
func notedLines(notes []importer.ValueNote, column string) []int {
	var lines []int
	for _, n := range notes {
		if n.Name == column {
			lines = append(lines, n.Line)
		}
	}
	return lines
}

// TestNationBuilderBadEmailsAndMobile: NationBuilder's email1_is_bad ...
// email4_is_bad and is_mobile_bad were not read: an address NationBuilder knows
// bounces was taken and emailed, a wrong mobile texted. A bad address is not taken
// when the row has a good one; when it has none it is kept (the person is still
// matched by it) with email closed. A bad mobile is not stored and closes texts.
// Each is listed.
func TestNationBuilderBadEmailsAndMobile(t *testing.T) {
	rows := []map[string]string{
		{"nationbuilder_id": "1", "first_name": "Al", "last_name": "Bad", "email": "al@example.org",
			"email1": "al@example.org", "email1_is_bad": "TRUE", "email2": "al.good@example.org",
			"email2_is_bad": "FALSE", "email_opt_in": "TRUE"},
		{"nationbuilder_id": "2", "first_name": "Bo", "last_name": "Bad", "email": "bo@example.org",
			"email1": "bo@example.org", "email1_is_bad": "TRUE", "email_opt_in": "TRUE"},
		{"nationbuilder_id": "3", "first_name": "Cy", "last_name": "Bad", "email": "cy@example.org",
			"email_opt_in": "TRUE", "phone_number": "617-555-0622", "mobile_number": "617-555-0621",
			"mobile_opt_in": "TRUE", "is_mobile_bad": "TRUE"},
		{"nationbuilder_id": "4", "first_name": "Di", "last_name": "Good", "email": "di@example.org",
			"email1": "di@example.org", "email1_is_bad": "FALSE", "email_opt_in": "TRUE",
			"mobile_number": "617-555-0623", "mobile_opt_in": "TRUE", "is_mobile_bad": "FALSE"},
	}
	text := exportCSV(t, "nationbuilder-people-export", rows...)
	in, err := importer.ReadVolunteers(strings.NewReader(text), "")
	if err != nil || len(in.Problems) != 0 {
		t.Fatalf("%v %v", err, in.Problems)
	}
	if got := append(notedLines(in.ValueNotes, "email"), notedLines(in.ValueNotes, "email1")...); !slices.Equal(got, []int{2, 3}) &&
		!slices.Equal(got, []int{3, 2}) {
		t.Errorf("email notes on lines %v (%+v); want 2 and 3", got, in.ValueNotes)
	}
	// email2 is the one taken, not one set aside beside the bad email.
	for _, a := range in.SetAside {
		if a.Field == "email" {
			t.Errorf("set aside %+v; want none: the bad address is listed, email2 taken", a)
		}
	}
	if got := notedLines(in.ValueNotes, "mobile_number"); !slices.Equal(got, []int{4}) {
		t.Errorf("mobile notes on lines %v (%+v); want 4", got, in.ValueNotes)
	}
	s := dbtest.Open(t)
	importCSV(t, s, text, importer.Options{})
	got := map[string]struct {
		email, mobile, phone string
		okEmail, okText      bool
	}{}
	for _, r := range dbtest.Roster(t, s) {
		got[r.FirstName] = struct {
			email, mobile, phone string
			okEmail, okText      bool
		}{r.Email, r.Mobile, r.Phone, r.OKEmail, r.OKText}
	}
	if r := got["Al"]; r.email != "al.good@example.org" || !r.okEmail {
		t.Errorf("Al: %+v; want the good email2, open", r)
	}
	if r := got["Bo"]; r.email != "bo@example.org" || r.okEmail {
		t.Errorf("Bo: %+v; want the bad address kept, email closed", r)
	}
	if r := got["Cy"]; r.mobile != "" || r.okText || r.phone != "617-555-0622" {
		t.Errorf("Cy: %+v; want no mobile, texts closed, the phone kept", r)
	}
	if r := got["Di"]; r.mobile != "617-555-0623" || !r.okText || !r.okEmail {
		t.Errorf("Di: %+v; want the mobile, texts and email open", r)
	}
	t.Run("a mobile found bad later closes texts of the person on the roster", func(t *testing.T) {
		rows[3]["is_mobile_bad"] = "TRUE"
		rows[3]["email1_is_bad"] = "TRUE"
		importCSV(t, s, exportCSV(t, "nationbuilder-people-export", rows...), importer.Options{})
		for _, r := range dbtest.Roster(t, s) {
			if r.FirstName == "Di" && (r.OKText || r.OKEmail) {
				t.Errorf("Di: %+v; want texts and email closed", r)
			}
		}
	})
	t.Run("an address on the roster the file marks bad is not emailed, though the file has a good one", func(t *testing.T) {
		s := dbtest.Open(t)
		first := map[string]string{"nationbuilder_id": "9", "first_name": "Ed", "last_name": "Moved", "email": "ed@example.org",
			"email1": "ed@example.org", "email1_is_bad": "FALSE", "email_opt_in": "TRUE"}
		importCSV(t, s, exportCSV(t, "nationbuilder-people-export", first), importer.Options{})
		later := map[string]string{"nationbuilder_id": "9", "first_name": "Ed", "last_name": "Moved", "email": "ed@example.org",
			"email1": "ed@example.org", "email1_is_bad": "TRUE", "email2": "ed.new@example.org", "email_opt_in": "TRUE"}
		importCSV(t, s, exportCSV(t, "nationbuilder-people-export", later), importer.Options{})
		if r := dbtest.Roster(t, s); len(r) != 1 || r[0].Email != "ed@example.org" || r[0].OKEmail {
			t.Errorf("%+v; want the roster's address, now bad, not emailed", r)
		}
	})
	t.Run("an unreadable bad mark is a problem, never a guess", func(t *testing.T) {
		rows[3]["is_mobile_bad"] = "perhaps"
		in, err := importer.ReadVolunteers(strings.NewReader(exportCSV(t, "nationbuilder-people-export", rows...)), "")
		if err != nil || len(in.Problems) != 1 || in.Problems[0].Line != 5 {
			t.Errorf("%v %v; want line 5 refused", err, in.Problems)
		}
	})
}

// TestNGPVANCellExchangeAndOptInPhone: NGP VAN's IsHomePhoneACellExchange and
// IsWorkPhoneACellExchange (the number is a mobile's) and OptInPhone (the number the
// text opt-in is about) were not read: an opt-in for one number opened texts to
// another. A phone on a cell exchange is the mobile when the row has none; an
// opt-in opens texts only to the number it names.
func TestNGPVANCellExchangeAndOptInPhone(t *testing.T) {
	rows := []map[string]string{
		{"VanID": "1", "FirstName": "Ana", "LastName": "Cell", "HomePhone": "(617) 555-0631", "IsHomePhoneACellExchange": "Y"},
		{"VanID": "2", "FirstName": "Ben", "LastName": "Other", "CellPhone": "617-555-0632", "OptInPhone": "617-555-0633",
			"OptInStatus": "Opt-In", "OptInPhoneType": "Cell"},
		{"VanID": "3", "FirstName": "Cam", "LastName": "Same", "CellPhone": "617-555-0634", "OptInPhone": "(617) 555-0634",
			"OptInStatus": "Opt-In", "OptInPhoneType": "Cell"},
		{"VanID": "4", "FirstName": "Dee", "LastName": "Home", "HomePhone": "617-555-0635", "IsHomePhoneACellExchange": "N"},
		{"VanID": "5", "FirstName": "Eve", "LastName": "Work", "WorkPhone": "617-555-0636", "IsWorkPhoneACellExchange": "Y",
			"OptInPhone": "617-555-0636", "OptInStatus": "Opt-In"},
	}
	in, err := importer.ReadVolunteers(strings.NewReader(exportCSV(t, "ngpvan-export-job", rows...)), "")
	if err != nil || len(in.Problems) != 0 || len(in.Rows) != 5 {
		t.Fatalf("%v %v", err, in.Problems)
	}
	type want struct {
		phone, mobile string
		okText        bool
	}
	wants := []want{{"", "(617) 555-0631", false}, {"", "617-555-0632", false}, {"", "617-555-0634", true},
		{"617-555-0635", "", false}, {"", "617-555-0636", true}}
	for i, v := range in.Rows {
		if got := (want{v.Phone, v.Mobile, v.OKText}); got != wants[i] {
			t.Errorf("%s: %+v; want %+v", v.Name(), got, wants[i])
		}
	}
	if got := notedLines(in.ValueNotes, "OptInPhone"); !slices.Equal(got, []int{3}) {
		t.Errorf("opt-in notes on lines %v (%+v); want 3", got, in.ValueNotes)
	}
}

// TestFakeZipsAndPhones: zip 00000 and phone 555-555-5555 (and any number of one
// digit repeated) were stored as the person's. The person is imported, the value
// is not, and the row is listed with why.
func TestFakeZipsAndPhones(t *testing.T) {
	const text = "first_name,last_name,email,phone,mobile,zip\n" +
		"Fa,Ke,fa@example.org,555-555-5555,617-555-0641,00000\n" +
		"Re,Al,re@example.org,617-555-0642,(222) 222-2222,02134\n" +
		"Ze,Ro,ze@example.org,617-555-0643,,00000-0000\n"
	in, err := importer.ReadVolunteers(strings.NewReader(text), "")
	if err != nil || len(in.Problems) != 0 || len(in.Rows) != 3 {
		t.Fatalf("%v %v", err, in.Problems)
	}
	type got struct{ phone, mobile, zip string }
	wants := []got{{"", "617-555-0641", ""}, {"617-555-0642", "", "02134"}, {"617-555-0643", "", ""}}
	for i, v := range in.Rows {
		if g := (got{v.Phone, v.Mobile, v.Zip}); g != wants[i] {
			t.Errorf("%s: %+v; want %+v", v.Name(), g, wants[i])
		}
	}
	if p, m, z := notedLines(in.ValueNotes, "phone"), notedLines(in.ValueNotes, "mobile"), notedLines(in.ValueNotes, "zip"); !slices.Equal(p, []int{2}) ||
		!slices.Equal(m, []int{3}) || !slices.Equal(z, []int{2, 4}) {
		t.Errorf("notes %+v; want phone line 2, mobile 3, zips 2 and 4", in.ValueNotes)
	}
	for _, n := range in.ValueNotes {
		if n.Why == "" || n.Value == "" {
			t.Errorf("%+v: want the value and why", n)
		}
	}
	t.Run("another column's real number is taken instead", func(t *testing.T) {
		text := exportCSV(t, "nationbuilder-people-export", map[string]string{"nationbuilder_id": "1", "first_name": "Wo",
			"last_name": "Rk", "email": "wo@example.org", "phone_number": "555-555-5555", "work_phone_number": "617-555-0650"})
		in, err := importer.ReadVolunteers(strings.NewReader(text), "")
		if err != nil || len(in.Problems) != 0 || len(in.Rows) != 1 {
			t.Fatalf("%v %v", err, in.Problems)
		}
		if v := in.Rows[0]; v.Phone != "617-555-0650" {
			t.Errorf("phone %q; want the work phone", v.Phone)
		}
		if len(in.ValueNotes) != 1 || !strings.Contains(in.ValueNotes[0].Why, "work_phone_number taken instead") || len(in.SetAside) != 0 {
			t.Errorf("notes %+v, set aside %+v; want the made-up number listed, the work phone taken, nothing set aside",
				in.ValueNotes, in.SetAside)
		}
	})
}

// TestFatherAndSonBirthDates: a father and son of one name in a NationBuilder export
// without a suffix, two ids, one household phone, are merged as the export's own
// duplicates are; their born_at (written two ways) was not read, so nothing told
// the lead. The merge is listed with the two birth dates; a duplicate with the same
// date written another way is not.
func TestFatherAndSonBirthDates(t *testing.T) {
	row := func(id, phone, born string) map[string]string {
		return map[string]string{"nationbuilder_id": id, "first_name": "Robert", "last_name": "Jones",
			"phone_number": phone, "born_at": born}
	}
	s := dbtest.Open(t)
	sum := importCSV(t, s, exportCSV(t, "nationbuilder-people-export", row("1", "617-555-0650", "3/14/1950"),
		row("2", "(617) 555-0650", "7/1/1982"), row("3", "617-555-0651", "1/2/1970"), row("4", "617.555.0651", "1970-01-02")),
		importer.Options{})
	if sum.Merged != 2 || len(sum.MergedToCheck) != 1 || sum.MergedToCheck[0].Line != 3 ||
		!strings.Contains(sum.MergedToCheck[0].Why, "different birth dates (1950-03-14, 1982-07-01)") {
		t.Errorf("merged %d, to check %+v; want line 3 listed with both dates", sum.Merged, sum.MergedToCheck)
	}
}
