package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// The app's own call export imported back finds its reports by their UUIDs: it adds
// nothing (every report was added a second time).
func TestCallExportImportedBack(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "chapter.db")
	if code, out, errOut := chapterdesk(t, "demo", "--volunteers", "40", "--calls", "120", "--seed", "5", "--db", path); code != 0 {
		t.Fatal(out, errOut)
	}
	calls := filepath.Join(dir, "calls.csv")
	if code, out, errOut := chapterdesk(t, "export", "calls", calls, "--db", path); code != 0 {
		t.Fatal(out, errOut)
	}
	code, out, errOut := chapterdesk(t, "import", "calls", calls, "--db", path)
	if code != 0 || !strings.Contains(out, " 0 created, 0 updated, 120 unchanged") {
		t.Errorf("exit %d: %s%s", code, out, errOut)
	}
	if _, out, _ := chapterdesk(t, "stats", "--db", path); !strings.Contains(out, "call_reports: 120\n") {
		t.Errorf("stats:\n%s", out)
	}
}

// The call export imported into another chapter's file keeps callers who share a name
// apart (by their email, and their volunteer UUID where the roster has it) and each
// call's instant: the time is written with its offset, where a time without one was
// read back in the importing computer's zone, hours off.
func TestCallExportIntoAnotherFileKeepsCallersAndTimes(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip(err)
	}
	local := time.Local
	t.Cleanup(func() { time.Local = local })
	from, into := chapterWithLegislators(t, t.TempDir()), chapterWithLegislators(t, t.TempDir())
	form := writeFile(t, "form.csv", "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"+
		"2025-02-03T16:00:00Z,Maria Garcia,maria1@x.org,Boston,Rep. Rita Mendes,District office,Left a voicemail,,one\n"+
		"2025-02-03T16:00:00Z,Maria Garcia,maria2@x.org,Salem,Rep. Rita Mendes,District office,Left a voicemail,,two\n")
	run := verbRunner(t)
	run(0, "import", "calls", form, "--db", from)
	own := filepath.Join(t.TempDir(), "own.csv")
	time.Local = ny
	run(0, "export", "calls", own, "--db", from)
	time.Local = time.UTC
	run(0, "import", "calls", own, "--db", into)
	vols := filepath.Join(t.TempDir(), "v.csv")
	run(0, "export", "volunteers", vols, "--db", into)
	text, err := os.ReadFile(vols)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(text), "maria1@x.org") || !strings.Contains(string(text), "maria2@x.org") {
		t.Errorf("the two Maria Garcias are not both on the roster of the other file:\n%s", text)
	}
	calls := filepath.Join(t.TempDir(), "calls.csv")
	run(0, "export", "calls", calls, "--db", into)
	if text, err = os.ReadFile(calls); err != nil {
		t.Fatal(err)
	}
	// Written on Boston's clock, the campaign's, on this computer set to UTC too.
	if n := strings.Count(string(text), "2025-02-03T11:00:00-05:00"); n != 2 {
		t.Errorf("%d calls at 16:00Z (11:00 in Boston) in the other file, want 2:\n%s", n, text)
	}
}

// editExport rewrites the app's call export at path, edit changing the cells of each
// row by column name.
func editExport(t *testing.T, path string, edit func(row map[string]string)) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[1:] {
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = r[i]
		}
		edit(m)
		for i, h := range rows[0] {
			r[i] = m[h]
		}
	}
	var b strings.Builder
	w := csv.NewWriter(&b)
	if err := w.WriteAll(rows); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}

// The app's own call export edited in a spreadsheet (the notes, the outcome) and
// imported back updates the reports its UUIDs name, and an undo puts them back: the
// rows were counted unchanged, and the edits dropped without a word. A row whose UUID
// names a report of another legislator is no edit of it: left out, and said so.
func TestCallExportEditedAndImportedBack(t *testing.T) {
	dir := t.TempDir()
	path := chapterWithLegislators(t, dir)
	form := writeFile(t, "form.csv", "Timestamp,Your name,Your email,Your town,Legislator called,Which office,What happened?,What did they say about the bill?,Notes\n"+
		"2025-02-03T16:00:00Z,Maria Garcia,maria@x.org,Boston,Rep. Rita Mendes,District office,Left a voicemail,,one\n"+
		"2025-02-04T16:00:00Z,Ann Lee,ann@x.org,Salem,Rep. Rita Mendes,District office,Left a voicemail,,two\n")
	run := verbRunner(t)
	run(0, "import", "calls", form, "--db", path)
	own := filepath.Join(dir, "own.csv")
	run(0, "export", "calls", own, "--db", path)
	var before []byte
	before, err := os.ReadFile(own)
	if err != nil {
		t.Fatal(err)
	}
	editExport(t, own, func(r map[string]string) {
		if r["notes"] == "one" {
			r["notes"], r["outcome"] = "one, and she called back", "Talked to staff"
		}
	})
	out := run(0, "import", "calls", own, "--db", path)
	if !strings.Contains(out, " 0 created, 1 updated, 1 unchanged") || !strings.Contains(out, "one, and she called back") {
		t.Errorf("the edited export imported back:\n%s", out)
	}
	again := filepath.Join(dir, "again.csv")
	run(0, "export", "calls", again, "--db", path)
	if text, _ := os.ReadFile(again); !strings.Contains(string(text), "one, and she called back") || !strings.Contains(string(text), "Spoke with staff") {
		t.Errorf("the report does not hold the edit:\n%s", text)
	}
	batch := regexp.MustCompile(`import batch (\d+)`).FindStringSubmatch(out)
	if batch == nil {
		t.Fatalf("no batch in:\n%s", out)
	}
	run(0, "import", "undo", batch[1], "--db", path)
	run(0, "export", "calls", again, "--db", path)
	if text, _ := os.ReadFile(again); string(text) != string(before) {
		t.Errorf("after the undo:\n%s\nwant\n%s", text, before)
	}

	editExport(t, own, func(r map[string]string) {
		if r["notes"] == "two" {
			r["legislator"], r["notes"] = "Rep. Marc Lombardo", "two, to another"
		}
	})
	rejects := filepath.Join(dir, "rejects.csv")
	out = run(0, "import", "calls", own, "--db", path, "--skip-bad-rows", rejects)
	if !strings.Contains(out, " 0 created, 1 updated, 0 unchanged") || !strings.Contains(out, "another legislator") {
		t.Errorf("a row whose UUID names another legislator's report:\n%s", out)
	}
	if text, err := os.ReadFile(rejects); err != nil || !strings.Contains(string(text), "two, to another") {
		t.Errorf("rejects (%v):\n%s", err, text)
	}
	run(0, "export", "calls", again, "--db", path)
	if text, _ := os.ReadFile(again); strings.Contains(string(text), "two, to another") {
		t.Errorf("the report was moved to another legislator:\n%s", text)
	}
}
