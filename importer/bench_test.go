package importer_test

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/db/dbtest"
	"github.com/chapterdesk/chapterdesk/importer"
)

// BenchmarkImportNationBuilder100k reads and imports a 100,000-row NationBuilder
// export (218 columns, 5% duplicates) into an empty roster, then imports it again
// (DESIGN: each under 3 s and 150 MB). It runs under make bench only.
func BenchmarkImportNationBuilder100k(b *testing.B) {
	if os.Getenv("CHAPTERDESK_BENCH_DB") == "" {
		b.Skip("large benchmark: run it with make bench")
	}
	file, _ := generateNationBuilder(b, 100_000)
	ctx := context.Background()
	importFile := func(s *db.Store) db.VolunteerImportSummary {
		f, err := os.Open(file)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		vf, err := importer.OpenVolunteers(f, "")
		if err != nil {
			b.Fatal(err)
		}
		sum, err := s.ImportVolunteers(ctx, vf.Rows(false, nil), db.ImportOptions{Format: vf.Format.ID})
		if err != nil {
			b.Fatal(err)
		}
		return sum
	}
	b.Run("first", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			s := dbtest.Open(b)
			b.StartTimer()
			if sum := importFile(s); sum.Created != 95_000 {
				b.Fatalf("created %d", sum.Created)
			}
		}
	})
	b.Run("again", func(b *testing.B) {
		s := dbtest.Open(b)
		importFile(s)
		for b.Loop() {
			if sum := importFile(s); sum.Created+sum.Updated != 0 {
				b.Fatalf("created %d, updated %d", sum.Created, sum.Updated)
			}
		}
	})
}

// BenchmarkImportCalls reads and imports a report-form export (gen_calls.py) into a
// chapter with the Massachusetts legislators and no calls yet, then imports it again.
// CHAPTERDESK_CALLS_N sets the rows (default 100,000; DESIGN: under 2 s), or
// CHAPTERDESK_CALLS_CSV names a file gen_calls.py wrote with that many. It runs under
// make bench only.
func BenchmarkImportCalls(b *testing.B) {
	if os.Getenv("CHAPTERDESK_BENCH_DB") == "" {
		b.Skip("large benchmark: run it with make bench")
	}
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("CHAPTERDESK_CALLS_N")); err == nil && v > 0 {
		n = v
	}
	file := os.Getenv("CHAPTERDESK_CALLS_CSV")
	if file == "" {
		file = generateCalls(b, n)
	}
	ctx := context.Background()
	newChapter := func() *db.Store {
		s := dbtest.Open(b)
		dbtest.Campaign(b, s)
		if _, err := s.ImportLegislators(ctx, readLegislators(b, "ma.csv").Rows, db.ImportOptions{State: "MA"}); err != nil {
			b.Fatal(err)
		}
		return s
	}
	importFile := func(s *db.Store) db.CallImportSummary {
		f, err := os.Open(file)
		if err != nil {
			b.Fatal(err)
		}
		defer f.Close()
		in, err := importer.OpenCallsWith(f, importer.Options{})
		if err != nil {
			b.Fatal(err)
		}
		sum, err := s.ImportCallsFrom(ctx, in.Rows(false), db.CallImportOptions{})
		if err != nil {
			b.Fatal(err)
		}
		return sum
	}
	b.Run("first", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			s := newChapter()
			b.StartTimer()
			if sum := importFile(s); sum.Created < n*9/10 {
				b.Fatalf("created %d of %d", sum.Created, n)
			}
		}
	})
	b.Run("again", func(b *testing.B) {
		s := newChapter()
		importFile(s)
		for b.Loop() {
			if sum := importFile(s); sum.Created != 0 {
				b.Fatalf("created %d", sum.Created)
			}
		}
	})
}
