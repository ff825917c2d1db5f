//go:build unix

package importer_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer"
)

// TestMain lets the test binary play the importing process that the kill test kills.
func TestMain(m *testing.M) {
	if file, dbPath := os.Getenv("CHAPTERDESK_KILL_IMPORT"), os.Getenv("CHAPTERDESK_KILL_DB"); file != "" {
		os.Exit(importForKill(file, dbPath))
	}
	os.Exit(m.Run())
}

func importForKill(file, dbPath string) int {
	ctx := context.Background()
	s, err := db.Open(ctx, dbPath, db.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer s.Close()
	f, err := os.Open(file)
	if err != nil {
		return 1
	}
	defer f.Close()
	vf, err := importer.OpenVolunteers(f, "")
	if err != nil {
		return 1
	}
	fmt.Println("importing") // the parent starts its clock when this arrives
	if _, err := s.ImportVolunteers(ctx, vf.Rows(false, nil), db.ImportOptions{Format: vf.Format.ID}); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// TestKillDuringImport kills an import of a large file at several points and checks
// that the database is intact and holds either the whole import or none of it.
func TestKillDuringImport(t *testing.T) {
	if testing.Short() {
		t.Skip("kills processes; slow")
	}
	file, _ := generateNationBuilder(t, 20_000)
	dir := t.TempDir()
	// A roster already in the file, so the import takes the ordinary (WAL) path that
	// a lead's real second import takes; the empty-roster fast path is covered too.
	for i, delay := range []time.Duration{50 * time.Millisecond, 200 * time.Millisecond, 400 * time.Millisecond,
		700 * time.Millisecond, 1000 * time.Millisecond, 1500 * time.Millisecond} {
		for _, seeded := range []bool{false, true} {
			dbPath := filepath.Join(dir, fmt.Sprintf("kill-%d-%v.db", i, seeded))
			before := 0
			if seeded {
				s, err := db.Open(context.Background(), dbPath, db.Options{})
				if err != nil {
					t.Fatal(err)
				}
				for j := range 50 {
					v := db.NewVolunteer("Seed", fmt.Sprint(j))
					if _, err := s.CreateVolunteer(context.Background(), v); err != nil {
						t.Fatal(err)
					}
				}
				s.Close()
				before = 50
			}
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "CHAPTERDESK_KILL_IMPORT="+file, "CHAPTERDESK_KILL_DB="+dbPath)
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			buf := make([]byte, 16)
			out.Read(buf) // "importing"
			time.Sleep(delay)
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()

			d, err := sql.Open("sqlite", "file:"+dbPath)
			if err != nil {
				t.Fatal(err)
			}
			var check string
			var volunteers, batches int
			d.QueryRow(`PRAGMA integrity_check`).Scan(&check)
			d.QueryRow(`SELECT count(*) FROM volunteers`).Scan(&volunteers)
			d.QueryRow(`SELECT count(*) FROM import_batches`).Scan(&batches)
			d.Close()
			complete := before + 19_000 // the 20,000-row file holds 1,000 duplicates
			t.Logf("killed after %v (roster of %d): %d volunteers, %d batches", delay, before, volunteers, batches)
			if !strings.EqualFold(check, "ok") {
				t.Errorf("killed after %v: integrity_check says %q", delay, check)
			}
			if !(volunteers == before && batches == 0) && !(volunteers == complete && batches == 1) {
				t.Errorf("killed after %v: %d volunteers and %d batches: neither absent (%d, 0) nor complete (%d, 1)",
					delay, volunteers, batches, before, complete)
			}
		}
	}
}
