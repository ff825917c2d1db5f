package db_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
)

// What a lead with psql may not do to the coalition's shared figures (tester t1's
// findings F1, F4, F5): the database refuses it, whatever program connects.

// F1: a stance change dated in the future stayed the whip count's current stance until
// its date (2100), overriding every later call and the official record's sponsors;
// one naming a sponsor, or another chapter's person as its author, was kept as sent.
func TestCoalitionLeadCannotPinStances(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	alice := coalConnect(t, sc.url, sc.leadA)
	now := time.Now().Unix()
	insert := func(uuid, stance string, at int64, by string) (string, error) {
		var got string
		err := alice.QueryRow(ctx, `INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at,
			changed_by, reason, chapter_id) VALUES ($1, $2, $3, $4, $5, $6, 'heard on call', $7) RETURNING changed_by`,
			uuid, sc.campaign, sc.legislator, stance, at, by, sc.a.ID).Scan(&got)
		return got, err
	}
	if _, err := insert("pin-2100", "no", 4102444800, "x"); err == nil || !strings.Contains(err.Error(), "dated in the future") {
		t.Errorf("a lead's stance change dated 2100: %v, want refused as dated in the future", err)
	}
	for _, s := range []string{"sponsor", "cosponsor"} {
		if _, err := insert("pin-"+s, s, now, "x"); err == nil || !strings.Contains(err.Error(), "official record") {
			t.Errorf("a lead's %s stance: %v, want refused (the official record's to say)", s, err)
		}
	}
	// A few minutes ahead is a laptop's clock, not a pin.
	by, err := insert("skew", "leaning_no", now+120, "Bob Smith (Springfield)")
	if err != nil {
		t.Fatalf("a lead's change two minutes ahead: %v", err)
	}
	if by != "chapter lead" {
		t.Errorf("a lead's change sent as by %q is kept as by %q, want %q", "Bob Smith (Springfield)", by, "chapter lead")
	}
	// Over a sponsor the official record named, a lead's change does not become current.
	if _, err := sc.admin.Exec(ctx, `INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at,
		changed_by, reason) VALUES ('record-sponsor', $1, $2, 'sponsor', $3, 'Open States', 'sponsor of the bill')`,
		sc.campaign, sc.legislator, now+180); err != nil {
		t.Fatal(err)
	}
	if _, err := insert("over-sponsor", "no", now+240, "x"); err == nil || !strings.Contains(err.Error(), "official record") {
		t.Errorf("a lead's change over a sponsor: %v, want refused", err)
	}

	// The owner removes a row pinned before this rule, and the whip count falls back.
	if _, err := sc.admin.Exec(ctx, `INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at,
		changed_by, reason, chapter_id) VALUES ('old-pin', $1, $2, 'no', 4102444800, 'x', 'x', $3)`,
		sc.campaign, sc.legislator, sc.a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := alice.Exec(ctx, `SELECT chapterdesk_remove_stance_change('old-pin')`); !coalDenied(err) {
		t.Errorf("a lead removes a history row: %v, want permission denied", err)
	}
	if _, err := alice.Exec(ctx, `SET chapterdesk.remove_stance_change = 'old-pin'`); err != nil {
		t.Fatal(err)
	}
	if _, err := alice.Exec(ctx, `DELETE FROM stance_history WHERE uuid = 'old-pin'`); err == nil {
		t.Errorf("a lead with the removal setting deleted a history row")
	}
	if _, err := sc.admin.Exec(ctx, `SELECT chapterdesk_remove_stance_change('old-pin')`); err != nil {
		t.Fatalf("the owner removes a pinned row: %v", err)
	}
	var stance string
	if err := sc.admin.QueryRow(ctx, `SELECT stance FROM stances WHERE campaign_id = $1 AND legislator_id = $2`,
		sc.campaign, sc.legislator).Scan(&stance); err != nil || stance != "sponsor" {
		t.Errorf("after the pinned row's removal the whip count says %q (%v), want sponsor", stance, err)
	}
	if _, err := sc.admin.Exec(ctx, `SELECT chapterdesk_remove_stance_change('no-such-row')`); err == nil ||
		!strings.Contains(err.Error(), "no stance change") {
		t.Errorf("removing a row that is not there: %v, want a refusal naming it", err)
	}
}

// F4: a lead's transaction with chapterdesk.defer_stats on left its reports out of
// the coalition's call counters (the owner's bulk load adds them itself at its end; a
// lead may not).
func TestCoalitionLeadCannotDeferStats(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	alice := coalConnect(t, sc.url, sc.leadA)
	count := func() (attempts, quarters int) {
		if err := sc.admin.QueryRow(ctx, `SELECT (SELECT attempts FROM call_stats WHERE campaign_id = $1 AND legislator_id = $2),
			(SELECT coalesce(sum(calls), 0) FROM chapter_call_quarters WHERE campaign_id = $1 AND chapter_id = $3)`,
			sc.campaign, sc.legislator, sc.a.ID).Scan(&attempts, &quarters); err != nil {
			t.Fatal(err)
		}
		return
	}
	a0, q0 := count()
	tx, err := alice.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `SET LOCAL chapterdesk.defer_stats = on`); err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO call_reports (uuid, campaign_id, legislator_id, chapter_id, called_at, outcome,
		office, created_at, updated_at) SELECT 'hidden-' || g, $1, $2, $3, 1700000000 + g, 'spoke_legislator', 'capitol', 1, 1
		FROM generate_series(1, 50) g`, sc.campaign, sc.legislator, sc.a.ID); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	if a, q := count(); a != a0+50 || q != q0+50 {
		t.Errorf("after a lead's 50 reports with defer_stats on: call_stats %d attempts (was %d), quarters %d calls (was %d); want both 50 more",
			a, a0, q, q0)
	}
}

// F5: a lead renamed her chapter to another chapter's name; add-lead then picked one
// of the two without a word.
func TestCoalitionChapterNamesUnique(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	alice := coalConnect(t, sc.url, sc.leadA)
	for _, name := range []string{"Springfield", " springfield  "} {
		if _, err := alice.Exec(ctx, `UPDATE chapters SET name = $1 WHERE id = $2`, name, sc.a.ID); err == nil ||
			!strings.Contains(err.Error(), "another chapter is named") {
			t.Errorf("a lead renames her chapter %q: %v, want refused", name, err)
		}
	}
	if _, err := alice.Exec(ctx, `UPDATE chapters SET name = 'Worcester County' WHERE id = $1`, sc.a.ID); err != nil {
		t.Errorf("a lead renames her chapter to a name of its own: %v", err)
	}
	// Two chapters of one name (the owner's merge of a file brings its chapter in
	// under the file's name): add-lead names neither.
	if _, err := sc.admin.Exec(ctx, `UPDATE chapters SET name = 'Springfield' WHERE id = $1`, sc.a.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.s.AddLead(ctx, coalLogin("eve"), "springfield"); err == nil || !strings.Contains(err.Error(), "2 chapters") {
		t.Errorf("add-lead to a name two chapters have: %v, want refused", err)
	}
}

// F6 is documented, not enforced: see the README's threat model.

// F1, after: a change dated in the future already on the server (pinned before the
// database refused it) is in every checkout, and push refused each of them, blaming
// "the clock of the computer that recorded them", the lead's. Push brings in only what
// the server has not got; such a row is the server's own.
func TestCoalitionPushLeavesTheServersFutureRows(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	if _, err := sc.admin.Exec(ctx, `INSERT INTO stance_history (uuid, campaign_id, legislator_id, stance, changed_at,
		changed_by, reason, chapter_id) VALUES ('old-pin', $1, $2, 'no', 4102444800, 'x', 'x', $3)`,
		sc.campaign, sc.legislator, sc.b.ID); err != nil {
		t.Fatal(err)
	}
	ls, err := db.Open(ctx, coalAs(t, sc.url, sc.leadA), db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer ls.Close()
	dest := filepath.Join(t.TempDir(), "worcester.db")
	if err := ls.Checkout(ctx, dest); err != nil {
		t.Fatal(err)
	}
	if _, err := ls.Push(ctx, dest, db.PushList, false); err != nil {
		t.Errorf("push of a checkout holding the server's own future-dated row: %v", err)
	}
}
