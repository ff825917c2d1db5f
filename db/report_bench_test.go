package db_test

import (
	"context"
	"testing"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
)

// benchReport reads a whole workbook's data (every sheet, every streamed row) for the
// period, as the report writer does.
func benchReport(b *testing.B, from time.Time) {
	s := benchStore(b)
	ctx := context.Background()
	to := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	for b.Loop() {
		var calls, vols, roster int
		err := s.Report(ctx, db.ReportQuery{From: from, To: to}, func(r *db.Report) error {
			if err := r.EachVolunteerActivity(func(*db.VolunteerActivity) error { vols++; return nil }); err != nil {
				return err
			}
			if err := r.EachCall(func(*db.CallLogRow) error { calls++; return nil }); err != nil {
				return err
			}
			return r.EachVolunteer(func(*db.RosterRow) error { roster++; return nil })
		})
		if err != nil || calls == 0 {
			b.Fatal(calls, err)
		}
		b.ReportMetric(float64(calls), "calls")
	}
}

// BenchmarkReportDataMonth is the data of a month's workbook on the 1M-call demo.
func BenchmarkReportDataMonth(b *testing.B) {
	benchReport(b, time.Date(2026, 10, 25, 0, 0, 0, 0, time.UTC))
}

// BenchmarkReportDataAll is the data of the whole campaign's workbook.
func BenchmarkReportDataAll(b *testing.B) { benchReport(b, time.Time{}) }
