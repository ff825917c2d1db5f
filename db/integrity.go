package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// ErrDamaged: SQLite's check found the file damaged. Open refuses to write to it; a
// *DamagedError says which backup to restore.
var ErrDamaged = errors.New("is damaged")

// DamagedError is Open's refusal of a damaged file. Nothing was written to the file.
type DamagedError struct {
	Path    string
	Problem string // what SQLite's check said, for the log
	// Backup is the newest backup of this file in BackupsDir that passes CheckBackup,
	// and BackupTime when it was made; Backup is "" when there is none.
	Backup     string
	BackupTime time.Time
	// IndexOnly: a full check found the damage only in indexes; RepairIndexes
	// (chapterdesk check --repair) rebuilds them from the tables.
	IndexOnly bool
	err       error
}

func (e *DamagedError) Error() string {
	first, _, _ := strings.Cut(strings.TrimSpace(strings.TrimPrefix(e.Problem, "quick check: *** in database main ***")), "; ")
	msg := fmt.Sprintf("%s %v (%s); nothing more is written to it", e.Path, ErrDamaged, first)
	if e.IndexOnly {
		msg += "; the damage lies only in its indexes: repairable (chapterdesk check --repair)"
	}
	return msg
}

// Unwrap gives the check's own error.
func (e *DamagedError) Unwrap() error { return e.err }

// Is lets errors.Is(err, ErrDamaged) hold, however the error was made.
func (e *DamagedError) Is(target error) bool { return target == ErrDamaged }

// quickCheck runs PRAGMA quick_check on a read-only connection of its own, before
// anything writes to the file. It checks every page's structure but not that indexes
// match their tables: on a 260 MB file with a million call reports it takes about half
// a second with the file in the OS cache and two seconds cold, where integrity_check
// takes eight. CheckBackup, run before a file replaces the data, does the full check.
func quickCheck(ctx context.Context, abs string) error {
	c, err := sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		return fmt.Errorf("check %s: %w", abs, err)
	}
	defer c.Close()
	rows, err := c.QueryContext(ctx, `PRAGMA quick_check(5)`)
	if err != nil {
		return checkError(abs, err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return checkError(abs, err)
		}
		for _, l := range strings.Split(line, "\n") {
			if l = strings.TrimSpace(l); l != "ok" && l != "" && l != "*** in database main ***" {
				problems = append(problems, l)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return checkError(abs, err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s: %w (quick check: %s)", abs, ErrDamaged, strings.Join(problems, "; "))
	}
	return nil
}

// checkError names SQLite's "malformed" and "not a database" answers as damage.
func checkError(abs string, err error) error {
	if isCorrupt(err) {
		return fmt.Errorf("%s: %w (%v)", abs, ErrDamaged, err)
	}
	return fmt.Errorf("check %s: %w", abs, err)
}

// isCorrupt reports whether the driver's error is SQLite's SQLITE_CORRUPT or
// SQLITE_NOTADB on a file that starts like an SQLite database.
func isCorrupt(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "malformed") || strings.Contains(msg, "SQLITE_CORRUPT") ||
		strings.Contains(msg, "file is not a database")
}

// damaged turns a check's ErrDamaged into a *DamagedError naming the newest good
// backup.
func damaged(ctx context.Context, abs string, err error) *DamagedError {
	e := &DamagedError{Path: abs, Problem: problemOf(err), err: err}
	e.Backup, e.BackupTime, _ = NewestGoodBackup(ctx, abs)
	return e
}

// NewestGoodBackup finds the newest backup of the database at path in BackupsDir
// (daily, pre-migration or kept by a restore) that passes CheckBackup, and when it
// was made. It returns "" when none does. CheckBackup reads every page (seconds for a
// large file), which is why Open only looks when the file is damaged.
func NewestGoodBackup(ctx context.Context, path string) (string, time.Time, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", time.Time{}, err
	}
	prefix := strings.TrimSuffix(filepath.Base(abs), filepath.Ext(abs)) + "-"
	files, err := filepath.Glob(filepath.Join(BackupsDir(abs), prefix+"*.db"))
	if err != nil {
		return "", time.Time{}, err
	}
	type backup struct {
		path string
		at   time.Time
	}
	var bs []backup
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), prefix+damagedTag) {
			continue // failed its check when it was made
		}
		if fi, err := os.Stat(f); err == nil && fi.Mode().IsRegular() {
			bs = append(bs, backup{f, fi.ModTime()})
		}
	}
	sort.Slice(bs, func(i, j int) bool { return bs[i].at.After(bs[j].at) })
	for _, b := range bs {
		if err := CheckBackup(ctx, b.path); err == nil {
			return b.path, b.at, nil
		}
	}
	return "", time.Time{}, nil
}

// QuickCheck runs the quick check every open for writing runs (PRAGMA quick_check):
// nil, or an ErrDamaged error saying what it found: a *DamagedError with IndexOnly
// when every page it found broken belongs to an index, as the full check would say.
func QuickCheck(ctx context.Context, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	if err := journalLeft(abs); err != nil { // a read-only connection cannot read it
		return fmt.Errorf("check: %w", err)
	}
	if err := checkable(ctx, abs); err != nil {
		return err
	}
	err = busyAlone(abs, quickCheck(ctx, abs))
	if errors.Is(err, ErrDamaged) && quickIndexOnly(ctx, abs) {
		return &DamagedError{Path: abs, Problem: problemOf(err), IndexOnly: true, err: err}
	}
	return err
}

// quickIndexOnly says whether the pages the quick check finds broken all belong to
// indexes, judged as the full check judges them (indexOnly), so that `check` and
// `check --full` say the same of a broken index page: repairable.
func quickIndexOnly(ctx context.Context, abs string) bool {
	c, err := sql.Open("sqlite", dsn(abs, true))
	if err != nil {
		return false
	}
	defer c.Close()
	c.SetMaxOpenConns(1)
	lines, err := pragmaLines(ctx, c, fmt.Sprintf("PRAGMA quick_check(%d)", maxProblems))
	if err != nil {
		if !isCorrupt(err) {
			return false
		}
		lines = []string{err.Error()}
	}
	ok, _ := indexOnly(ctx, c, lines, err != nil)
	return ok
}

// checkable refuses, reading only, what SQLite's checks would call intact though it
// holds no chapter: an empty file where a chapter was kept is damage (ErrDamaged, as
// Open says), any other empty file and another program's SQLite file are not
// ChapterDesk databases (ErrNotDatabase). A newer ChapterDesk's file can be checked.
func checkable(ctx context.Context, abs string) error {
	if err := emptyFile(abs); err != nil {
		return err
	}
	if fi, err := os.Stat(abs); err == nil && fi.Size() == 0 && fileStamp(abs+"-wal") == [2]int64{} {
		return fmt.Errorf("%s: %w (the file is empty: 0 bytes, and no chapter was ever kept in it)", abs, ErrNotDatabase)
	}
	if err := inspect(ctx, abs, true); err != nil && !errors.Is(err, ErrNewerSchema) {
		return err
	}
	return nil
}

// problemOf is what an ErrDamaged error made by a check says SQLite found.
func problemOf(err error) string {
	problem := err.Error()
	if _, after, ok := strings.Cut(problem, ErrDamaged.Error()+" ("); ok {
		problem = strings.TrimSuffix(after, ")")
	}
	return problem
}
