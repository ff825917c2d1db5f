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

// TestImportVolunteersGarbledRowIsABadRow: one new volunteer whose name is UTF-8 read
// as Windows-1252 ("MarÃ­a") in a roster whose other accented names are right (one
// record garbled in NationBuilder) refused the whole import as read in the wrong
// encoding, every week. It is a bad row now, as any other: without --skip-bad-rows
// the import is refused naming it and the way to import the rest; with it the other
// rows go in, the row is listed (line, column, value, what it reads as) and written
// to the rejects file. A roster none of whose accented text is right is refused
// whole, in the words it was before.
func TestImportVolunteersGarbledRowIsABadRow(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "chapter.db")
	roster := filepath.Join(dir, "roster.csv")
	os.WriteFile(roster, []byte("first_name,last_name,email,nationbuilder_id\n"+
		"José,Núñez,jose@example.org,1\nMarÃ­a,Silva,maria@example.org,2\nBo,Diaz,bo@example.org,3\n"), 0o600)
	code, out, errOut := chapterdesk(t, "import", "volunteers", roster, "--db", path)
	if code != 1 || !strings.Contains(errOut, "line 3, column 1 (first_name)") || !strings.Contains(errOut, `"María"`) ||
		!strings.Contains(errOut, "--skip-bad-rows") || strings.Contains(errOut, "this file was read") {
		t.Errorf("exit %d, %q %q; want refused naming line 3 as a bad row, and --skip-bad-rows", code, out, errOut)
	}
	rejects := filepath.Join(dir, "rejects.csv")
	code, out, errOut = chapterdesk(t, "import", "volunteers", roster, "--skip-bad-rows", rejects, "--db", path)
	if code != 0 || !strings.Contains(out, "2 created") || !strings.Contains(out, "line 3, column 1 (first_name)") ||
		!strings.Contains(out, `"MarÃ­a" is "María"`) {
		t.Fatalf("exit %d, %q %q; want 2 created and line 3 listed, saying what it reads as", code, out, errOut)
	}
	if got, _ := os.ReadFile(rejects); !strings.Contains(string(got), "MarÃ­a,Silva,maria@example.org,2,") {
		t.Errorf("rejects:\n%s\nwant line 3 in it as it was, with why", got)
	}
	whole := filepath.Join(dir, "whole.csv")
	os.WriteFile(whole, []byte("first_name,last_name,email,nationbuilder_id\nJosÃ©,Lima,jl@example.org,7\nCy,Ng,cy@example.org,8\n"), 0o600)
	for _, args := range [][]string{{}, {"--skip-bad-rows", filepath.Join(dir, "r2.csv")}} {
		code, out, errOut = chapterdesk(t, append([]string{"import", "volunteers", whole, "--db", path}, args...)...)
		if code != 1 || !strings.Contains(errOut, "this file was read, or saved by a spreadsheet, in the wrong encoding") {
			t.Errorf("%v: exit %d, %q %q; want the whole file refused for its encoding", args, code, out, errOut)
		}
	}
}
