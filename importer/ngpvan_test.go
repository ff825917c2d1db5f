package importer_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/importer"
)

// testdata/ngpvan-export-job.csv is 20 people under the real NGP VAN export-job header,
// their phones typed the ways people type them; half have a Phone and no HomePhone.
func TestNGPVANExportKeepsEveryPhone(t *testing.T) {
	f, err := os.Open("testdata/ngpvan-export-job.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	in, err := importer.ReadVolunteers(f, "")
	if err != nil {
		t.Fatal(err)
	}
	if in.Format.ID != "ngpvan" || len(in.Rows) != 20 || len(in.Problems) != 0 {
		t.Fatalf("format %s, %d rows, problems %v", in.Format.ID, len(in.Rows), in.Problems)
	}
	for _, v := range in.Rows {
		if v.PhoneE164 == "" && v.MobileE164 == "" {
			t.Errorf("line %d: %s has no phone", v.Line, v.Name())
		}
		if v.PhoneE164 != "" && v.PhoneE164 == v.MobileE164 {
			t.Errorf("line %d: %s has %s as phone and mobile; want it once, as the mobile", v.Line, v.Name(), v.PhoneE164)
		}
	}
	t.Run("a work phone with an extension is read when it is the only one", func(t *testing.T) {
		if v := in.Rows[5]; v.LastName != "Ramírez" || v.PhoneE164 != "+15555550115" {
			t.Errorf("%s: %q", v.Name(), v.PhoneE164)
		}
	})
}

// TestThreeDigitZips: Puerto Rico's zips (00601 to 00988) and the Virgin Islands'
// (008xx) lose two zeros in a spreadsheet. They were stored as "601", without a
// word, and so was a 3-digit zip of any other state.
func TestThreeDigitZips(t *testing.T) {
	csv := "VanID,FirstName,LastName,State,ZipOrPostal\r\n" +
		"1,Ana,Rivera,PR,601\r\n" +
		"2,Bo,Cruz,VI,802\r\n" +
		"3,Cy,Ortiz,Puerto Rico,00926\r\n" +
		"4,Di,Lee,MA,601\r\n" +
		"5,Ed,Vega,PR,820\r\n" +
		"6,Flo,Diaz,,727\r\n" +
		"7,Gus,Ng,,123\r\n"
	in, err := importer.ReadVolunteers(strings.NewReader(csv), "")
	if err != nil || len(in.Problems) != 0 || len(in.Rows) != 7 {
		t.Fatalf("%v %v; %d rows", err, in.Problems, len(in.Rows))
	}
	var zips []string
	for _, v := range in.Rows {
		zips = append(zips, v.Zip)
	}
	if want := []string{"00601", "00802", "00926", "", "", "00727", ""}; !slices.Equal(zips, want) {
		t.Errorf("zips %q, want %q", zips, want)
	}
	if want := []importer.ZipFix{{Line: 2, From: "601", To: "00601"}, {Line: 3, From: "802", To: "00802"},
		{Line: 7, From: "727", To: "00727"}}; !slices.Equal(in.PaddedZips, want) {
		t.Errorf("padded %+v; want %+v", in.PaddedZips, want)
	}
	if want := []importer.ZipNote{{Line: 5, Zip: "601", State: "MA"}, {Line: 6, Zip: "820", State: "PR"},
		{Line: 8, Zip: "123"}}; !slices.Equal(in.NotZips, want) {
		t.Errorf("not zips %+v; want %+v", in.NotZips, want)
	}
}

// TestZipsOfNoUSShape: a zip of a US row (a US state, or no state and no country)
// that is not 5 digits, ZIP+4 or 9 digits ("12", "021345", "0213412345", "O2134")
// was stored as written; it is listed and its volunteer imported without it. Another
// country's postcode is kept.
func TestZipsOfNoUSShape(t *testing.T) {
	csv := "uuid,first_name,last_name,email,zip_code,can2_state_abbreviated,country\r\n" +
		"1,Ana,Souza,ana@example.org,12,MA,\r\n" +
		"2,Bo,Li,bo@example.org,021345,MA,US\r\n" +
		"3,Cy,Ng,cy@example.org,0213412345,,\r\n" +
		"4,Di,Wu,di@example.org,O2134,MA,\r\n" +
		"5,Ed,Ho,ed@example.org,02134-1234,MA,\r\n" +
		"6,Fay,Lo,fay@example.org,02134 1234,MA,\r\n" +
		"7,Gil,Ma,gil@example.org,021341234,,\r\n" +
		"8,Hal,Ko,hal@example.org,SW1A 1AA,,United Kingdom\r\n" +
		"9,Ida,Ro,ida@example.org,02134,MA,\r\n"
	in, err := importer.ReadVolunteers(strings.NewReader(csv), "")
	if err != nil || len(in.Problems) != 0 || len(in.Rows) != 9 {
		t.Fatalf("%v %v; %d rows", err, in.Problems, len(in.Rows))
	}
	var zips []string
	for _, v := range in.Rows {
		zips = append(zips, v.Zip)
	}
	if want := []string{"", "", "", "", "02134-1234", "02134 1234", "021341234", "SW1A 1AA", "02134"}; !slices.Equal(zips, want) {
		t.Errorf("zips %q, want %q", zips, want)
	}
	if want := []importer.ZipNote{{Line: 2, Zip: "12", State: "MA"}, {Line: 3, Zip: "021345", State: "MA"},
		{Line: 4, Zip: "0213412345"}, {Line: 5, Zip: "O2134", State: "MA"}}; !slices.Equal(in.NotZips, want) {
		t.Errorf("not zips %+v; want %+v", in.NotZips, want)
	}
}

func TestZipsLosingTheirLeadingZero(t *testing.T) {
	csv := "VanID,FirstName,LastName,State,ZipOrPostal\r\n1,Ana,Souza,MA,2134\r\n2,Bo,Li,CA,9021\r\n3,Cy,Ng,MA,02130\r\n"
	in, err := importer.ReadVolunteers(strings.NewReader(csv), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("reads a 4-digit Massachusetts zip with its leading zero, and says so", func(t *testing.T) {
		if in.Rows[0].Zip != "02134" || len(in.PaddedZips) != 1 || in.PaddedZips[0] != (importer.ZipFix{Line: 2, From: "2134", To: "02134"}) {
			t.Errorf("zip %q, noted %+v", in.Rows[0].Zip, in.PaddedZips)
		}
	})
	t.Run("lists a 4-digit zip of a state whose zips do not start with 0, and leaves it out", func(t *testing.T) {
		if in.Rows[1].Zip != "" || in.Rows[2].Zip != "02130" {
			t.Errorf("%q %q", in.Rows[1].Zip, in.Rows[2].Zip)
		}
		if want := []importer.ZipNote{{Line: 3, Zip: "9021", State: "CA"}}; !slices.Equal(in.NotZips, want) {
			t.Errorf("not zips %+v; want %+v", in.NotZips, want)
		}
	})
	t.Run("leaves another country's 4-digit postcode, and lists one whose row says neither state nor country", func(t *testing.T) {
		csv := "uuid,first_name,last_name,email,zip_code,can2_state_abbreviated,country\r\n" +
			"1,Ana,Souza,ana@example.org,2000,,Australia\r\n" + // Sydney
			"2,Bo,Li,bo@example.org,2000,NSW,AU\r\n" +
			"3,Cy,Ng,cy@example.org,1010,MA,Austria\r\n" + // a state, but the country says otherwise
			"4,Di,Wu,di@example.org,2134,,US\r\n" +
			"5,Ed,Ho,ed@example.org,2134,MA,United States\r\n" +
			"6,Fay,Lo,fay@example.org,2134,,\r\n"
		in, err := importer.ReadVolunteers(strings.NewReader(csv), "")
		if err != nil {
			t.Fatal(err)
		}
		var zips []string
		for _, v := range in.Rows {
			zips = append(zips, v.Zip)
		}
		if want := []string{"2000", "2000", "1010", "02134", "02134", "02134"}; !slices.Equal(zips, want) {
			t.Errorf("zips %q, want %q", zips, want)
		}
		if len(in.PaddedZips) != 3 || in.PaddedZips[2] != (importer.ZipFix{Line: 7, From: "2134", To: "02134"}) {
			t.Errorf("padded %+v", in.PaddedZips)
		}
	})
}

func TestPlainSpreadsheet(t *testing.T) {
	csv := "First Name,Last Name,E-mail Address,Cell Phone,Zip Code\r\nAna,Souza,ana@example.org,(617) 555-0100,2134\r\n"
	in, err := importer.ReadVolunteersWith(strings.NewReader(csv), importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if in.Format.ID != "plain" || len(in.Rows) != 1 {
		t.Fatalf("format %v, rows %d", in.Format, len(in.Rows))
	}
	if v := in.Rows[0]; v.Email != "ana@example.org" || v.MobileE164 != "+16175550100" || v.Zip != "02134" || len(in.PaddedZips) != 1 {
		t.Errorf("%+v", v.Volunteer)
	}
	if want := "First Name → first name, Last Name → last name, E-mail Address → email, Cell Phone → mobile, Zip Code → zip"; in.Guessed != want {
		t.Errorf("guessed %q", in.Guessed)
	}
	t.Run("a partial guess is the start of the lead's mapping in the preview", func(t *testing.T) {
		got, err := importer.Inspect(strings.NewReader("Nickname,E-mail\r\nAna,ana@example.org\r\n"), importer.Options{}, "volunteers", 5)
		if err != nil {
			t.Fatal(err)
		}
		if got.Unmapped == nil || got.Format.ID != "custom" || got.Mapping.Columns["email"] != 1 || !strings.Contains(got.Unmapped.Error(), "a name") {
			t.Errorf("format %v, mapping %v, unmapped %v", got.Format, got.Mapping.Columns, got.Unmapped)
		}
	})
}

func TestSetAsideValuesAreCounted(t *testing.T) {
	csv := "nationbuilder_id,first_name,last_name,email,email1,phone_number,work_phone_number\r\n" +
		"1,Ana,Souza,ana@example.org,ana.souza@work.example,(617) 555-0100,+1 617.555.0100\r\n" +
		"2,Bo,Li,,bo@example.org,617-555-0101,617-555-0199\r\n" +
		"3,Cy,Ng,cy@example.org,CY@example.org,,\r\n"
	in, err := importer.ReadVolunteers(strings.NewReader(csv), "")
	if err != nil {
		t.Fatal(err)
	}
	want := []importer.SetAside{{Field: "email", Column: "email1", Kept: "email", Rows: 1, FirstLine: 2},
		{Field: "phone", Column: "work_phone_number", Kept: "phone_number", Rows: 1, FirstLine: 3}}
	if len(in.SetAside) != len(want) || in.SetAside[0] != want[0] || in.SetAside[1] != want[1] {
		t.Errorf("got %+v", in.SetAside)
	}
	if in.Rows[1].Email != "bo@example.org" {
		t.Errorf("Bo's email %q", in.Rows[1].Email)
	}
}
