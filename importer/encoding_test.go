package importer_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/unicode"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
	"github.com/chapterdesk/chapterdesk/importer/format"
)

// notUTF8 is the problem of a row of an otherwise UTF-8 file holding the stray byte of
// "Ana L\xfacia" in the given place.
func notUTF8(place string) string {
	return place + `: the bytes here are not valid UTF-8 ("Ana L\xfacia"); the file is otherwise UTF-8 — re-save it as UTF-8, or, if it was saved as Windows-1252, read it as Windows-1252`
}

// nbRoster is a small NationBuilder export; line 3 holds a Windows-1252 "ú" among
// UTF-8 names.
const nbRoster = "first_name,last_name,email,nationbuilder_id\n" +
	"José,Núñez,jose@example.org,1\n" +
	"Ana L\xfacia,Santos,analucia@example.org,2\n" +
	"Thảo,Pereira,thao@example.org,3\n"

func TestStrayBytesInAUTF8File(t *testing.T) {
	ctx := context.Background()
	t.Run("a roster is read as UTF-8 and the row with the stray byte is named", func(t *testing.T) {
		in, err := importer.ReadVolunteers(strings.NewReader(nbRoster), "")
		if err != nil {
			t.Fatal(err)
		}
		if in.Encoding != "UTF-8" || len(in.Rows) != 2 || in.Rows[0].LastName != "Núñez" || in.Rows[1].FirstName != "Thảo" {
			t.Fatalf("%s: %+v", in.Encoding, in.Rows)
		}
		if len(in.Problems) != 1 || in.Problems[0].Error() != notUTF8("line 3, column 1 (first_name)") {
			t.Errorf("problems %v", in.Problems)
		}
	})
	t.Run("refused, nothing of the roster is written", func(t *testing.T) {
		vf, err := importer.OpenVolunteers(strings.NewReader(nbRoster), "")
		if err != nil {
			t.Fatal(err)
		}
		s := dbtest.Open(t)
		if _, err := s.ImportVolunteers(ctx, vf.Rows(false, nil), db.ImportOptions{Format: vf.Format.ID}); !errors.Is(err, importer.ErrBadRows) {
			t.Fatalf("err = %v", err)
		}
		if n, _ := s.CountVolunteers(ctx, db.VolunteerFilter{}); n != 0 {
			t.Errorf("%d volunteers written", n)
		}
	})
	t.Run("skipped, the good rows go in and the bad one goes to the rejects byte for byte", func(t *testing.T) {
		vf, err := importer.OpenVolunteers(strings.NewReader(nbRoster), "")
		if err != nil {
			t.Fatal(err)
		}
		s := dbtest.Open(t)
		var rejects bytes.Buffer
		sum, err := s.ImportVolunteers(ctx, vf.Rows(true, &rejects), db.ImportOptions{Format: vf.Format.ID})
		if err != nil || sum.Created != 2 {
			t.Fatalf("%+v %v", sum, err)
		}
		want := "first_name,last_name,email,nationbuilder_id,problem\n" +
			"Ana L\xfacia,Santos,analucia@example.org,2," + `"` + strings.ReplaceAll(notUTF8("line 3, column 1 (first_name)"), `"`, `""`) + `"` + "\n"
		if rejects.String() != want {
			t.Errorf("rejects:\n%q\nwant\n%q", rejects.String(), want)
		}
	})
	t.Run("a legislator file is read as UTF-8, its accents right, the stray named", func(t *testing.T) {
		data, err := os.ReadFile(openStatesDir + "ma.csv")
		if err != nil {
			t.Skipf("shared data not here: %v", err)
		}
		rows := readCSV(t, data)
		rows[4][1] = "Ana L\xfacia" // line 5: name
		in, err := importer.ReadLegislators(bytes.NewReader(writeCSV(t, rows)), "")
		if err != nil {
			t.Fatal(err)
		}
		if in.Encoding != "UTF-8" || len(in.Rows) != 197 {
			t.Fatalf("%s, %d rows", in.Encoding, len(in.Rows))
		}
		if len(in.Problems) != 1 || in.Problems[0].Error() != notUTF8("line 5, column 2 (name)") {
			t.Errorf("problems %v", in.Problems)
		}
		accented := 0
		for _, l := range in.Rows {
			if strings.ContainsAny(l.Name, "áíñó") {
				accented++
			}
			if strings.Contains(l.Name, "Ã") {
				t.Errorf("%q read as Windows-1252", l.Name)
			}
		}
		if accented == 0 {
			t.Error("no accented name read")
		}
		var rejects bytes.Buffer
		in.WriteRejects(&rejects)
		if !bytes.Contains(rejects.Bytes(), []byte(",Ana L\xfacia,")) {
			t.Errorf("the rejected row's bytes changed:\n%q", rejects.String())
		}
	})
	t.Run("a call report form is read as UTF-8, the stray named", func(t *testing.T) {
		data, err := os.ReadFile(generateCalls(t, 50))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.ContainsFunc(data, func(r rune) bool { return r > 127 }) {
			t.Skip("the generated form has no accented name")
		}
		rows := readCSV(t, data)
		rows[3][1] = "Ana L\xfacia" // line 4: Your name
		in, err := importer.ReadCalls(bytes.NewReader(writeCSV(t, rows)), "")
		if err != nil {
			t.Fatal(err)
		}
		if in.Encoding != "UTF-8" {
			t.Errorf("encoding %s", in.Encoding)
		}
		if len(in.Problems) != 1 || in.Problems[0].Error() != notUTF8("line 4, column 2 (Your name)") {
			t.Errorf("problems %v", in.Problems)
		}
	})
}

