package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/chapterdesk/chapterdesk/db"
)

// runBackup writes a consistent copy of the data file, readable only by its owner. It
// reads only, so it works while the app has the file open.
func runBackup(ctx context.Context, e *env, args []string) error {
	pos, err := e.parse(e.newFlags("backup"), args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || pos[0] == "" {
		return usageError{"give the backup file to write: backup FILE"}
	}
	// Said before the copy begins, in the words of every verb that writes a file (a
	// folder, a link to nowhere, no such folder): the copy's own errors would name its
	// temporary file, or call a folder a file. An existing file is refused by Backup.
	if _, _, err := writeTarget(pos[0]); err != nil {
		return err
	}
	if err := folderThere(pos[0]); err != nil {
		return err
	}
	path, err := e.dbPath(false)
	if err != nil {
		return err
	}
	// The copy is checked in full below (not the file first: CheckChangedUpTo -1).
	return withStore(ctx, path, db.Options{ReadOnly: true, CheckChangedUpTo: -1}, func(s *db.Store) error {
		if err := s.Backup(ctx, pos[0]); err != nil {
			return err
		}
		r, err := db.FullCheck(ctx, pos[0])
		if err != nil {
			return fmt.Errorf("check the copy %s: %w", pos[0], err)
		}
		if !r.Intact() {
			bad := filepath.Join(filepath.Dir(pos[0]), "damaged-"+filepath.Base(pos[0]))
			if err := os.Rename(pos[0], bad); err != nil {
				bad = pos[0]
			}
			return exitError{code: exitDamaged, msg: fmt.Sprintf("the copy %s failed SQLite's full check (%s): the data file itself is "+
				"probably damaged; run chapterdesk check --full", bad, r.Problems[0])}
		}
		fmt.Fprintf(e.stdout, "backed up %s to %s (checked: intact)\n", showDB(path), pos[0])
		return nil
	})
}

// runRestore replaces the data file with a backup after checking it; the file it
// replaces is kept in the backups folder beside it.
func runRestore(ctx context.Context, e *env, args []string) error {
	fs := e.newFlags("restore")
	otherChapter := fs.Bool("other-chapter", false, "restore a backup of another chapter than the data file's (refused without it)")
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"give the backup file to restore: restore FILE"}
	}
	path, err := e.dbPath(false)
	if err != nil {
		return err
	}
	if db.IsServer(path) {
		return fmt.Errorf("restore replaces a data file; to bring a file's records into a chapter server, merge it: chapterdesk merge %s --db ...", pos[0])
	}
	kept, err := db.Restore(ctx, path, pos[0], *otherChapter)
	if errors.Is(err, db.ErrOtherChapter) {
		return fmt.Errorf("%w: add --other-chapter", err)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "restored %s from %s\n", path, pos[0])
	if kept != "" {
		fmt.Fprintf(e.stdout, "the file it replaced is kept as %s\n", kept)
	}
	return nil
}
