package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPushLeavesOutOwnStanceUndoneOnServer: alice corrected a call's stance on the
// server (a re-import of her call sheet, "No" to "Yes", with --update-stances) and
// checked out; bob, the chapter's other lead, took that import back on the server.
// Her push of the untouched checkout brought the "Yes" back into the whip count,
// silently. It is left out and listed, and --bring-back-deleted brings it back.
func TestPushLeavesOutOwnStanceUndoneOnServer(t *testing.T) {
	run := verbRunner(t)
	_, alice, bob, _, admin := coalitionWithImport(t, run)
	ctx := context.Background()
	dir := t.TempDir()
	head := "called_at,caller_name,caller_email,caller_town,legislator,office,outcome,stance_heard,call_notes\n"
	sheet := func(name, stance string) string {
		p := filepath.Join(dir, name)
		row := "2026-12-01 10:00,Ana Perez,ana@example.org,Worcester,Sen. Jamie Eldridge,capitol,spoke_legislator," + stance + ",\n"
		if err := os.WriteFile(p, []byte(head+row), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	run(exitOK, "import", "calls", sheet("calls.csv", "no"), "--update-stances", "--db", alice)
	out := run(exitOK, "import", "calls", sheet("calls-fixed.csv", "yes"), "--update-stances", "--db", alice)
	batch := regexp.MustCompile(`import batch (\d+)`).FindStringSubmatch(out)
	if batch == nil {
		t.Fatalf("the corrected sheet's import names no batch:\n%s", out)
	}
	stance := func() string {
		t.Helper()
		var s string
		if err := admin.QueryRow(ctx, `SELECT s.stance FROM stances s JOIN legislators l ON l.id = s.legislator_id
			WHERE l.name = 'Jamie Eldridge'`).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	if s := stance(); s != "yes" {
		t.Fatalf("the whip count after the corrected sheet: %q, want yes", s)
	}
	file := filepath.Join(dir, "alice.db")
	run(exitOK, "checkout", "--to", file, "--db", alice)
	run(exitOK, "import", "undo", batch[1], "--db", bob)
	if s := stance(); s != "no" {
		t.Fatalf("the whip count after bob's undo: %q, want no", s)
	}

	out = run(exitOK, "push", file, "--db", alice)
	if s := stance(); s != "no" {
		t.Errorf("alice's push brought bob's undone stance back: the whip count says %q", s)
	}
	if !strings.Contains(out, "not brought back: 1 of your chapter's stance changes") || !strings.Contains(out, "Sen. Jamie Eldridge: yes") ||
		!strings.Contains(out, "--bring-back-deleted") {
		t.Errorf("the push does not list the stance change it left out:\n%s", out)
	}
	out = run(exitOK, "push", file, "--bring-back-deleted", "--db", alice)
	if s := stance(); s != "yes" || !strings.Contains(out, "brought back (--bring-back-deleted): 1") {
		t.Errorf("with --bring-back-deleted: the whip count says %q\n%s", s, out)
	}
}
