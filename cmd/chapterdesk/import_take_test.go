package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportTakeFileValues: a roster edited in a spreadsheet and imported again said
// "0 updated, 1 unchanged" of a row whose city differs only in case, and had no way
// to take the edits; its rows that differ are now counted so, and
// --take-file-values saves the file's values.
func TestImportTakeFileValues(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "c.db")
	write := func(name, text string) string { return writeFile(t, name, text) }
	const header = "First Name,Last Name,Email,City\r\n"
	if code, _, errOut := chapterdesk(t, "import", "volunteers", write("a.csv", header+"Thao,Pereira,thao@example.org,greenfield\r\n"), "--db", dbPath); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	edited := write("b.csv", header+"Thao,Pereira,thao@example.org,Greenfield\r\n")
	_, out, _ := chapterdesk(t, "import", "volunteers", edited, "--db", dbPath)
	for _, want := range []string{"0 updated, 0 unchanged, 1 differ from what is stored",
		"city: roster \"greenfield\", file \"Greenfield\" (letter case or accents only)", "--take-file-values saves the file's"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	_, out, _ = chapterdesk(t, "import", "volunteers", edited, "--db", dbPath, "--take-file-values")
	if !strings.Contains(out, "1 updated, 0 unchanged\n") || !strings.Contains(out, "were changed to the file's (--take-file-values); import undo") {
		t.Errorf("taking:\n%s", out)
	}
	if code, _, _ := chapterdesk(t, "import", "calls", edited, "--db", dbPath, "--take-file-values"); code != exitUsage {
		t.Errorf("--take-file-values with calls: exit %d; want a usage error", code)
	}
}

// TestImportTakeFileValuesKeepsStatus: the own export with a status edited, imported
// with --take-file-values, listed the status under "changed to the file's" and left
// it (v4_edit2.csv); it is listed under "not changed", with why.
func TestImportTakeFileValuesKeepsStatus(t *testing.T) {
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "c.db")
	file := filepath.Join(dir, "a.csv")
	if err := os.WriteFile(file, []byte("uuid,first_name,last_name,chapter,email,phone,mobile,address1,address2,city,state,zip,senate_district,house_district,languages,tags,skills,status,ok_call,ok_text,ok_email,do_not_contact,recruiter,recruiter_uuid,joined_on,notes\r\n,Sean,O'Neil,,sean@example.org,,,,,Somerville,,,,,,,,Active,yes,no,yes,no,,,,\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := chapterdesk(t, "import", "volunteers", file, "--db", dbPath); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if err := os.WriteFile(file, []byte("uuid,first_name,last_name,chapter,email,phone,mobile,address1,address2,city,state,zip,senate_district,house_district,languages,tags,skills,status,ok_call,ok_text,ok_email,do_not_contact,recruiter,recruiter_uuid,joined_on,notes\r\n,Sean,O'Neil,,sean@example.org,,,,,Cambridge,,,,,,,,Inactive,yes,no,yes,no,,,,\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, out, _ := chapterdesk(t, "import", "volunteers", file, "--db", dbPath, "--take-file-values")
	_, listed, _ := strings.Cut(out, "were changed to the file's")
	taken, kept, ok := strings.Cut(listed, "were not changed:")
	if !ok || strings.Contains(taken, "status") || !strings.Contains(kept, `status: roster "Active", file "Inactive": a status is not taken`) ||
		!strings.Contains(taken, `city: roster "Somerville", file "Cambridge"`) {
		t.Errorf("the city taken, the status kept:\n%s", out)
	}
}
