package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestReadingVerbsGiveRestoreAdvice: the verbs that only read (stats, export, report)
// tell a lead whose file is damaged, or cut to 0 bytes, which backup to restore and
// how, as the writing ones do.
func TestReadingVerbsGiveRestoreAdvice(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "chapter.db")
	backup := demoWithBackup(t, path)
	want := "restore it with: chapterdesk restore " + backup + " --db " + path
	damage := map[string]func(){
		"damaged":     func() { dbtest.Corrupt(t, path) },
		"cut to zero": func() { os.Truncate(path, 0) },
	}
	for _, how := range []string{"damaged", "cut to zero"} {
		t.Run(how, func(t *testing.T) {
			damage[how]()
			for _, verb := range [][]string{{"stats"}, {"export", "volunteers", filepath.Join(dir, "v.csv")}} {
				code, _, errOut := chapterdesk(t, append(verb, "--db", path)...)
				if code != exitDamaged || !strings.Contains(errOut, "is damaged") || !strings.Contains(errOut, want) {
					t.Errorf("%v: exit %d, stderr %q; want it to contain %q", verb, code, errOut, want)
				}
			}
			if how != "damaged" {
				return
			}
			// The restore the message offers works (a second one within the same
			// second would find its "before-restore" name taken).
			if code, out, errOut := chapterdesk(t, "restore", backup, "--db", path); code != 0 {
				t.Fatalf("restore: exit %d %q %q", code, out, errOut)
			}
		})
	}
}
