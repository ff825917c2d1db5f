package db_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestCoalitionOwnersMergeJournalWalledByChapter: the owner merged a lead's backup of
// Worcester, one volunteer edited in it; the batch was filed under the owner's own
// chapter, whose lead then read its journal with plain SQL (Worcester's volunteer as
// it was: contact flags and all), listed it and could undo it, while Worcester's lead
// never saw it (t9 repro-11). A merge of the whole server's copy gave the owner's
// chapter's lead the call UUIDs and content of every chapter once undone
// (undone_call_slots, repro-10). The merge of one chapter's records is that chapter's
// import; a journal row is read only by the leads of its record's chapter.
func TestCoalitionOwnersMergeJournalWalledByChapter(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	gb := coalLogin("gb")
	if _, err := sc.s.AddLead(ctx, gb, "My chapter"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	edit := func(file string, qs ...string) {
		t.Helper()
		f, err := db.Open(ctx, file, db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for _, q := range qs {
			if err := db.WriteRaw(ctx, f, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
	}
	journal := func(login string, batch int64) int {
		return coalCount(t, coalConnect(t, sc.url, login), `SELECT count(*) FROM import_changes WHERE batch_id = $1`, batch)
	}
	batches := func(login string, batch int64) int {
		return coalCount(t, coalConnect(t, sc.url, login), `SELECT count(*) FROM import_batches WHERE id = $1`, batch)
	}

	// A lead's backup of Worcester, merged back by the owner.
	jp := filepath.Join(dir, "worcester.db")
	if err := sc.openAs(t, sc.leadA).Checkout(ctx, jp); err != nil {
		t.Fatal(err)
	}
	edit(jp, `UPDATE volunteers SET do_not_contact = 1, row_version = row_version + 1, updated_at = updated_at + 100 WHERE uuid = 'vol-a'`)
	res, err := sc.s.Merge(ctx, jp)
	if err != nil || res.BatchID == 0 {
		t.Fatalf("the owner's merge: %+v, %v", res, err)
	}
	if n := journal(gb, res.BatchID); n != 0 || batches(gb, res.BatchID) != 0 {
		t.Errorf("the owner's chapter's lead reads %d journal rows of the merge of Worcester's records (and its batch: %d)", n, batches(gb, res.BatchID))
	}
	if batches(sc.leadA, res.BatchID) != 1 || journal(sc.leadA, res.BatchID) == 0 {
		t.Errorf("Worcester's lead does not see the merge of Worcester's records (batch %d, %d journal rows)",
			batches(sc.leadA, res.BatchID), journal(sc.leadA, res.BatchID))
	}
	if _, err := sc.s.UndoImport(ctx, res.BatchID); err != nil {
		t.Fatalf("the owner undoes the merge: %v", err)
	}

	// The whole server's copy, a call of each chapter added in it: merged, undone.
	whole := filepath.Join(dir, "whole.db")
	if err := sc.s.Checkout(ctx, whole); err != nil {
		t.Fatal(err)
	}
	var qs []string
	for _, v := range []string{"vol-a", "vol-b"} {
		qs = append(qs, `INSERT INTO call_reports (uuid, chapter_id, campaign_id, volunteer_id, legislator_id, called_at, outcome, created_at, updated_at)
			SELECT 'new-`+v+`', chapter_id, (SELECT id FROM campaigns LIMIT 1), id, (SELECT id FROM legislators LIMIT 1), 1700001000, 'no_answer', 0, 0
			FROM volunteers WHERE uuid = '`+v+`'`,
			`UPDATE volunteers SET notes = 'edited', row_version = row_version + 1, updated_at = updated_at + 100 WHERE uuid = '`+v+`'`)
	}
	edit(whole, qs...)
	res, err = sc.s.Merge(ctx, whole)
	if err != nil || res.BatchID == 0 {
		t.Fatalf("the owner's merge of the whole copy: %+v, %v", res, err)
	}
	// One import per chapter (TestCoalitionOwnersMergeOfSeveralChaptersFiledPerChapter).
	var parts []int64
	for _, b := range res.ChapterBatches {
		parts = append(parts, b.BatchID)
		if _, err := sc.s.UndoImport(ctx, b.BatchID); err != nil {
			t.Fatalf("the owner undoes %s's part of the merge of the whole copy: %v", b.Chapter, err)
		}
	}
	if n := coalCount(t, coalConnect(t, sc.url, gb), `SELECT count(*) FROM import_changes WHERE batch_id = ANY ($1)`, parts); n != 0 {
		t.Errorf("the owner's chapter's lead reads %d journal rows of a merge of the other chapters' records", n)
	}
	alice := coalConnect(t, sc.url, sc.leadA)
	if n := coalCount(t, alice, `SELECT count(*) FROM import_changes c WHERE c.batch_id = ANY ($1) AND (
			(c.table_name = 'volunteers' AND c.row_id = $2) OR (c.table_name = 'undone_call_slots' AND c.before LIKE '%new-vol-b%'))`,
		parts, sc.volB); n != 0 {
		t.Errorf("Worcester's lead reads %d journal rows of Springfield's records", n)
	}
	if n := coalCount(t, sc.admin, `SELECT count(*) FROM import_changes c WHERE c.batch_id = ANY ($1) AND c.table_name = 'undone_call_slots'`, parts); n != 2 {
		t.Errorf("the undo journaled %d slots of the calls it deleted, want 2 (the test looks in the wrong place)", n)
	}
}

// TestCoalitionOwnersMergeOfSeveralChaptersFiledPerChapter: the owner's merge of a
// copy holding two chapters' new records was one batch under the owner's own chapter:
// its journal rows were walled (above), but the owner's chapter's lead listed the
// batch (the file, how many records) and Worcester's and Springfield's leads did not
// (s48). Each chapter's part is now that chapter's import: listed, and undone, by its
// leads alone.
func TestCoalitionOwnersMergeOfSeveralChaptersFiledPerChapter(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	gb := coalLogin("gb")
	if _, err := sc.s.AddLead(ctx, gb, "My chapter"); err != nil {
		t.Fatal(err)
	}
	whole := filepath.Join(t.TempDir(), "whole.db")
	if err := sc.s.Checkout(ctx, whole); err != nil {
		t.Fatal(err)
	}
	f, err := db.Open(ctx, whole, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"vol-a", "vol-b"} {
		for _, q := range []string{
			`INSERT INTO call_reports (uuid, chapter_id, campaign_id, volunteer_id, legislator_id, called_at, outcome, created_at, updated_at)
				SELECT 'new-` + v + `', chapter_id, (SELECT id FROM campaigns LIMIT 1), id, (SELECT id FROM legislators LIMIT 1), 1700001000, 'spoke_staff', 0, 0
				FROM volunteers WHERE uuid = '` + v + `'`,
			`INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at, changed_by, reason, call_report_id, chapter_id)
				SELECT 'stance-new-` + v + `', campaign_id, legislator_id, 'no', 1700001000, 'a caller', 'heard on a call', id, chapter_id
				FROM call_reports WHERE uuid = 'new-` + v + `'`,
		} {
			if err := db.WriteRaw(ctx, f, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
	}
	f.Close()
	res, err := sc.s.Merge(ctx, whole)
	if err != nil || res.CallReports != 2 || res.StanceChanges != 2 {
		t.Fatalf("the owner's merge of the whole copy: %+v, %v; want 2 call reports and 2 stance changes", res, err)
	}
	merges := func(login string) []db.ImportBatch {
		t.Helper()
		all, err := sc.openAs(t, login).ImportBatches(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out []db.ImportBatch
		for _, b := range all {
			if b.Kind == "merge" {
				out = append(out, b)
			}
		}
		return out
	}
	if got := merges(gb); len(got) != 0 {
		t.Errorf("the owner's chapter's lead lists %+v: the merge of the other chapters' records", got)
	}
	if len(res.ChapterBatches) != 2 || !strings.Contains(res.String(), "one import per chapter") {
		t.Errorf("the merge says %q, its chapters' batches %+v; want one per chapter, said", res, res.ChapterBatches)
	}
	for _, c := range []struct{ login, chapter, call, other string }{
		{sc.leadA, "Worcester", "new-vol-a", "new-vol-b"}, {sc.leadB, "Springfield", "new-vol-b", "new-vol-a"},
	} {
		got := merges(c.login)
		// Its call and the stance change heard on it.
		if len(got) != 1 || got[0].Created != 2 {
			t.Errorf("%s's lead lists %+v; want the merge of %s's records, 2 of them", c.chapter, got, c.chapter)
			continue
		}
		if _, err := sc.openAs(t, c.login).UndoImport(ctx, got[0].ID); err != nil {
			t.Errorf("%s's lead undoes %s's part of the merge: %v", c.chapter, c.chapter, err)
		}
		if n := coalCount(t, sc.admin, `SELECT count(*) FROM call_reports WHERE uuid = $1`, c.call); n != 0 {
			t.Errorf("%s's call the merge added is still there after the undo of %s's part", c.chapter, c.chapter)
		}
		if n := coalCount(t, sc.admin, `SELECT count(*) FROM call_reports WHERE uuid = $1`, c.other); n != 1 && c.chapter == "Worcester" {
			t.Errorf("the undo of Worcester's part took Springfield's call too")
		}
	}
	if n := coalCount(t, sc.admin, `SELECT count(*) FROM stance_history WHERE uuid LIKE 'stance-new-%'`); n != 0 {
		t.Errorf("%d stance changes of the merge left after the undo of both parts", n)
	}
	for _, d := range countersDrift(t, sc.admin) {
		t.Errorf("after the undo of both parts: %s", d)
	}
}
