package importer_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
	"github.com/chapterdesk/chapterdesk/importer/format"
)

// googleForm is a call report form asked in its own words: no known form's header.
var googleForm = []string{"Submitted at", "Full name", "E-mail address", "City you live in",
	"Which lawmaker did you reach out to", "Office", "Outcome of your call", "Their position on the bill", "Comments"}

// googleFormChoice maps googleForm, as a lead would with --map.
var googleFormChoice = map[format.Field]string{format.CalledAt: "Submitted at", format.CallerName: "Full name",
	format.CallerEmail: "E-mail address", format.CallerTown: "City you live in",
	format.Legislator: "Which lawmaker did you reach out to", format.Office: "Office",
	format.Outcome: "Outcome of your call", format.StanceHeard: "Their position on the bill", format.CallNotes: "Comments"}

// renamedCalls writes gen_calls.py's export and a copy with its header line replaced.
func renamedCalls(t *testing.T, n int, header []string) (original, renamed string) {
	t.Helper()
	original = generateCalls(t, n)
	data, err := os.ReadFile(original)
	if err != nil {
		t.Fatal(err)
	}
	_, rest, _ := strings.Cut(string(data), "\r\n")
	renamed = filepath.Join(t.TempDir(), "form.csv")
	if err := os.WriteFile(renamed, []byte(strings.Join(header, ",")+"\r\n"+rest), 0o600); err != nil {
		t.Fatal(err)
	}
	return original, renamed
}

func readCallsWith(t *testing.T, path string, opts importer.Options) (*importer.Calls, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return importer.ReadCallsWith(f, opts)
}

func savedPresets(p ...db.ImportPreset) func() ([]db.ImportPreset, error) {
	return func() ([]db.ImportPreset, error) { return p, nil }
}

func presetOf(name string, kind format.Kind, header []string, choice map[format.Field]string) db.ImportPreset {
	p := db.ImportPreset{Name: name, Kind: string(kind), Header: header, Columns: map[string]string{}}
	for f, h := range choice {
		p.Columns[string(f)] = h
	}
	return p
}

func TestCallFormMappedOnceAndRemembered(t *testing.T) {
	original, renamed := renamedCalls(t, 400, googleForm)
	known, err := readCallsWith(t, original, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("a form with its own questions is not recognised", func(t *testing.T) {
		_, err := readCallsWith(t, renamed, importer.Options{})
		if !errors.Is(err, importer.ErrUnknownFormat) || !strings.Contains(err.Error(), "custom column mapping") {
			t.Fatalf("%v", err)
		}
	})
	t.Run("mapped by the lead, it reads as the known form does", func(t *testing.T) {
		in, err := readCallsWith(t, renamed, importer.Options{Columns: googleFormChoice})
		if err != nil {
			t.Fatal(err)
		}
		// The same report, whatever the order of the columns that held it.
		row, want := in.Rows[7], known.Rows[7]
		row.Cells, want.Cells = nil, nil
		if in.Format.ID != "custom" || in.Preset != "" || len(in.Problems) != 0 || len(in.Rows) != len(known.Rows) ||
			in.NotCalls != known.NotCalls || !reflect.DeepEqual(row, want) {
			t.Errorf("format %q, %d rows (want %d), problems %v", in.Format.ID, len(in.Rows), len(known.Rows), in.Problems)
		}
	})
	t.Run("a saved mapping made for the same header is used without asking", func(t *testing.T) {
		// Saved from a file whose header was written in another order and case.
		header := []string{"COMMENTS", "submitted_at", "Full Name", "E-mail address", "City you live in", "Office",
			"Which lawmaker did you reach out to", "Outcome of your call", "Their position on the bill"}
		other := presetOf("Roster sheet", format.KindVolunteers, googleForm, map[format.Field]string{format.FullName: "Full name"})
		in, err := readCallsWith(t, renamed, importer.Options{Presets: savedPresets(other,
			presetOf("Spring form", format.KindCalls, header, googleFormChoice))})
		if err != nil {
			t.Fatal(err)
		}
		if in.Preset != "Spring form" || len(in.Rows) != len(known.Rows) || len(in.Problems) != 0 {
			t.Errorf("preset %q, %d rows, problems %v", in.Preset, len(in.Rows), in.Problems)
		}
	})
	t.Run("a saved mapping for another header or another kind is not used", func(t *testing.T) {
		_, err := readCallsWith(t, renamed, importer.Options{Presets: savedPresets(
			presetOf("Old form", format.KindCalls, googleForm[:8], googleFormChoice),
			presetOf("Roster", format.KindVolunteers, googleForm, map[format.Field]string{format.FullName: "Full name"}))})
		if !errors.Is(err, importer.ErrUnknownFormat) {
			t.Errorf("%v", err)
		}
	})
	t.Run("a known form is detected, not taken for a saved mapping", func(t *testing.T) {
		in, err := readCallsWith(t, original, importer.Options{Presets: savedPresets(
			presetOf("Spring form", format.KindCalls, googleForm, googleFormChoice))})
		if err != nil || in.Format.ID != "callform" || in.Preset != "" {
			t.Errorf("%v %+v", err, in.FileInfo)
		}
	})
	t.Run("a bad mapping says what is wrong", func(t *testing.T) {
		for _, c := range []struct {
			choice map[format.Field]string
			want   string
		}{
			{map[format.Field]string{format.CalledAt: "Submitted at", format.Legislator: "Which lawmaker did you reach out to",
				format.Outcome: "Outcome of your call", "frist_name": "Full name"}, "not fields of calls rows: frist_name"},
			{map[format.Field]string{format.CalledAt: "When", format.Legislator: "Which lawmaker did you reach out to",
				format.Outcome: "Outcome of your call"}, `no column named "When"`},
			{map[format.Field]string{format.CalledAt: "Submitted at", format.Legislator: "Which lawmaker did you reach out to"},
				"no column chosen for outcome"},
		} {
			if _, err := readCallsWith(t, renamed, importer.Options{Columns: c.choice}); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%v: %v, want %q", c.choice, err, c.want)
			}
		}
		if _, err := readCallsWith(t, renamed, importer.Options{Columns: googleFormChoice, Format: "nationbuilder"}); err == nil ||
			!strings.Contains(err.Error(), "holds volunteers, not calls") {
			t.Errorf("a roster format with a call form's columns: %v", err)
		}
	})
	t.Run("a known format with the lead's columns is read as that format", func(t *testing.T) {
		in, err := readCallsWith(t, renamed, importer.Options{Columns: googleFormChoice, Format: "callform"})
		if err != nil || in.Format.ID != "callform" || len(in.Rows) == 0 {
			t.Fatalf("%v", err)
		}
	})
	t.Run("a mapping saved in the store is found again", func(t *testing.T) {
		ctx := context.Background()
		s := dbtest.Open(t)
		if err := s.SaveImportPreset(ctx, presetOf("Spring form", format.KindCalls, googleForm, googleFormChoice)); err != nil {
			t.Fatal(err)
		}
		in, err := readCallsWith(t, renamed, importer.Options{Presets: func() ([]db.ImportPreset, error) { return s.ImportPresets(ctx) }})
		if err != nil || in.Preset != "Spring form" {
			t.Errorf("%v %+v", err, in)
		}
	})
}

