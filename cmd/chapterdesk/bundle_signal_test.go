//go:build unix

package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func init() {
	// The whole program, signal handling included, as a person runs it.
	crashRoles["main"] = func(_ context.Context, args []string) error {
		os.Args = append([]string{"chapterdesk"}, args...)
		main()
		return nil
	}
}

// plainCopies lists every file or folder under the roots that holds (or is) an
// unencrypted copy of a database a bundle export makes on its way.
func plainCopies(roots ...string) []string {
	var out []string
	for _, root := range roots {
		filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
			if err == nil && p != root && (strings.HasPrefix(fi.Name(), ".bundle-") ||
				strings.HasPrefix(fi.Name(), "chapterdesk-bundle-") || fi.Name() == "chapterdesk.db") {
				out = append(out, p)
			}
			return nil
		})
	}
	return out
}

// TestBundleExportSignals: a bundle export stopped by SIGINT, SIGTERM or SIGHUP (the
// terminal closing) leaves no plain copy of the database anywhere; while it runs, the
// plain copy is in a private folder of the temporary folder, never beside the bundle.
func TestBundleExportSignals(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "data", "chapter.db")
	os.Mkdir(filepath.Dir(path), 0o700)
	if code, _, errOut := chapterdesk(t, "demo", "--volunteers", "2000", "--calls", "20000", "--db", path); code != 0 {
		t.Fatalf("demo: %s", errOut)
	}
	passFile := filepath.Join(dir, "pass")
	os.WriteFile(passFile, []byte("correct horse battery staple\n"), 0o600)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
		t.Run(sig.String(), func(t *testing.T) {
			tmp, dest := t.TempDir(), t.TempDir()
			t.Setenv("TMPDIR", tmp)
			out := filepath.Join(dest, "hand-off.cdbundle")
			c := startChild(t, "main", "bundle", "export", out, "--passphrase-file", passFile, "--db", path)
			var seen []string
			for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline) && len(seen) == 0; time.Sleep(time.Millisecond) {
				seen = plainCopies(tmp, dest)
			}
			if len(seen) == 0 {
				c.cmd.Process.Kill()
				c.cmd.Wait()
				t.Fatalf("never saw the export's work folder: %s", c.out.String())
			}
			for _, p := range seen {
				if strings.HasPrefix(p, dest) {
					t.Errorf("a plain copy beside the bundle: %s", p)
				}
			}
			c.cmd.Process.Signal(sig)
			c.cmd.Wait()
			if left := plainCopies(tmp, dest); len(left) > 0 {
				t.Errorf("after %v: %v", sig, left)
			}
			if ents, _ := os.ReadDir(dest); len(ents) > 0 {
				t.Errorf("after %v the destination holds %v", sig, ents)
			}
		})
	}
}
