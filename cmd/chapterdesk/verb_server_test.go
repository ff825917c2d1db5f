package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/jackc/pgx/v5"
)

// A lead's whole round on a chapter server, from the command line: set it up, fill it,
// read it, take it offline as a file and bring the file back.
func TestServerVerbs(t *testing.T) {
	url := dbtest.EmptyServerURL(t)
	code, _, errOut := chapterdesk(t, "stats", "--db", url)
	if code != exitFail || !strings.Contains(errOut, "server init") || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
		t.Fatalf("stats before init: %d %q", code, errOut)
	}
	code, out, errOut := chapterdesk(t, "server", "init", "--db", url)
	if code != exitOK || !strings.Contains(out, "set up ChapterDesk on") || !strings.Contains(out, "starter campaign") {
		t.Fatalf("server init: %d %q %q", code, out, errOut)
	}
	// The test server's login is a superuser: init makes the coalition's roles, with
	// their grants on this database.
	if !strings.Contains(out, "chapterdesk_lead and chapterdesk_coordinator are ready") {
		t.Errorf("server init did not say it made the coalition's roles: %q", out)
	}
	pg, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	var leadReads, coordReads bool
	if err := pg.QueryRow(context.Background(), `SELECT has_table_privilege('chapterdesk_lead', 'volunteers', 'SELECT'),
		has_table_privilege('chapterdesk_coordinator', 'volunteers', 'SELECT')`).Scan(&leadReads, &coordReads); err != nil {
		t.Fatal(err)
	}
	pg.Close(context.Background())
	if !leadReads || coordReads {
		t.Errorf("after server init, a lead reads volunteers: %v (want true), the coordinator: %v (want false)", leadReads, coordReads)
	}
	code, out, _ = chapterdesk(t, "server", "init", "--db", url)
	if code != exitOK || !strings.Contains(out, "nothing changed") {
		t.Fatalf("server init again: %d %q", code, out)
	}
	code, out, errOut = chapterdesk(t, "demo", "--volunteers", "120", "--calls", "700", "--db", url)
	if code != exitOK || strings.Contains(out, "?host=") {
		t.Fatalf("demo: %d %q %q", code, out, errOut)
	}
	code, out, _ = chapterdesk(t, "stats", "--db", url)
	if code != exitOK || !strings.Contains(out, "volunteers: 120") || !strings.Contains(out, "call_reports: 700") {
		t.Fatalf("stats: %d %q", code, out)
	}
	file := filepath.Join(t.TempDir(), "canvass.db")
	code, out, errOut = chapterdesk(t, "backup", file, "--db", url)
	if code != exitOK || !strings.Contains(out, "checked: intact") {
		t.Fatalf("backup: %d %q %q", code, out, errOut)
	}
	code, out, _ = chapterdesk(t, "stats", "--db", file)
	if code != exitOK || !strings.Contains(out, "volunteers: 120") || !strings.Contains(out, "call_reports: 700") {
		t.Fatalf("stats of the offline copy: %d %q", code, out)
	}
	// The copy comes back: nothing new, so nothing added.
	code, out, errOut = chapterdesk(t, "merge", file, "--db", url)
	if code != exitOK || !strings.Contains(out, "nothing new") {
		t.Fatalf("merge the copy back: %d %q %q", code, out, errOut)
	}
	// Another chapter's file comes in once.
	other := filepath.Join(t.TempDir(), "other.db")
	if code, _, errOut := chapterdesk(t, "demo", "--volunteers", "30", "--calls", "90", "--seed", "9", "--db", other); code != exitOK {
		t.Fatal(errOut)
	}
	code, out, errOut = chapterdesk(t, "merge", other, "--db", url)
	if code != exitOK || !strings.Contains(out, "30 volunteers, 90 call reports") {
		t.Fatalf("merge another chapter: %d %q %q", code, out, errOut)
	}
	code, out, _ = chapterdesk(t, "stats", "--db", url)
	if code != exitOK || !strings.Contains(out, "volunteers: 150") {
		t.Fatalf("stats after the merge: %d %q", code, out)
	}
}

func TestServerAddressesTheLeadGetsWrong(t *testing.T) {
	code, _, errOut := chapterdesk(t, "stats", "--db", "postgres://alice:s3cret@db.example.org/chapter")
	if code != exitFail || !strings.Contains(errOut, "PGPASSWORD") || strings.Contains(errOut, "s3cret") {
		t.Errorf("a password on the command line: %d %q", code, errOut)
	}
	code, _, errOut = chapterdesk(t, "stats", "--db", "postgres://alice@/chapter?host=/nonexistent-socket-dir&sslmode=disable")
	if code != exitFail || !strings.Contains(errOut, "cannot reach the server") {
		t.Errorf("an unreachable server: %d %q", code, errOut)
	}
	for _, verb := range [][]string{{"check"}, {"restore", "x.db"}} {
		code, _, errOut = chapterdesk(t, append(verb, "--db", "postgres://alice@/chapter?host=/nonexistent-socket-dir")...)
		if code != exitFail || strings.Count(strings.TrimSpace(errOut), "\n") != 0 || !strings.Contains(errOut, "server") {
			t.Errorf("%s on a server: %d %q", verb[0], code, errOut)
		}
	}
	code, _, errOut = chapterdesk(t, "server", "init", "--db", filepath.Join(t.TempDir(), "x.db"))
	if code != exitFail || !strings.Contains(errOut, "data file") {
		t.Errorf("server init on a file: %d %q", code, errOut)
	}
}
