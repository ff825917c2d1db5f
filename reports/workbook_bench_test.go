package reports_test

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/reports"
)

// benchWorkbook writes the coalition workbook from the large demo database `make
// bench` builds (CHAPTERDESK_BENCH_DB) for the period ending the day the demo's
// calls end.
func benchWorkbook(b *testing.B, days int) {
	ctx := context.Background()
	s := dbtest.BenchStore(b)
	q := db.ReportQuery{To: time.Now().Truncate(24 * time.Hour).Add(24 * time.Hour), TallyInCallLog: true}
	if days > 0 {
		q.From = q.To.AddDate(0, 0, -days)
	}
	for b.Loop() {
		err := s.Report(ctx, q, func(r *db.Report) error {
			err := reports.WriteWorkbook(ctx, io.Discard, r, reports.WorkbookOptions{})
			b.ReportMetric(float64(r.Summary.Calls), "calls")
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWorkbookMonth is a month's workbook (DESIGN: under 2 s, 200 MB).
func BenchmarkWorkbookMonth(b *testing.B) { benchWorkbook(b, 30) }

// BenchmarkWorkbookAll is the whole campaign's workbook, every call in the log
// (DESIGN: under 15 s, 300 MB).
func BenchmarkWorkbookAll(b *testing.B) { benchWorkbook(b, 0) }

// BenchmarkWhipBoardPDF is `chapterdesk whipboard` on the 1,000,000-call demo database
// without the process start (issue 17: the whip board PDF under 150 ms): the whip
// count and the record's marks read, the poster of both chambers written.
func BenchmarkWhipBoardPDF(b *testing.B) {
	ctx := context.Background()
	s := dbtest.BenchStore(b)
	camps, err := s.Campaigns(ctx)
	if err != nil || len(camps) == 0 {
		b.Fatal(camps, err)
	}
	for b.Loop() {
		whip, err := s.WhipCount(ctx, camps[0].ID)
		if err != nil {
			b.Fatal(err)
		}
		marks, err := s.RecordMarks(ctx, camps[0].ID)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := reports.WhipBoardPDF(ctx, io.Discard, reports.WhipBoard{Campaign: camps[0].Name, Whip: whip, Marks: marks},
			reports.PDFOptions{}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(whip.Legislators)), "legislators")
	}
}
