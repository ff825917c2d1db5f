package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportSessionNoBillLinked: tester t10 imported nh-2024 into a chapter whose
// campaign was set to New Hampshire but linked to no bill of the session; the import
// said "0 changed" and nothing else, the lead left to guess why. It now says no
// campaign bill is linked to the session, naming the campaign's bills, with the
// command that links one, and to import the export again.
func TestImportSessionNoBillLinked(t *testing.T) {
	nh := "../../../shared/data/openstates-sessions/nh-2024"
	if _, err := os.Stat(nh); err != nil {
		t.Skipf("shared data not here: %v", err)
	}
	path := filepath.Join(t.TempDir(), "chapter.db")
	must := func(args ...string) string {
		t.Helper()
		code, out, errOut := chapterdesk(t, append(args, "--db", path)...)
		if code != 0 {
			t.Fatalf("%v: exit %d, %s%s", args, code, out, errOut)
		}
		return out
	}
	must("import", "legislators", "--state", "NH")
	must("campaign", "set", "1", "--state", "NH", "--votes-upper", "13", "--votes-lower", "201")
	out := must("import", "session", nh, "--exported", "2024-12-19")
	for _, want := range []string{"no campaign bill is linked to session 2024 of NH", "nothing of this export was kept",
		"chapterdesk campaign link 1 S.1305 --session 2024 --state NH --to NUMBER", "then import the export again"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in:\n%s", want, out)
		}
	}
}