func TestRosterWithOddHeaders(t *testing.T) {
	ctx := context.Background()
	roster := "Nombre,Apellido,Correo electrónico,Tel.,Etiquetas,Código postal,Otra cosa\r\n" +
		"Ana,Souza,ana@example.org,617-555-0100,\"canvass, phonebank\",02130,x\r\n" +
		"Bo,Li,,(617) 555-0101,,02139,y\r\n"
	choice, err := format.ParseChoice("first_name=Nombre,last_name=Apellido,email=correo electrónico,phone=Tel.,tags=Etiquetas,zip=Código Postal")
	if err != nil {
		t.Fatal(err)
	}
	vf, err := importer.OpenVolunteersWith(strings.NewReader(roster), importer.Options{Columns: choice})
	if err != nil {
		t.Fatal(err)
	}
	if vf.Format.ID != "custom" || len(vf.Header) != 7 {
		t.Errorf("%+v", vf.FileInfo)
	}
	s := dbtest.Open(t)
	sum, err := s.ImportVolunteers(ctx, vf.Rows(false, nil), db.ImportOptions{Format: vf.Format.ID})
	if err != nil || sum.Created != 2 {
		t.Fatalf("%+v %v", sum, err)
	}
	rows, _ := s.SearchVolunteers(ctx, "ana@example.org", 2)
	if len(rows) != 1 {
		t.Fatalf("%+v", rows)
	}
	v, _ := s.Volunteer(ctx, rows[0].ID)
	if v.Phone == "" || v.Zip != "02130" || strings.Join(v.Tags, ",") != "canvass,phonebank" {
		t.Errorf("%+v", v)
	}
	t.Run("the same roster is known again by its saved mapping", func(t *testing.T) {
		p := presetOf("Hoja", format.KindVolunteers, vf.Header, choice)
		again, err := importer.OpenVolunteersWith(strings.NewReader(roster), importer.Options{Presets: savedPresets(p)})
		if err != nil || again.Preset != "Hoja" {
			t.Fatalf("%v", err)
		}
		sum, err := s.ImportVolunteers(ctx, again.Rows(false, nil), db.ImportOptions{Format: again.Format.ID})
		if err != nil || sum.Created != 0 || sum.Unchanged != 2 {
			t.Errorf("%+v %v", sum, err)
		}
	})
	t.Run("its rejects file, with the problem column, is known by the saved mapping too", func(t *testing.T) {
		bad := roster + "Cy,Diaz,not an email,,,02140,z\r\n"
		vf, err := importer.OpenVolunteersWith(strings.NewReader(bad), importer.Options{Columns: choice})
		if err != nil {
			t.Fatal(err)
		}
		var rejects bytes.Buffer
		if _, err := s.ImportVolunteers(ctx, vf.Rows(true, &rejects), db.ImportOptions{}); err != nil || len(vf.Problems) != 1 {
			t.Fatalf("%v %v", err, vf.Problems)
		}
		p := presetOf("Hoja", format.KindVolunteers, vf.Header, choice)
		fixed := strings.Replace(rejects.String(), "not an email", "cy@example.org", 1)
		again, err := importer.ReadVolunteersWith(strings.NewReader(fixed), importer.Options{Presets: savedPresets(p)})
		if err != nil || again.Preset != "Hoja" || len(again.Rows) != 1 || again.Rows[0].Email != "cy@example.org" {
			t.Errorf("%v %+v", err, again)
		}
	})
}
