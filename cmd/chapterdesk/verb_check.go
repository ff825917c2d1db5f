package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/chapterdesk/chapterdesk/db"
)

// The check verb's exit codes, for scripts. 1 (could not check) and 2 (a wrong
// command line) are every verb's.
const (
	exitDamaged          = 3 // the file is damaged: restore the newest good backup
	exitDamagedIndexOnly = 4 // damaged only in its indexes: check --repair rebuilds them
)

// exitError ends a verb with a code of its own; msg, when not empty, goes to stderr.
type exitError struct {
	code int
	msg  string
}

func (e exitError) Error() string { return e.msg }

const checkHelp = `Exit codes: 0 intact (or repaired), 1 could not check, 2 wrong command line,
3 damaged (restore the newest good backup), 4 damaged only in its indexes
(repairable with chapterdesk check --repair).`

// runCheck runs SQLite's quick check, or with --full the full integrity check, on the
// data file, reading only (it works while the app is open). A full check's finding is
// recorded beside the file: a damaged file refuses every write until it is restored or
// repaired; a clean one clears that. A full check also checks the backups not yet
// checked. --repair rebuilds the indexes of a file damaged
// only in them, after keeping a copy of it as it is.
func runCheck(ctx context.Context, e *env, args []string) error {
	fs := e.newFlags("check")
	full := fs.Bool("full", false, "the full integrity check: every index against its table too (seconds on a large file)")
	repair := fs.Bool("repair", false, "rebuild the indexes of a file damaged only in them (REINDEX), keeping a copy of it first; the app must be closed")
	e.help = checkHelp
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 {
		return usageError{"check takes no arguments"}
	}
	path, err := e.dbPath(false)
	if err != nil {
		return err
	}
	if db.IsServer(path) {
		return errors.New("check reads a data file's pages; a chapter server keeps its own (ask whoever runs it, or take an offline copy with backup FILE and check that)")
	}
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("%s does not exist", path)
	}
	if *repair {
		return repairIndexes(ctx, e, path)
	}
	if !*full {
		if r, ok := db.DamageMark(path); ok {
			fmt.Fprintf(e.stdout, "damaged: %s (found by the full check of %s)\n", path, r.At.Local().Format("2006-01-02 15:04"))
			return damagedExit(ctx, e, r)
		}
		err := db.QuickCheck(ctx, path)
		if errors.Is(err, db.ErrDamaged) {
			fmt.Fprintf(e.stdout, "damaged: %s (quick check)\n", path)
			r := db.CheckReport{Path: path, Problems: []string{err.Error()}}
			// Broken pages all in indexes: repairable, as the full check says.
			if de := (*db.DamagedError)(nil); errors.As(err, &de) && de.IndexOnly {
				r.Problems, r.IndexOnly = []string{errors.Unwrap(err).Error()}, true
			}
			return damagedExit(ctx, e, r)
		}
		if err != nil {
			return fmt.Errorf("could not check: %w", err)
		}
		fmt.Fprintf(e.stdout, "intact: %s (quick check; the full check, --full, also compares every index with its table)\n", path)
		return nil
	}
	r, err := db.FullCheck(ctx, path)
	if err != nil {
		return fmt.Errorf("could not check: %w", err)
	}
	// A finding that cannot be written beside the file (a full disk, a read-only
	// mount) is still the finding: said, with why it is not kept.
	if err := db.RecordCheck(r); err != nil {
		defer fmt.Fprintf(e.stderr, "chapterdesk check: the finding could not be recorded beside the file, "+
			"so the next open does not know it: %s\n", oneLine(err))
	}
	// Backups no check has seen yet (made before a migration by a verb, or by an
	// older ChapterDesk) are checked too, so the newest good one is known.
	if n, bad, err := db.CheckUncheckedBackups(ctx, path); err != nil {
		fmt.Fprintf(e.stderr, "chapterdesk check: backups: %s\n", oneLine(err))
	} else if n > 0 {
		fmt.Fprintf(e.stdout, "backups: %d checked, %d of them damaged (kept under a damaged name)\n", n, bad)
	}
	if r.Intact() {
		fmt.Fprintf(e.stdout, "intact: %s (full check, %.1f s)\n", path, r.Took.Seconds())
		return nil
	}
	fmt.Fprintf(e.stdout, "damaged: %s (full check, %.1f s)\n", path, r.Took.Seconds())
	return damagedExit(ctx, e, r)
}

// damagedExit lists what the check found, says what to do, and ends with 3, or 4 when
// the damage lies only in indexes.
func damagedExit(ctx context.Context, e *env, r db.CheckReport) error {
	for _, p := range r.Problems {
		fmt.Fprintf(e.stdout, "  %s\n", p)
	}
	if r.RepairFailed != "" {
		fmt.Fprintf(e.stdout, "The repair of its indexes (check --repair) failed: %s. It cannot be repaired here.\n", r.RepairFailed)
	}
	de := &db.DamagedError{Path: r.Path, Problem: r.Problems[0], IndexOnly: r.IndexOnly}
	de.Backup, de.BackupTime, _ = db.NewestGoodBackup(ctx, r.Path)
	if r.IndexOnly {
		fmt.Fprintf(e.stdout, "The damage lies only in indexes: %s rebuilds them "+
			"(the file as it is is kept in the backups folder first).\n", repairCommand(r.Path))
	}
	fmt.Fprintln(e.stdout, "Nothing will be written to it until it is restored or repaired.")
	fmt.Fprintln(e.stdout, restoreAdvice(de))
	if r.IndexOnly {
		return exitError{code: exitDamagedIndexOnly}
	}
	return exitError{code: exitDamaged}
}

// repairIndexes runs check --repair.
func repairIndexes(ctx context.Context, e *env, path string) error {
	kept, err := db.RepairIndexes(ctx, path)
	var de *db.DamagedError
	if r, ok := db.DamageMark(path); errors.As(err, &de) && ok && r.RepairFailed != "" {
		fmt.Fprintf(e.stdout, "not repaired: %s (the rebuilt copy was not put in its place; the file is as it was)\n", path)
		return damagedExit(ctx, e, r)
	}
	if errors.As(err, &de) {
		fmt.Fprintf(e.stdout, "not repaired: %s is damaged beyond its indexes\n", path)
		return damagedExit(ctx, e, db.CheckReport{Path: path, Problems: []string{de.Problem}})
	}
	if err != nil {
		return err
	}
	if kept == "" {
		fmt.Fprintf(e.stdout, "intact: %s (full check); nothing to repair\n", path)
		return nil
	}
	fmt.Fprintf(e.stdout, "repaired: %s (its indexes rebuilt; the full check passes)\n", path)
	fmt.Fprintf(e.stdout, "the file as it was is kept as %s\n", kept)
	return nil
}
