package db_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestLeadPushLeavesOutOwnStancesDeletedSince: a lead's push brought back her own
// chapter's stance changes that the checkout had and the server deleted since (an
// import of hers undone there, another lead of the chapter or the coordinator taking
// them back): deleted on purpose, they came back silently. They are left out and
// listed, as the other chapters' are, unless the push is told --bring-back-deleted;
// the stance changes she made offline, new, go up. A checkout taken before it kept
// its stance changes' ids is judged by their imports' and their own times.
func TestLeadPushLeavesOutOwnStancesDeletedSince(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	admin := func(q string, args ...any) {
		t.Helper()
		if _, err := sc.admin.Exec(ctx, q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	// A stance change of A's set on the server before the checkout (no call cites it).
	admin(`INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at, changed_by, reason, chapter_id)
		VALUES ('stance-a-hand', $1, $2, 'no', 1700000300, 'Ann A.', 'set by hand', $3)`, sc.campaign, sc.legislator, sc.a.ID)
	ls := sc.openAs(t, sc.leadA)
	dir := t.TempDir()
	file := filepath.Join(dir, "alice.db")
	if err := ls.Checkout(ctx, file); err != nil {
		t.Fatal(err)
	}
	// Deleted on the server since, as an undo deletes it.
	for _, q := range []string{`SET session_replication_role = replica`, `DELETE FROM stance_history WHERE uuid = 'stance-a-hand'`,
		`SET session_replication_role = DEFAULT`} {
		admin(q)
	}
	// Offline she records a stance heard in a meeting: new, it goes up.
	setOffline := func(stance db.Stance, at time.Time) string {
		t.Helper()
		f, err := db.Open(ctx, file, db.Options{})
		if err != nil {
			t.Fatal(err)
		}
		id, err := f.SetStance(ctx, db.StanceChange{CampaignID: sc.campaign, LegislatorID: sc.legislator, Stance: stance,
			ChangedAt: at, Reason: "said so at the town hall"})
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		var uuid string
		if err := dbtest.Raw(t, file).QueryRow(`SELECT uuid FROM stance_history WHERE id = ?`, id).Scan(&uuid); err != nil {
			t.Fatal(err)
		}
		return uuid
	}
	// Recorded as of a minute before: only the checkout's own record tells it from
	// one the checkout had.
	mine := setOffline(db.StanceLeaningYes, time.Now().Add(-time.Minute))
	on := func(uuid string) bool {
		t.Helper()
		return coalCount(t, sc.admin, `SELECT count(*) FROM stance_history WHERE uuid = $1`, uuid) == 1
	}

	res, err := ls.Push(ctx, file, db.PushList, false)
	if err != nil {
		t.Fatalf("alice pushes: %v", err)
	}
	if on("stance-a-hand") {
		t.Errorf("her chapter's stance change deleted on the server since the checkout came back with her push")
	}
	if len(res.OwnStancesGone) != 1 || !strings.Contains(res.OwnStancesGone[0], "Jane Doe") {
		t.Errorf("the push lists %q as her stance changes deleted since, want the one of Rep. Jane Doe", res.OwnStancesGone)
	}
	if !on(mine) {
		t.Errorf("the stance change she made offline was not pushed")
	}

	// A checkout that did not keep its stance changes' ids: the same, by times.
	f, err := db.Open(ctx, file, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.WriteRaw(ctx, f, `DELETE FROM settings WHERE key = 'checkout_stance_changes'`); err != nil {
		t.Fatal(err)
	}
	f.Close()
	again := setOffline(db.StanceYes, time.Time{})
	res, err = ls.Push(ctx, file, db.PushList, false)
	if err != nil {
		t.Fatalf("alice pushes again: %v", err)
	}
	if on("stance-a-hand") || len(res.OwnStancesGone) != 1 {
		t.Errorf("without the checkout's record: brought back %v, listed %q", on("stance-a-hand"), res.OwnStancesGone)
	}
	if !on(again) {
		t.Errorf("the second stance change she made offline was not pushed")
	}

	// On purpose, it comes back.
	res, err = ls.PushWith(ctx, file, db.PushOptions{BringBackDeleted: true})
	if err != nil {
		t.Fatalf("alice pushes with --bring-back-deleted: %v", err)
	}
	if !on("stance-a-hand") || res.OwnStancesBroughtBack != 1 {
		t.Errorf("--bring-back-deleted: brought back %v, counted %d", on("stance-a-hand"), res.OwnStancesBroughtBack)
	}
}

// TestLeadPushLeavesOutCoalitionStancesDeletedSince: a stance change of no chapter
// (the coordinator's, an import of hers) that a lead's checkout had and the server
// deleted since (the coordinator took her import back) came back with the lead's
// push of the untouched checkout, filed under the lead's chapter: the coordinator's
// undo undone, in another's name. It is left out and listed, --bring-back-deleted
// or not.
func TestLeadPushLeavesOutCoalitionStancesDeletedSince(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	if _, err := sc.admin.Exec(ctx, `INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at, changed_by, reason,
		chapter_id) VALUES ('stance-coalition', $1, $2, 'undecided', 1700000300, 'Carol', 'the coalition heard so', NULL)`,
		sc.campaign, sc.legislator); err != nil {
		t.Fatal(err)
	}
	ls := sc.openAs(t, sc.leadA)
	file := filepath.Join(t.TempDir(), "alice.db")
	if err := ls.Checkout(ctx, file); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`SET session_replication_role = replica`, `DELETE FROM stance_history WHERE uuid = 'stance-coalition'`,
		`SET session_replication_role = DEFAULT`} {
		if _, err := sc.admin.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	for _, bringBack := range []bool{false, true} {
		res, err := ls.PushWith(ctx, file, db.PushOptions{BringBackDeleted: bringBack})
		if err != nil {
			t.Fatalf("alice pushes her untouched checkout (bring back %v): %v", bringBack, err)
		}
		if n := coalCount(t, sc.admin, `SELECT count(*) FROM stance_history WHERE uuid = 'stance-coalition'`); n != 0 {
			t.Errorf("bring back %v: the coalition's stance change deleted on the server came back with alice's push", bringBack)
		}
		if len(res.CoalitionStancesGone) != 1 || res.OwnStancesBroughtBack != 0 {
			t.Errorf("bring back %v: listed %q, counted %d brought back; want it listed, none brought back",
				bringBack, res.CoalitionStancesGone, res.OwnStancesBroughtBack)
		}
	}
}
