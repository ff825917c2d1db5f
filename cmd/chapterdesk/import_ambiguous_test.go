package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestImportVolunteersAmbiguousRow: a row that fits two people on one email (Sam, on
// the address Samuel and Samantha Lee share) is listed with both, and how to settle
// it; before, Samuel was updated without a word (tester t3's F1).
func TestImportVolunteersAmbiguousRow(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "c.db")
	lees := writeFile(t, "lees.csv", "First Name,Last Name,Email\nSamuel,Lee,lee.family@example.org\nSamantha,Lee,lee.family@example.org\n")
	sam := writeFile(t, "sam.csv", "First Name,Last Name,Email\nSam,Lee,lee.family@example.org\n")
	if code, _, errOut := chapterdesk(t, "import", "volunteers", lees, "--db", dbPath); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	code, out, errOut := chapterdesk(t, "import", "volunteers", sam, "--db", dbPath)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"1 row fits more than one person on its email and changed no one",
		"give the full first name, or the volunteer's own email",
		"  line 2: Sam Lee fits Samuel Lee (volunteer 1), Samantha Lee (volunteer 2)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "1 updated") {
		t.Errorf("someone was updated:\n%s", out)
	}
}

// TestImportActionNetworkCustomQuestions: an Action Network report's custom
// questions (extra columns under their own titles) were dropped without a word
// (tester t3's F4); they are listed as not read, with how to read one.
func TestImportActionNetworkCustomQuestions(t *testing.T) {
	report := writeFile(t, "an.csv", "uuid,first_name,last_name,email,zip_code,can2_phone,What language do you speak at home?,Can you host a house party?\n"+
		"action_network:cc,Thảo,Nguyễn,thao@example.org,02124,617-555-7001,Tiếng Việt,Yes\n")
	code, out, errOut := chapterdesk(t, "import", "volunteers", report, "--db", filepath.Join(t.TempDir(), "c.db"), "--dry-run")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := "not read: What language do you speak at home?, Can you host a house party? — to read one, map it with --map field=Header (the export's other columns are read as they are)\n"
	if !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
}

// TestImportVolunteersMergedRowsNamed: "1 rows were the same person as an earlier row
// and were merged" named no line (tester t3's F9); each merged row is listed with the
// line it was merged with.
func TestImportVolunteersMergedRowsNamed(t *testing.T) {
	sheet := writeFile(t, "hh.csv", "First Name,Last Name,Email\nSamuel,Lee,lee@example.org\nMaría,García,maria@example.org\nMaria,Garcia,MARIA@EXAMPLE.ORG\nSamantha,Lee,lee@example.org\n")
	code, out, errOut := chapterdesk(t, "import", "volunteers", sheet, "--db", filepath.Join(t.TempDir(), "c.db"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"1 row was the same person as an earlier row and merged:\n  line 4: Maria Garcia, merged with line 3 (volunteer 2)\n",
		"1 new volunteer may be someone already there (review them):\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
