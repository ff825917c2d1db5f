package db_test

import (
	"context"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/stream"
)

func TestExportProgress(t *testing.T) {
	s, err := db.Open(context.Background(), demoFile(t, "a.db", 3, 2500, 3200), db.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, c := range []struct {
		name string
		each func(ctx context.Context) (int, error)
	}{
		{"volunteers", func(ctx context.Context) (int, error) {
			n := 0
			return n, s.EachRosterVolunteer(ctx, func(*db.RosterRow) error { n++; return nil })
		}},
		{"calls", func(ctx context.Context) (int, error) {
			n := 0
			return n, s.EachCallReport(ctx, func(*db.CallLogRow) error { n++; return nil })
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got [][2]int64
			ctx := stream.WithProgress(context.Background(), func(done, total int64) { got = append(got, [2]int64{done, total}) })
			rows, err := c.each(ctx)
			if err != nil {
				t.Fatal(err)
			}
			// The first thousand rows are reported at once; the rest come within 100 ms
			// of each other, so a fast export hears of the first step only.
			if len(got) == 0 || got[0] != [2]int64{1000, int64(rows)} {
				t.Errorf("%d rows, progress %v: want 1000 of %d first", rows, got, rows)
			}
		})
	}
}
