package importer_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer"
	"github.com/chapterdesk/chapterdesk/importer/format"
)

func TestInspect(t *testing.T) {
	t.Run("a header nothing recognises is a custom mapping to make, with the first rows", func(t *testing.T) {
		csv := "Vorname,Nachname,Kontakt\r\nAna,Souza,ana@example.org\r\nBo,\"Lee\r\nJr\",bo@example.org\r\nCy,Ng,cy@example.org\r\n"
		in, err := importer.Inspect(strings.NewReader(csv), importer.Options{}, format.KindVolunteers, 2)
		if err != nil {
			t.Fatal(err)
		}
		if !errors.Is(in.Unmapped, importer.ErrUnknownFormat) || in.Format.ID != "custom" || len(in.Mapping.Columns) != 0 {
			t.Errorf("format %v, mapping %v, unmapped %v", in.Format, in.Mapping, in.Unmapped)
		}
		if in.Encoding != "UTF-8" || strings.Join(in.Header, "|") != "Vorname|Nachname|Kontakt" {
			t.Errorf("encoding %q, header %q", in.Encoding, in.Header)
		}
		if len(in.Samples) != 2 || in.Samples[0][0] != "Ana" || in.Samples[1][1] != "Lee\nJr" {
			t.Errorf("samples %q", in.Samples)
		}
	})
	t.Run("a saved mapping made for the header is used", func(t *testing.T) {
		header := []string{"Given", "Surname"}
		p := presetOf("Sign-up sheet", format.KindVolunteers, header, map[format.Field]string{format.FirstName: "Given", format.LastName: "Surname"})
		in, err := importer.Inspect(strings.NewReader("given,SURNAME\nAna,Souza\n"), importer.Options{Presets: savedPresets(p)}, format.KindVolunteers, 5)
		if err != nil || in.Unmapped != nil {
			t.Fatalf("%v, unmapped %v", err, in.Unmapped)
		}
		if in.Preset != "Sign-up sheet" || in.Mapping.Columns[format.LastName] != 1 {
			t.Errorf("preset %q, mapping %v", in.Preset, in.Mapping.Columns)
		}
	})
	t.Run("the real NationBuilder header is recognised", func(t *testing.T) {
		header, err := os.ReadFile("../../shared/data/formats/nationbuilder-people-export.header.csv")
		if err != nil {
			t.Skip("shared data not here")
		}
		in, err := importer.Inspect(strings.NewReader(string(header)), importer.Options{}, format.KindVolunteers, 5)
		if err != nil || in.Unmapped != nil {
			t.Fatalf("%v, unmapped %v", err, in.Unmapped)
		}
		if in.Format.ID != "nationbuilder" || in.Header[in.Mapping.Columns[format.Email]] != "email" || len(in.Samples) != 0 {
			t.Errorf("format %v, email column %d, %d samples", in.Format, in.Mapping.Columns[format.Email], len(in.Samples))
		}
	})
	t.Run("an export recognised without a name column keeps what it found", func(t *testing.T) {
		in, err := importer.Inspect(strings.NewReader("nationbuilder_id,email,Nom\n1,a@b.org,Ana\n"), importer.Options{}, format.KindVolunteers, 5)
		if err != nil {
			t.Fatal(err)
		}
		if in.Format.ID != "nationbuilder" || !in.Mapping.Has(format.Email) || in.Unmapped == nil ||
			!strings.Contains(in.Unmapped.Error(), "a name") {
			t.Errorf("format %v, mapping %v, unmapped %v", in.Format, in.Mapping.Columns, in.Unmapped)
		}
	})
	t.Run("a legislator file offered as volunteers is refused", func(t *testing.T) {
		_, err := importer.Inspect(strings.NewReader("id,name,current_chamber,current_district\nx,Jo,upper,1st\n"), importer.Options{}, format.KindVolunteers, 5)
		if err == nil || !strings.Contains(err.Error(), "this is a file of legislators (Open States legislators), not of volunteers") {
			t.Errorf("got %v", err)
		}
	})
}

func TestKnownFormatWithTheLeadsColumns(t *testing.T) {
	csv := "nationbuilder_id,first_name,last_name,phone_number,mobile_number\n7,Ana,Souza,,617-555-0101\n"
	f, err := importer.OpenVolunteersWith(strings.NewReader(csv), importer.Options{Format: "nationbuilder",
		Columns: map[format.Field]string{format.Phone: "mobile_number", format.Mobile: ""}})
	if err != nil {
		t.Fatal(err)
	}
	if f.Format.ID != "nationbuilder" {
		t.Errorf("read as %v", f.Format)
	}
	var got []string
	err = f.Rows(false, nil)(func(in *db.IncomingVolunteer) error {
		got = append(got, in.ExternalID+" "+in.System+" "+in.Phone+"/"+in.Mobile)
		return nil
	})
	if err != nil || len(got) != 1 || got[0] != "7 nationbuilder 617-555-0101/" {
		t.Errorf("rows %q, %v", got, err)
	}
}

// TestInspectUndecidedEncoding: a file whose bytes do not tell Mac Roman from
// Windows-1252 ("Zo\x91": Zoë or Zo‘) is refused by an import not told which
// (csvfile.ErrEncodingUndecided), but inspected all the same, as Mac Roman reads it,
// saying why and offering the readings to choose from: the import window could only
// say "save it as CSV UTF-8" before.
func TestInspectUndecidedEncoding(t *testing.T) {
	csv := "First Name,Last Name,Email\r\nZo\x91,Park,zoe@example.org\r\n"
	if _, err := importer.Inspect(strings.NewReader(csv), importer.Options{Encoding: "windows-1252"}, format.KindVolunteers, 5); err != nil {
		t.Fatalf("told the encoding: %v", err)
	}
	in, err := importer.Inspect(strings.NewReader(csv), importer.Options{}, format.KindVolunteers, 5)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(in.EncodingUndecided, "Mac Roman") || !strings.Contains(in.EncodingUndecided, "Windows-1252") {
		t.Errorf("undecided %q", in.EncodingUndecided)
	}
	var offered []string
	for _, e := range in.Encodings {
		offered = append(offered, e.Encoding+": "+strings.Join(e.Values, ", "))
	}
	if got := strings.Join(offered, " | "); !strings.Contains(got, "Mac Roman: Zoë") || !strings.Contains(got, "Windows-1252: Zo‘") {
		t.Errorf("offered %s", got)
	}
	if len(in.Samples) != 1 || in.Samples[0][2] != "zoe@example.org" {
		t.Errorf("samples %q", in.Samples)
	}
}
