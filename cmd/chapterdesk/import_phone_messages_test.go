package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestImportPhoneMessagesSayWhatToDo: a phone number Excel turned into scientific
// notation ("6.17556E+09") was told to "write it with its area code", which it had
// before Excel lost its last digits; and a phone number that differs from the
// roster's was named by the database's column, "phone_e164", with the numbers in
// E.164 (tester, s41).
func TestImportPhoneMessagesSayWhatToDo(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "chapter.db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	first := writeFile(t, "first.csv", "First name,Last name,Email,Phone,Cell phone\n"+
		"Ana,Silva,ana@example.org,617-555-0199,617-555-0100\n"+
		"Bob,Jones,bob@example.org,6.17556E+09,\n")
	code, out, errOut := chapterdesk(t, "import", "volunteers", first, "--db", path, "--skip-bad-rows", filepath.Join(dir, "rejects.csv"))
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	t.Run("says Excel's scientific notation lost the number's digits", func(t *testing.T) {
		if !strings.Contains(out, `"6.17556E+09" is a number Excel wrote in scientific notation, its last digits lost`) ||
			!strings.Contains(out, "format the column as text") || strings.Contains(out, "area code") {
			t.Errorf("output:\n%s", out)
		}
	})
	again := writeFile(t, "again.csv", "First name,Last name,Email,Phone,Cell phone\n"+
		"Ana,Silva,ana@example.org,617-555-0111,617-555-0100\n")
	code, out, errOut = chapterdesk(t, "import", "volunteers", again, "--db", path)
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	t.Run("names a phone number as one, written as people write it", func(t *testing.T) {
		if !strings.Contains(out, `line 2: Ana Silva phone number: roster "(617) 555-0199", file "(617) 555-0111"`) || strings.Contains(out, "e164") {
			t.Errorf("output:\n%s", out)
		}
	})
}
