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
	campaign := fs.Int64("campaign", 0, "the campaign's id (default: the newest campaign)")
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
	q, err := reportPeriod(*from, *to, *all, time.Now(), time.Local)
	if err != nil {
		return err
	}
	q.CampaignID = *campaign
	q.TallyInCallLog = true // the workbook reads the period's calls once
	path, err := e.dbPath(false)
	if err != nil {
		return err
	}
	defer limitMemory()()
	return withStore(ctx, path, db.Options{ReadOnly: true}, func(s *db.Store) error {
		return s.Report(ctx, q, func(r *db.Report) error {
			err := writeFileAtomic(pos[0], func(w io.Writer) error {
				return reports.WriteWorkbook(ctx, w, r, reports.WorkbookOptions{CoalitionSafe: *safe, Location: q.Location,
					Progress: stream.ProgressFrom(ctx)})
			})
			if err != nil {
				return err
			}
			sum := r.Summary
			fmt.Fprintf(e.stdout, "wrote %s: %s, %s to %s: %d calls, %d reaches, %d volunteers called\n", pos[0],
				sum.CampaignName, sum.From.In(q.Location).Format(time.DateOnly),
				sum.To.Add(-time.Second).In(q.Location).Format(time.DateOnly), sum.Calls, sum.Reaches, sum.VolunteersCalled)
			return nil
		})
	})
}

// reportMemoryLimit is the heap a workbook is written within. Writing streams (the
// live heap stays near 105 MB for a month or for a million calls: 64 MB of it are
// the two long sheets' excelize buffers), but a million rows make garbage fast, and
// by default the collector lets the heap reach twice its live size before it runs;
// a soft limit makes it collect sooner, for a little more CPU. With the binary's own
// 40 MB, 140 MiB keeps the peak near 180 MB (1M-call demo: month 182 MB, all 181 MB;
// at 180 MiB they were 215 and 214 MB) for ~0.1 CPU-s a month and ~0.3 for all.
const reportMemoryLimit = 140 << 20

// limitMemory sets the soft memory limit unless the user set GOMEMLIMIT, and returns
// what sets the previous one back: the window runs the verb in its own process.
func limitMemory() (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	old := debug.SetMemoryLimit(reportMemoryLimit)
	return func() { debug.SetMemoryLimit(old) }
}

// reportPeriod turns the --from/--to days (the last one included) into a period.
func reportPeriod(from, to string, all bool, now time.Time, loc *time.Location) (db.ReportQuery, error) {
	q := db.ReportQuery{Location: loc}
	day := func(flag, text string) (time.Time, error) {
		t, err := time.ParseInLocation(time.DateOnly, text, loc)
		if err != nil {
			return t, usageError{fmt.Sprintf("--%s %q is not a date like 2026-11-25", flag, text)}
		}
		return t, nil
	}
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
