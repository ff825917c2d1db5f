package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/importer"
)

// runCalls does the call reports' own jobs: `calls fix-times --imported-on-zone ZONE
// --from FORM.csv... [--dry-run]` puts right the times an older ChapterDesk read on
// its computer's clock, those the form files wrote without a zone
// (db.Store.FixCallTimes).
func runCalls(ctx context.Context, e *env, args []string) error {
	fs := e.newFlags("calls")
	zone := fs.String("imported-on-zone", "", "fix-times: the zone the computer that imported them was set to (UTC, America/Chicago, ...)")
	dry := fs.Bool("dry-run", false, "fix-times: show what would move, and write nothing")
	var froms []string
	fs.Func("from", "fix-times: a form file the reports were imported from (as often as needed): only those whose time there had no zone move",
		func(v string) error { froms = append(froms, v); return nil })
	noZone := fs.Bool("forms-gave-no-zone", false, "fix-times: without the form files, your word that every form imported wrote its times without a zone")
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || pos[0] != "fix-times" {
		return usageError{"give what to do: calls fix-times --imported-on-zone ZONE --from FORM.csv [--dry-run]"}
	}
	if *zone == "" {
		return usageError{"give the zone the computer that imported them was set to: --imported-on-zone UTC (or America/Chicago, Europe/Lisbon, ...)"}
	}
	opts := db.FixCallTimesOptions{Zone: *zone, DryRun: *dry, FormsGaveNoZone: *noZone}
	for _, f := range froms {
		rows, err := formTimes(f)
		if err != nil {
			return err
		}
		opts.Forms = append(opts.Forms, rows...)
	}
	path, err := e.dbPath(false)
	if err != nil {
		return err
	}
	return withStore(ctx, path, db.Options{}, func(s *db.Store) error {
		fix, err := s.FixCallTimes(ctx, opts)
		if err != nil {
			return err
		}
		for _, f := range froms {
			n, bare := 0, 0
			for _, r := range opts.Forms {
				if r.File == filepath.Base(f) {
					n++
					if !r.Zoned {
						bare++
					}
				}
			}
			fmt.Fprintf(e.stdout, "%s: %d rows, %d of them with no zone\n", filepath.Base(f), n, bare)
		}
		printCallTimesFix(e, fix)
		return nil
	})
}

// formTimes reads the times of a form file as `import calls` reads them, each with
// whether the form wrote its zone.
func formTimes(path string) ([]db.FormTime, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("--from %s: %w", path, err)
	}
	defer f.Close()
	calls, err := importer.ReadCallsWith(f, importer.Options{})
	if err != nil {
		return nil, fmt.Errorf("--from %s: %w", path, err)
	}
	if len(calls.Rows) == 0 {
		return nil, fmt.Errorf("--from %s: no call report with a time could be read in it", path)
	}
	out := make([]db.FormTime, len(calls.Rows))
	for i, r := range calls.Rows {
		out[i] = db.FormTime{File: filepath.Base(path), Line: r.Line, Zoned: !r.WallClock, At: r.CalledAt, Written: r.WrittenAt}
	}
	return out, nil
}

// printCallTimesFix says what a fix-times moved (or would: a dry run), by how much,
// with a few reports before and after.
func printCallTimesFix(e *env, fix db.CallTimesFix) {
	if fix.Moved+fix.Right+fix.ZoneGiven+fix.NotInForms+len(fix.Skipped) == 0 {
		fmt.Fprintln(e.stdout, "no call report is marked as read on an older ChapterDesk's computer's clock: nothing to put right")
		return
	}
	if fix.Unverified {
		fmt.Fprintln(e.stdout, "not checked against the form files: a report whose form wrote the time with its own offset or zone "+
			"(2024-01-16T09:36:11-05:00) was read right and must not be moved, and this shows every marked report moved; "+
			"give the form files with --from FILE to move only those whose time had no zone")
		for _, s := range fix.Sources {
			fmt.Fprintf(e.stdout, "  imported from %s\n", s)
		}
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
	if fix.ZoneGiven > 0 {
		fmt.Fprintf(e.stdout, "%d call reports' form times gave their own zone, read right by every ChapterDesk: not moved, %s\n",
			fix.ZoneGiven, cleared)
	}
	if fix.NotInForms > 0 {
		fmt.Fprintf(e.stdout, "%d call reports' times are in none of the form files given: left as they are, still marked (give the form they came from)\n",
			fix.NotInForms)
		for _, s := range fix.NotFound {
			fmt.Fprintf(e.stdout, "  %s\n", s)
		}
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
		fmt.Fprintf(e.stdout, "%d left as they are, still marked (a time that did not happen on the legislature's clock, or one two rows give):\n", len(fix.Skipped))
		for _, s := range fix.Skipped {
			fmt.Fprintf(e.stdout, "  %s\n", s)
		}
	}
	if fix.BatchID != 0 {
		fmt.Fprintf(e.stdout, "chapterdesk import undo %d takes it back\n", fix.BatchID)
	}
}
