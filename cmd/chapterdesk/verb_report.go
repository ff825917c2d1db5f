package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/reports"
	"github.com/chapterdesk/chapterdesk/stream"
)

// defaultReportDays is the period a workbook covers when no dates are given: the
// last 30 days, today included — the month a lead reports on at the coalition
// meeting.
const defaultReportDays = 30

// runReport writes the coalition workbook for a campaign and a period, reading the
// file read-only (it works while the app has it open).
func runReport(ctx context.Context, e *env, args []string) error {
	fs := e.newFlags("report")
	campaign := fs.Int64("campaign", 0, "the campaign's id (default: the newest active campaign; see campaign list)")
	from := fs.String("from", "", "the period's first day, YYYY-MM-DD (default: 30 days ending --to)")
	to := fs.String("to", "", "the period's last day, YYYY-MM-DD, included (default: today)")
	all := fs.Bool("all", false, "the whole campaign, from its first call to today")
	safe := fs.Bool("coalition-safe", false, "leave out every contact detail and note; volunteers as first name and last initial")
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageError{"give the workbook to write: report FILE.xlsx"}
	}
	// Bad days are refused before the file is opened; the period is then counted in
	// the days of the legislature's zone, which the file tells.
	if _, err := reportPeriod(*from, *to, *all, time.Now(), time.UTC); err != nil {
		return err
	}
	path, err := e.dbPath(false)
	if err != nil {
		return err
	}
	defer limitMemory()()
	return withStore(ctx, path, db.Options{ReadOnly: true}, func(s *db.Store) error {
		zone, err := s.Zone(ctx, *campaign)
		if err != nil {
			return err
		}
		if why := zone.Unknown(); why != "" {
			fmt.Fprintf(e.stderr, "note: %s\n", why)
		}
		q, err := reportPeriod(*from, *to, *all, time.Now(), zone.Loc)
		if err != nil {
			return err
		}
		q.CampaignID = *campaign
		q.TallyInCallLog = true // the workbook reads the period's calls once
		return s.Report(ctx, q, func(r *db.Report) error {
			err := writeFileAtomic(pos[0], func(w io.Writer) error {
				return reports.WriteWorkbook(ctx, w, r, reports.WorkbookOptions{CoalitionSafe: *safe, Location: q.Location,
					Progress: stream.ProgressFrom(ctx), Warn: func(msg string) { fmt.Fprintf(e.stderr, "note: %s\n", msg) }})
			})
			if err != nil {
				return err
			}
			sum := r.Summary
			fmt.Fprintf(e.stdout, "wrote %s: %s, %s to %s: %d calls, %d reaches, %d volunteers called\n", pos[0],
				sum.CampaignName, sum.From.In(q.Location).Format(time.DateOnly),
				sum.To.Add(-time.Second).In(q.Location).Format(time.DateOnly), sum.Calls, sum.Reaches, sum.VolunteersCalled)
			note, err := defaultCampaignNote(ctx, s, *campaign != 0, sum.CampaignID)
			if err == nil {
				fmt.Fprintln(e.stdout, note)
			}
			return err
		})
	})
}

// The workbook's memory. Writing streams, but what it keeps grows with the roster
// (the names of the call log, each caller's tally: about 80 MB for 100,000
// volunteers and 1M calls, 110 to 130 MB for 300,000 and 3M) besides excelize's
// buffers, and a million rows make garbage fast. A fixed soft limit (140 MiB, once)
// kept the month and the 1M workbook near 180 MB but sat barely above the 3M
// workbook's live heap: the collector ran back to back (1,247 cycles measured here, 6x the 1M
// CPU). So the collector runs when the heap has grown by half of what is live
// (GOGC=50 rather than 100), which keeps its cost per call the same at any size,
// and a soft limit well above that only stops a heap that would pass 300 MB.
// Measured on the demos (report --all): 1M 171 MB, 3M 258 MB peak RSS.
const (
	reportGCPercent   = 50
	reportMemoryLimit = 260 << 20
)

// limitMemory paces the collector for a workbook unless the user set GOGC or
// GOMEMLIMIT, and returns what sets the previous pacing back: the window runs the
// verb in its own process.
func limitMemory() (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") != "" {
		return func() {}
	}
	oldPercent := debug.SetGCPercent(reportGCPercent)
	oldLimit := debug.SetMemoryLimit(reportMemoryLimit)
	return func() {
		debug.SetMemoryLimit(oldLimit)
		debug.SetGCPercent(oldPercent)
	}
}

// reportPeriod turns the --from/--to days (the last one included) into a period of
// the days of loc (the legislature's zone, Store.Zone).
func reportPeriod(from, to string, all bool, now time.Time, loc *time.Location) (db.ReportQuery, error) {
	q := db.ReportQuery{Location: loc}
	day := func(flag, text string) (time.Time, error) {
		t, err := time.ParseInLocation(time.DateOnly, text, loc)
		if err != nil {
			return t, usageError{fmt.Sprintf("--%s %q is not a date like 2026-11-25", flag, text)}
		}
		return t, nil
	}
	now = now.In(loc) // today is the legislature's, not this computer's
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
	last := today
	if to != "" {
		t, err := day("to", to)
		if err != nil {
			return q, err
		}
		last = t
	}
	q.To = last.AddDate(0, 0, 1)
	switch {
	case all && from != "":
		return q, usageError{"give --all or --from, not both"}
	case all:
		// From stays zero: the store starts the period at the campaign's first call.
	case from != "":
		t, err := day("from", from)
		if err != nil {
			return q, err
		}
		q.From = t
	default:
		q.From = last.AddDate(0, 0, 1-defaultReportDays)
	}
	if !q.From.IsZero() && !q.From.Before(q.To) {
		return q, usageError{fmt.Sprintf("--from %s is after --to %s", q.From.Format(time.DateOnly), last.Format(time.DateOnly))}
	}
	return q, nil
}
