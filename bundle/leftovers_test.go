package bundle

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

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
