package db

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// damagedTag marks, after the data file's name, a backup that failed its full check
// ("chapterdesk-damaged-daily-20260102.db"): it keeps the copy for whoever wants to
// look, and it is outside every kind's rotation.
const damagedTag = "damaged-"

// backupChecks is the backups folder's record of which copies passed the full check:
// checks.json, by file name, with the size checked (a copy changed since is not
// taken as checked).
type backupCheck struct {
	OK   bool  `json:"ok"`
	Size int64 `json:"size"`
	At   int64 `json:"at"`
}

const backupChecksFile = "checks.json"

// checksMu serializes this process's updates of checks.json; two processes updating
// it at once may lose an entry, which only shows that copy as not yet checked.
var checksMu sync.Mutex

func readBackupChecks(dir string) map[string]backupCheck {
	m := map[string]backupCheck{}
	if data, err := os.ReadFile(filepath.Join(dir, backupChecksFile)); err == nil {
		json.Unmarshal(data, &m)
	}
	return m
}

func updateBackupChecks(dir string, fn func(map[string]backupCheck)) error {
	checksMu.Lock()
	defer checksMu.Unlock()
	m := readBackupChecks(dir)
	fn(m)
	data, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		return err
	}
	return writeFileAtomic(filepath.Join(dir, backupChecksFile), data)
}

func forgetBackupCheck(path string) {
	updateBackupChecks(filepath.Dir(path), func(m map[string]backupCheck) { delete(m, filepath.Base(path)) })
}

// CheckCopy runs the full check on a backup just made in the backups folder and
// records the result. A copy that fails is renamed with the damaged tag, and CheckCopy
// returns its new path with an ErrDamaged error. It reads the copy only, on a
// connection of its own: the data file and the app are not held up.
func CheckCopy(ctx context.Context, path string) (string, error) {
	r, err := FullCheck(ctx, path)
	if err != nil {
		return path, err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return path, err
	}
	dir, name := filepath.Split(path)
	if r.Intact() {
		return path, updateBackupChecks(dir, func(m map[string]backupCheck) {
			m[name] = backupCheck{OK: true, Size: fi.Size(), At: r.At.Unix()}
		})
	}
	bad := markBackupDamaged(path)
	return bad, fmt.Errorf("backup %s %w (full check: %s); it is kept under that name and never restored nor counted among the backups kept",
		bad, ErrDamaged, strings.Join(r.Problems, "; "))
}

// markBackupDamaged renames a backup with the damaged tag after the data file's name
// and returns its new path (the old one if the rename fails).
func markBackupDamaged(path string) string {
	dir, name := filepath.Split(path)
	base, kind, ok := strings.Cut(name, "-")
	if !ok || strings.HasPrefix(kind, damagedTag) {
		return path
	}
	bad := filepath.Join(dir, base+"-"+damagedTag+kind)
	if err := os.Rename(path, bad); err != nil {
		return path
	}
	updateBackupChecks(dir, func(m map[string]backupCheck) {
		delete(m, name)
		m[filepath.Base(bad)] = backupCheck{OK: false, At: time.Now().Unix()}
	})
	return bad
}

// CheckUncheckedBackups runs the full check on every backup of the data file at path
// that has none recorded yet (made before a migration, kept by a restore, or by an
// older ChapterDesk), newest first, and returns how many it checked and how many
// failed. It stops at the first error that is not damage (an interrupted check).
func CheckUncheckedBackups(ctx context.Context, path string) (checked, damaged int, err error) {
	bs, err := ListBackups(path)
	if err != nil {
		return 0, 0, err
	}
	for _, b := range bs {
		if b.Checked || b.Damaged {
			continue
		}
		_, err := CheckCopy(ctx, b.Path)
		if errors.Is(err, ErrDamaged) {
			checked, damaged = checked+1, damaged+1
			continue
		}
		if err != nil {
			return checked, damaged, err
		}
		checked++
	}
	return checked, damaged, nil
}
