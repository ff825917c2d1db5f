package db_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestLeadPushOfAnotherChaptersRecordsRefused: a lead checked out her chapter, merged
// into that copy an old coalition-wide backup (another chapter's volunteers, call
// report and stance change among its records) and pushed: the push failed with
// PostgreSQL's own `new row violates row-level security policy for table
// "volunteers"`. It is refused before anything is written, naming the chapter whose
// records her login may not write, how many, and the way out: take the file's merge
// back (import undo, in the file) and push again, which then goes through.
func TestLeadPushOfAnotherChaptersRecordsRefused(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	dir := t.TempDir()

	// The old backup: the owner's copy of the whole server, holding besides what the
	// server has a volunteer, a call and a stance change of B's the server no longer
	// has, and a volunteer of A's.
	whole := filepath.Join(dir, "coalition-backup.db")
	if err := sc.s.Checkout(ctx, whole); err != nil {
		t.Fatal(err)
	}
	wf, err := db.Open(ctx, whole, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO volunteers (uuid, chapter_id, first_name, last_name, created_at, updated_at)
			SELECT 'vol-b-old', id, 'Olga', 'Springer', 0, 0 FROM chapters WHERE name = 'Springfield'`,
		`INSERT INTO volunteers (uuid, chapter_id, first_name, last_name, created_at, updated_at)
			SELECT 'vol-a-old', id, 'Abe', 'Worcester', 0, 0 FROM chapters WHERE name = 'Worcester'`,
		`INSERT INTO call_reports (uuid, chapter_id, campaign_id, volunteer_id, legislator_id, called_at, outcome, created_at, updated_at)
			SELECT 'call-b-old', v.chapter_id, (SELECT id FROM campaigns LIMIT 1), v.id, (SELECT id FROM legislators LIMIT 1),
				1700000500, 'no_answer', 0, 0 FROM volunteers v WHERE v.uuid = 'vol-b-old'`,
		`INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at, changed_by, reason, chapter_id)
			SELECT 'stance-b-old', (SELECT id FROM campaigns LIMIT 1), (SELECT id FROM legislators LIMIT 1), 'no', 1700000600,
				'Olga S.', 'set by hand', id FROM chapters WHERE name = 'Springfield'`,
	} {
		if err := db.WriteRaw(ctx, wf, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	wf.Close()

	ls := sc.openAs(t, sc.leadA)
	file := filepath.Join(dir, "alice.db")
	if err := ls.Checkout(ctx, file); err != nil {
		t.Fatal(err)
	}
	f, err := db.Open(ctx, file, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	merged, err := f.Merge(ctx, whole)
	if err != nil {
		t.Fatalf("alice merges the backup into her checkout: %v", err)
	}
	f.Close()

	counts := `SELECT (SELECT count(*) FROM volunteers) || ' ' || (SELECT count(*) FROM call_reports) || ' ' ||
		(SELECT count(*) FROM stance_history) || ' ' || (SELECT count(*) FROM import_batches)`
	var was, now string
	if err := sc.admin.QueryRow(ctx, counts).Scan(&was); err != nil {
		t.Fatal(err)
	}
	_, err = ls.Push(ctx, file, db.PushList, false)
	if err == nil {
		t.Fatal("alice pushed a file holding Springfield's records")
	}
	said := err.Error()
	if strings.Contains(said, "row-level security") || !errors.Is(err, db.ErrRefusedMerge) {
		t.Errorf("the push failed with %q (%v), want a refusal a lead understands", said, errors.Is(err, db.ErrRefusedMerge))
	}
	for _, want := range []string{"nothing was written", "Springfield: 2 volunteers, 2 call reports, 1 stance change",
		"Worcester's records only", "chapterdesk import undo " + itoa(merged.BatchID) + " --db " + file, "the server's owner"} {
		if !strings.Contains(said, want) {
			t.Errorf("the refusal says %q\nwant %q in it", said, want)
		}
	}
	if strings.Contains(said, "My chapter:") {
		t.Errorf("the refusal names the owner's chapter, which the backup holds no records of: %q", said)
	}
	if err := sc.admin.QueryRow(ctx, counts).Scan(&now); err != nil {
		t.Fatal(err)
	}
	if now != was {
		t.Errorf("the refused push wrote: volunteers, call reports, stance changes, imports were %s, now %s", was, now)
	}

	// The way the refusal gives: the file's merge taken back, the push goes through.
	f, err = db.Open(ctx, file, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.UndoImport(ctx, merged.BatchID); err != nil {
		t.Fatalf("undo the merge in the file: %v", err)
	}
	f.Close()
	if res, err := ls.Push(ctx, file, db.PushList, false); err != nil {
		t.Errorf("the push after the file's merge was taken back: %v (%s)", err, res.Merge)
	}
}

// TestLeadPushLeavesOutOtherChaptersStancesDeletedSince: a lead's checkout holds the
// coalition's whole stance history, every chapter's. Another chapter's stance change
// deleted on the server after the checkout (that chapter's import undone) made her
// push of an untouched checkout fail with `new row violates row-level security
// policy for table "stance_history"`. It is left out, as that chapter's, and counted.
func TestLeadPushLeavesOutOtherChaptersStancesDeletedSince(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	ls := sc.openAs(t, sc.leadA)
	file := filepath.Join(t.TempDir(), "alice.db")
	if err := ls.Checkout(ctx, file); err != nil {
		t.Fatal(err)
	}
	// Deleted as an undo deletes it, without the undo's bookkeeping.
	for _, q := range []string{`SET session_replication_role = replica`, `DELETE FROM stance_history WHERE uuid = 'stance-call-b'`,
		`SET session_replication_role = DEFAULT`} {
		if _, err := sc.admin.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	res, err := ls.Push(ctx, file, db.PushList, false)
	if err != nil {
		t.Fatalf("alice pushes her untouched checkout: %v", err)
	}
	if res.OtherStancesGone != 1 {
		t.Errorf("the push counted %d other chapters' stance changes deleted since, want 1", res.OtherStancesGone)
	}
	if n := coalCount(t, sc.admin, `SELECT count(*) FROM stance_history WHERE uuid = 'stance-call-b'`); n != 0 {
		t.Errorf("B's stance change deleted on the server came back with alice's push")
	}
}
