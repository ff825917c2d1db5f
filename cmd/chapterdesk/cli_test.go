package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// chapterdesk runs the command line as a person would and returns what they see.
func chapterdesk(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// verbRunner returns a run(want, args...) that runs the command line, logs it as a
// terminal would show it, fails the test on another exit code, and returns what was
// printed (stdout, then stderr).
func verbRunner(t *testing.T) func(want int, args ...string) string {
	return func(want int, args ...string) string {
		t.Helper()
		code, out, errOut := chapterdesk(t, args...)
		t.Logf("$ chapterdesk %s  (exit %d)\n%s%s", strings.Join(args, " "), code, out, errOut)
		if code != want {
			t.Fatalf("chapterdesk %s: exit %d, want %d\n%s%s", strings.Join(args, " "), code, want, out, errOut)
		}
		return out + errOut
	}
}

func TestDemoAndStats(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.db")

	t.Run("demo writes a chapter into a new file with mode 0600", func(t *testing.T) {
		code, out, errOut := chapterdesk(t, "demo", "--volunteers", "300", "--calls", "3000", "--seed", "4", "--db", path)
		if code != 0 || !strings.Contains(out, "300 volunteers, 3000 call reports") || errOut != "" {
			t.Fatalf("exit %d, out %q, err %q", code, out, errOut)
		}
		fi, err := os.Stat(path)
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("file mode %v, err %v", fi.Mode().Perm(), err)
		}
	})

	t.Run("stats prints one name: count line per kind", func(t *testing.T) {
		code, out, _ := chapterdesk(t, "stats", "--db", path)
		if code != 0 {
			t.Fatalf("exit %d", code)
		}
		for _, want := range []string{"volunteers: 300", "legislators: 200", "call_reports: 3000", "campaigns: 1", "chapters: 1"} {
			if !strings.Contains(out, want+"\n") {
				t.Errorf("missing %q in\n%s", want, out)
			}
		}
		if !regexp.MustCompile(`^([a-z_]+: \d+\n)+$`).MatchString(out) {
			t.Errorf("not one name: count per line:\n%s", out)
		}
	})

	t.Run("stats --json prints the same counts", func(t *testing.T) {
		_, out, _ := chapterdesk(t, "stats", "--json", "--db", path)
		var m map[string]int
		if err := json.Unmarshal([]byte(out), &m); err != nil {
			t.Fatalf("%v in %q", err, out)
		}
		if m["volunteers"] != 300 || m["call_reports"] != 3000 {
			t.Errorf("json %v", m)
		}
	})

	t.Run("flags may stand before the verb, or before or after its arguments", func(t *testing.T) {
		for _, args := range [][]string{{"--db", path, "stats"}, {"--db=" + path, "stats", "--json"}, {"stats", "--json", "--db=" + path}} {
			if code, out, errOut := chapterdesk(t, args...); code != 0 || !strings.Contains(out, "300") {
				t.Errorf("%v: exit %d, out %q, err %q", args, code, out, errOut)
			}
		}
	})

	t.Run("demo refuses a file that already has volunteers, changing nothing", func(t *testing.T) {
		before, _ := os.ReadFile(path)
		code, _, errOut := chapterdesk(t, "demo", "--db", path)
		after, _ := os.ReadFile(path)
		if code == 0 || !strings.Contains(errOut, "already has volunteers") || !bytes.Equal(before, after) {
			t.Errorf("exit %d, err %q, changed %v", code, errOut, !bytes.Equal(before, after))
		}
	})
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	notDB := filepath.Join(dir, "roster.csv")
	os.WriteFile(notDB, []byte("first,last\nAna,Souza\n"), 0o644)
	for _, c := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"a negative count", []string{"demo", "--volunteers", "-5", "--db", filepath.Join(dir, "a.db")}, 1, "--volunteers must be 0 or more"},
		{"a folder as the database", []string{"demo", "--db", dir}, 1, "is a folder"},
		{"a file that is not SQLite", []string{"stats", "--db", notDB}, 1, "not a ChapterDesk database"},
		{"a file that is not SQLite, to fill", []string{"demo", "--db", notDB}, 1, "not a ChapterDesk database"},
		{"a folder that does not exist", []string{"demo", "--db", filepath.Join(dir, "no", "x.db")}, 1, "does not exist"},
		{"a database that does not exist, to read", []string{"stats", "--db", filepath.Join(dir, "b.db")}, 1, "does not exist"},
		{"a flag the verb lacks", []string{"demo", "--bogus", "--db", filepath.Join(dir, "c.db")}, 2, "-bogus"},
		{"a stray argument", []string{"stats", "extra", "--db", notDB}, 2, "unexpected argument"},
		{"an unknown verb", []string{"frobnicate"}, 2, "unknown verb"},
		{"a report period given as words", []string{"report", filepath.Join(dir, "r.xlsx"), "--from", "last week"}, 2, "not a date"},
		{"a report period that ends before it starts", []string{"report", filepath.Join(dir, "r.xlsx"), "--from", "2026-11-02", "--to", "2026-11-01"}, 2, "is after --to"},
		{"an export of something unknown", []string{"export", "donors", filepath.Join(dir, "d.csv")}, 2, "cannot export"},
		{"a merge without files", []string{"merge", "--db", filepath.Join(dir, "e.db")}, 2, "give the chapter data files"},
		{"an import file that is not there", []string{"import", "volunteers", filepath.Join(dir, "none.csv")}, 1, "no such file"},
		{"a bad date", []string{"demo", "--as-of", "tomorrow", "--db", filepath.Join(dir, "d.db")}, 2, "not a date"},
	} {
		t.Run("refuses "+c.name+" in one line", func(t *testing.T) {
			code, out, errOut := chapterdesk(t, c.args...)
			if code != c.code || !strings.Contains(errOut, c.msg) || strings.Count(errOut, "\n") != 1 || out != "" {
				t.Errorf("exit %d (want %d), stderr %q", code, c.code, errOut)
			}
		})
	}
	t.Run("creates nothing on bad input", func(t *testing.T) {
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			t.Errorf("folder holds %v", entries)
		}
	})
}

