package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An import into a file that does not exist yet writes a new file beside it and gives
// it the name only when the import succeeds (db.Build): a failed or interrupted import
// leaves nothing, not an empty chapter.
func TestImportIntoANewFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	people := write("people.csv", "First Name,Last Name,E-mail Address\r\nAna,Souza,ana@example.org\r\nBo,Li,bo@example.org\r\n")
	calls := write("calls.csv", "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\r\n"+
		"9/5/2023 8:30:11,Ana Souza,ana@example.org,Fitchburg,Sen. Karen Spilka,State House (Boston),Talked to staff,Didn't say,\r\n")

	t.Run("a successful import names the file when it is complete", func(t *testing.T) {
		path := filepath.Join(dir, "new.db")
		code, out, errOut := chapterdesk(t, "import", "volunteers", people, "--db", path)
		if code != 0 || !strings.Contains(out, "2 created") {
			t.Fatalf("exit %d: %s%s", code, out, errOut)
		}
		if _, err := os.Stat(path + ".building"); !os.IsNotExist(err) {
			t.Errorf("the file being written is left: %v", err)
		}
		code, out, errOut = chapterdesk(t, "stats", "--db", path)
		if code != 0 || !strings.Contains(out, "volunteers: 2\n") {
			t.Errorf("stats: exit %d: %s%s", code, out, errOut)
		}
		// It starts, as a file the app or any other verb makes, with the starter
		// campaign (the README says so; an import made one without: the tester).
		code, out, errOut = chapterdesk(t, "campaign", "list", "--db", path)
		if code != 0 || !strings.Contains(out, "Safe Communities Act") {
			t.Errorf("campaign list: exit %d: %s%s", code, out, errOut)
		}
		// The file is then an ordinary chapter: the same rows again change nothing.
		code, out, errOut = chapterdesk(t, "import", "volunteers", people, "--db", path)
		if code != 0 || !strings.Contains(out, "0 created, 0 updated, 2 unchanged") {
			t.Errorf("again: exit %d: %s%s", code, out, errOut)
		}
	})

	t.Run("a failed import leaves no file", func(t *testing.T) {
		path := filepath.Join(dir, "none.db")
		code, out, errOut := chapterdesk(t, "import", "calls", calls, "--db", path)
		// A new file has the starter campaign (for MA) and no legislators yet.
		if code == 0 || !strings.Contains(errOut, "import MA's legislators first") {
			t.Errorf("exit %d: %s%s", code, out, errOut)
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), "none.db") {
				t.Errorf("left behind %s", e.Name())
			}
		}
	})
}

// A dry run into a file that does not exist yet creates nothing: not the file, not
// its journal or lock, not the data folder. It is run against an empty chapter, so it
// says what the import would do there.
func TestDryRunIntoANewFileCreatesNothing(t *testing.T) {
	people := writeFile(t, "people.csv", "First Name,Last Name,E-mail Address\r\nAna,Souza,ana@example.org\r\nBo,Li,bo@example.org\r\n")
	t.Run("with --db", func(t *testing.T) {
		dir := t.TempDir()
		code, out, errOut := chapterdesk(t, "import", "volunteers", people, "--dry-run", "--db", filepath.Join(dir, "new.db"))
		if code != 0 || !strings.Contains(out, "would import") || importCounts.FindString(out) != "2 created, 0 updated, 0 unchanged" {
			t.Errorf("exit %d: %s%s", code, out, errOut)
		}
		if entries, _ := os.ReadDir(dir); len(entries) > 0 {
			t.Errorf("the dry run left %s", entries[0].Name())
		}
	})
	t.Run("in the data folder", func(t *testing.T) {
		home := t.TempDir()
		t.Setenv("HOME", home)
		t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, "config"))
		t.Setenv("CHAPTERDESK_DB", "")
		code, out, errOut := chapterdesk(t, "import", "volunteers", people, "--dry-run")
		if code != 0 || importCounts.FindString(out) != "2 created, 0 updated, 0 unchanged" {
			t.Errorf("exit %d: %s%s", code, out, errOut)
		}
		if entries, _ := os.ReadDir(home); len(entries) > 0 {
			t.Errorf("the dry run made %s", entries[0].Name())
		}
	})
}
