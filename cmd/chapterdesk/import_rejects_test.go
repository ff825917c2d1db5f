package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportSkipBadRows(t *testing.T) {
	dir := t.TempDir()
	ma, err := os.ReadFile("../../../shared/data/openstates/ma.csv")
	if err != nil {
		t.Skipf("shared data not here: %v", err)
	}
	lines := strings.SplitAfter(string(ma), "\n")
	bad := strings.Replace(lines[2], ",lower,", ",council,", 1) // line 3
	if bad == lines[2] {
		t.Fatalf("line 3 is not a representative: %q", lines[2])
	}
	lines[2] = bad
	legislators := filepath.Join(dir, "ma.csv")
	os.WriteFile(legislators, []byte(strings.Join(lines, "")), 0o600)
	path := filepath.Join(dir, "c.db")
	rejects := filepath.Join(dir, "rejects.csv")

	t.Run("a legislator file with a bad row is refused whole, naming it", func(t *testing.T) {
		code, out, errOut := chapterdesk(t, "import", "legislators", legislators, "--db", path)
		if code != 1 || out != "" || !strings.Contains(errOut, `import: `+legislators+`: 1 row has a problem: line 3, column 5 (current_chamber): "council"`) ||
			!strings.Contains(errOut, "--skip-bad-rows") {
			t.Errorf("exit %d, %q %q", code, out, errOut)
		}
		if _, err := os.Stat(path); err == nil {
			t.Error("a refused import created the data file")
		}
	})
	t.Run("--retire-missing with bad rows is refused: it would retire their legislators", func(t *testing.T) {
		code, _, errOut := chapterdesk(t, "import", "legislators", legislators, "--skip-bad-rows", rejects, "--retire-missing", "--db", path)
		if code != 1 || !strings.Contains(errOut, "--retire-missing") {
			t.Errorf("exit %d, %q", code, errOut)
		}
	})
	t.Run("with --skip-bad-rows the good rows are imported and the bad one written as it was", func(t *testing.T) {
		code, out, errOut := chapterdesk(t, "import", "legislators", legislators, "--skip-bad-rows", rejects, "--db", path)
		if code != 0 || !strings.Contains(out, "197 created") || !strings.Contains(out, "1 row was left out, written as it was with why to "+rejects) {
			t.Fatalf("exit %d, %q %q", code, out, errOut)
		}
		got, _ := os.ReadFile(rejects)
		want := strings.TrimRight(lines[0], "\r\n") + ",problem\n" + strings.TrimRight(bad, "\r\n") +
			`,"line 3, column 5 (current_chamber): ""council"" is neither the Senate (upper) nor the House (lower)"` + "\n"
		if string(got) != want {
			t.Errorf("rejects file:\n%s\nwant:\n%s", got, want)
		}
	})
	t.Run("the rejects file, fixed, imports the last legislator", func(t *testing.T) {
		got, _ := os.ReadFile(rejects)
		os.WriteFile(rejects, []byte(strings.Replace(string(got), ",council,", ",lower,", 1)), 0o600)
		code, out, errOut := chapterdesk(t, "import", "legislators", rejects, "--state", "MA", "--db", path)
		if code != 0 || !strings.Contains(out, "1 created") {
			t.Errorf("exit %d, %q %q", code, out, errOut)
		}
	})
	t.Run("a call report form with a bad row and an unknown legislator", func(t *testing.T) {
		path := chapterWithLegislators(t, t.TempDir())
		form := callForm(t, dir, "form.csv", 120, "7")
		f, _ := os.Open(form)
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		rows[4][6] = "Sang a song"       // line 5: not an outcome
		rows[6][4] = "Rep. Nobody Atall" // line 7: no such legislator
		var b bytes.Buffer
		csv.NewWriter(&b).WriteAll(rows)
		os.WriteFile(form, b.Bytes(), 0o600)
		code, _, errOut := chapterdesk(t, "import", "calls", form, "--map", formMap, "--db", path)
		if code != 1 || !strings.Contains(errOut, `line 5, column 7 (Outcome of your call): "Sang a song"`) {
			t.Errorf("exit %d, %q", code, errOut)
		}
		code, out, errOut := chapterdesk(t, "import", "calls", form, "--map", formMap, "--skip-bad-rows", rejects, "--db", path)
		if code != 0 || !strings.Contains(out, "1 row was left out") || !strings.Contains(out, "were left out (written to "+rejects+")") {
			t.Fatalf("exit %d, %q %q", code, out, errOut)
		}
		got, _ := os.ReadFile(rejects)
		if !strings.HasPrefix(string(got), formHeader+",problem\n") || !strings.Contains(string(got), "Sang a song") ||
			!strings.Contains(string(got), `"line 7, column 5 (Which lawmaker did you reach out to): ""Rep. Nobody Atall"": no legislator`) {
			t.Errorf("rejects:\n%s", got)
		}
	})
}

