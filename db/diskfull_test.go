package db_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
)

// TestImportOnAFullDiskSaysSo: an import that filled the disk was reported against
// the row being written ("line 4,123: database or disk is full"), as if the row were
// bad. It says now that the disk is full, how much room is left, and that nothing
// was written (the transaction rolled back): the roster is as it was. A real full
// disk: a small tmpfs, which needs root and mount.
func TestImportOnAFullDiskSaysSo(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root, to mount a small tmpfs")
	}
	ctx := context.Background()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	defer exec.Command("umount", dir).Run()
	path := filepath.Join(dir, "chapter.db")
	s, err := db.Open(ctx, path, db.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	before, _ := s.CountVolunteers(ctx, db.VolunteerFilter{})
	var rows []db.IncomingVolunteer
	for i := range 20000 {
		rows = append(rows, db.IncomingVolunteer{Line: i + 2, Volunteer: db.Volunteer{
			FirstName: fmt.Sprintf("Ana%d", i), LastName: "Souza", Email: fmt.Sprintf("ana%d@example.org", i),
			Notes: strings.Repeat("notes ", 40)}})
	}
	_, err = s.ImportVolunteers(ctx, db.VolunteerRows(rows), db.ImportOptions{Format: "csv"})
	var full *db.DiskFullError
	if !errors.As(err, &full) || !strings.Contains(err.Error(), "disk is full") ||
		!strings.Contains(err.Error(), "nothing") || strings.Contains(err.Error(), "line ") {
		t.Fatalf("an import that fills the disk: %v", err)
	}
	if full.Dir != dir {
		t.Errorf("the full disk's folder: %q, want %q", full.Dir, dir)
	}
	if after, _ := s.CountVolunteers(ctx, db.VolunteerFilter{}); after != before {
		t.Errorf("volunteers after the failed import: %d, want %d", after, before)
	}
}
