package bundle

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestRemoveLeftovers: the work folder a killed export left is removed at the next
// start once it is an hour old; a younger one may be a running export's.
func TestRemoveLeftovers(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	old, young := filepath.Join(tmp, workPrefix+"1"), filepath.Join(tmp, workPrefix+"2")
	other := filepath.Join(tmp, "someone-elses")
	for _, d := range []string{old, young, other} {
		os.Mkdir(d, 0o700)
		os.WriteFile(filepath.Join(d, dbName), []byte("plain"), 0o600)
	}
	hours := time.Now().Add(-2 * time.Hour)
	os.Chtimes(old, hours, hours)
	os.Chtimes(other, hours, hours)
	if got := RemoveLeftovers(); len(got) != 1 || got[0] != old {
		t.Errorf("removed %v", got)
	}
	for d, want := range map[string]bool{old: false, young: true, other: true} {
		if _, err := os.Stat(d); (err == nil) != want {
			t.Errorf("%s there: %v, want %v", d, err == nil, want)
		}
	}
}

// TestExportLeavesOnlyTheBundle: nothing but the bundle is ever written beside it,
// and the export's private folder is gone when it returns, also when it fails.
func TestExportLeavesOnlyTheBundle(t *testing.T) {
	ctx := context.Background()
	s := chapter(t)
	tmp, dest := t.TempDir(), t.TempDir()
	t.Setenv("TMPDIR", tmp)
	out := filepath.Join(dest, "chapter.cdbundle")
	if _, err := Export(ctx, s, out, Options{Passphrase: "correct horse battery staple", WorkFactor: 10}); err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Export(cancelled, s, filepath.Join(dest, "again.cdbundle"), Options{}); err == nil {
		t.Error("a cancelled export succeeded")
	}
	if ents, _ := os.ReadDir(dest); len(ents) != 1 || ents[0].Name() != "chapter.cdbundle" {
		t.Errorf("beside the bundle: %v", ents)
	}
	if ents, _ := os.ReadDir(tmp); len(ents) != 0 {
		t.Errorf("left in the temporary folder: %v", ents)
	}
}
