package main

import (
	"database/sql"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestCheckFullSummarisesIndexDamage (s47): check --full on a file whose indexes lost
// entries listed SQLite's lines one a row ("row 4711 missing from index
// call_reports_volunteer"), a hundred of them, and the way out under them. It says
// one line an index, counting every row SQLite finds missing (not only the first
// hundred), then the way out; so does a write refused after it.
func TestCheckFullSummarisesIndexDamage(t *testing.T) {
	path, _ := checkedDemo(t)
	dbtest.CorruptIndexEntries(t, path, "call_reports_volunteer")
	dbtest.CorruptIndex(t, path, "volunteers_uuid")
	// What SQLite itself finds, every line, counted by index.
	raw, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := raw.Query(`PRAGMA integrity_check(100000)`)
	if err != nil {
		t.Fatal(err)
	}
	var lines string
	for rows.Next() {
		var l string
		if err := rows.Scan(&l); err != nil {
			t.Fatal(err)
		}
		lines += l + "\n"
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	missing := map[string]int{}
	for _, m := range regexp.MustCompile(`(?m)^row \d+ missing from index (\S+)$`).FindAllStringSubmatch(lines, -1) {
		missing[m[1]]++
	}
	if missing["call_reports_volunteer"] <= 100 || missing["volunteers_uuid"] == 0 {
		t.Fatalf("the damage is not what the test needs: %v", missing)
	}
	p := message.NewPrinter(language.English)
	code, out, _ := chapterdesk(t, "check", "--full", "--db", path)
	for _, want := range []string{p.Sprintf("  index call_reports_volunteer: %d rows missing", missing["call_reports_volunteer"]),
		p.Sprintf("  index volunteers_uuid: %d row missing", missing["volunteers_uuid"]), "check --repair"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in the full check's output:\n%s", want, out)
		}
	}
	if code != exitDamagedIndexOnly || strings.Contains(out, "missing from index") || strings.Count(out, "\n") > 12 {
		t.Errorf("exit %d, %d lines:\n%s", code, strings.Count(out, "\n"), out)
	}
	code, _, errOut := chapterdesk(t, "trash", "empty", "--db", path)
	if code != exitDamagedIndexOnly || !strings.Contains(errOut, fmt.Sprint(p.Sprintf("index call_reports_volunteer: %d rows missing", missing["call_reports_volunteer"]))) ||
		strings.Contains(errOut, "missing from index") {
		t.Errorf("a write after the check: exit %d %q", code, errOut)
	}
}
