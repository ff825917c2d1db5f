package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// A lead or the coordinator asking a verb for what their role may not do is told so
// in a sentence naming what they may do, never PostgreSQL's "permission denied for
// table ..."; the coordinator's stats are the coalition's counts.
func TestCoalitionVerbsRefuseClearly(t *testing.T) {
	base := dbtest.EmptyServerURL(t)
	n := coalitionVerbSeq.Add(1)
	alice, carol := fmt.Sprintf("alice_r%d", n), fmt.Sprintf("carol_r%d", n)
	run := verbRunner(t)
	run(exitOK, "server", "init", "--db", base)
	run(exitOK, "demo", "--volunteers", "40", "--calls", "100", "--db", base)
	run(exitOK, "server", "add-chapter", "Worcester", "--db", base)
	run(exitOK, "server", "add-lead", alice, "--chapter", "Worcester", "--db", base)
	run(exitOK, "server", "add-coordinator", carol, "--db", base)
	lead, coord := coalitionVerbURL(t, base, alice), coalitionVerbURL(t, base, carol)
	dir := t.TempDir()
	file := filepath.Join(dir, "other.db")
	run(exitOK, "demo", "--volunteers", "5", "--calls", "5", "--db", file)
	calls := filepath.Join(dir, "calls.csv")
	run(exitOK, "export", "calls", calls, "--db", file)
	// refused runs a verb that must fail, and checks what it says.
	refused := func(t *testing.T, login, want string, args ...string) {
		t.Helper()
		out := verbRunner(t)(exitFail, append(args, "--db", login)...)
		if strings.Contains(out, "SQLSTATE") || strings.Contains(out, "permission denied") {
			t.Errorf("%s: the server's raw refusal: %q", strings.Join(args, " "), out)
		}
		if !strings.Contains(out, want) {
			t.Errorf("%s: %q does not say %q", strings.Join(args, " "), out, want)
		}
	}
	t.Run("the coordinator's stats are the coalition's counts", func(t *testing.T) {
		out := verbRunner(t)(exitOK, "stats", "--db", coord)
		if !strings.Contains(out, "volunteers: 40\n") || !strings.Contains(out, "call_reports: 100\n") {
			t.Errorf("stats as the coordinator:\n%s", out)
		}
	})
	t.Run("a lead's merge points to push", func(t *testing.T) {
		refused(t, lead, "`push FILE`", "merge", file)
	})
	t.Run("the coordinator's verbs of people point to report", func(t *testing.T) {
		for _, args := range [][]string{{"merge", file}, {"export", "volunteers", filepath.Join(dir, "v.csv")},
			{"export", "calls", filepath.Join(dir, "c.csv")}, {"leaflet", filepath.Join(dir, "l.pdf")},
			{"callsheets", filepath.Join(dir, "s.pdf")}, {"backup", filepath.Join(dir, "b.db")},
			{"checkout", "--to", filepath.Join(dir, "co.db")}, {"import", "calls", calls}} {
			refused(t, coord, "report FILE.xlsx", args...)
		}
	})
	// Her trash is the campaigns' FAQ entries: her `trash empty` failed with the
	// refusal above (the chapters' trashed records are not hers to delete). It empties
	// those and says the chapters' stay (TestCoordinatorEmptiesCampaignTrash).
	t.Run("the coordinator empties the campaigns' trash, not the chapters'", func(t *testing.T) {
		run := verbRunner(t)
		run(exitOK, "trash", "list", "--db", coord)
		if out := run(exitOK, "trash", "empty", "--db", coord); !strings.Contains(out, "each chapter's lead empties their own") {
			t.Errorf("the coordinator's trash empty does not say the chapters' records stay:\n%s", out)
		}
	})
	t.Run("the coordinator imports the shared legislators and undoes the import", func(t *testing.T) {
		run := verbRunner(t)
		out := run(exitOK, "import", "legislators", "--state", "MA", "--db", coord)
		batch := regexp.MustCompile(`import batch (\d+)`).FindStringSubmatch(out)
		if !strings.Contains(out, "created") || batch == nil {
			t.Fatalf("the coordinator's import of legislators:\n%s", out)
		}
		run(exitOK, "import", "undo", batch[1], "--db", coord)
	})
	t.Run("a lead's changes of the shared record name the owner", func(t *testing.T) {
		for _, args := range [][]string{{"campaign", "archive", "1"}, {"import", "legislators", "--state", "MA"}} {
			refused(t, lead, "owner", args...)
		}
		// Her own chapter's trash she empties (s45-lead, TestLeadEmptiesOwnChapterTrash).
		verbRunner(t)(exitOK, "trash", "empty", "--db", lead)
	})
	// Nothing was left behind by a refused export.
	if _, err := os.Stat(filepath.Join(dir, "v.csv")); err == nil {
		t.Errorf("a refused export left its file")
	}
}
