package ui

import (
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// previewPrefix names the temporary folders the leaflet preview prints into.
const previewPrefix = "chapterdesk-preview-"

// stalePreviewAge is how old a preview folder of ours must be to be removed at start:
// older than any preview another ChapterDesk still running could be showing.
const stalePreviewAge = 24 * time.Hour

// previews are the preview folders this process made and has not removed yet; they
// go when the window closes or the app quits (any goroutine).
var previews struct {
	sync.Mutex
	dirs map[string]bool
}

// newPreviewDir makes a preview folder and remembers it for removal on quit.
func newPreviewDir() (string, error) {
	dir, err := os.MkdirTemp("", previewPrefix)
	if err != nil {
		return "", err
	}
	previews.Lock()
	defer previews.Unlock()
	if previews.dirs == nil {
		previews.dirs = map[string]bool{}
	}
	previews.dirs[dir] = true
	return dir, nil
}

// removePreviewDir removes one preview folder.
func removePreviewDir(dir string) {
	if dir == "" {
		return
	}
	os.RemoveAll(dir)
	previews.Lock()
	delete(previews.dirs, dir)
	previews.Unlock()
}

// removePreviewDirs removes every preview folder this process made: on quit.
func removePreviewDirs() {
	previews.Lock()
	dirs := previews.dirs
	previews.dirs = nil
	previews.Unlock()
	for d := range dirs {
		os.RemoveAll(d)
	}
}

// removeStalePreviews removes the preview folders of ours (by their name) older than
// a day from the temporary folder: left by a ChapterDesk that was killed or crashed
// before it could remove them. It returns what it removed.
func removeStalePreviews() []string {
	dirs, _ := filepath.Glob(filepath.Join(os.TempDir(), previewPrefix+"*"))
	var removed []string
	for _, d := range dirs {
		fi, err := os.Lstat(d) // a symlink of that name is not ours to follow
		if err != nil || !fi.IsDir() || !strings.HasPrefix(fi.Name(), previewPrefix) ||
			time.Since(fi.ModTime()) < stalePreviewAge {
			continue
		}
		if err := os.RemoveAll(d); err != nil {
			slog.Info("remove stale preview folder", "dir", d, "err", err)
			continue
		}
		removed = append(removed, d)
	}
	return removed
}
