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

// TestPushDoesNotAddCallsTheServerImportedToo (tester t9, repro-17): a lead imports
// the weekly call form into her checkout, offline, and another lead of the chapter
// imports the same form on the server; her push (its new caller's copy put in the
// trash, as the duplicate refusal advises) added every call a second time, each
// stance heard twice in the history: the two imports give the reports different
// UUIDs. A push matches the file's new calls to the server's by their key (the
// legislator, the time, the caller, the outcome), as an import does, and lists them
// as already on the server instead of adding them.
func TestPushDoesNotAddCallsTheServerImportedToo(t *testing.T) {
	sc := newCoalition(t)
	ctx := context.Background()
	campaign := dbtest.Campaign(t, sc.s)
	dbtest.Legislator(t, sc.s, db.ChamberLower, "1st Suffolk", "Jo Ames")
	at := time.Now().UTC().Truncate(time.Hour).Add(-48 * time.Hour)
	row := func(line int, name, email string, at time.Time, outcome db.Outcome) db.IncomingCall {
		return db.IncomingCall{Line: line, CallerName: name, CallerEmail: email, Legislator: "Rep. Jo Ames", CalledAt: at,
			Office: db.OfficeCapitol, Outcome: outcome, StanceHeard: db.StanceYes, Notes: "weekly form"}
	}
	// A caller on the roster and one new to it.
	form := []db.IncomingCall{row(2, "Ann Archer", "ann@example.org", at, db.OutcomeSpokeStaff),
		row(3, "Nova Caller", "nova@example.org", at.Add(time.Hour), db.OutcomeSpokeStaff)}
	alice := sc.openAs(t, sc.leadA)
	file := filepath.Join(t.TempDir(), "alice.db")
	if err := alice.Checkout(ctx, file); err != nil {
		t.Fatal(err)
	}
	f, err := db.Open(ctx, file, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Offline she also has a call of the new caller the server's form has not.
	extra := row(4, "Nova Caller", "nova@example.org", at.Add(2*time.Hour), db.OutcomeLeftVoicemail)
	if _, err := f.ImportCalls(ctx, append(form, extra), db.CallImportOptions{CampaignID: campaign, UpdateStances: true}); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if _, err := alice.ImportCalls(ctx, form, db.CallImportOptions{CampaignID: campaign, UpdateStances: true}); err != nil {
		t.Fatal(err)
	}
	count := func(q string) int {
		t.Helper()
		return coalCount(t, sc.admin, q, sc.a.ID)
	}
	calls := `SELECT count(*) FROM call_reports WHERE chapter_id = $1 AND notes = 'weekly form' AND deleted_at IS NULL`
	stances := `SELECT count(*) FROM stance_history s JOIN call_reports r ON r.id = s.call_report_id
		WHERE r.chapter_id = $1 AND r.notes = 'weekly form'`
	wantStances := count(stances)

	if _, err := alice.Push(ctx, file, db.PushList, false); err == nil || !strings.Contains(err.Error(), "Nova Caller") {
		t.Fatalf("the first push: %v; want it refused, the new caller a likely duplicate", err)
	}
	if f, err = db.Open(ctx, file, db.Options{}); err != nil {
		t.Fatal(err)
	}
	if err := db.WriteRaw(ctx, f, `UPDATE volunteers SET deleted_at = strftime('%s','now'), updated_at = strftime('%s','now'),
		row_version = row_version + 1 WHERE email = 'nova@example.org'`); err != nil {
		t.Fatal(err)
	}
	f.Close()
	res, err := alice.Push(ctx, file, db.PushList, false)
	if err != nil {
		t.Fatalf("the push with the file's copy of the caller in the trash: %v", err)
	}
	if n := count(calls); n != 2 {
		t.Errorf("the server has %d reports of the form's 2 calls after the push; want 2 (the push added them again)", n)
	}
	if n := count(stances); n != wantStances {
		t.Errorf("the server's history has %d stance changes heard on the form's calls after the push; want %d", n, wantStances)
	}
	if res.Merge.CallReports != 0 || len(res.AlreadyOnServer) != 2 {
		t.Errorf("the push added %d call reports, listed %q as already on the server; want 0 added, both listed",
			res.Merge.CallReports, res.AlreadyOnServer)
	}
	// Her call of the caller whose copy she put in the trash is not filed to that
	// trashed copy silently: listed, not brought.
	var refused []string
	for _, r := range res.Refused {
		refused = append(refused, r.Name+": "+r.Reason)
	}
	if said := strings.Join(refused, "\n"); !strings.Contains(said, "Nova Caller") || !strings.Contains(said, "trash") {
		t.Errorf("refused: %q; want the call of Nova Caller listed, its caller in the file's trash", said)
	}
	// Pushed again, the file adds nothing: its trashed caller is on the server's
	// trash now, and the call still not filed to them.
	if res, err = alice.Push(ctx, file, db.PushList, false); err != nil {
		t.Fatalf("the same push again: %v", err)
	}
	if n := count(calls); n != 2 || res.Merge.CallReports != 0 {
		t.Errorf("pushed again: %d reports of the form's calls on the server, %d added; want 2, 0", n, res.Merge.CallReports)
	}
	if said := strings.Join(res.AlreadyOnServer, "\n"); !strings.Contains(said, "Nova Caller") || !strings.Contains(said, "Ann Archer") {
		t.Errorf("already on the server: %q; want each call named with its caller", said)
	}
}
