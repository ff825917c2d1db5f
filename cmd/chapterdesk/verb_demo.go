package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"runtime/debug"
	"time"

	"github.com/chapterdesk/chapterdesk/db"
	"github.com/chapterdesk/chapterdesk/demo"
)

// runDemo writes a synthetic chapter. A new file is built whole (and only appears when
// complete); an existing file is filled only when it has no volunteers or reports.
func runDemo(ctx context.Context, e *env, args []string) error {
	fs := e.newFlags("demo")
	var o demo.Options
	fs.IntVar(&o.Volunteers, "volunteers", 2000, "how many volunteers")
	fs.IntVar(&o.Calls, "calls", 20000, "how many call reports")
	fs.IntVar(&o.Chapters, "chapters", 1, "a coalition of this many chapters (the server's owner; volunteers and calls spread over them)")
	fs.Uint64Var(&o.Seed, "seed", 1, "the same seed gives the same chapter")
	asOf := fs.String("as-of", "", "the demo's today (YYYY-MM-DD); calls run up to it (default: today)")
	pos, err := e.parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", pos[0])}
	}
	if *asOf != "" {
		if o.AsOf, err = time.Parse("2006-01-02", *asOf); err != nil {
			return usageError{fmt.Sprintf("--as-of %q is not a date like 2026-11-25", *asOf)}
		}
	}
	if err := o.Validate(); err != nil {
		return err
	}
	path, err := e.dbPath(true)
	if err != nil {
		return err
	}
	// The build allocates millions of short-lived rows; a larger GC target trades
	// memory the job has anyway for collector time on the second core.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	start := time.Now()
	generate := func(s *db.Store) error { return demo.Generate(ctx, s, o) }
	if _, statErr := os.Stat(path); !db.IsServer(path) && errors.Is(statErr, os.ErrNotExist) {
		err = db.Build(ctx, path, generate)
	} else {
		err = withStore(ctx, path, db.Options{}, generate)
	}
	if errors.Is(err, demo.ErrNotEmpty) {
		return fmt.Errorf("%s already has volunteers or call reports; the demo only fills a new or empty file (give another --db)", showDB(path))
	}
	if err != nil {
		return err
	}
	what := "demo chapter"
	if o.Chapters > 1 {
		what = fmt.Sprintf("demo coalition of %d chapters", o.Chapters)
	}
	fmt.Fprintf(e.stdout, "%s written to %s: %d volunteers, %d call reports (%.1f s)\n",
		what, showDB(path), o.Volunteers, o.Calls, time.Since(start).Seconds())
	return nil
}

// verbFullCheckUpTo: a writing verb checks a data file of up to 32 MB (a chapter of
// about 10,000 volunteers and 100,000 call reports) in full before writing, about a
// second; a larger one only when it changed outside ChapterDesk, as the full check
// of the 260 MB demo file takes 8 to 17 s. The app's daily check covers the rest.
const verbFullCheckUpTo = 32 << 20

// verbReadCheckUpTo: a reading verb (stats, report, export) checks in full a data file
// of up to 512 MB changed outside ChapterDesk before reading it (integrity_check takes
// 0.1 s on 7 MB, 8 to 17 s on the 260 MB demo file), once: a clean check seals it. The
// quick check misses index entries that disagree with their tables, through which a
// report counts wrong numbers without a word.
const verbReadCheckUpTo = 512 << 20

// withStore opens the database, runs fn and closes it, reporting the first error. A
// file it creates starts as the app would start it (see openStore).
func withStore(ctx context.Context, path string, opts db.Options, fn func(*db.Store) error) error {
	if !opts.ReadOnly && opts.FullCheckUpTo == 0 {
		opts.FullCheckUpTo = verbFullCheckUpTo
	}
	if opts.ReadOnly && opts.CheckChangedUpTo == 0 {
		opts.CheckChangedUpTo = verbReadCheckUpTo
	}
	s, err := openStore(ctx, path, opts)
	if err != nil {
		return err
	}
	err = fn(s)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if opts.ReadOnly {
		// A read-only open skips the quick check: damage is met by the first query
		// that reads a damaged page, and gets the same advice as at open.
		err = damagedHint(db.Damaged(ctx, path, db.BusyAlone(path, err)))
	}
	return err
}
