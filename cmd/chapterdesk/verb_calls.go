package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/chapterdesk/chapterdesk/db"
)

// runCalls does the call reports' own jobs: `calls fix-times --imported-on-zone ZONE
// [--dry-run]` puts right the times an older ChapterDesk read on its computer's clock
// (db.Store.FixCallTimes).
func runCalls(ctx context.Context, e *env, args []string) error {
	fs := e.newFlags("calls")
	zone := fs.String("imported-on-zone", "", "fix-times: the zone the computer that imported them was set to (UTC, America/Chicago, ...)")
	dry := fs.Bool("dry-run", false, "fix-times: show what would move, and write nothing")
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || pos[0] != "fix-times" {
		return usageError{"give what to do: calls fix-times --imported-on-zone ZONE [--dry-run]"}
	}
	if *zone == "" {
		return usageError{"give the zone the computer that imported them was set to: --imported-on-zone UTC (or America/Chicago, Europe/Lisbon, ...)"}
	}
	path, err := e.dbPath(false)
	if err != nil {
		return err
	}
	return withStore(ctx, path, db.Options{}, func(s *db.Store) error {
		fix, err := s.FixCallTimes(ctx, *zone, *dry)
		if err != nil {
			return err
		}
		printCallTimesFix(e, fix)
		return nil
	})
}

// printCallTimesFix says what a fix-times moved (or would: a dry run), by how much,
// with a few reports before and after.
func printCallTimesFix(e *env, fix db.CallTimesFix) {
	if fix.Moved+fix.Right+len(fix.Skipped) == 0 {
		fmt.Fprintln(e.stdout, "no call report is marked as read on an older ChapterDesk's computer's clock: nothing to put right")
		return
	}
	verb, cleared := "moved", "no longer marked"
	if fix.DryRun {
		verb, cleared = "dry run, nothing written: would move", "would no longer be marked"
	}
	var by []string
	for _, sh := range fix.Shifts {
		by = append(by, fmt.Sprintf("%d of them %s", sh.Reports, sh.Hours()))
	}
	how := ""
	if len(by) > 0 {
		how = ": " + strings.Join(by, ", ")
	}
	trash := ""
	if fix.Trashed > 0 {
		trash = fmt.Sprintf(" (%d of them in the trash)", fix.Trashed)
	}
	if fix.Moved > 0 {
		fmt.Fprintf(e.stdout, "%s %d call reports, their form times read on %s's clock rather than %s's%s%s\n",
			verb, fix.Moved, fix.Zone, fix.Legislature, how, trash)
	}
	for _, x := range fix.Examples {
		fmt.Fprintf(e.stdout, "  the call to %s: %s → %s\n", x.Legislator, x.Before, x.After)
	}
	if fix.Right > 0 {
		fmt.Fprintf(e.stdout, "%d call reports read the same on %s's clock as on %s's: their times were right, %s\n",
			fix.Right, fix.Zone, fix.Legislature, cleared)
	}
	if fix.Moved > 0 && !fix.DryRun {
		fmt.Fprintln(e.stdout, "their marks cleared: the exports no longer mark them")
	}
	switch {
	case fix.StanceChanges > 0 && fix.DryRun:
		fmt.Fprintf(e.stdout, "%d stance changes heard on them would move with them, and the whip count be settled again by the calls' times put right\n",
			fix.StanceChanges)
	case fix.StanceChanges > 0:
		fmt.Fprintf(e.stdout, "%d stance changes heard on them moved with them: the whip count ranks each call at its time put right", fix.StanceChanges)
		if len(fix.Recounted) == 0 {
			fmt.Fprintln(e.stdout, ", and stands as it did")
		} else {
			fmt.Fprintf(e.stdout, ", and changed for %d legislators:\n", len(fix.Recounted))
		}
		for _, r := range fix.Recounted {
			fmt.Fprintf(e.stdout, "  %s: %s → %s\n", r.Legislator, r.Before.Label(), r.After.Label())
		}
	}
	if len(fix.Skipped) > 0 {
		fmt.Fprintf(e.stdout, "%d left as they are, still marked (a time that did not happen on the legislature's clock):\n", len(fix.Skipped))
		for _, s := range fix.Skipped {
			fmt.Fprintf(e.stdout, "  %s\n", s)
		}
	}
	if fix.BatchID != 0 {
		fmt.Fprintf(e.stdout, "chapterdesk import undo %d takes it back\n", fix.BatchID)
	}
}
