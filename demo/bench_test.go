package demo_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/demo"
)

// BenchmarkDemo100k1M builds the DESIGN's large demo chapter into a new file
// (DESIGN: under 10 s), as `chapterdesk demo --volunteers 100000 --calls 1000000` does.
// It runs under make bench only (CHAPTERDESK_BENCH_DB set).
func BenchmarkDemo100k1M(b *testing.B) {
	if os.Getenv("CHAPTERDESK_BENCH_DB") == "" {
		b.Skip("large benchmark: run it with make bench")
	}
	o := demo.Options{Volunteers: 100_000, Calls: 1_000_000, Seed: 1, AsOf: asOf}
	defer debug.SetGCPercent(debug.SetGCPercent(400)) // as the demo verb sets it
	for b.Loop() {
		path := filepath.Join(b.TempDir(), "demo.db")
		if err := db.Build(context.Background(), path, func(s *db.Store) error {
			return demo.Generate(context.Background(), s, o)
		}); err != nil {
			b.Fatal(err)
		}
	}
}
