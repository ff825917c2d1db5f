package db

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// The temporary files ChapterDesk writes where the lead chose (a backup's
// ".NAME.incomplete-123", a report's ".NAME.xlsx.123.tmp") and the bundle export's
// work folder in the system's temporary folder (an unlocked copy of the roster) are
// recorded while they are written, so that the next start, whichever verb or the app,
// removes what a killed process left wherever it was. Each process writes the paths
// into a list of its own in the user's cache folder and holds a lock on that list for
// as long as it runs: a list whose lock can be had belongs to a process that is gone,
// and what it names is not in use.

var (
	pendingMu   sync.Mutex
	pendingList *os.File // this process's list, locked; nil until the first TrackTemp
)

// pendingDir is where the lists are kept.
func pendingDir() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "chapterdesk", "pending"), nil
}

// bundleWorkName is the bundle export's work folder in the system's temporary folder
// (bundleWork is bundle open's, beside the new file).
var bundleWorkName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^chapterdesk-bundle-[0-9]+$`) })

// CreateTemp is os.CreateTemp (pattern's last "*" becomes a random number), the name
// recorded before the file exists, so a kill at any moment leaves nothing unrecorded.
func CreateTemp(dir, pattern string) (*os.File, error) {
	return makeTemp(dir, pattern, func(p string) (*os.File, error) {
		return os.OpenFile(p, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	})
}

// MkdirTemp is os.MkdirTemp (mode 0700), recorded as CreateTemp records.
func MkdirTemp(dir, pattern string) (string, error) {
	_, err := makeTemp(dir, pattern, func(p string) (*os.File, error) {
		dir = p
		return nil, os.Mkdir(p, 0o700)
	})
	if err != nil {
		return "", err
	}
	return dir, nil
}

func makeTemp(dir, pattern string, create func(string) (*os.File, error)) (*os.File, error) {
	if dir == "" {
		dir = os.TempDir()
	}
	prefix, suffix := pattern, ""
	if i := strings.LastIndex(pattern, "*"); i >= 0 {
		prefix, suffix = pattern[:i], pattern[i+1:]
	}
	for try := 0; ; try++ {
		p := filepath.Join(dir, prefix+strconv.FormatUint(uint64(rand.Uint32()), 10)+suffix)
		TrackTemp(p)
		f, err := create(p)
		if errors.Is(err, fs.ErrExist) && try < 10000 {
			continue
		}
		return f, err
	}
}

// TrackTemp records that this process is writing the temporary file or work folder
// at path, for RemoveDeadTemps to take should the process be killed. A path that is
// not one of ChapterDesk's temporary names is never removed, recorded or not. It
// fails quietly: the record is a clean-up aid, not a condition of the job.
func TrackTemp(path string) {
	abs, err := filepath.Abs(path)
	if err != nil || strings.ContainsAny(abs, "\r\n") {
		return
	}
	pendingMu.Lock()
	defer pendingMu.Unlock()
	if pendingList == nil {
		dir, err := pendingDir()
		if err != nil || os.MkdirAll(dir, 0o700) != nil {
			return
		}
		f, err := os.CreateTemp(dir, fmt.Sprintf("%d-*.list", os.Getpid()))
		if err != nil {
			return
		}
		if lockFile(f) != nil {
			f.Close()
			os.Remove(f.Name())
			return
		}
		pendingList = f
	}
	pendingList.WriteString(abs + "\n")
}

// DoneWithTemps, at the end of a process that ran its course, removes what its list
// names that is still there (a job that stopped half way) and the list itself, so
// that the next start has no list of this process to lock, read and remove.
func DoneWithTemps() {
	pendingMu.Lock()
	defer pendingMu.Unlock()
	if pendingList == nil {
		return
	}
	if _, err := pendingList.Seek(0, 0); err == nil {
		sc := bufio.NewScanner(pendingList)
		for sc.Scan() {
			removeTemp(sc.Text())
		}
	}
	os.Remove(pendingList.Name())
	unlockFile(pendingList)
	pendingList.Close()
	pendingList = nil
}

// RemoveDeadTemps removes the temporary files and work folders recorded by
// ChapterDesk processes that are no longer running (their list's lock is free), with
// the -journal and -wal SQLite kept beside a copy being written, and their lists. It
// returns what it removed.
func RemoveDeadTemps() []string {
	dir, err := pendingDir()
	if err != nil {
		return nil
	}
	lists, _ := filepath.Glob(filepath.Join(globEscape(dir), "*.list"))
	var removed []string
	for _, l := range lists {
		f, err := os.OpenFile(l, os.O_RDWR|oNoFollow, 0)
		if err != nil {
			continue
		}
		if lockFile(f) != nil { // its process runs: what it lists may be in use
			f.Close()
			continue
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			removed = append(removed, removeTemp(sc.Text())...)
		}
		os.Remove(l)
		unlockFile(f)
		f.Close()
	}
	return removed
}

// removeTemp removes one recorded path if it is one of ChapterDesk's temporary names.
func removeTemp(p string) []string {
	var removed []string
	base := filepath.Base(p)
	switch {
	case bundleWorkName().MatchString(base), bundleWork().MatchString(base):
		if fi, err := os.Lstat(p); err == nil && fi.IsDir() && os.RemoveAll(p) == nil {
			removed = append(removed, p)
		}
	case tempNames().MatchString(base):
		for _, f := range []string{p, p + "-journal", p + "-wal", p + "-shm"} {
			if fi, err := os.Lstat(f); err == nil && fi.Mode().IsRegular() && os.Remove(f) == nil {
				removed = append(removed, f)
			}
		}
	}
	return removed
}
