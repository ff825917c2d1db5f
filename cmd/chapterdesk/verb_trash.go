package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/chapterdesk/chapterdesk/db"
)

// runTrash lists the trash (`trash` or `trash list`), takes one record out of it
// (`trash restore KIND ID`) or empties it for good (`trash empty`).
func runTrash(ctx context.Context, e *env, args []string) error {
	pos, err := e.parse(e.newFlags("trash"), args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		pos = []string{"list"}
	}
	path, err := e.dbPath(false)
	if err != nil {
		return err
	}
	switch pos[0] {
	case "list":
		if len(pos) != 1 {
			return usageError{"trash list takes no argument"}
		}
		return withStore(ctx, path, db.Options{ReadOnly: true}, func(s *db.Store) error {
			items, err := s.Trash(ctx)
			if err != nil {
				return err
			}
			if len(items) == 0 {
				fmt.Fprintln(e.stdout, "the trash is empty")
			}
			printTrash(e, items)
			return nil
		})
	case "restore":
		if len(pos) != 3 {
			return usageError{"give the kind and number to restore: trash restore volunteer 12 (see trash list)"}
		}
		kind, err := db.ParseTrashKind(pos[1])
		if err != nil {
			return usageError{err.Error()}
		}
		id, err := strconv.ParseInt(pos[2], 10, 64)
		if err != nil || id <= 0 {
			return usageError{fmt.Sprintf("%q is not a record number (see trash list)", pos[2])}
		}
		return withStore(ctx, path, db.Options{}, func(s *db.Store) error {
			var moved db.CallTrashed // a call report's stance may count again
			var err error
			if kind == db.TrashCallReports {
				moved, err = s.RestoreCallReport(ctx, id)
			} else {
				err = s.RestoreFromTrash(ctx, kind, id)
			}
			if err != nil {
				if errors.Is(err, db.ErrNotFound) {
					return fmt.Errorf("there is no %s %d in the trash (see trash list)", kind, id)
				}
				return err
			}
			fmt.Fprintf(e.stdout, "%s %d is back out of the trash\n", kind, id)
			if said := moved.Said(false); said != "" {
				fmt.Fprintln(e.stdout, said)
			}
			return nil
		})
	case "empty":
		if len(pos) != 1 {
			return usageError{"trash empty takes no argument"}
		}
		return withStore(ctx, path, db.Options{}, func(s *db.Store) error {
			n, err := s.EmptyTrash(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "deleted %d records for good\n", n)
			// The coordinator's trash is the campaigns' FAQ entries (db.EmptyTrash).
			if role, err := s.CoalitionRole(ctx); err == nil && role == db.RoleCoordinator {
				fmt.Fprintln(e.stdout, "the chapters' volunteers and call reports in the trash stay: "+
					"each chapter's lead empties their own (`trash empty` as the lead), or the server's owner")
			}
			items, err := s.Trash(ctx)
			if err != nil {
				return err
			}
			if len(items) > 0 {
				fmt.Fprintf(e.stdout, "%d stay in the trash:\n", len(items))
				printTrash(e, items)
			}
			return nil
		})
	}
	return usageError{fmt.Sprintf("unknown trash command %q: use list, restore KIND ID or empty", pos[0])}
}

// printTrash writes one line per record in the trash: kind, number, when it was
// deleted and what it is, so `trash restore KIND ID` can be typed from it.
func printTrash(e *env, items []db.TrashItem) {
	for _, it := range items {
		kept := ""
		if it.Kept != "" {
			kept = " (kept when emptied: " + it.Kept + ")"
		}
		fmt.Fprintf(e.stdout, "%-9s %6d  %s  %s%s\n", it.Kind, it.ID, it.DeletedAt.Local().Format("2006-01-02 15:04"), it.Label, kept)
	}
}
