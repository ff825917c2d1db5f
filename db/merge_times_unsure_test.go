package db

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A merge brought a listed report in without its mark: its time, hours off, then
// read as sure (tester, s39).
func TestMergeCarriesCallTimesUnsure(t *testing.T) {
	ctx := context.Background()
	old, oldPath := oldFormFile(t)
	old.Close()
	s := coalitionFile(t)
	res, err := s.Merge(ctx, oldPath)
	if err != nil {
		t.Fatal(err)
	}
	for uuid, want := range map[string]bool{"r1": true, "r2": true, "r3": false} {
		if _, listed := calledAt(t, s, uuid); listed != want {
			t.Errorf("%s listed %v after the merge, want %v", uuid, listed, want)
		}
	}
	if res.TimesUnsure != 2 || !strings.Contains(res.String(), "2 of the call reports added have times that may read hours off") {
		t.Errorf("merge says: %s", res)
	}
	if n, _, _ := s.CallTimesUnsure(ctx); n != 2 {
		t.Errorf("unsure after the merge: %d", n)
	}
	if _, err := s.UndoImport(ctx, res.BatchID); err != nil {
		t.Fatal(err)
	}
	if n, _, _ := s.CallTimesUnsure(ctx); n != 0 {
		t.Errorf("unsure after the merge's undo: %d", n)
	}
	var marks int
	s.r.QueryRow(`SELECT count(*) FROM call_times_unsure`).Scan(&marks)
	if marks != 0 {
		t.Errorf("%d marks left of reports the undo took", marks)
	}
}

// A report's time put right in the chapter's own file (calls fix-times) did not reach
// the coalition's file that had merged the report before: merged again, the file's
// put-right time stayed out and the coalition's copy kept its hours-off time and its
// mark for ever (s39 note). The put-right time comes in with the merge, the mark goes,
// and an undo of the merge puts both back; a marked copy in the file never moves a
// time here.
func TestMergeBringsTimesPutRight(t *testing.T) {
	ctx := context.Background()
	chapter, chapterPath := oldFormFile(t)
	s := coalitionFile(t)
	// r1 heard "Yes" at 9:36 AM, stored as 4:36 AM; a "No" set at 9:00 AM stood over it.
	if _, err := chapter.w.Exec(`INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at, changed_by, reason, call_report_id)
		VALUES ('h1', 1, 1, 'yes', ?1, 'Ann', 'heard on a call', (SELECT id FROM call_reports WHERE uuid = 'r1')),
		('h2', 1, 1, 'no', ?2, 'Lead', 'set by hand', NULL)`, januaryOnUTC, januaryOnUTC+4*3600+23*60+49); err != nil {
		t.Fatal(err)
	}
	count := func() string {
		t.Helper()
		var st string
		if err := s.r.QueryRow(`SELECT stance FROM stances`).Scan(&st); err != nil {
			t.Fatal(err)
		}
		return st
	}
	if _, err := s.Merge(ctx, chapterPath); err != nil {
		t.Fatal(err)
	}
	if _, err := chapter.FixCallTimes(ctx, FixCallTimesOptions{Zone: "UTC", FormsGaveNoZone: true}); err != nil {
		t.Fatal(err)
	}
	right, _ := calledAt(t, chapter, "r1")
	if right == januaryOnUTC {
		t.Fatal("the fix moved nothing")
	}
	chapter.Close()

	res, err := s.Merge(ctx, chapterPath)
	if err != nil {
		t.Fatal(err)
	}
	if at, listed := calledAt(t, s, "r1"); at != right || listed {
		t.Errorf("r1 after the merge of the file put right: %d listed %v; want %d, not listed", at, listed, right)
	}
	if res.TimesPutRight != 2 || !strings.Contains(res.String(), "2 call reports' times put right as the file has them") {
		t.Errorf("merge says: %s (times put right %d)", res, res.TimesPutRight)
	}
	// The stance heard on r1 comes with its time: the count is the newest call's (s40).
	if st := count(); st != "yes" {
		t.Errorf("whip count %q after the merge of the file put right, want yes (r1's, at 9:36 AM)", st)
	}
	if _, err := s.UndoImport(ctx, res.BatchID); err != nil {
		t.Fatal(err)
	}
	if at, listed := calledAt(t, s, "r1"); at != januaryOnUTC || !listed {
		t.Errorf("r1 after the merge's undo: %d listed %v; want %d, listed", at, listed, januaryOnUTC)
	}
	if st := count(); st != "no" {
		t.Errorf("whip count %q after the merge's undo, want no", st)
	}
}

// A copy here put right is not moved back by a file whose copy is still marked, even
// one saved later: the file's other changes come in, its time does not.
func TestMergeKeepsATimePutRightHere(t *testing.T) {
	ctx := context.Background()
	chapter, chapterPath := oldFormFile(t)
	s := coalitionFile(t)
	if _, err := s.Merge(ctx, chapterPath); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FixCallTimes(ctx, FixCallTimesOptions{Zone: "UTC", FormsGaveNoZone: true}); err != nil {
		t.Fatal(err)
	}
	right, _ := calledAt(t, s, "r1")
	if _, err := chapter.w.Exec(`UPDATE call_reports SET notes = 'called back later', updated_at = ? WHERE uuid = 'r1'`,
		time.Now().Unix()+60); err != nil {
		t.Fatal(err)
	}
	chapter.Close()
	res, err := s.Merge(ctx, chapterPath)
	if err != nil {
		t.Fatal(err)
	}
	if at, listed := calledAt(t, s, "r1"); at != right || listed {
		t.Errorf("r1 after merging the file's marked copy: %d listed %v; want %d, not listed", at, listed, right)
	}
	var notes string
	if err := s.r.QueryRow(`SELECT notes FROM call_reports WHERE uuid = 'r1'`).Scan(&notes); err != nil || notes != "called back later" {
		t.Errorf("r1's notes after the merge: %q (%v); want the file's newer copy's", notes, err)
	}
	if res.TimesPutRight != 0 {
		t.Errorf("merge says: %s", res)
	}
}

// coalitionFile is a new chapter file for other chapters' files to merge into,
// closed when the test ends.
func coalitionFile(t *testing.T) *Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "coalition.db")
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