func TestHelp(t *testing.T) {
	code, out, _ := chapterdesk(t, "--help")
	if code != 0 || !strings.Contains(out, "demo") || !strings.Contains(out, "stats") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	for _, v := range verbs {
		code, out, _ := chapterdesk(t, v.name, "--help")
		if code != 0 || !strings.HasPrefix(out, "Usage: chapterdesk "+v.name) || !strings.Contains(out, "-db") {
			t.Errorf("%s --help: exit %d:\n%s", v.name, code, out)
		}
	}
}

func TestVersionMatchesFyneApp(t *testing.T) {
	toml, err := os.ReadFile("../../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^Version = "([^"]+)"`).FindSubmatch(toml)
	if m == nil || string(m[1]) != version {
		t.Errorf("FyneApp.toml version %q, binary %q", m, version)
	}
	if _, out, _ := chapterdesk(t, "--version"); out != "chapterdesk "+version+"\n" {
		t.Errorf("--version printed %q", out)
	}
}

func TestImportListAndUndo(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "c.db")
	roster := filepath.Join(dir, "roster.csv")
	os.WriteFile(roster, []byte("first_name,last_name,email,nationbuilder_id\nAna,Souza,ana@example.org,1\nBo,Li,bo@example.org,2\n"), 0o600)
	if code, out, errOut := chapterdesk(t, "import", "volunteers", roster, "--db", path); code != 0 || !strings.Contains(out, "2 created") {
		t.Fatalf("import: exit %d, %q %q", code, out, errOut)
	}
	code, out, _ := chapterdesk(t, "import", "list", "--db", path)
	if code != 0 || !strings.Contains(out, "volunteers from roster.csv: 2 created") {
		t.Fatalf("list: exit %d, %q", code, out)
	}
	if code, out, errOut := chapterdesk(t, "import", "undo", "1", "--db", path); code != 0 ||
		!strings.Contains(out, "import 1 undone: 2 records it created deleted") {
		t.Fatalf("undo: exit %d, %q %q", code, out, errOut)
	}
	// As if it never happened: the two are not in the trash either.
	if _, out, _ := chapterdesk(t, "stats", "--db", path); !strings.Contains(out, "volunteers: 0\n") || !strings.Contains(out, "trash: 0\n") {
		t.Errorf("after undo:\n%s", out)
	}
	if code, _, errOut := chapterdesk(t, "import", "undo", "1", "--db", path); code != 1 || !strings.Contains(errOut, "already undone") {
		t.Errorf("undo twice: exit %d, %q", code, errOut)
	}
	if code, _, errOut := chapterdesk(t, "import", "undo", "9", "--db", path); code != 1 || !strings.Contains(errOut, "no import 9") {
		t.Errorf("undo of a missing import: exit %d, %q", code, errOut)
	}
}

func TestSecondWriterIsRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "c.db")
	holder, err := db.Open(context.Background(), path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	roster := filepath.Join(t.TempDir(), "roster.csv")
	os.WriteFile(roster, []byte("first_name,last_name,email,nationbuilder_id\nAna,Souza,ana@example.org,1\n"), 0o600)
	code, _, errOut := chapterdesk(t, "import", "volunteers", roster, "--db", path)
	if code != 1 || !strings.Contains(errOut, "is open in another ChapterDesk") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("exit %d, %q", code, errOut)
	}
	if code, out, _ := chapterdesk(t, "stats", "--db", path); code != 0 || !strings.Contains(out, "volunteers: 0") {
		t.Errorf("stats while the file is open: exit %d, %q", code, out)
	}
}

func TestBackupAndRestoreVerbs(t *testing.T) {
	dir := t.TempDir()
	path, copyPath := filepath.Join(dir, "c.db"), filepath.Join(dir, "copy.db")
	chapterdesk(t, "demo", "--volunteers", "50", "--calls", "200", "--db", path)
	if code, out, errOut := chapterdesk(t, "backup", copyPath, "--db", path); code != 0 || !strings.Contains(out, "backed up") {
		t.Fatalf("backup: exit %d, %q %q", code, out, errOut)
	}
	roster := filepath.Join(dir, "roster.csv")
	os.WriteFile(roster, []byte("first_name,last_name,email,nationbuilder_id\nAna,Souza,ana@example.org,1\n"), 0o600)
	chapterdesk(t, "import", "volunteers", roster, "--db", path)
	if _, out, _ := chapterdesk(t, "stats", "--db", path); !strings.Contains(out, "volunteers: 51\n") {
		t.Fatalf("before restore:\n%s", out)
	}
	code, out, errOut := chapterdesk(t, "restore", copyPath, "--db", path)
	if code != 0 || !strings.Contains(out, "kept as") {
		t.Fatalf("restore: exit %d, %q %q", code, out, errOut)
	}
	if _, out, _ := chapterdesk(t, "stats", "--db", path); !strings.Contains(out, "volunteers: 50\n") {
		t.Errorf("after restore:\n%s", out)
	}
	if code, _, errOut := chapterdesk(t, "restore", roster, "--db", path); code != 1 || !strings.Contains(errOut, "not a ChapterDesk database") {
		t.Errorf("restore of a CSV: exit %d, %q", code, errOut)
	}
}

// TestOutputPath: a file to write that is a folder, or in a folder that is not
// there, is refused in one line that says so, and leaves no temporary file.
func TestOutputPath(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	if code, _, errOut := chapterdesk(t, "demo", "--volunteers", "20", "--calls", "50", "--db", db); code != 0 {
		t.Fatal(errOut)
	}
	out := filepath.Join(dir, "out")
	os.Mkdir(out, 0o700)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"export", "volunteers", out}, "chapterdesk export: cannot write " + out + ": it is a folder"},
		{[]string{"report", filepath.Join(dir, "no", "r.xlsx")}, "chapterdesk report: cannot write " + filepath.Join(dir, "no", "r.xlsx") + ": there is no folder " + filepath.Join(dir, "no")},
		{[]string{"leaflet", out}, "chapterdesk leaflet: cannot write " + out + ": it is a folder"},
		// h71 repro-12: these named the backup's temporary file, and the current
		// folder "the file already exists".
		{[]string{"backup", filepath.Join(dir, "no", "b.db")}, "chapterdesk backup: cannot write " + filepath.Join(dir, "no", "b.db") + ": there is no folder " + filepath.Join(dir, "no")},
		{[]string{"backup", out}, "chapterdesk backup: cannot write " + out + ": it is a folder"},
	} {
		code, _, errOut := chapterdesk(t, append(c.args, "--db", db)...)
		if code != 1 || !strings.HasPrefix(errOut, c.want) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d, %q", c.args, code, errOut)
		}
	}
	if code, _, errOut := chapterdesk(t, "backup", "", "--db", db); code != 2 || !strings.Contains(errOut, "give the backup file to write") {
		t.Errorf("backup \"\": exit %d, %q", code, errOut)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") || strings.Contains(e.Name(), ".incomplete-") {
			t.Errorf("left %s", e.Name())
		}
	}
}
