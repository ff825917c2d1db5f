package db_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// A chapter's file merged, then changed in the chapter and merged again (tester,
// repro-9): a person who asked not to be contacted is no longer callable in the
// coalition's copy even when the file's copy is not the newer (consent only narrows),
// a volunteer and a call report edited since come in, and the merge says so rather
// than "nothing new". An undo of that merge puts the coalition's copies back.
func TestMergeTakesAChaptersNewerRecords(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	a := demoFile(t, "a.db", 1, 20, 50)
	if _, err := s.Merge(ctx, a); err != nil {
		t.Fatal(err)
	}
	lead, err := db.Open(ctx, a, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var quiet, edited, call, older string
	raw := dbtest.Raw(t, a)
	if err := raw.QueryRow(`SELECT uuid FROM volunteers WHERE ok_call = 1 AND ok_email = 1 AND do_not_contact = 0 ORDER BY id LIMIT 1`).Scan(&quiet); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRow(`SELECT uuid FROM volunteers WHERE uuid <> ? ORDER BY id LIMIT 1`, quiet).Scan(&edited); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRow(`SELECT uuid FROM volunteers WHERE uuid NOT IN (?, ?) ORDER BY id LIMIT 1`, quiet, edited).Scan(&older); err != nil {
		t.Fatal(err)
	}
	if err := raw.QueryRow(`SELECT uuid FROM call_reports WHERE stance_heard <> 'no' ORDER BY id LIMIT 1`).Scan(&call); err != nil {
		t.Fatal(err)
	}
	// The consent change is dated before the coalition's copy: it counts anyway.
	// The call report is corrected within the second it was saved (a chapter's
	// imports a moment apart, repro-9): the same time, other content, is the file's
	// change. A volunteer the file holds otherwise, older, is kept and said.
	for _, q := range []string{
		`UPDATE volunteers SET do_not_contact = 1, ok_call = 0, ok_text = 0, ok_email = 0, updated_at = updated_at - 50 WHERE uuid = '` + quiet + `'`,
		`UPDATE volunteers SET notes = 'moved to Lowell', city = 'Lowell', updated_at = updated_at + 100 WHERE uuid = '` + edited + `'`,
		`UPDATE call_reports SET stance_heard = 'no', notes = 'corrected: he opposes' WHERE uuid = '` + call + `'`,
		`UPDATE volunteers SET notes = 'an old note', updated_at = updated_at - 100 WHERE uuid = '` + older + `'`,
	} {
		if err := db.WriteRaw(ctx, lead, q); err != nil {
			t.Fatal(err)
		}
	}
	lead.Close()
	here := func() (string, string) {
		t.Helper()
		c := dbtest.Raw(t, s.Path())
		var v1, v2, r string
		if err := c.QueryRow(`SELECT CAST(ok_call AS TEXT) || CAST(ok_email AS TEXT) || CAST(do_not_contact AS TEXT) FROM volunteers WHERE uuid = '` + quiet + `'`).Scan(&v1); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRow(`SELECT city || '/' || notes FROM volunteers WHERE uuid = '` + edited + `'`).Scan(&v2); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRow(`SELECT stance_heard || '/' || notes FROM call_reports WHERE uuid = '` + call + `'`).Scan(&r); err != nil {
			t.Fatal(err)
		}
		return v1 + " " + v2, r
	}
	beforeVols, beforeCall := here()

	res, err := s.Merge(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	vols, rep := here()
	if !strings.HasPrefix(vols, "001 Lowell/moved to Lowell") || rep != "no/corrected: he opposes" {
		t.Errorf("after merging the newer file: volunteers %q, call %q", vols, rep)
	}
	if res.Total() == 0 || res.BatchID == 0 || res.UpdatedVolunteers != 1 || res.UpdatedCalls != 1 || res.ConsentNarrowed != 1 || res.KeptHere != 1 {
		t.Errorf("result %+v", res)
	}
	if s := res.String(); strings.Contains(s, "nothing new") || !strings.Contains(s, "updated") || !strings.Contains(s, "1 records the file holds otherwise") {
		t.Errorf("the merge said %q", s)
	}
	again, err := s.Merge(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if again.Total() != 0 {
		t.Errorf("the same file again: %+v", again)
	}
	if _, err := s.UndoImport(ctx, res.BatchID); err != nil {
		t.Fatal(err)
	}
	if v, r := here(); v != beforeVols || r != beforeCall {
		t.Errorf("after undo %q %q, want %q %q", v, r, beforeVols, beforeCall)
	}
}

// An undo of a merge takes the chapters it added with their records (tester,
// repro-11: "chapters: 2" after the undo, an empty chapter left behind); a chapter
// that was here before stays.
func TestMergeUndoTakesItsChapters(t *testing.T) {
	ctx := context.Background()
	s := dbtest.Open(t)
	ownChapterNamed(t, s, "Jamaica Plain") // not a server's untouched starter, which the file's chapter replaces
	before := counts(t, s)["chapters"]
	res, err := s.Merge(ctx, demoFile(t, "a.db", 1, 10, 20))
	if err != nil {
		t.Fatal(err)
	}
	if res.NewChapters != 1 || counts(t, s)["chapters"] != before+1 {
		t.Fatalf("merge %+v, chapters %d", res, counts(t, s)["chapters"])
	}
	if _, err := s.UndoImport(ctx, res.BatchID); err != nil {
		t.Fatal(err)
	}
	if n := counts(t, s)["chapters"]; n != before {
		t.Errorf("chapters after undo %d, want %d", n, before)
	}
}