// TestImportLegislatorsWithoutAState: a legislator file whose name does not say its
// state is refused until --state says it, and --retire-missing then touches only it.
func TestImportLegislatorsWithoutAState(t *testing.T) {
	dir := t.TempDir()
	ma, err := os.ReadFile("../../../shared/data/openstates/ma.csv")
	if err != nil {
		t.Skipf("shared data not here: %v", err)
	}
	file := filepath.Join(dir, "legislators.csv")
	os.WriteFile(file, ma, 0o600)
	path := filepath.Join(dir, "c.db")
	code, out, errOut := chapterdesk(t, "import", "legislators", file, "--db", path)
	if code != 1 || out != "" || !strings.Contains(errOut, "which state do these legislators sit for?") ||
		!strings.Contains(errOut, "--state") {
		t.Errorf("exit %d, %q %q", code, out, errOut)
	}
	if code, out, errOut := chapterdesk(t, "import", "legislators", file, "--state", "MA", "--db", path); code != 0 ||
		!strings.Contains(out, "198 created") {
		t.Fatalf("exit %d, %q %q", code, out, errOut)
	}
	// Two New Hampshire senators, the whole of an (imaginary) file.
	lines := strings.SplitAfter(string(ma), "\n")
	nh := filepath.Join(dir, "nh.csv")
	os.WriteFile(nh, []byte(lines[0]+strings.Replace(strings.Replace(lines[1], "ocd-person/", "ocd-person/nh-", 1), ",lower,", ",upper,", 1)), 0o600)
	if code, out, errOut := chapterdesk(t, "import", "legislators", nh, "--retire-missing", "--db", path); code != 0 ||
		!strings.Contains(out, "1 created, 0 updated, 0 unchanged, 0 retired") {
		t.Errorf("exit %d, %q %q", code, out, errOut)
	}
}

// A roster with bad consent cells, imported without --skip-bad-rows, is refused
// naming every bad row (the first 20, and how many more), so the lead fixes the file
// in one go; nothing is written.
func TestImportRefusalNamesTheBadRows(t *testing.T) {
	var b strings.Builder
	b.WriteString("first_name,last_name,email,do_not_call\n")
	for i := range 30 {
		consent := "no"
		if i%10 != 0 { // 27 bad rows: lines 3-11, 13-21 and 23-31
			consent = "maybe"
		}
		fmt.Fprintf(&b, "V%d,X,v%d@example.org,%s\n", i, i, consent)
	}
	file := writeFile(t, "roster.csv", b.String())
	path := filepath.Join(t.TempDir(), "c.db")
	code, out, errOut := chapterdesk(t, "import", "volunteers", file, "--db", path)
	if code != 1 || !strings.Contains(errOut, "27 rows have problems: line 3, column 4 (do_not_call): ") ||
		!strings.Contains(errOut, "line 24, column 4 (do_not_call)") || strings.Contains(errOut, "line 25,") ||
		!strings.Contains(errOut, "and 7 more; nothing was imported") {
		t.Errorf("exit %d: %s%s", code, out, errOut)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("after the refusal the chapter file is there: %v", err)
	}
}
