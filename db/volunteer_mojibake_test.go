package db_test

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"golang.org/x/text/encoding/charmap"
)

// mojibake is s as a spreadsheet saves it after reading the UTF-8 file as
// Windows-1252: each byte of a letter became a letter of its own ("María",
// "MarÃ­a"). The five bytes Windows-1252 leaves undefined become the control
// characters of their number, as Windows reads them.
func mojibake(t *testing.T, s string) string {
	t.Helper()
	var out strings.Builder
	for _, b := range []byte(s) {
		switch b {
		case 0x81, 0x8d, 0x8f, 0x90, 0x9d:
			out.WriteRune(rune(b))
		default:
			out.WriteRune(charmap.Windows1252.DecodeByte(b))
		}
	}
	return out.String()
}

// TestDoubleEncoded: text that is UTF-8 read as Windows-1252 is told, with what it
// was; real names, accented in any of the ways names are, are not (the tester's
// repro-5: "MarÃ­a GonÃ§alves", "Nguyá»…n").
func TestDoubleEncoded(t *testing.T) {
	for _, s := range []string{"María", "Gonçalves", "Zoë", "Nguyễn", "Thảo", "João", "Muñoz", "O’Brien", "Đặng Thị Hương",
		"Иван", "Ångström", "Łukasz", "Straße",
		// Emoji: four bytes of UTF-8 each, read as "ðŸ˜€" (a note typed on a phone),
		// with the joiner, skin tone and variation selector they come with.
		"Great call 😀", "👍🏽 said yes", "❤️", "👨‍👩‍👧 family", "🇺🇸", "Ana ✓"} {
		got, ok := db.DoubleEncoded(mojibake(t, s))
		if !ok || got != s {
			t.Errorf("DoubleEncoded(%q) = %q, %v; want %q, true", mojibake(t, s), got, ok, s)
		}
	}
	// A spreadsheet that puts "�" for the five bytes Windows-1252 leaves undefined
	// (Python's errors="replace" does) lost a letter: damage all the same, the letter
	// shown as "�".
	for s, want := range map[string]string{"Ã\ufffdlvaro": "\ufffdlvaro", "Há»\ufffdi Ä\ufffdáº·ng": "H\ufffdi \ufffdặng"} {
		if got, ok := db.DoubleEncoded(s); !ok || got != want {
			t.Errorf("DoubleEncoded(%q) = %q, %v; want %q, true", s, got, ok, want)
		}
	}
	real := []string{"Jos\ufffd", "\ufffd", "María", "José", "JOÃO", "São Paulo", "Ãngela", "Gonçalves", "Conceição", "Nguyễn Thị Thảo", "Trần Văn Ánh",
		"Phạm Đức Ðạt", "Zoë", "Françoise", "Muñoz", "Peña", "Ñúñez", "Øystein", "Åsa", "Þórunn", "Ýr", "Çağlar", "Šťastný",
		"Œuvre", "Ÿvonne", "Müller-Lüdenscheidt", "D’Angelo", "O‘Neil", "JOSÉ PÉREZ", "ÁLVARO", "Àngel", "ÉMILE", "Ì", "Ê",
		"Kɔfi Mɛnsah", "Ivan Петров", "Zürich", "Straße", "Ægir", "Æsa Šárka",
		"Great call 😀", "👍🏽", "❤️", "© 2025", "Ana ✓", "Peña»", "ñ©®°"}
	// Every cell of the shared real files (legislators, sessions' bills and votes,
	// the systems' headers): what every import of people's and legislators' text now
	// looks at.
	files, err := filepath.Glob("../../shared/data/*/*.csv")
	more, _ := filepath.Glob("../../shared/data/*/*/*.csv")
	if files = append(files, more...); err != nil || len(files) < 10 {
		t.Fatalf("%d shared files (%v)", len(files), err)
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(f)
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, row := range rows {
			real = append(real, row...)
		}
	}
	for _, s := range real {
		if got, ok := db.DoubleEncoded(s); ok {
			t.Errorf("DoubleEncoded(%q) = %q; a real name is no damage", s, got)
		}
	}
}

