package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A NationBuilder roster with one bad row (line 3) among good ones.
const (
	nbHeader    = "first_name,last_name,email,nationbuilder_id\n"
	rosterNUL   = nbHeader + "Ana,Lima,ana@example.org,1\nBo\x00b,Smith,bob@example.org,2\nCy,Young,cy@example.org,3\n"
	rosterStray = nbHeader + "José,Núñez,jose@example.org,1\nAna L\xfacia,Santos,analucia@example.org,2\nCy,Young,cy@example.org,3\n"
)

// importCounts is the "N created, N updated, N unchanged" of an import's summary line.
var importCounts = regexp.MustCompile(`\d+ created, \d+ updated, \d+ unchanged`)

func TestDryRunPredictsTheImport(t *testing.T) {
	for _, c := range []struct{ name, text string }{
		{"a NUL byte", rosterNUL},
		{"a stray byte in a UTF-8 file", rosterStray},
	} {
		file := writeFile(t, "roster.csv", c.text)
		t.Run("a dry run of a roster with "+c.name+" is refused as the import is", func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "c.db")
			dryCode, dryOut, dryErr := chapterdesk(t, "import", "volunteers", file, "--dry-run", "--db", path)
			code, out, errOut := chapterdesk(t, "import", "volunteers", file, "--db", path)
			if dryCode != 1 || code != 1 || dryErr != errOut || !strings.Contains(errOut, "line 3, column 1 (first_name)") ||
				!strings.Contains(errOut, "nothing was imported") {
				t.Errorf("dry run: exit %d, %q %q\nimport: exit %d, %q %q", dryCode, dryOut, dryErr, code, out, errOut)
			}
			if strings.Contains(dryOut, "would import") {
				t.Errorf("the dry run says it would import: %q", dryOut)
			}
			if _, err := os.Stat(path); !os.IsNotExist(err) {
				t.Errorf("after the refusal the chapter file is there: %v", err)
			}
		})
		t.Run("a dry run of a roster with "+c.name+" with --skip-bad-rows counts as the import does", func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "c.db")
			rejects := filepath.Join(t.TempDir(), "rejects.csv")
			dryCode, dryOut, dryErr := chapterdesk(t, "import", "volunteers", file, "--dry-run", "--skip-bad-rows", rejects, "--db", path)
			if _, err := os.Stat(rejects); err == nil {
				t.Error("the dry run wrote the rejects file")
			}
			code, out, errOut := chapterdesk(t, "import", "volunteers", file, "--skip-bad-rows", rejects, "--db", path)
			if dryCode != 0 || code != 0 || importCounts.FindString(dryOut) != "2 created, 0 updated, 0 unchanged" ||
				importCounts.FindString(out) != importCounts.FindString(dryOut) {
				t.Errorf("dry run: exit %d, %q %q\nimport: exit %d, %q %q", dryCode, dryOut, dryErr, code, out, errOut)
			}
			got, _ := os.ReadFile(rejects)
			bad := strings.Split(c.text, "\n")[2]
			if !strings.HasPrefix(string(got), strings.TrimSuffix(nbHeader, "\n")+",problem\n"+bad+",") {
				t.Errorf("rejects:\n%q", got)
			}
		})
	}
	t.Run("the stray byte is named with its line, column and bytes", func(t *testing.T) {
		file := writeFile(t, "stray.csv", rosterStray)
		_, _, errOut := chapterdesk(t, "import", "volunteers", file, "--db", filepath.Join(t.TempDir(), "c.db"))
		want := `line 3, column 1 (first_name): the bytes here are not valid UTF-8 ("Ana L\xfacia"); the file is otherwise UTF-8 — re-save it as UTF-8, or, if it was saved as Windows-1252, read it as Windows-1252`
		if !strings.Contains(errOut, want) {
			t.Errorf("%q\nwant it to hold %q", errOut, want)
		}
	})
	t.Run("a legislator file's dry run is refused as its import is", func(t *testing.T) {
		file := writeFile(t, "ma.csv", "id,name,current_party,current_district,current_chamber\n"+
			"ocd-person/1,Jo Ames,Democratic,1st Suffolk,lower\nocd-person/2,Al B\x00o,Republican,2nd Suffolk,lower\n")
		path := filepath.Join(t.TempDir(), "c.db")
		dryCode, _, dryErr := chapterdesk(t, "import", "legislators", file, "--dry-run", "--db", path)
		code, _, errOut := chapterdesk(t, "import", "legislators", file, "--db", path)
		if dryCode != 1 || code != 1 || dryErr != errOut || !strings.Contains(errOut, "line 3, column 2 (name)") {
			t.Errorf("dry run: exit %d, %q\nimport: exit %d, %q", dryCode, dryErr, code, errOut)
		}
	})
}

func TestUnclosedQuoteWithSkipBadRows(t *testing.T) {
	dir := t.TempDir()
	file := writeFile(t, "roster.csv", nbHeader+"Ana,Lima,ana@example.org,1\nBob,Smith,bob@example.org,2\n"+
		"\"Cy,Young,cy@example.org,3\nDee,Dee,dee@example.org,4\n")
	rejects := filepath.Join(dir, "rejects.csv")
	path := filepath.Join(dir, "c.db")
	t.Run("without it the file is refused and no rejects file is written", func(t *testing.T) {
		code, _, errOut := chapterdesk(t, "import", "volunteers", file, "--db", path)
		if code != 1 || !strings.Contains(errOut, "line 4, column 1 (first_name): a quote opened here is never closed") {
			t.Errorf("exit %d, %q", code, errOut)
		}
		if _, err := os.Stat(rejects); err == nil {
			t.Error("a rejects file was written")
		}
	})
	t.Run("the dry run says what the import does", func(t *testing.T) {
		code, out, errOut := chapterdesk(t, "import", "volunteers", file, "--dry-run", "--skip-bad-rows", rejects, "--db", path)
		if code != 0 || !strings.Contains(out, "would import volunteers from roster.csv (NationBuilder people export, UTF-8): 2 created") {
			t.Errorf("exit %d, %q %q", code, out, errOut)
		}
	})
	t.Run("the rows before the quote go in, the rest to the rejects file with why", func(t *testing.T) {
		code, out, errOut := chapterdesk(t, "import", "volunteers", file, "--skip-bad-rows", rejects, "--db", path)
		if code != 0 || !strings.Contains(out, "2 created") || !strings.Contains(out, "2 rows were left out, written as it was with why to "+rejects) { // lines 4 and 5, in one cell
			t.Fatalf("exit %d, %q %q", code, out, errOut)
		}
		got, _ := os.ReadFile(rejects)
		want := strings.TrimSuffix(nbHeader, "\n") + ",problem\n" + `"Cy,Young,cy@example.org,3` + "\n" + `Dee,Dee,dee@example.org,4` + "\n" +
			`",,,,"line 4, column 1 (first_name): a quote opened here is never closed, so the rest of the file was read as one cell"` + "\n"
		if string(got) != want {
			t.Errorf("rejects:\n%s\nwant\n%s", got, want)
		}
	})
}
