package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSecondGarciaVerb: the real ma-194th export, H 4240's 17 House votes "Garcia"
// matched to Rep. Judith García, then a legislators file adding a Carlos Garcia to the
// House. The legislators import names the votes at stake, the session imported again
// unmatches them (the same record as with the legislators first), and undoing the
// legislators import says to import the session again, which gives them back to her.
func TestSecondGarciaVerb(t *testing.T) {
	const ma = "../../../shared/data/openstates/ma.csv"
	text, err := os.ReadFile(ma)
	if err != nil {
		t.Skipf("shared data not here: %v", err)
	}
	header, _, _ := strings.Cut(string(text), "\n")
	var judith string
	for _, line := range strings.Split(string(text), "\n") {
		if strings.Contains(line, ",Judith García,") {
			judith = line
		}
	}
	carlos := strings.NewReplacer("ocd-person/6f15f647-07f5-4739-a340-497798a474e7", "ocd-person/00000000-0000-0000-0000-0000000000aa",
		"Judith García", "Carlos Garcia", "11th Suffolk", "99th Suffolk", ",Judith,García,Female,judith.garcia", ",Carlos,Garcia,Male,carlos.garcia").
		Replace(judith)
	if judith == "" || carlos == judith {
		t.Fatalf("no Judith García row to make one of: %q", judith)
	}
	dir := t.TempDir()
	extra := filepath.Join(dir, "ma-extra.csv")
	if err := os.WriteFile(extra, []byte(header+"\n"+carlos+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "chapter.db")
	must := func(args ...string) string {
		t.Helper()
		code, out, errOut := chapterdesk(t, append(args, "--db", path)...)
		if code != 0 {
			t.Fatalf("%v: exit %d, %s%s", args, code, out, errOut)
		}
		return out
	}
	must("import", "legislators", ma)
	must("campaign", "link", "1", "H.3269", "--session", "194th", "--to", "H 4240")
	must("import", "session", maSession, "--exported", "2026-04-05")
	out := must("import", "legislators", extra, "--state", "MA")
	if want := `17 House votes matched by name to Rep. Judith García ("Garcia") fit Rep. Carlos Garcia too, new here: ` +
		`import session 194th of MA again to check them`; !strings.Contains(out, want) {
		t.Errorf("the legislators import does not say %q:\n%s", want, out)
	}
	out = must("import", "session", maSession, "--exported", "2026-04-05")
	for _, want := range []string{`Garcia fits 2 members of the House (Carlos Garcia, Judith García)`,
		"17 votes an earlier import matched by name are unmatched now", "import batch 4"} {
		if !strings.Contains(out, want) {
			t.Errorf("the session again does not say %q:\n%s", want, out)
		}
	}
	out = must("import", "undo", "3")
	if want := "the votes of session 194th of MA were matched by name, or left unmatched, against the legislators it brought " +
		"(by a session import since), and stay so: import that session again"; !strings.Contains(out, want) {
		t.Errorf("the undo does not say %q:\n%s", want, out)
	}
	if out := must("import", "session", maSession, "--exported", "2026-04-05"); !strings.Contains(out, "17 votes matched now that were unmatched before") {
		t.Errorf("the session after the undo:\n%s", out)
	}
}
