package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// An import whose output nobody reads any more (`chapterdesk import ... | head -1`)
// still finishes: the new database takes its name.
func TestImportOutlivesItsReader(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a process")
	}
	path := filepath.Join(t.TempDir(), "new.db")
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r.Close() // the reader has gone before the first line
	cmd := childCommand("cli", "import", "legislators", "--state", "MA", "--db", path)
	cmd.Stdout, cmd.Stderr = w, w
	err = cmd.Run()
	w.Close()
	if err != nil {
		t.Fatalf("the import ended with %v", err)
	}
	if _, err := os.Stat(path + ".building"); err == nil {
		t.Error("the .building file is still there")
	}
	if _, out, _ := chapterdesk(t, "stats", "--db", path); !strings.Contains(out, "legislators: 198") {
		t.Errorf("stats after the import:\n%s", out)
	}
}
