package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportListsValuesNotUsed: a CiviCRM fax number refused its whole row, and a
// made-up phone and zip were stored without a word. The rows are imported, and the
// summary lists each value not used, with its line, column and why.
func TestImportListsValuesNotUsed(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "civi.csv")
	text := "Contact ID,Contact Type,Display Name,First Name,Last Name,Email,Phone,Phone Type,Postal Code\r\n" +
		"1,Individual,Fa X,Fa,X,fax@example.org,617-555-0608,Fax,02134\r\n" +
		"2,Individual,Ma De,Ma,De,made@example.org,555-555-5555,Phone,00000\r\n"
	if err := os.WriteFile(f, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := chapterdesk(t, "import", "volunteers", f, "--db", filepath.Join(dir, "c.db"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"2 created",
		"3 values not used as the file has them (their volunteers imported with the rest of their row):\n",
		"  line 2, column 7 (Phone): \"617-555-0608\": its Phone Type is \"Fax\", a number no one calls: not stored as the phone\n",
		"  line 3, column 7 (Phone): \"555-555-5555\": a made-up number",
		"  line 3, column 9 (Postal Code): \"00000\": a placeholder",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
}
