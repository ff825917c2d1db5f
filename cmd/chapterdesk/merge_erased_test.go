package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/jackc/pgx/v5"
)

// TestMergeOfBackupKeepsDeletedOut is tester t4's F4 on a server: an import taken back
// with import undo, then the owner's merge of a backup taken before it, brought its
// two volunteers back live ("2 volunteers ... added"); so did a volunteer emptied from
// the trash. The merge leaves them out now and says why; --bring-back-deleted takes
// them in on purpose.
func TestMergeOfBackupKeepsDeletedOut(t *testing.T) {
	ctx := context.Background()
	run := verbRunner(t)
	server, dir := dbtest.ServerURL(t), t.TempDir()
	csv := filepath.Join(dir, "f4.csv")
	if err := os.WriteFile(csv, []byte("First Name,Last Name,Email\nUndo1,Gone,u1@x.org\nUndo2,Gone,u2@x.org\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	batch := regexp.MustCompile(`import batch (\d+)`).FindStringSubmatch(run(0, "import", "volunteers", csv, "--db", server))
	if batch == nil {
		t.Fatal("the import named no batch")
	}
	backup := filepath.Join(dir, "f4_owner.db")
	run(0, "backup", backup, "--db", server)
	run(0, "import", "undo", batch[1], "--db", server)
	gone := func() string {
		t.Helper()
		c, err := pgx.Connect(ctx, server)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close(ctx)
		var n string
		if err := c.QueryRow(ctx, `SELECT count(*)::text FROM volunteers WHERE last_name = 'Gone' AND deleted_at IS NULL`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}

	said := run(0, "merge", backup, "--db", server)
	if n := gone(); n != "0" {
		t.Errorf("after merging the backup: %s of the undone import's volunteers live again", n)
	}
	if !strings.Contains(said, "not added again: 2 volunteers deleted here for good (import undo "+batch[1]+", ") ||
		!strings.Contains(said, "--bring-back-deleted") {
		t.Errorf("the merge said %q", said)
	}

	said = run(0, "merge", backup, "--bring-back-deleted", "--db", server)
	if n := gone(); n != "2" || !strings.Contains(said, "2 volunteers") || !strings.Contains(said, "brought back") {
		t.Errorf("merged with --bring-back-deleted: %s live; it said %q", n, said)
	}

	// One of them in the trash, the trash emptied, the backup merged again.
	dbtest.ServerAdmin(t, server, `UPDATE volunteers SET deleted_at = updated_at WHERE email = 'u1@x.org'`)
	run(0, "trash", "empty", "--db", server)
	said = run(0, "merge", backup, "--db", server)
	if n := gone(); n != "1" || !strings.Contains(said, "not added again: 1 volunteers deleted here for good (emptied from the trash ") {
		t.Errorf("after the trash was emptied, merging the backup: %s live; it said %q", n, said)
	}
}
