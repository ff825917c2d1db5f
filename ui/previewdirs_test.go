package ui

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/chapterdesk/chapterdesk/db/dbtest"
)

// The leaflet preview's folder is removed when the window closes (issue 15).
func TestPreviewFolderRemovedOnQuit(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	a := test.NewTempApp(t)
	s := dbtest.Open(t)
	dbtest.Campaign(t, s)
	dbtest.Volunteer(t, s, "Ana", "Souza", nil)
	m := newMainWindow(a, s, "test", &fakeFiles{})
	wait(t, m.export.refreshAsync())
	m.export.onPreviewLeaflet()
	dir := m.export.previewDir
	if dir == "" {
		t.Fatal("no preview folder")
	}
	if _, err := os.Stat(dir); err != nil {
		t.Fatal(err)
	}
	m.w.Close()
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the preview folder %s is left after the window closed (%v)", dir, err)
	}
}

// At start, our preview folders older than a day go; newer ones, and others', stay.
func TestStalePreviewFoldersRemovedAtStart(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	mk := func(name string, age time.Duration) string {
		d := filepath.Join(tmp, name)
		if err := os.Mkdir(d, 0o700); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(d, "leaflet.pdf"), []byte("%PDF"), 0o600)
		old := time.Now().Add(-age)
		os.Chtimes(d, old, old)
		return d
	}
	stale := mk(previewPrefix+"123", 30*time.Hour)
	fresh := mk(previewPrefix+"456", time.Hour)
	other := mk("someone-else-preview-789", 30*time.Hour)
	w := newWindowShell(test.NewTempApp(t), "test", nil)
	defer w.w.Close()
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("a day-old preview folder is left at start (%v)", err)
	}
	for _, d := range []string{fresh, other} {
		if _, err := os.Stat(d); err != nil {
			t.Errorf("%s was removed: %v", d, err)
		}
	}
}
