package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// A tester's call sheets printed "? ?" for volunteers named in Arabic, Chinese and
// Korean script, and "Zoë ? Weber", with only stderr saying so. Each prints now; the
// emoji no font has is left out, the sheet and the output naming the volunteer by the
// number the app shows.
func TestCallSheetsVerbPrintsEveryName(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.db")
	chapterdesk(t, "demo", "--volunteers", "20", "--calls", "20", "--db", path)
	csv := filepath.Join(dir, "vols.csv")
	rows := "First Name,Last Name,Email,City,Zip,State,Tags\n"
	for i, n := range [][2]string{{"محمد", "العلي"}, {"小明", "王"}, {"민준", "김"}, {"Thị Hương", "Nguyễn"}, {"Zoë 😀", "Weber"}} {
		rows += fmt.Sprintf("%s,%s,v%d@example.org,Salem,01970,MA,scripts\n", n[0], n[1], i)
	}
	if err := os.WriteFile(csv, []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := chapterdesk(t, "import", "volunteers", csv, "--db", path); code != 0 {
		t.Fatalf("import: exit %d, %s", code, stderr)
	}
	s, err := db.Open(context.Background(), path, db.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	vols, err := s.ListVolunteers(context.Background(), db.VolunteerFilter{Tag: "scripts"}, 0, 10)
	s.Close()
	if err != nil || len(vols) != 5 {
		t.Fatalf("%d volunteers, %v", len(vols), err)
	}
	var zoe int64
	for _, v := range vols {
		if v.LastName == "Weber" {
			zoe = v.ID
		}
	}
	out := filepath.Join(dir, "sheets.pdf")
	code, _, stderr := chapterdesk(t, "callsheets", out, "--volunteers", "tag:scripts", "--db", path)
	if code != 0 {
		t.Fatalf("exit %d, %s", code, stderr)
	}
	if !strings.Contains(stderr, fmt.Sprintf("volunteer %d (Zoë 😀 Weber)", zoe)) || strings.Contains(stderr, "U+0645") || strings.Contains(stderr, "U+738B") {
		t.Errorf("stderr: %s", stderr)
	}
	text := strings.NewReplacer("\u202b", "", "\u202c", "").Replace(pdfToText(t, out))
	for _, want := range []string{"Caller: 小明 王", "Caller: 민준 김", "Caller: Thị Hương Nguyễn", "Caller: Zoë Weber",
		fmt.Sprintf("(this sheet cannot print all of this name: see volunteer %d in ChapterDesk)", zoe)} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in %s", want, text)
		}
	}
	if m := regexp.MustCompile(`Caller: [^·\n]*\?`).FindString(text); m != "" {
		t.Errorf("a name printed with ?: %q", m)
	}
}
