package db_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestMergeLeavesOutWhatWasDeletedForGood: a chapter's file merged, the merge taken
// back (import undo), and the same file merged again brought its volunteers and call
// reports back live, "20 volunteers ... added" (tester t4, F4); so did a volunteer put
// in the trash and the trash emptied. They are left out now, and the merge says how
// many and why; --bring-back-deleted takes them in on purpose.
func TestMergeLeavesOutWhatWasDeletedForGood(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, open func(testing.TB) *db.Store) {
		ctx := context.Background()
		s := open(t)
		a := demoFile(t, "a.db", 1, 20, 50)
		first, err := s.Merge(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.UndoImport(ctx, first.BatchID); err != nil {
			t.Fatal(err)
		}
		count := func(q string) string {
			t.Helper()
			got, err := db.QueryStrings(ctx, s, q)
			if err != nil {
				t.Fatal(err)
			}
			return strings.Join(got, ",")
		}
		res, err := s.Merge(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if got := count(`SELECT count(*) FROM volunteers`) + " " + count(`SELECT count(*) FROM call_reports`); got != "0 0" {
			t.Errorf("after the merge was undone, merging the file again: %s volunteers and call reports here, want none; it said %s", got, res)
		}
		said := res.String()
		for _, want := range []string{"0 volunteers, 0 call reports", "not added again: 20 volunteers and 50 call reports deleted here for good (import undo " +
			itoa(first.BatchID) + ", ", "--bring-back-deleted"} {
			if !strings.Contains(said, want) {
				t.Errorf("the merge said %q, want %q in it", said, want)
			}
		}

		back, err := s.MergeWith(ctx, a, db.MergeOptions{BringBackDeleted: true})
		if err != nil {
			t.Fatal(err)
		}
		if back.Volunteers != 20 || back.CallReports != 50 || back.BroughtBack != 70 {
			t.Errorf("merged with BringBackDeleted: %s", back)
		}

		// One of them in the trash, the trash emptied, the file merged once more.
		vol := count(`SELECT uuid FROM volunteers ORDER BY id LIMIT 1`)
		if err := db.WriteRaw(ctx, s, `UPDATE volunteers SET deleted_at = 1700000000 WHERE uuid = '`+vol+`'`); err != nil {
			t.Fatal(err)
		}
		if n, err := s.EmptyTrash(ctx); err != nil || n != 1 {
			t.Fatalf("empty trash: %d, %v", n, err)
		}
		res, err = s.Merge(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if got := count(`SELECT count(*) FROM volunteers WHERE uuid = '` + vol + `'`); got != "0" {
			t.Errorf("the volunteer emptied from the trash came back with the merge: %s", res)
		}
		if said := res.String(); !strings.Contains(said, "not added again: 1 volunteers deleted here for good (emptied from the trash ") {
			t.Errorf("the merge said %q", said)
		}
	})
}

// TestErasedRecordsWalledByChapter: on a coalition server, which UUIDs a chapter
// deleted for good, and when, is that chapter's. A lead's undo of her import writes
// hers under the wall; she reads her chapter's rows and not another's, and may not
// write or delete one of another chapter; the coordinator reads none.
func TestErasedRecordsWalledByChapter(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	ls := sc.openAs(t, sc.leadA)
	v := db.NewVolunteer("Una", "Gone")
	v.Email = "una.gone@example.net"
	sum, err := ls.ImportVolunteers(ctx, db.VolunteerRows([]db.IncomingVolunteer{{Line: 2, Volunteer: v}}), db.ImportOptions{Format: "plain"})
	if err != nil || sum.Created != 1 {
		t.Fatalf("alice's import: %+v, %v", sum, err)
	}
	if _, err := ls.UndoImport(ctx, sum.BatchID); err != nil {
		t.Fatalf("alice undoes her import: %v", err)
	}
	if _, err := sc.admin.Exec(ctx, `UPDATE volunteers SET deleted_at = 1700000000 WHERE id = $1`, sc.volB); err != nil {
		t.Fatal(err)
	}
	if n, err := sc.s.EmptyTrash(ctx); err != nil || n != 1 {
		t.Fatalf("the owner empties the trash: %d, %v", n, err)
	}
	if n := coalCount(t, sc.admin, `SELECT count(*) FROM erased_records`); n != 2 {
		t.Fatalf("%d erased records, want alice's undone volunteer and B's", n)
	}
	alice := coalConnect(t, sc.url, sc.leadA)
	if n := coalCount(t, alice, `SELECT count(*) FROM erased_records WHERE reason = 'import undo' AND chapter_id = $1`, sc.a.ID); n != 1 {
		t.Errorf("alice reads %d of her chapter's erased records, want 1", n)
	}
	if n := coalCount(t, alice, `SELECT count(*) FROM erased_records WHERE chapter_id <> $1`, sc.a.ID); n != 0 {
		t.Errorf("alice reads %d of another chapter's erased records", n)
	}
	if _, err := alice.Exec(ctx, `INSERT INTO erased_records (uuid, kind, chapter_id, reason, erased_at)
		VALUES ('forged', 'volunteer', $1, 'trash emptied', 0)`, sc.b.ID); !coalDenied(err) {
		t.Errorf("alice wrote an erased record of chapter B: %v", err)
	}
	if tag, err := alice.Exec(ctx, `DELETE FROM erased_records WHERE uuid = 'vol-b'`); err != nil || tag.RowsAffected() != 0 {
		t.Errorf("alice deleted B's erased record: %v, %v", tag, err)
	}
	carol := coalConnect(t, sc.url, sc.coord)
	var n int
	if err := carol.QueryRow(ctx, `SELECT count(*) FROM erased_records`).Scan(&n); !coalDenied(err) {
		t.Errorf("the coordinator reads erased records: %d, %v", n, err)
	}
}

// TestPushLeavesOutWhatWasDeletedForGood: a push merges the checkout's new records,
// so one the server deleted for good before the checkout (its UUID brought into the
// file since, from an older backup say) is not added again either, and is listed.
func TestPushLeavesOutWhatWasDeletedForGood(t *testing.T) {
	ctx := context.Background()
	s := dbtest.OpenServer(t)
	id := dbtest.Volunteer(t, s, "Erin", "Erased", nil)
	uuid, err := db.QueryStrings(ctx, s, `SELECT uuid FROM volunteers WHERE id = ?`, id)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.TrashVolunteer(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EmptyTrash(ctx); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "checkout.db")
	if err := s.Checkout(ctx, file); err != nil {
		t.Fatal(err)
	}
	f, err := db.Open(ctx, file, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	again := dbtest.Volunteer(t, f, "Erin", "Erased", nil)
	if err := db.WriteRaw(ctx, f, `UPDATE volunteers SET uuid = ? WHERE id = ?`, uuid[0], again); err != nil {
		t.Fatal(err)
	}
	f.Close()
	res, err := s.Push(ctx, file, db.PushList, false)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := db.QueryStrings(ctx, s, `SELECT count(*) FROM volunteers`); got[0] != "0" || res.Merge.NotAddedVolunteers != 1 ||
		!strings.Contains(res.Merge.String(), "not added again: 1 volunteers deleted here for good (emptied from the trash ") {
		t.Errorf("push: %s volunteers on the server; it said %s", got, res.Merge)
	}
	res, err = s.PushWith(ctx, file, db.PushOptions{BringBackDeleted: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := db.QueryStrings(ctx, s, `SELECT count(*) FROM volunteers`); got[0] != "1" || res.Merge.BroughtBack != 1 {
		t.Errorf("push with BringBackDeleted: %s volunteers on the server; it said %s", got, res.Merge)
	}
}