func TestWholeFileEncodings(t *testing.T) {
	t.Run("a roster saved as Windows-1252, many accents, imports as Windows-1252", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("first_name,last_name,email,nationbuilder_id\r\n")
		names := [][2]string{{"Jos\xe9", "N\xfa\xf1ez"}, {"Ana", "L\xfacia"}, {"Fran\xe7oise", "Br\xfbl\xe9"}, {"JOS\xc9", "PE\xd1A"}}
		for i := range 40 {
			n := names[i%len(names)]
			b.WriteString(n[0] + "," + n[1] + ",p" + string(rune('a'+i%26)) + "@example.org," + string(rune('0'+i%10)) + "\r\n")
		}
		in, err := importer.ReadVolunteers(strings.NewReader(b.String()), "")
		if err != nil {
			t.Fatal(err)
		}
		if in.Encoding != "Windows-1252" || len(in.Problems) != 0 {
			t.Fatalf("%s, problems %v", in.Encoding, in.Problems)
		}
		if in.Rows[0].FirstName != "José" || in.Rows[0].LastName != "Núñez" || in.Rows[2].LastName != "Brûlé" || in.Rows[3].LastName != "PEÑA" {
			t.Errorf("rows %+v", in.Rows[:4])
		}
	})
	t.Run("a roster in UTF-16 still imports", func(t *testing.T) {
		text := strings.ReplaceAll(strings.Replace(nbRoster, "Ana L\xfacia", "Ana Lúcia", 1), ",", "\t")
		u16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().String(text)
		if err != nil {
			t.Fatal(err)
		}
		in, err := importer.ReadVolunteers(strings.NewReader(u16), "")
		if err != nil {
			t.Fatal(err)
		}
		if in.Encoding != "UTF-16LE" || len(in.Rows) != 3 || in.Rows[1].FirstName != "Ana Lúcia" {
			t.Errorf("%s %+v %v", in.Encoding, in.Rows, in.Problems)
		}
	})
	t.Run("the encoding the lead names is used", func(t *testing.T) {
		in, err := importer.ReadVolunteersWith(strings.NewReader(nbRoster), importer.Options{Encoding: "windows-1252"})
		if err != nil {
			t.Fatal(err)
		}
		if in.Encoding != "Windows-1252" || len(in.Rows) != 3 || in.Rows[1].FirstName != "Ana Lúcia" || in.Rows[0].LastName != "NÃºÃ±ez" {
			t.Errorf("%s %+v", in.Encoding, in.Rows)
		}
	})
}

