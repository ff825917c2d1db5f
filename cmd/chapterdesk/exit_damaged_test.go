package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// TestDamagedExitCode: every verb that opens a damaged data file exits as check does,
// 3 (restore the newest good backup), so a script tells "the file is damaged" from "the
// job failed" (1) whichever verb met it. stats, export, report and trash exited 1.
// (A read-only verb that never reads a damaged page, such as whipboard here, does its
// job: a read-only open does not check the file.)
func TestDamagedExitCode(t *testing.T) {
	path, backup := checkedDemo(t)
	dbtest.Corrupt(t, path)
	out := t.TempDir()
	for _, args := range [][]string{
		{"stats"},
		{"stats", "--json"},
		{"export", "volunteers", filepath.Join(out, "v.csv")},
		{"export", "calls", filepath.Join(out, "c.csv")},
		{"report", filepath.Join(out, "r.xlsx"), "--all"},
		{"trash", "list"},
		{"import", "legislators", "../../../shared/data/openstates/ma.csv", "--dry-run"},
		{"import", "legislators", "../../../shared/data/openstates/ma.csv"},
		{"check"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, stdout, stderr := chapterdesk(t, append(args, "--db", path)...)
			if code != exitDamaged {
				t.Errorf("exit %d, not %d: %s%s", code, exitDamaged, stdout, stderr)
			}
			if !strings.Contains(stdout+stderr, backup) {
				t.Errorf("the newest good backup %s is not named: %s%s", backup, stdout, stderr)
			}
		})
	}
}