// TestReimportDoubleEncoded: the lead's own export, opened by a spreadsheet as
// Windows-1252 and saved again as UTF-8, imported with TakeFileValues (repro-5). Its
// names, the roster's garbled ("MarÃ­a"), replaced the good ones and were listed as
// ordinary edits. They are kept now, listed as damage by the file's encoding; the
// lead's real edit (the city) is taken.
func TestReimportDoubleEncoded(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.Volunteer(t, s, "María", "Gonçalves", func(v *db.Volunteer) { v.Email, v.City = "mg@example.org", "Boston" })
	dbtest.Volunteer(t, s, "Maria", "Nguyễn", func(v *db.Volunteer) { v.Email, v.City = "zn@example.org", "Boston" })
	var rows []db.IncomingVolunteer
	for i, r := range dbtest.Roster(t, s) {
		v := db.NewVolunteer(mojibake(t, r.FirstName), mojibake(t, r.LastName))
		v.UUID, v.Email, v.City = r.UUID, r.Email, "Cambridge"
		if r.Email == "zn@example.org" {
			v.FirstName = mojibake(t, "María") // a value not the roster's, damaged as well
		}
		rows = append(rows, db.IncomingVolunteer{Line: i + 2, Volunteer: v})
	}
	sum, err := s.ImportVolunteers(ctx, db.VolunteerRows(rows), db.ImportOptions{TakeFileValues: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range dbtest.Roster(t, s) {
		if want := map[string]string{"mg@example.org": "María Gonçalves", "zn@example.org": "Maria Nguyễn"}[r.Email]; r.FirstName+" "+r.LastName != want || r.City != "Cambridge" {
			t.Errorf("%s: %s %s, %s; want %s, Cambridge", r.Email, r.FirstName, r.LastName, r.City, want)
		}
	}
	damaged := 0
	for _, c := range sum.Conflicts {
		switch c.Field {
		case "city":
			if !c.Taken {
				t.Errorf("%+v: the city is the lead's edit, to be taken", c)
			}
		default:
			damaged++
			if c.Taken || !strings.Contains(c.Kept, "encoding") || !strings.Contains(c.Kept, c.InFile) {
				t.Errorf("%+v: want it kept, said to be damaged by the file's encoding, naming the file's value", c)
			}
		}
	}
	if damaged != 4 {
		t.Errorf("%d damaged values listed (%+v); want 4", damaged, sum.Conflicts)
	}
	if !strings.Contains(sum.Conflicts[0].Kept, `"María"`) {
		t.Errorf("%+v: want what the value reads as said", sum.Conflicts[0])
	}
}

// TestFirstImportDoubleEncodedRefused: a first import of a file whose names are UTF-8
// read as Windows-1252 stored them garbled, without a word (repro-5). It is refused,
// naming the line, the value, what it reads as and how to save the file right.
func TestFirstImportDoubleEncodedRefused(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	ok := db.NewVolunteer("Ana", "Lima")
	bad := db.NewVolunteer(mojibake(t, "María"), mojibake(t, "Gonçalves"))
	bad.Email = "mg2@example.org"
	_, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{{Line: 2, Volunteer: ok}, {Line: 3, Volunteer: bad}}), db.ImportOptions{})
	if err == nil {
		t.Fatal("imported; want the file refused")
	}
	for _, want := range []string{"line 3", "MarÃ", "María", "UTF-8"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q; want %q in it", err, want)
		}
	}
	if n := len(dbtest.Roster(t, s)); n != 0 {
		t.Errorf("%d volunteers on the roster; want none", n)
	}
}

// TestReimportDoubleEncodedTags: the tags of such a file are added to the roster's
// (an import adds tags, it takes none away), so "bÃ©nÃ©vole" stood beside the
// roster's "bénévole", and a new volunteer's tag was stored so. Neither is now: the
// roster's tag is the one kept, and the file's is listed as damage.
func TestReimportDoubleEncodedTags(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.Volunteer(t, s, "Ana", "Lima", func(v *db.Volunteer) { v.Email, v.Tags = "ana@example.org", []string{"bénévole"} })
	r := dbtest.Roster(t, s)[0]
	v := db.NewVolunteer("Ana", "Lima")
	v.UUID, v.Email, v.Tags = r.UUID, r.Email, []string{mojibake(t, "bénévole"), "phone bank"}
	sum, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{{Line: 2, Volunteer: v}}), db.ImportOptions{TakeFileValues: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := dbtest.Roster(t, s)[0].Tags; got != "bénévole, phone bank" {
		t.Errorf("tags %q; want the roster's and the file's new one, none garbled", got)
	}
	if len(sum.Conflicts) != 1 || sum.Conflicts[0].Field != "tags" || !strings.Contains(sum.Conflicts[0].Kept, "encoding") {
		t.Errorf("%+v; want the garbled tag listed as damaged by the file's encoding", sum.Conflicts)
	}
	n := db.NewVolunteer("Bo", "Diaz")
	n.Email, n.Tags = "bo@example.org", []string{mojibake(t, "bénévole")}
	if _, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{{Line: 2, Volunteer: n}}), db.ImportOptions{}); err == nil ||
		!strings.Contains(err.Error(), `"bénévole"`) {
		t.Errorf("%v; want a new volunteer's garbled tag refused", err)
	}
}

// TestReimportQuestionMarkTags: the roster saved by Excel as Windows-1252 writes "?"
// for a letter it has not ("🌻", "ñ"): the name so damaged was kept and listed, but the
// tag "?" was added beside the roster's "🌻" (tester t3's F6). A tag or skill that is
// one of the person's own with letters turned into "?" is now damage like the names.
func TestReimportQuestionMarkTags(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	dbtest.Volunteer(t, s, "Zoë", "Łukaszewicz", func(v *db.Volunteer) {
		v.Email, v.Tags, v.Skills = "zoe@example.org", []string{"🌻", "phonebank"}, []string{"español"}
	})
	r := dbtest.Roster(t, s)[0]
	v := db.NewVolunteer("Zo?", "?ukaszewicz")
	v.UUID, v.Email, v.Tags, v.Skills = r.UUID, r.Email, []string{"?", "phonebank", "what?"}, []string{"espa?ol"}
	for _, take := range []bool{false, true} {
		sum, err := s.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{{Line: 8, Volunteer: v}}), db.ImportOptions{TakeFileValues: take})
		if err != nil {
			t.Fatal(err)
		}
		if got := dbtest.Roster(t, s)[0].Tags; got != "phonebank, what?, 🌻" {
			t.Errorf("take %v: tags %q; want the roster's and the file's new one, no \"?\" for 🌻", take, got)
		}
		got, _ := s.Volunteer(ctx, r.ID)
		if strings.Join(got.Skills, ", ") != "español" {
			t.Errorf("take %v: skills %q", take, got.Skills)
		}
		var listed []string
		for _, c := range sum.Conflicts {
			if (c.Field == "tags" || c.Field == "skills") && strings.Contains(c.Kept, "encoding") {
				listed = append(listed, c.Field+" "+c.InFile+" "+c.Stored)
			}
		}
		if want := []string{"skills espa?ol español", "tags ? 🌻"}; !slices.Equal(listed, want) && !slices.Equal(listed, []string{want[1], want[0]}) {
			t.Errorf("take %v: listed %q; want %q", take, listed, want)
		}
	}
}
