package db

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"
)

// leftoverAge is how old a temporary file of ChapterDesk's must be before Open takes it
// away: a copy being written keeps its modification time fresh, so one this old
// belongs to a process that was killed.
const leftoverAge = 10 * time.Minute

// tempNames are the names ChapterDesk gives its temporary files, beside a data file
// and in its backups folder:
//   - vacuumInto's ".NAME.incomplete-123" (backups, restores, bundles);
//   - writeFileAtomic's and the bundle export's ".NAME.123.tmp" (exports, reports);
var tempNames = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\..+\.(incomplete-[0-9]+|(csv|xlsx|pdf|json|db|cdbundle)\.[0-9]+\.tmp)$`)
})

var bundleWork = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\.bundle-[0-9]+$`) })

// staleDir reports whether the folder at d and everything in it are leftoverAge old.
func staleDir(d string) bool {
	fi, err := os.Lstat(d)
	if err != nil || !fi.IsDir() || time.Since(fi.ModTime()) < leftoverAge {
		return false
	}
	ents, err := os.ReadDir(d)
	if err != nil {
		return false
	}
	for _, e := range ents {
		info, err := e.Info()
		if err != nil || time.Since(info.ModTime()) < leftoverAge {
			return false
		}
	}
	return true
}

// removeLeftovers takes away what killed ChapterDesk processes left beside the data
// file abs and in its backups folder (up to tens of MB each): the temporary names
// above, and the restore's, the repair's and Build's working copies of this file
// ("NAME.restoring", "NAME.repairing", "NAME.building", with their -wal, -shm and
// .lock), once they are leftoverAge old and no running ChapterDesk holds their lock. The caller holds abs's writer lock, so no
// restore of abs is running. It returns what it removed.
func removeLeftovers(abs string) []string {
	var removed []string
	old := func(fi os.FileInfo) bool {
		return fi.Mode().IsRegular() && time.Since(fi.ModTime()) >= leftoverAge
	}
	for _, dir := range []string{filepath.Dir(abs), BackupsDir(abs)} {
		ents, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range ents {
			if !tempNames().MatchString(e.Name()) {
				continue
			}
			p := filepath.Join(dir, e.Name())
			if fi, err := os.Lstat(p); err == nil && old(fi) && os.Remove(p) == nil {
				removed = append(removed, p)
			}
		}
	}
	// Bundle export (before it moved to the temporary folder) and bundle open work in
	// a ".bundle-123" folder beside their file, holding a plain copy of a database.
	if dirs, err := filepath.Glob(filepath.Join(globEscape(filepath.Dir(abs)), ".bundle-*")); err == nil {
		for _, d := range dirs {
			if bundleWork().MatchString(filepath.Base(d)) && staleDir(d) && os.RemoveAll(d) == nil {
				removed = append(removed, d)
			}
		}
	}
	for _, stem := range []string{abs + ".restoring", abs + ".repairing", abs + ".building"} {
		files, _ := filepath.Glob(globEscape(stem) + "*")
		if len(files) == 0 {
			continue
		}
		stale := true
		for _, f := range files {
			rest := strings.TrimPrefix(f, stem)
			if rest != "" && rest != "-wal" && rest != "-shm" && rest != "-journal" && rest != ".lock" {
				stale = false // not one of ours
			}
			if fi, err := os.Lstat(f); err != nil || !old(fi) {
				stale = false
			}
		}
		if !stale || lockedByOther(lockPath(stem)) {
			continue
		}
		for _, f := range files {
			if os.Remove(f) == nil {
				removed = append(removed, f)
			}
		}
	}
	return removed
}

// lockedByOther reports whether a running ChapterDesk holds the lock file at path.
func lockedByOther(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR|oNoFollow, 0)
	if err != nil {
		return false // none (or not ours to open): nobody holds it through us
	}
	defer f.Close()
	err = lockFileRetrying(f)
	if err == nil {
		unlockFile(f)
	}
	return err != nil
}

// globEscape quotes the characters filepath.Glob treats specially.
func globEscape(s string) string {
	r := strings.NewReplacer(`*`, `\*`, `?`, `\?`, `[`, `\[`)
	if filepath.Separator == '\\' {
		r = strings.NewReplacer(`*`, `[*]`, `?`, `[?]`, `[`, `[[]`)
	}
	return r.Replace(s)
}
