package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportCallsGarbledRowsLeftOut: a report form row whose caller's name is UTF-8
// read as Windows-1252 ("MarÃ­a") is left out, listed with its line, what the name
// reads as and how to import it, and written to the rejects file; the form's other
// rows, a good accented name among them, are imported.
func TestImportCallsGarbledRowsLeftOut(t *testing.T) {
	dir := t.TempDir()
	path := chapterWithLegislators(t, dir)
	form := filepath.Join(dir, "form.csv")
	os.WriteFile(form, []byte(formHeader+"\n"+
		"2025-03-03 10:00,MarÃ­a Silva,maria@example.org,Boston,Rep. Aaron Michlewitz,Capitol,Spoke with staff,Undecided,\n"+
		"2025-03-03 10:05,João Lima,joao@example.org,Boston,Rep. Aaron Michlewitz,Capitol,Spoke with staff,Undecided,\n"+
		"2025-03-03 10:10,Bo Diaz,bo@example.org,Boston,Rep. Aaron Michlewitz,Capitol,Spoke with staff,Undecided,\n"), 0o600)
	rejects := filepath.Join(dir, "rejects.csv")
	code, out, errOut := chapterdesk(t, "import", "calls", form, "--map", formMap, "--skip-bad-rows", rejects, "--db", path)
	if code != 0 || !strings.Contains(out, "2 created") || !strings.Contains(out, "line 2") || !strings.Contains(out, `"María Silva"`) ||
		!strings.Contains(out, "encoding") {
		t.Fatalf("exit %d, %q %q; want 2 reports in, line 2 left out saying what the name reads as", code, out, errOut)
	}
	got, _ := os.ReadFile(rejects)
	if !strings.Contains(string(got), "MarÃ­a Silva,maria@example.org") || !strings.Contains(string(got), "UTF-8 read as Windows-1252") {
		t.Errorf("rejects:\n%s\nwant line 2 in it, with why", got)
	}
	if code, out, _ := chapterdesk(t, "export", "volunteers", filepath.Join(dir, "v.csv"), "--db", path); code != 0 {
		t.Fatal(out)
	}
	if v, _ := os.ReadFile(filepath.Join(dir, "v.csv")); strings.Contains(string(v), "MarÃ") {
		t.Errorf("volunteers:\n%s\nwant no garbled caller added", v)
	}
}
