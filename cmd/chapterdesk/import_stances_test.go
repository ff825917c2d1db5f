package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestImportCallsListsStancesNotTaken: with --update-stances, a stance written on a
// report of a call no one answered, or a cosponsorship heard, moves no whip count; the
// summary lists each such report with why (the tester's four rows said "4 stance
// changes recorded").
func TestImportCallsListsStancesNotTaken(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "chapter.db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	campaign := dbtest.Campaign(t, s)
	for _, l := range []struct{ district, name string }{
		{"14th Essex", "Frank Moran"}, {"2nd Worcester", "John Moran"}, {"9th Suffolk", "Mike Moran"},
	} {
		dbtest.Legislator(t, s, db.ChamberLower, l.district, l.name)
	}
	dbtest.Legislator(t, s, db.ChamberUpper, "First Essex and Middlesex", "Bruce Tarr")
	s.Close()
	calls := filepath.Join(dir, "calls.csv")
	if err := os.WriteFile(calls, []byte("called_at,caller_name,caller_email,caller_town,legislator,office,outcome,stance_heard,call_notes\n"+
		"2026-12-01 10:00,Ana Perez,ana@example.org,Lawrence,Rep. Frank Moran,capitol,no_answer,yes,\n"+
		"2026-12-01 10:05,Ana Perez,ana@example.org,Lawrence,Rep. John Moran,capitol,busy,no,\n"+
		"2026-12-01 10:10,Ana Perez,ana@example.org,Lawrence,Rep. Mike Moran,capitol,wrong_number,yes,\n"+
		"2026-12-01 10:15,Ana Perez,ana@example.org,Lawrence,Sen. Bruce Tarr,capitol,voicemail_full,cosponsor,\n"+
		"2026-12-01 10:20,Ana Perez,ana@example.org,Lawrence,Sen. Bruce Tarr,capitol,spoke_staff,cosponsor,\n"+
		"2026-12-01 10:25,Ana Perez,ana@example.org,Lawrence,Rep. Frank Moran,capitol,spoke_legislator,leaning_yes,\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := chapterdesk(t, "import", "calls", calls, "--update-stances", "--db", path)
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	for _, want := range []string{
		"6 created",
		"1 stance change recorded in the whip count\n",
		"5 stances heard were not put in the whip count (the reports keep them):\n" +
			`  line 2: "Rep. Frank Moran": "Yes" heard, but no one at the office spoke (No answer)` + "\n" +
			`  line 3: "Rep. John Moran": "No" heard, but no one at the office spoke (Busy)` + "\n" +
			`  line 4: "Rep. Mike Moran": "Yes" heard, but no one at the office spoke (Wrong number)` + "\n" +
			`  line 5: "Sen. Bruce Tarr": "Cosponsor" heard, but no one at the office spoke (Voicemail full)` + "\n" +
			`  line 6: "Sen. Bruce Tarr": "Cosponsor" heard, but sponsorship is the official record's to say`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the import said:\n%s\nnot:\n%s", out, want)
		}
	}
	s, err = db.Open(ctx, path, db.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	wc, err := s.WhipCount(ctx, campaign)
	if err != nil {
		t.Fatal(err)
	}
	var moved []string
	for _, l := range wc.Legislators {
		if l.Stance != "" && l.Stance != db.StanceUnknown {
			moved = append(moved, l.Name+": "+string(l.Stance))
		}
	}
	if strings.Join(moved, ", ") != "Frank Moran: leaning_yes" {
		t.Errorf("whip count after the import: %v", moved)
	}
}
