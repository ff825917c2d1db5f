package db_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// fileExec runs statements on a checkout file directly (an edit made offline, the
// way the screens' saves leave it: updated_at now).
func fileExec(t *testing.T, path string, stmts ...string) {
	t.Helper()
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range stmts {
		if _, err := raw.ExecContext(context.Background(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// callRefusals are the push's call-report listings, by name.
func callRefusals(res db.PushResult) []db.PushRefused {
	var out []db.PushRefused
	for _, r := range res.Refused {
		if r.Kind == db.PushCallReport {
			out = append(out, r)
		}
	}
	return out
}

// Tester t4's F6 for call reports: a call report deleted on the server since the
// checkout (an import of calls undone) came back with the push of the older
// checkout, as new, without a word. It is left out and listed; one the lead edited
// offline is listed as such.
func TestPushLeavesOutTheCallsTheServerDeletedSince(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	for _, u := range []string{"call-a2", "call-a3"} {
		if _, err := sc.admin.Exec(ctx, `INSERT INTO call_reports (uuid, chapter_id, campaign_id, volunteer_id, legislator_id,
			called_at, outcome, created_at, updated_at) VALUES ($5, $1, $2, $3, $4, 1700003600, 'left_voicemail', 0, 0)`,
			sc.a.ID, sc.campaign, sc.volA, sc.legislator, u); err != nil {
			t.Fatal(err)
		}
	}
	ls, dest := pushRaceCheckout(t, sc, "Mine")
	fileExec(t, dest, `UPDATE call_reports SET notes = 'edited offline', updated_at = strftime('%s', 'now') WHERE uuid = 'call-a2'`)
	if _, err := sc.admin.Exec(ctx, `DELETE FROM call_reports WHERE uuid IN ('call-a2', 'call-a3')`); err != nil {
		t.Fatal(err)
	}
	res, err := ls.Push(ctx, dest, db.PushList, false)
	if err != nil {
		t.Fatal(err)
	}
	if n := coalCount(t, sc.admin, `SELECT count(*) FROM call_reports WHERE uuid IN ('call-a2', 'call-a3')`); n != 0 || res.Merge.CallReports != 0 {
		t.Errorf("%d of the deleted calls on the server after the push (%d added); want none brought back", n, res.Merge.CallReports)
	}
	listed := callRefusals(res)
	var edited, plain int
	for _, r := range listed {
		if !strings.Contains(r.Reason, "deleted on the server since the checkout") {
			continue
		}
		if strings.Contains(r.Reason, "edited in the file") {
			edited++
		} else {
			plain++
		}
	}
	if len(listed) != 2 || edited != 1 || plain != 1 {
		t.Errorf("listed %+v; want both calls listed as deleted on the server since the checkout, the one edited offline saying so", listed)
	}
}

// Tester t4's F3 for call reports: after a restore the server's copy of a call can
// differ from the checkout's while its times say nothing changed since. The push
// compared the file's trash state with the server's and wrote the file's: a call the
// lead put in the trash went in over the server's other content, and a call the lead
// only annotated was taken out of the server's trash.
func TestPushComparesCallsByContent(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	if _, err := sc.admin.Exec(ctx, `INSERT INTO call_reports (uuid, chapter_id, campaign_id, volunteer_id, legislator_id,
		called_at, outcome, created_at, updated_at) VALUES ('call-a2', $1, $2, $3, $4, 1700003600, 'left_voicemail', 0, 0)`,
		sc.a.ID, sc.campaign, sc.volA, sc.legislator); err != nil {
		t.Fatal(err)
	}
	ls, dest := pushRaceCheckout(t, sc, "Mine")
	fileExec(t, dest, `UPDATE call_reports SET deleted_at = strftime('%s', 'now'), updated_at = strftime('%s', 'now') WHERE uuid = 'call-a'`,
		`UPDATE call_reports SET notes = 'annotated offline', updated_at = strftime('%s', 'now') WHERE uuid = 'call-a2'`)
	// What a restore and another lead's edits leave: other content, old times.
	if _, err := sc.admin.Exec(ctx, `UPDATE call_reports SET notes = 'theirs' WHERE uuid = 'call-a'`); err != nil {
		t.Fatal(err)
	}
	if _, err := sc.admin.Exec(ctx, `UPDATE call_reports SET deleted_at = 5 WHERE uuid = 'call-a2'`); err != nil {
		t.Fatal(err)
	}
	res, err := ls.Push(ctx, dest, db.PushList, false)
	if err != nil {
		t.Fatal(err)
	}
	if n := coalCount(t, sc.admin, `SELECT count(*) FROM call_reports WHERE uuid = 'call-a' AND deleted_at IS NULL`); n != 1 {
		t.Errorf("call-a put in the trash over the server's other content; want it left, listed as changed on both sides")
	}
	if n := coalCount(t, sc.admin, `SELECT count(*) FROM call_reports WHERE uuid = 'call-a2' AND deleted_at IS NOT NULL`); n != 1 {
		t.Errorf("call-a2 taken out of the server's trash though the file only annotated it")
	}
	var conflicts int
	for _, c := range res.Conflicts {
		if c.Kind == db.PushCallReport {
			conflicts++
		}
	}
	if conflicts != 1 {
		t.Errorf("conflicts %+v, others %+v; want the call put in the trash in the file listed as changed on both sides", res.Conflicts, res.Others)
	}
}

// ownerCheckout is a checkout by the server's owner (who may edit the coalition's
// legislators and campaigns): its store and file.
func ownerCheckout(t *testing.T, sc *coalScene) (*db.Store, string) {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "owner.db")
	if err := sc.s.Checkout(context.Background(), dest); err != nil {
		t.Fatal(err)
	}
	return sc.s, dest
}

// Tester t4's F3 for legislators and campaigns: a push compared their versions only,
// and a server restored from a backup hands the same versions out for other content:
// another edit made there since the checkout was overwritten, "conflicts: none".
func TestPushComparesLegislatorsAndCampaignsByContent(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	s, dest := ownerCheckout(t, sc)
	f, err := db.Open(ctx, dest, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var leg int64
	raw := dbtest.Raw(t, dest)
	err = raw.QueryRowContext(ctx, `SELECT id FROM legislators WHERE uuid = 'leg-1'`).Scan(&leg)
	raw.Close()
	if err != nil {
		t.Fatal(err)
	}
	l, err := f.Legislator(ctx, leg)
	if err != nil {
		t.Fatal(err)
	}
	mine := "mine"
	if err := f.SaveLegislatorEdits(ctx, leg, l.Version, nil, &mine); err != nil {
		t.Fatal(err)
	}
	f.Close()
	// As the Campaign screen's save leaves it (the scene's campaign has no UUID a save takes).
	fileExec(t, dest, `UPDATE campaigns SET action_url = 'https://example.org/mine', row_version = row_version + 1,
		updated_at = strftime('%s', 'now') WHERE uuid = 'camp-1'`)
	// Other content under the checkout's versions, as a restore and an edit leave it.
	for _, q := range []string{`UPDATE legislators SET notes = 'theirs' WHERE uuid = 'leg-1'`,
		`UPDATE campaigns SET action_url = 'https://example.org/theirs' WHERE uuid = 'camp-1'`} {
		if _, err := sc.admin.Exec(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	res, err := s.Push(ctx, dest, db.PushList, false)
	if err != nil {
		t.Fatal(err)
	}
	var notes, url string
	if err := sc.admin.QueryRow(ctx, `SELECT (SELECT notes FROM legislators WHERE uuid = 'leg-1'),
		(SELECT action_url FROM campaigns WHERE uuid = 'camp-1')`).Scan(&notes, &url); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, c := range res.Conflicts {
		kinds[c.Kind]++
	}
	if notes != "theirs" || url != "https://example.org/theirs" || kinds[db.PushLegislator] != 1 || kinds[db.PushCampaign] != 1 {
		t.Errorf("server notes %q, action url %q, conflicts %+v, others %+v; want the server's kept and both listed as changed on both sides",
			notes, url, res.Conflicts, res.Others)
	}
}
