package main

import (
	"os"
	"path/filepath"
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
