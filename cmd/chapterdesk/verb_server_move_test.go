package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestMoveAChapterOntoAServer is tester t4's F5 sequence: a chapter moved to a server
// as the README says (server init, then merge its file) was not the server's own
// chapter, an empty "My chapter" was: the chapter's own roster imported again gave
// "20 created" on the server ("0 created" on the file), its call form added its
// callers again, and checkout said "checked out My chapter". Now the move makes it
// the server's own, and the server answers as the file did.
func TestMoveAChapterOntoAServer(t *testing.T) {
	url := dbtest.EmptyServerURL(t)
	dir := t.TempDir()
	solo := filepath.Join(dir, "solo.db")
	run := func(want int, args ...string) string {
		t.Helper()
		code, out, errOut := chapterdesk(t, args...)
		if code != want {
			t.Fatalf("%s: exit %d (want %d)\n%s%s", strings.Join(args, " "), code, want, out, errOut)
		}
		return out + errOut
	}
	run(exitOK, "demo", "--volunteers", "60", "--calls", "300", "--seed", "7", "--db", solo)
	run(exitOK, "server", "init", "--db", url)
	out := run(exitOK, "merge", solo, "--db", url)
	if !strings.Contains(out, `"Greater Boston Chapter (demo)" is now this server's own chapter`) {
		t.Errorf("the move says:\n%s", out)
	}

	// The chapter's own roster, exported and imported again as a sign-up sheet.
	vols := filepath.Join(dir, "vols.csv")
	run(exitOK, "export", "volunteers", vols, "--db", solo)
	rows := readCSV(t, vols)
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	sheet := [][]string{{"First Name", "Last Name", "Email", "Phone", "Zip"}}
	for _, r := range rows[1:21] {
		sheet = append(sheet, []string{r[col["first_name"]], r[col["last_name"]], r[col["email"]], r[col["phone"]], r[col["zip"]]})
	}
	resignup := filepath.Join(dir, "resignup.csv")
	writeCSV(t, resignup, sheet)
	if out := run(exitOK, "import", "volunteers", resignup, "--dry-run", "--db", solo); !strings.Contains(out, "0 created, 0 updated, 20 unchanged") {
		t.Fatalf("the file's dry run: %s", out)
	}
	if out := run(exitOK, "import", "volunteers", resignup, "--db", url); !strings.Contains(out, "0 created, 0 updated, 20 unchanged") {
		t.Errorf("the same roster on the server:\n%s", out)
	}

	// The chapter's call form: its callers are on the roster.
	calls := filepath.Join(dir, "calls.csv")
	run(exitOK, "export", "calls", calls, "--db", solo)
	rows = readCSV(t, calls)
	col = map[string]int{}
	for i, h := range rows[0] {
		col[strings.TrimPrefix(h, "\ufeff")] = i
	}
	form := [][]string{{"Timestamp", "Your email", "Legislator", "Outcome", "Stance", "Notes"}}
	seen := map[string]bool{}
	for _, r := range rows[1:] {
		email := r[col["volunteer_email"]]
		if email == "" || seen[email] || len(form) > 5 {
			continue
		}
		seen[email] = true
		form = append(form, []string{fmt.Sprintf("2026-12-0%d 12:00:00", len(form)), email, r[col["legislator"]],
			"Spoke with the legislator", "Yes", "n"})
	}
	formFile := filepath.Join(dir, "form.csv")
	writeCSV(t, formFile, form)
	m := "called_at=Timestamp,caller_email=Your email,legislator=Legislator,outcome=Outcome,stance_heard=Stance,call_notes=Notes"
	if out := run(exitOK, "import", "calls", formFile, "--map", m, "--db", url); !strings.Contains(out, "5 created") ||
		strings.Contains(out, "not on the roster") {
		t.Errorf("the chapter's call form on the server:\n%s", out)
	}

	if out := run(exitOK, "checkout", "--to", filepath.Join(dir, "out.db"), "--db", url); !strings.Contains(out, "checked out Greater Boston Chapter (demo) from") {
		t.Errorf("checkout says: %s", out)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func writeCSV(t *testing.T, path string, rows [][]string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.WriteAll(rows)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}
