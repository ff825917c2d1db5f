package main

import (
	"context"
	"fmt"
	"io"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/reports"
)

// runExport writes volunteers, call reports or legislators as CSV (UTF-8 with a
// byte-order mark; cells that a spreadsheet would run as formulas are neutralized).
// It reads the file read-only.
func runExport(ctx context.Context, e *env, args []string) error {
	fs := e.newFlags("export")
	campaign := fs.Int64("campaign", 0, "export record: only this campaign's (default: every campaign's)")
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usageError{"give what to export and the file: export volunteers|calls|legislators|record FILE.csv"}
	}
	if *campaign != 0 && pos[0] != "record" {
		return usageError{"--campaign is for export record"}
	}
	kind, out := pos[0], pos[1]
	var write func(ctx context.Context, s *db.Store, w io.Writer) error
	switch kind {
	case "volunteers":
		write = func(ctx context.Context, s *db.Store, w io.Writer) error {
			return reports.WriteVolunteersCSV(ctx, w, func(fn func(*db.RosterRow) error) error {
				return s.EachRosterVolunteer(ctx, fn)
			})
		}
	case "calls":
		write = func(ctx context.Context, s *db.Store, w io.Writer) error {
			zone, err := s.Zone(ctx, 0) // the times with the legislature's offset: the instant, read as the lead does
			if err != nil {
				return err
			}
			return reports.WriteCallsCSV(ctx, w, zone.Loc, func(fn func(*db.CallLogRow) error) error {
				return s.EachCallReport(ctx, fn)
			})
		}
	case "legislators":
		write = func(ctx context.Context, s *db.Store, w io.Writer) error {
			ls, err := s.Legislators(ctx)
			if err != nil {
				return err
			}
			return reports.WriteLegislatorsCSV(ctx, w, ls)
		}
	case "record":
		write = func(ctx context.Context, s *db.Store, w io.Writer) error {
			if *campaign != 0 {
				if _, err := s.Campaign(ctx, *campaign); err != nil {
					return fmt.Errorf("no campaign %d (see chapterdesk campaign list)", *campaign)
				}
			}
			return reports.WriteRecordCSV(ctx, w, func(fn func(*db.RecordRow) error) error {
				return s.EachRecordRow(ctx, db.RecordFilter{CampaignID: *campaign}, fn)
			})
		}
	default:
		return usageError{fmt.Sprintf("cannot export %q: volunteers, calls, legislators or record", kind)}
	}
	path, err := e.dbPath(false)
	if err != nil {
		return err
	}
	return withStore(ctx, path, db.Options{ReadOnly: true}, func(s *db.Store) error {
		if err := writeFileAtomic(out, func(w io.Writer) error { return write(ctx, s, w) }); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "exported %s to %s\n", kind, out)
		return nil
	})
}
