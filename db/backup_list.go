package db

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// BackupFile is one copy in a data file's backups folder.
type BackupFile struct {
	Path    string
	Kind    string // daily, migration, manual, before-restore, or "" when unknown
	ModTime time.Time
	Size    int64
	// Checked: the full integrity check passed on this copy as it is now.
	Checked bool
	// Damaged: the copy failed its check and is kept under a name that says so; it
	// is never restored from nor counted among the backups kept.
	Damaged bool
}

// backupKinds are the kinds a backup's name can carry, longest first.
var backupKinds = []string{"before-restore", "before-repair", "pre-migration", "migration", "manual", "daily"}

// ListBackups lists the backups beside the data file at path, newest first. A
// missing folder is an empty list.
func ListBackups(path string) ([]BackupFile, error) {
	dir := BackupsDir(path)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)) + "-"
	checks := readBackupChecks(dir)
	var out []BackupFile
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || filepath.Ext(name) != ".db" {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		b := BackupFile{Path: filepath.Join(dir, name), ModTime: info.ModTime(), Size: info.Size()}
		rest := strings.TrimPrefix(name, base)
		if strings.HasPrefix(rest, damagedTag) {
			b.Damaged, rest = true, strings.TrimPrefix(rest, damagedTag)
		}
		b.Checked = !b.Damaged && checks[name].OK && checks[name].Size == b.Size
		for _, k := range backupKinds {
			if strings.HasPrefix(rest, k+"-") {
				b.Kind = k
				break
			}
		}
		out = append(out, b)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ModTime.After(out[j].ModTime) })
	return out, nil
}

// BackupNow writes a backup into the backups folder, named for now, and checks it in
// full (CheckCopy); the lead's own backups are never pruned. A copy that fails its
// check is kept under a damaged name and reported as an ErrDamaged error.
func (s *Store) BackupNow(ctx context.Context, now time.Time) (string, error) {
	if s.server != nil { // its path is an address: no folder is beside it
		return "", errors.New("back up: a chapter server is backed up by whoever runs it; " +
			"chapterdesk backup FILE --db and the server's address writes the chapter as a data file of your own")
	}
	dir := BackupsDir(s.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("back up: %w", err)
	}
	name := strings.TrimSuffix(filepath.Base(s.path), filepath.Ext(s.path)) + "-manual-" + now.Format("20060102-150405") + ".db"
	dest := filepath.Join(dir, name)
	if err := s.Backup(ctx, dest); err != nil {
		return "", err
	}
	return CheckCopy(ctx, dest)
}