func TestUnclosedQuote(t *testing.T) {
	const roster = "first_name,last_name,email,nationbuilder_id\n" +
		"Ana,Lima,ana@example.org,1\n" +
		"Bob,Smith,bob@example.org,2\n" +
		"\"Cy,Young,cy@example.org,3\n" +
		"Dee,Dee,dee@example.org,4\n"
	const problem = "line 4, column 1 (first_name): a quote opened here is never closed"
	t.Run("with bad rows skipped, the rows before the quote go in and the rest is rejected", func(t *testing.T) {
		vf, err := importer.OpenVolunteers(strings.NewReader(roster), "")
		if err != nil {
			t.Fatal(err)
		}
		s := dbtest.Open(t)
		var rejects bytes.Buffer
		sum, err := s.ImportVolunteers(context.Background(), vf.Rows(true, &rejects), db.ImportOptions{Format: vf.Format.ID})
		if err != nil || sum.Created != 2 {
			t.Fatalf("%+v %v", sum, err)
		}
		checkRejects(t, rejects.Bytes(), strings.Split("first_name,last_name,email,nationbuilder_id", ","),
			[][]string{{"Cy,Young,cy@example.org,3\nDee,Dee,dee@example.org,4\n", "", "", ""}}, []string{problem})
	})
	t.Run("not skipped, the import is refused with the quote named", func(t *testing.T) {
		vf, err := importer.OpenVolunteers(strings.NewReader(roster), "")
		if err != nil {
			t.Fatal(err)
		}
		s := dbtest.Open(t)
		if _, err := s.ImportVolunteers(context.Background(), vf.Rows(false, nil), db.ImportOptions{}); !errors.Is(err, importer.ErrBadRows) {
			t.Fatalf("err = %v", err)
		}
		if len(vf.Problems) != 1 || !strings.HasPrefix(vf.Problems[0].Error(), problem) {
			t.Errorf("problems %v", vf.Problems)
		}
	})
	t.Run("a legislator file keeps the rows before the quote and lists it", func(t *testing.T) {
		file := "id,name,current_party,current_district,current_chamber\n" +
			"ocd-person/1,Jo Ames,Democratic,1st Suffolk,lower\n" +
			"ocd-person/2,Al Bo,Republican,2nd Suffolk,lower\n" +
			"ocd-person/3,\"Cy Dee,Democratic,3rd Suffolk,lower\n" +
			"ocd-person/4,Ed Fay,Democratic,4th Suffolk,lower\n"
		in, err := importer.ReadLegislators(strings.NewReader(file), "")
		if err != nil {
			t.Fatal(err)
		}
		if len(in.Rows) != 2 || len(in.Problems) != 1 || !strings.HasPrefix(in.Problems[0].Error(), "line 4, column 2 (name): a quote opened here is never closed") {
			t.Errorf("%d rows, problems %v", len(in.Rows), in.Problems)
		}
	})
}

func TestInspectShowsHowEachEncodingReads(t *testing.T) {
	t.Run("a UTF-8 roster with a stray byte, in UTF-8 and in Windows-1252", func(t *testing.T) {
		in, err := importer.Inspect(strings.NewReader(nbRoster), importer.Options{}, format.KindVolunteers, 5)
		if err != nil {
			t.Fatal(err)
		}
		want := []importer.EncodingSample{
			{Encoding: "UTF-8", Values: []string{"José", "Núñez", "Ana L\uFFFDcia", "Thảo"}, Names: true},
			{Encoding: "Windows-1252", Values: []string{"JosÃ©", "NÃºÃ±ez", "Ana Lúcia", "Tháº£o"}, Names: true},
		}
		if !reflect.DeepEqual(in.Encodings, want) {
			t.Errorf("encodings %+v\nwant %+v", in.Encodings, want)
		}
	})
	t.Run("a Windows-1252 file shows that reading first", func(t *testing.T) {
		in, err := importer.Inspect(strings.NewReader("first_name,last_name,notes\nJos\xe9,N\xfa\xf1ez,caf\xe9\n"), importer.Options{}, format.KindVolunteers, 5)
		if err != nil {
			t.Fatal(err)
		}
		// read as a plain spreadsheet: its name columns are known, so the names are shown
		if len(in.Encodings) != 2 || in.Encodings[0].Encoding != "Windows-1252" || strings.Join(in.Encodings[0].Values, ",") != "José,Núñez" ||
			strings.Join(in.Encodings[1].Values, ",") != "Jos\uFFFD,N\uFFFDez" || !in.Encodings[0].Names {
			t.Errorf("encodings %+v (%q)", in.Encodings, in.Encodings[1].Values)
		}
	})
}
